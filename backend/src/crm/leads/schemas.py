from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, Field, StrictBool, StrictInt, model_validator

from crm.core.money import Amount, Currency
from crm.core.schemas import InputModel, OutputModel, RecordRead
from crm.customers.schemas import ContactPoint, EmailItem, PhoneItem, Tag, Website, _country, _one_primary


class LeadSource(StrEnum):
    web_form = "web_form"
    api = "api"
    import_ = "import"
    partner = "partner"
    referral = "referral"
    event = "event"
    ads = "ads"
    email = "email"
    phone = "phone"
    social = "social"
    other = "other"


class LeadStatus(StrEnum):
    new = "new"
    contacted = "contacted"
    qualified = "qualified"
    unqualified = "unqualified"
    converted = "converted"


Country = Annotated[str, Field(min_length=2, max_length=2), AfterValidator(_country)]
CompanySize = Annotated[StrictInt, Field(ge=1, le=10_000_000)]
Reason = Annotated[str, Field(min_length=1, max_length=500)]


class _LeadFields(InputModel):
    first_name: str | None = Field(None, max_length=150)
    last_name: str | None = Field(None, max_length=150)
    company_name: str | None = Field(None, max_length=300)
    job_title: str | None = Field(None, max_length=200)
    emails: list[EmailItem] | None = Field(None, max_length=20)
    phones: list[PhoneItem] | None = Field(None, max_length=20)
    website: Website | None = None
    country: Country | None = None
    industry: str | None = Field(None, max_length=100)
    company_size: CompanySize | None = Field(None, description="Employees.")
    campaign: str | None = Field(None, max_length=150)
    tags: list[Tag] | None = Field(None, max_length=50)
    notes: str | None = Field(None, max_length=20_000)
    owner_id: uuid.UUID | None = None
    custom_fields: dict[str, object] | None = None

    @model_validator(mode="after")
    def _primaries(self) -> _LeadFields:
        _one_primary(self.emails, "emails")
        _one_primary(self.phones, "phones")
        return self


class LeadCreate(_LeadFields):
    source: LeadSource = LeadSource.api
    status: LeadStatus | None = Field(None, description="new (default), contacted or qualified.")


class LeadUpdate(_LeadFields):
    """Partial update. `status: unqualified` needs `unqualified_reason`; `converted` only via /convert."""

    source: LeadSource | None = None
    status: LeadStatus | None = None
    unqualified_reason: Reason | None = None


class ScoreReason(OutputModel):
    label: str
    points: int
    kind: str = Field(description="rule, engagement")


class ProbabilityFactor(OutputModel):
    feature: str
    label: str
    impact: float = Field(description="Log-odds against the average lead: > 0 raised the probability.")


class LeadRead(RecordRead):
    name: str
    first_name: str | None
    last_name: str | None
    company_name: str | None
    job_title: str | None
    emails: list[ContactPoint]
    phones: list[ContactPoint]
    website: str | None
    country: str | None
    industry: str | None
    company_size: int | None
    source: LeadSource
    campaign: str | None
    status: LeadStatus
    unqualified_reason: str | None
    owner_id: uuid.UUID
    owner_name: str | None = None
    assignment_rule_id: uuid.UUID | None
    assignment_rule_name: str | None
    tags: list[str]
    notes: str | None
    custom_fields: dict[str, object]
    score: int
    rule_score: int
    score_source: str = Field("rules", description="rules, or model when a trained model scores leads.")
    score_reasons: list[ScoreReason]
    conversion_probability: float | None
    probability_factors: list[ProbabilityFactor]
    scored_at: datetime | None
    web_form_id: uuid.UUID | None
    submission_count: int
    last_submitted_at: datetime | None
    converted_at: datetime | None
    converted_company_id: uuid.UUID | None
    converted_contact_id: uuid.UUID | None
    converted_deal_id: uuid.UUID | None
    deleted_at: datetime | None


# --- conversion -----------------------------------------------------------------------------


class ConvertDeal(InputModel):
    name: str | None = Field(None, min_length=1, max_length=200, description="Default: the company's name.")
    pipeline_id: uuid.UUID | None = None
    stage_id: uuid.UUID | None = None
    amount: Amount | None = None
    currency: Currency | None = None
    expected_close_date: date | None = None


class LeadConvert(InputModel):
    company_id: uuid.UUID | None = Field(None, description="Link this company instead of the matched or a new one.")
    contact_id: uuid.UUID | None = Field(None, description="Link this person instead of the matched or a new one.")
    skip_company: StrictBool = Field(False, description="Don't create or link a company.")
    deal: ConvertDeal | None = Field(None, description="Also open a deal for the customer.")


class CustomerMatch(OutputModel):
    id: uuid.UUID
    name: str
    reason: str = Field(description="email, domain or name")


class ConversionPreview(OutputModel):
    company: CustomerMatch | None
    contact: CustomerMatch | None
    creates_company: bool
    creates_contact: bool
    company_name: str | None
    contact_name: str


class ConversionResult(OutputModel):
    lead: LeadRead
    company_id: uuid.UUID | None
    company_created: bool
    contact_id: uuid.UUID
    contact_created: bool
    deal_id: uuid.UUID | None


# --- rules ----------------------------------------------------------------------------------


class Condition(InputModel):
    field: str = Field(min_length=1, max_length=40, description="A lead field, e.g. country, company_size, source.")
    op: str = Field("eq", description="eq, ne, gt, gte, lt, lte, in, nin, contains, isnull")
    value: str = Field(max_length=500, description="As in list filters: `KR,JP` for in, `true` for isnull.")


class ConditionRead(OutputModel):
    field: str
    op: str
    value: str
    text: str = Field("", description="Readable form, e.g. `country in KR,JP`.")


class ScoringRuleCreate(InputModel):
    name: str = Field(min_length=1, max_length=120)
    field: str = Field(min_length=1, max_length=40)
    op: str = "eq"
    value: str = Field(max_length=500)
    points: Annotated[StrictInt, Field(ge=-100, le=100)]
    active: StrictBool = True


class ScoringRuleUpdate(InputModel):
    name: str | None = Field(None, min_length=1, max_length=120)
    field: str | None = Field(None, min_length=1, max_length=40)
    op: str | None = None
    value: str | None = Field(None, max_length=500)
    points: Annotated[StrictInt, Field(ge=-100, le=100)] | None = None
    active: StrictBool | None = None


class ScoringRuleRead(RecordRead):
    name: str
    field: str
    op: str
    value: str
    points: int
    active: bool
    text: str = ""


class AssignmentRuleCreate(InputModel):
    name: str = Field(min_length=1, max_length=120)
    conditions: list[Condition] = Field(default_factory=list, max_length=20, description="All must match; none: any.")
    user_ids: list[uuid.UUID] = Field(default_factory=list, max_length=200, description="Round-robin over these.")
    team_manager_id: uuid.UUID | None = Field(None, description="Or round-robin over this manager's direct reports.")
    position: Annotated[StrictInt, Field(ge=0, le=10_000)] | None = None
    active: StrictBool = True


class AssignmentRuleUpdate(InputModel):
    name: str | None = Field(None, min_length=1, max_length=120)
    conditions: list[Condition] | None = Field(None, max_length=20)
    user_ids: list[uuid.UUID] | None = Field(None, max_length=200)
    team_manager_id: uuid.UUID | None = None
    position: Annotated[StrictInt, Field(ge=0, le=10_000)] | None = None
    active: StrictBool | None = None


class AssignmentRuleRead(RecordRead):
    name: str
    position: int
    active: bool
    conditions: list[ConditionRead]
    user_ids: list[uuid.UUID]
    team_manager_id: uuid.UUID | None
    assigned_count: int


class RescoreResult(OutputModel):
    rescored: int


# --- predictive model -----------------------------------------------------------------------


class CalibrationBin(OutputModel):
    predicted: float
    observed: float
    count: int


class ModelFactor(OutputModel):
    feature: str
    label: str
    weight: float


class ScoringModelRead(OutputModel):
    status: str = Field(description="trained, insufficient_data or untrained")
    message: str
    in_use: bool = Field(False, description="True when leads are scored by this model (else by the rules).")
    trained_at: datetime | None
    trigger: str | None
    training_size: int
    positives: int
    negatives: int
    holdout_size: int
    holdout_auc: float | None
    rule_holdout_auc: float | None
    brier: float | None
    calibration: list[CalibrationBin]
    top_factors: list[ModelFactor]


# --- web forms ------------------------------------------------------------------------------


class FormFieldName(StrEnum):
    first_name = "first_name"
    last_name = "last_name"
    email = "email"
    phone = "phone"
    company_name = "company_name"
    job_title = "job_title"
    website = "website"
    country = "country"
    industry = "industry"
    company_size = "company_size"
    message = "message"


class FormField(InputModel):
    name: FormFieldName
    label: str = Field(min_length=1, max_length=120)
    required: StrictBool = False


class FormFieldRead(OutputModel):
    name: FormFieldName
    label: str
    required: bool


Origin = Annotated[str, Field(pattern=r"^https?://[A-Za-z0-9.\-]+(:\d{1,5})?$", max_length=300)]
RedirectUrl = Annotated[str, Field(pattern=r"^https?://\S+$", max_length=500)]


class WebFormCreate(InputModel):
    name: str = Field(min_length=1, max_length=120)
    fields: list[FormField] = Field(min_length=1, max_length=20)
    allowed_origins: list[Origin] = Field(default_factory=list, max_length=20)
    redirect_url: RedirectUrl | None = None
    default_owner_id: uuid.UUID | None = None
    default_campaign: str | None = Field(None, max_length=150)
    dedupe_window_hours: Annotated[StrictInt, Field(ge=0, le=24 * 365)] = 720
    active: StrictBool = True


class WebFormUpdate(InputModel):
    name: str | None = Field(None, min_length=1, max_length=120)
    fields: list[FormField] | None = Field(None, min_length=1, max_length=20)
    allowed_origins: list[Origin] | None = Field(None, max_length=20)
    redirect_url: RedirectUrl | None = None
    default_owner_id: uuid.UUID | None = None
    default_campaign: str | None = Field(None, max_length=150)
    dedupe_window_hours: Annotated[StrictInt, Field(ge=0, le=24 * 365)] | None = None
    active: StrictBool | None = None


class WebFormRead(RecordRead):
    name: str
    form_key: str
    fields: list[FormFieldRead]
    allowed_origins: list[str]
    redirect_url: str | None
    default_owner_id: uuid.UUID | None
    default_campaign: str | None
    dedupe_window_hours: int
    active: bool
    submission_count: int
    spam_count: int
    last_submission_at: datetime | None
    submit_url: str = ""
    embed_html: str = Field("", description="Copy-paste HTML for a page on an allowed origin.")


class SubmissionAccepted(OutputModel):
    status: str = "received"
