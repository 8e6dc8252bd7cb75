"""Leads: capture, assignment, scoring, the work queue and conversion into customers and deals."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Select, func, or_, select
from sqlalchemy import update as sql_update
from sqlalchemy.ext.asyncio import AsyncSession

from crm.access import service as access_service
from crm.core import access, lifecycle, listing, search
from crm.core.errors import Conflict, Forbidden, Invalid, NotFound
from crm.core.events import emit
from crm.core.history import diff, record_change
from crm.core.schemas import read_model
from crm.core.search import digits, escape_like, search_blob
from crm.core.security import Principal
from crm.custom_fields import service as custom_fields_service
from crm.customers import service as customers_service
from crm.customers.models import Customer
from crm.customers.schemas import CustomerCreate, CustomerType, LifecycleStage
from crm.db import utcnow
from crm.deals import service as deals_service
from crm.deals.schemas import DealCreate
from crm.leads import assignment, conditions, scoring
from crm.leads.models import Lead
from crm.leads.schemas import (
    ConversionPreview,
    CustomerMatch,
    LeadConvert,
    LeadCreate,
    LeadRead,
    LeadSource,
    LeadStatus,
    LeadUpdate,
)
from crm.users import service as users_service
from crm.users.models import User

OBJECT = "lead"
WHAT = "Lead"
TRACKED = (
    "first_name",
    "last_name",
    "company_name",
    "job_title",
    "emails",
    "phones",
    "website",
    "country",
    "industry",
    "company_size",
    "source",
    "campaign",
    "status",
    "unqualified_reason",
    "owner_id",
    "tags",
    "notes",
    "custom_fields",
)
CLOSED = (LeadStatus.converted.value, LeadStatus.unqualified.value)


@lru_cache
def list_spec(dialect: str) -> listing.ListSpec:
    F = listing.Field
    return listing.ListSpec(
        model=Lead,
        fields={
            "name": F(Lead.name),
            "first_name": F(Lead.first_name, nullable=True, sort_default=""),
            "last_name": F(Lead.last_name, nullable=True, sort_default=""),
            "company_name": F(Lead.company_name, nullable=True, sort_default=""),
            "job_title": F(Lead.job_title, nullable=True, sortable=False),
            "email": F(Lead.primary_email, nullable=True, sortable=False),
            "country": F(Lead.country, nullable=True, sort_default=""),
            "industry": F(Lead.industry, nullable=True, sort_default=""),
            "company_size": F(Lead.company_size, int, nullable=True, sort_default=0),
            "source": F(Lead.source, LeadSource),
            "campaign": F(Lead.campaign, nullable=True, sort_default=""),
            "status": F(Lead.status, LeadStatus),
            "owner_id": F(Lead.owner_id, uuid.UUID, sortable=False),
            "score": F(Lead.score, int),
            "rule_score": F(Lead.rule_score, int),
            "tags": F(Lead.tags, array=True, sortable=False),
            "web_form_id": F(Lead.web_form_id, uuid.UUID, nullable=True, sortable=False),
            "assignment_rule_id": F(Lead.assignment_rule_id, uuid.UUID, nullable=True, sortable=False),
            "converted_at": F(Lead.converted_at, listing.datetime, nullable=True, sortable=False),
            "created_at": F(Lead.created_at, listing.datetime),
            "updated_at": F(Lead.updated_at, listing.datetime),
        },
        default_sort="-created_at",
        search=search.fuzzy(Lead.search_text, Lead.name, dialect),
        array_contains=search.json_array_contains(dialect),
    )


def snapshot(lead: Lead) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in TRACKED:
        value = getattr(lead, key)
        out[key] = str(value) if isinstance(value, uuid.UUID) else value
    return out


async def level(session: AsyncSession) -> access.Level:
    return await access_service.level_for(session, OBJECT)


async def get_visible(
    session: AsyncSession, principal: Principal, lead_id: uuid.UUID, *, deleted: bool | None = False
) -> Lead:
    return await access.load_visible(session, Lead, lead_id, principal, await level(session), WHAT, deleted=deleted)


def _values(data: LeadCreate | LeadUpdate) -> dict[str, Any]:
    values = data.changes(mode="python")
    for key in ("emails", "phones"):
        if key in values and values[key] is not None:
            values[key] = [item.model_dump(mode="python") for item in getattr(data, key)]
    return values


def _primary_first(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if items and not any(i.get("primary") for i in items):
        items[0]["primary"] = True
    return items


def apply_values(lead: Lead, values: dict[str, Any]) -> None:
    for key in ("first_name", "last_name", "company_name", "job_title", "website", "industry", "company_size"):
        if key in values:
            value = values[key]
            setattr(lead, key, value.strip() or None if isinstance(value, str) else value)
    for key in ("campaign", "notes", "country"):
        if key in values:
            setattr(lead, key, values[key])
    if values.get("source") is not None:
        lead.source = str(values["source"])
    for key in ("emails", "phones"):
        if key in values:
            items = [dict(i) for i in values[key] or []]
            if key == "emails":
                for i in items:
                    i["value"] = str(i["value"]).lower()
            setattr(lead, key, _primary_first(items))
    if "tags" in values:
        lead.tags = list(dict.fromkeys(values["tags"] or []))


def finish(lead: Lead) -> None:
    """Derived fields: display name, primary email, search text."""
    lead.primary_email = next((e["value"] for e in lead.emails or [] if e.get("primary")), None)
    person = customers_service.derive_name(lead.first_name, lead.last_name)
    name = person or lead.company_name or lead.primary_email
    if not name:
        raise Invalid.at(["body", "last_name"], "A lead needs a name, a company or an email.", "missing")
    lead.name = name[:300]
    phone_digits = []
    for p in lead.phones or []:
        phone_digits.append(digits(p["value"]))
        if p["value"].startswith("+82"):
            phone_digits.append("0" + digits(p["value"])[2:])
    lead.search_text = search_blob(
        person,
        lead.company_name,
        " ".join(e["value"] for e in lead.emails or []),
        " ".join(phone_digits),
        lead.campaign,
    )


async def _check_owner(session: AsyncSession, principal: Principal | None, owner_id: uuid.UUID) -> None:
    if principal is not None and owner_id != principal.user_id:
        access.ensure_owner_assignable(principal, owner_id)
    if await users_service.get_active(session, owner_id) is None:
        raise Invalid.at(["body", "owner_id"], "Unknown or inactive user.")


async def fallback_owner(session: AsyncSession) -> uuid.UUID:
    """Who owns a public submission when no rule and no form default applies: the oldest active admin."""
    stmt = (
        select(User.id)
        .where(User.role == "admin", User.is_active.is_(True))
        .order_by(User.created_at, User.id)
        .limit(1)
    )
    owner = (await session.execute(stmt)).scalar_one_or_none()
    if owner is None:
        raise Conflict("No active admin to receive the lead.")
    return owner


async def insert(
    session: AsyncSession,
    principal: Principal | None,
    lead: Lead,
    *,
    explicit_owner: uuid.UUID | None,
    default_owner: uuid.UUID | None,
) -> Lead:
    """Owner (explicit, else assignment rules, else the default), score, history and events."""
    finish(lead)
    rule = None
    if explicit_owner is not None:
        lead.owner_id = explicit_owner
    else:
        picked = await assignment.assign(session, scoring.features(lead))
        if picked is not None:
            lead.owner_id, rule = picked
            lead.assignment_rule_id, lead.assignment_rule_name = rule.id, rule.name
        elif default_owner is not None:
            lead.owner_id = default_owner
        else:
            lead.owner_id = principal.user_id if principal else await fallback_owner(session)
    await scoring.score(session, lead)
    session.add(lead)
    await session.flush()
    record_change(
        session,
        principal,
        OBJECT,
        lead.id,
        "created",
        {k: (None, v) for k, v in snapshot(lead).items() if v not in (None, [], {}, "")},
    )
    emit(
        session,
        "lead.created",
        OBJECT,
        lead.id,
        {"id": str(lead.id), "name": lead.name, "source": lead.source, "score": lead.score},
        principal,
    )
    emit(
        session,
        "lead.assigned",
        OBJECT,
        lead.id,
        {
            "id": str(lead.id),
            "owner_id": str(lead.owner_id),
            "rule_id": str(rule.id) if rule else None,
            "rule_name": rule.name if rule else None,
        },
        principal,
    )
    return lead


async def create(session: AsyncSession, principal: Principal, data: LeadCreate) -> Lead:
    access.ensure_can_create(principal)
    values = _values(data)
    owner_id = values.pop("owner_id", None)
    if owner_id is not None:
        await _check_owner(session, principal, owner_id)
    status = values.pop("status", None) or LeadStatus.new
    if status in CLOSED:
        raise Invalid.at(["body", "status"], "A new lead is new, contacted or qualified.")
    custom = await custom_fields_service.validate_values(session, OBJECT, values.pop("custom_fields", None) or {})
    lead = Lead(
        source=str(data.source),
        status=str(status),
        custom_fields=custom,
        emails=[],
        phones=[],
        tags=[],
        submission_count=0,
        score=0,
        rule_score=0,
        score_reasons=[],
        probability_factors=[],
    )
    apply_values(lead, values)
    return await insert(session, principal, lead, explicit_owner=owner_id, default_owner=None)


async def _set_status(lead: Lead, values: dict[str, Any]) -> None:
    if "status" not in values and "unqualified_reason" not in values:
        return
    status = values.get("status")
    new = str(status) if status is not None else lead.status
    if status is None and "status" in values:
        raise Invalid.at(["body", "status"], "A lead always has a status.")
    if new == LeadStatus.converted and lead.status != LeadStatus.converted:
        raise Invalid.at(["body", "status"], "Convert a lead with POST /leads/{id}/convert.")
    if new == LeadStatus.unqualified:
        reason = values.get("unqualified_reason") or (
            lead.unqualified_reason if lead.status == LeadStatus.unqualified else None
        )
        if not reason:
            raise Invalid.at(["body", "unqualified_reason"], "Say why the lead is unqualified.", "missing")
        lead.unqualified_reason = reason
    elif values.get("unqualified_reason"):
        raise Invalid.at(["body", "unqualified_reason"], "Only unqualified leads carry a reason.")
    else:
        lead.unqualified_reason = None
    lead.status = new


async def update(session: AsyncSession, principal: Principal, lead: Lead, data: LeadUpdate) -> Lead:
    access.ensure_editable(principal, await level(session), lead.owner_id, WHAT)
    values = _values(data)
    before = snapshot(lead)
    if lead.status == LeadStatus.converted:
        frozen = set(values) - {"notes", "tags", "custom_fields"}
        if frozen - ({"status"} if values.get("status") == LeadStatus.converted else set()):
            raise Conflict("A converted lead keeps what it had; edit the customer or deal it became.")
    if "owner_id" in values:
        if values["owner_id"] is None:
            raise Invalid.at(["body", "owner_id"], "A lead always has an owner.")
        if values["owner_id"] != lead.owner_id:
            if not principal.manages(lead.owner_id):
                raise Forbidden("Only the owner, their managers or an admin can reassign this lead.")
            await _check_owner(session, principal, values["owner_id"])
            lead.owner_id = values["owner_id"]
            lead.assignment_rule_id, lead.assignment_rule_name = None, None
    await _set_status(lead, values)
    if "custom_fields" in values:
        lead.custom_fields = await custom_fields_service.validate_values(
            session, OBJECT, values.pop("custom_fields") or {}, lead.custom_fields
        )
    apply_values(lead, values)
    finish(lead)
    changes = diff(before, snapshot(lead))
    if not changes:
        return lead
    await scoring.score(session, lead)
    await session.flush()
    record_change(session, principal, OBJECT, lead.id, "updated", changes)
    emit(session, "lead.updated", OBJECT, lead.id, {"id": str(lead.id), "fields": sorted(changes)}, principal)
    if "owner_id" in changes:
        emit(
            session,
            "lead.assigned",
            OBJECT,
            lead.id,
            {"id": str(lead.id), "owner_id": str(lead.owner_id), "rule_id": None, "rule_name": None},
            principal,
        )
    if "status" in changes:
        old, new = changes["status"]
        emit(
            session,
            "lead.status_changed",
            OBJECT,
            lead.id,
            {"id": str(lead.id), "from": old, "to": new, "reason": lead.unqualified_reason},
            principal,
        )
    return lead


async def delete(session: AsyncSession, principal: Principal, lead: Lead) -> None:
    access.ensure_editable(principal, await level(session), lead.owner_id, WHAT)
    await lifecycle.soft_delete(session, principal, lead, OBJECT)


async def restore(session: AsyncSession, principal: Principal, lead: Lead) -> Lead:
    access.ensure_editable(principal, await level(session), lead.owner_id, WHAT)
    return await lifecycle.restore(session, principal, lead, OBJECT)


async def purge(session: AsyncSession, principal: Principal, lead: Lead) -> None:
    await lifecycle.purge(session, principal, lead, OBJECT)


def trash_query(principal: Principal, lvl: access.Level) -> Select[Any]:
    return lifecycle.trash_query(Lead, OBJECT, lifecycle.owner_visible(principal, lvl, Lead))


async def list_leads(session: AsyncSession, principal: Principal, params: listing.ListParams) -> listing.ListResult:
    dialect = session.get_bind().dialect.name
    where = []
    clause = access.visible_clause(principal, await level(session), Lead.owner_id)
    if clause is not None:
        where.append(clause)
    await search.set_threshold(session, params.q)
    return await listing.paginate(session, list_spec(dialect), params, where=where)


async def to_read(session: AsyncSession, rows: Sequence[Lead]) -> list[LeadRead]:
    owners = await users_service.names(session, {r.owner_id for r in rows})
    return [
        read_model(
            LeadRead,
            r,
            owner_name=owners.get(r.owner_id),
            score_source="model" if r.conversion_probability is not None else "rules",
        )
        for r in rows
    ]


# --- web capture ----------------------------------------------------------------------------


async def find_recent_duplicate(session: AsyncSession, email: str, since: datetime) -> Lead | None:
    """A live, unconverted lead with this email that was created or resubmitted since `since`."""
    stmt = (
        select(Lead)
        .where(
            Lead.primary_email == email.lower(),
            Lead.deleted_at.is_(None),
            Lead.status != LeadStatus.converted.value,
            or_(Lead.created_at >= since, Lead.last_submitted_at >= since),
        )
        .order_by(Lead.created_at.desc(), Lead.id.desc())
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def resubmitted(session: AsyncSession, lead: Lead, values: dict[str, Any]) -> Lead:
    """A repeat form submission: fill in what the visitor sent, count the interest, re-score."""
    before = snapshot(lead)
    # The visitor's own answers win, but an empty answer never erases what a rep recorded.
    apply_values(lead, {k: v for k, v in values.items() if v not in (None, "", [])})
    lead.submission_count = (lead.submission_count or 0) + 1
    lead.last_submitted_at = utcnow()
    finish(lead)
    await scoring.score(session, lead)
    await session.flush()
    changes = diff(before, snapshot(lead))
    if changes:
        record_change(session, None, OBJECT, lead.id, "updated", changes)
    emit(
        session,
        "lead.resubmitted",
        OBJECT,
        lead.id,
        {"id": str(lead.id), "submission_count": lead.submission_count, "fields": sorted(changes)},
    )
    return lead


# --- conversion -----------------------------------------------------------------------------


def _domain(lead: Lead) -> str | None:
    if lead.website:
        host = (urlsplit(lead.website).hostname or "").lower()
        host = host.removeprefix("www.")
        if host:
            return host
    if conditions.email_kind(lead.primary_email) == "business":
        return conditions.email_domain(lead.primary_email)
    return None


async def _visible_customers(session: AsyncSession, principal: Principal) -> list[Any]:
    where = [Customer.deleted_at.is_(None)]
    clause = access.visible_clause(
        principal, await access_service.level_for(session, customers_service.OBJECT), Customer.owner_id
    )
    if clause is not None:
        where.append(clause)
    return where


async def match_contact(session: AsyncSession, principal: Principal, lead: Lead) -> Customer | None:
    addresses = [e["value"] for e in lead.emails or []]
    if not addresses:
        return None
    stmt = (
        select(Customer)
        .where(
            *(await _visible_customers(session, principal)),
            Customer.type == CustomerType.person.value,
            Customer.primary_email.in_(addresses),
        )
        .order_by(Customer.created_at)
        .limit(1)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def match_company(
    session: AsyncSession, principal: Principal, lead: Lead, contact: Customer | None
) -> tuple[Customer, str] | None:
    where = [*(await _visible_customers(session, principal)), Customer.type == CustomerType.company.value]
    if contact is not None and contact.company_id is not None:
        company = (await session.execute(select(Customer).where(*where, Customer.id == contact.company_id))).scalar()
        if company is not None:
            return company, "contact"
    domain = _domain(lead)
    if domain:
        pattern = escape_like(domain)
        stmt = (
            select(Customer)
            .where(
                *where,
                or_(
                    func.lower(Customer.website).like(f"%://{pattern}%", escape="\\"),
                    func.lower(Customer.website).like(f"%://www.{pattern}%", escape="\\"),
                ),
            )
            .order_by(Customer.created_at)
            .limit(1)
        )
        company = (await session.execute(stmt)).scalar_one_or_none()
        if company is not None:
            return company, "domain"
    if lead.company_name:
        stmt = (
            select(Customer)
            .where(*where, func.lower(Customer.name) == lead.company_name.strip().lower())
            .order_by(Customer.created_at)
            .limit(1)
        )
        company = (await session.execute(stmt)).scalar_one_or_none()
        if company is not None:
            return company, "name"
    return None


async def preview(session: AsyncSession, principal: Principal, lead: Lead) -> ConversionPreview:
    contact = await match_contact(session, principal, lead)
    company = await match_company(session, principal, lead, contact)
    return ConversionPreview(
        company=CustomerMatch(id=company[0].id, name=company[0].name, reason=company[1]) if company else None,
        contact=CustomerMatch(id=contact.id, name=contact.name, reason="email") if contact else None,
        creates_company=company is None and bool(lead.company_name),
        creates_contact=contact is None,
        company_name=company[0].name if company else lead.company_name,
        contact_name=contact.name if contact else lead.name,
    )


async def _pick_customer(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID, kind: CustomerType, field: str
) -> Customer:
    loc: list[str | int] = ["body", field]
    try:
        c = await customers_service.get_visible(session, principal, customer_id)
    except NotFound as exc:
        raise Invalid.at(loc, "Unknown customer.") from exc
    if c.type != kind.value:
        raise Invalid.at(loc, f"{field} must point at a {kind.value}.")
    return c


def _under(exc: Invalid, prefix: str) -> Invalid:
    """A nested create's 422 points into the convert body (`body.deal.stage_id`, not `body.stage_id`)."""
    errors = [
        {**e, "loc": ["body", prefix, *e["loc"][1:]] if e["loc"][:1] == ["body"] else e["loc"]}
        for e in exc.errors or []
    ]
    return Invalid(exc.detail, errors=errors)


async def convert(session: AsyncSession, principal: Principal, lead: Lead, data: LeadConvert) -> dict[str, Any]:
    """One transaction: company and person (linked when they exist, created otherwise), an optional
    deal, and the lead marked converted with links to all of it. Any failure undoes everything."""
    access.ensure_editable(principal, await level(session), lead.owner_id, WHAT)
    if lead.status == LeadStatus.converted:
        raise Conflict("This lead is already converted.")
    # New records go to the lead's owner when the caller may hand records to them.
    owner = lead.owner_id if principal.manages(lead.owner_id) else principal.user_id

    contact = None
    if data.contact_id is not None:
        contact = await _pick_customer(session, principal, data.contact_id, CustomerType.person, "contact_id")
    else:
        contact = await match_contact(session, principal, lead)
    contact_created = company_created = False

    company: Customer | None = None
    if data.company_id is not None:
        if data.skip_company:
            raise Invalid.at(["body", "skip_company"], "Give company_id or skip_company, not both.")
        company = await _pick_customer(session, principal, data.company_id, CustomerType.company, "company_id")
    elif not data.skip_company:
        found = await match_company(session, principal, lead, contact)
        if found is not None:
            company = found[0]
        elif lead.company_name:
            try:
                company = await customers_service.create(
                    session,
                    principal,
                    CustomerCreate(
                        type=CustomerType.company,
                        name=lead.company_name,
                        website=lead.website,
                        industry=lead.industry,
                        owner_id=owner,
                        lifecycle_stage=LifecycleStage.prospect,
                        addresses=[{"label": "work", "country": lead.country}] if lead.country else None,
                    ),
                )
            except Invalid as exc:
                raise _under(exc, "company") from exc
            company_created = True

    if contact is None:
        first, last = lead.first_name, lead.last_name
        if not (first or last):
            first = lead.name
        try:
            contact = await customers_service.create(
                session,
                principal,
                CustomerCreate(
                    type=CustomerType.person,
                    first_name=first,
                    last_name=last,
                    job_title=lead.job_title,
                    emails=lead.emails or None,
                    phones=lead.phones or None,
                    company_id=company.id if company else None,
                    owner_id=owner,
                    lifecycle_stage=LifecycleStage.prospect,
                    tags=lead.tags or None,
                ),
            )
        except Invalid as exc:
            raise _under(exc, "contact") from exc
        contact_created = True

    deal = None
    if data.deal is not None:
        target = company or contact
        values = data.deal.changes(mode="json")
        try:
            deal = await deals_service.create(
                session,
                principal,
                DealCreate.model_validate(
                    {
                        **values,
                        "name": values.pop("name", None) or target.name,
                        "customer_id": str(target.id),
                        "contact_ids": [str(contact.id)] if company else None,
                        "owner_id": str(owner),
                        "source": lead.source,
                        "lead_id": str(lead.id),
                    }
                ),
            )
        except Invalid as exc:
            raise _under(exc, "deal") from exc

    before = snapshot(lead)
    lead.status = LeadStatus.converted.value
    lead.unqualified_reason = None
    lead.converted_at = utcnow()
    lead.converted_by_id = principal.user_id
    lead.converted_company_id = company.id if company else None
    lead.converted_contact_id = contact.id
    lead.converted_deal_id = deal.id if deal else None
    await session.flush()
    record_change(session, principal, OBJECT, lead.id, "converted", diff(before, snapshot(lead)))
    emit(
        session,
        "lead.converted",
        OBJECT,
        lead.id,
        {
            "id": str(lead.id),
            "company_id": str(company.id) if company else None,
            "contact_id": str(contact.id),
            "deal_id": str(deal.id) if deal else None,
        },
        principal,
    )
    return {
        "company_id": company.id if company else None,
        "company_created": company_created,
        "contact_id": contact.id,
        "contact_created": contact_created,
        "deal_id": deal.id if deal else None,
    }


def window_start(hours: int) -> datetime:
    return utcnow() - timedelta(hours=hours)


async def _unlink_purged(session: AsyncSession, record_type: str, record_id: uuid.UUID) -> None:
    """A converted lead forgets a purged customer or deal it became."""
    cols = {
        "customer": (Lead.converted_company_id, Lead.converted_contact_id),
        "deal": (Lead.converted_deal_id,),
    }.get(record_type, ())
    for col in cols:
        await session.execute(
            sql_update(Lead)
            .where(col == record_id)
            .values({col.key: None})
            .execution_options(synchronize_session=False)
        )


lifecycle.PURGE_HOOKS.append(_unlink_purged)
