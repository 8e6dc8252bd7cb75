from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

import phonenumbers
from pydantic import AfterValidator, EmailStr, Field, StrictBool, model_validator

from crm.core.schemas import InputModel, OutputModel, RecordRead
from crm.settings import get_settings


class CustomerType(StrEnum):
    company = "company"
    person = "person"


class LifecycleStage(StrEnum):
    subscriber = "subscriber"
    lead = "lead"
    prospect = "prospect"
    customer = "customer"
    evangelist = "evangelist"
    churned = "churned"
    other = "other"


def _e164(value: str) -> str:
    try:
        number = phonenumbers.parse(value, get_settings().default_phone_region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError("not a phone number") from exc
    if not phonenumbers.is_possible_number(number) or not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _country(value: str) -> str:
    code = value.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise ValueError("not an ISO 3166-1 alpha-2 country code")
    return code


def _website(value: str) -> str:
    value = value.strip()
    if not re.match(r"^https?://", value, re.I):
        value = "https://" + value
    if not re.match(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$", value, re.I):
        raise ValueError("not a web address")
    return value


Label = Annotated[str, Field(max_length=40)]


class EmailItem(InputModel):
    label: Label = "work"
    value: EmailStr
    primary: StrictBool = False


class PhoneItem(InputModel):
    label: Label = "work"
    value: Annotated[str, Field(min_length=3, max_length=40), AfterValidator(_e164)]
    primary: StrictBool = False


class AddressItem(InputModel):
    label: Label = "work"
    street: str | None = Field(None, max_length=300)
    city: str | None = Field(None, max_length=120)
    region: str | None = Field(None, max_length=120)
    postal_code: str | None = Field(None, max_length=20)
    country: Annotated[str, AfterValidator(_country)] | None = None


Handle = Annotated[str, Field(min_length=1, max_length=300)]


class SocialProfiles(InputModel):
    linkedin: Handle | None = None
    x: Handle | None = None
    facebook: Handle | None = None
    instagram: Handle | None = None
    kakao: Handle | None = None
    line: Handle | None = None
    wechat: Handle | None = None
    other: Handle | None = None


Tag = Annotated[str, Field(min_length=1, max_length=50)]
Website = Annotated[str, Field(max_length=500), AfterValidator(_website)]


def _one_primary(items: list[EmailItem] | list[PhoneItem] | None, name: str) -> None:
    if items and sum(1 for i in items if i.primary) > 1:
        raise ValueError(f"only one of {name} can be primary")


class _CustomerFields(InputModel):
    name: str | None = Field(None, min_length=1, max_length=300)
    first_name: str | None = Field(None, max_length=150)
    last_name: str | None = Field(None, max_length=150)
    company_id: uuid.UUID | None = None
    job_title: str | None = Field(None, max_length=200)
    emails: list[EmailItem] | None = Field(None, max_length=20)
    phones: list[PhoneItem] | None = Field(None, max_length=20)
    addresses: list[AddressItem] | None = Field(None, max_length=20)
    website: Website | None = None
    industry: str | None = Field(None, max_length=100)
    social_profiles: SocialProfiles | None = None
    birthday: date | None = None
    tags: list[Tag] | None = Field(None, max_length=50)
    owner_id: uuid.UUID | None = None
    lifecycle_stage: LifecycleStage | None = None
    notes: str | None = Field(None, max_length=20_000)
    custom_fields: dict[str, object] | None = None

    @model_validator(mode="after")
    def _primaries(self) -> _CustomerFields:
        _one_primary(self.emails, "emails")
        _one_primary(self.phones, "phones")
        if self.birthday and self.birthday > date.today():
            raise ValueError("birthday cannot be in the future")
        return self


class CustomerCreate(_CustomerFields):
    type: CustomerType


class CustomerUpdate(_CustomerFields):
    """Partial update: only the fields sent change; `custom_fields` and `social_profiles` merge."""


class ContactPoint(OutputModel):
    label: str
    value: str
    primary: bool


class Address(OutputModel):
    label: str
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


class CustomerRead(RecordRead):
    type: CustomerType
    name: str
    first_name: str | None
    last_name: str | None
    company_id: uuid.UUID | None
    company_name: str | None = None
    job_title: str | None
    emails: list[ContactPoint]
    phones: list[ContactPoint]
    addresses: list[Address]
    website: str | None
    industry: str | None
    social_profiles: dict[str, str]
    birthday: date | None
    tags: list[str]
    owner_id: uuid.UUID
    owner_name: str | None = None
    lifecycle_stage: LifecycleStage
    notes: str | None
    custom_fields: dict[str, object]
    deleted_at: datetime | None


class HistoryEntry(OutputModel):
    id: uuid.UUID
    action: str
    field: str | None
    old_value: object | None
    new_value: object | None
    actor_id: uuid.UUID | None
    actor_name: str | None = None
    changed_at: datetime
