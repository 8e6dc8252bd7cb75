"""Customers: companies and people, with access rules, history, events and search."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy import update as sql_update
from sqlalchemy.ext.asyncio import AsyncSession

from crm.access import service as access_service
from crm.core import access, lifecycle, listing, search
from crm.core.errors import Forbidden, Invalid
from crm.core.events import emit
from crm.core.history import diff, record_change
from crm.core.models import FieldChange
from crm.core.schemas import read_model
from crm.core.search import digits, search_blob
from crm.core.security import Principal
from crm.custom_fields import service as custom_fields_service
from crm.customers.models import Customer
from crm.customers.schemas import CustomerCreate, CustomerRead, CustomerType, CustomerUpdate, HistoryEntry
from crm.users import service as users_service

OBJECT = "customer"
WHAT = "Customer"
TRACKED = (
    "type",
    "name",
    "first_name",
    "last_name",
    "company_id",
    "job_title",
    "emails",
    "phones",
    "addresses",
    "website",
    "industry",
    "social_profiles",
    "birthday",
    "tags",
    "owner_id",
    "lifecycle_stage",
    "notes",
    "custom_fields",
)


@lru_cache
def list_spec(dialect: str) -> listing.ListSpec:
    F = listing.Field
    return listing.ListSpec(
        model=Customer,
        fields={
            "type": F(Customer.type, CustomerType),
            "name": F(Customer.name),
            "first_name": F(Customer.first_name, nullable=True, sort_default=""),
            "last_name": F(Customer.last_name, nullable=True, sort_default=""),
            "company_id": F(Customer.company_id, uuid.UUID, nullable=True, sortable=False),
            "job_title": F(Customer.job_title, nullable=True, sortable=False),
            "industry": F(Customer.industry, nullable=True, sort_default=""),
            "owner_id": F(Customer.owner_id, uuid.UUID, sortable=False),
            "lifecycle_stage": F(Customer.lifecycle_stage),
            "birthday": F(Customer.birthday, date, nullable=True, sort_default=date(1, 1, 1)),
            "email": F(Customer.primary_email, nullable=True, sortable=False),
            "tags": F(Customer.tags, array=True, sortable=False),
            "created_at": F(Customer.created_at, listing.datetime),
            "updated_at": F(Customer.updated_at, listing.datetime),
        },
        default_sort="-created_at",
        search=search.fuzzy(Customer.search_text, Customer.name, dialect),
        array_contains=search.json_array_contains(dialect),
    )


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def snapshot(c: Customer) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in TRACKED:
        value = getattr(c, key)
        if isinstance(value, uuid.UUID):
            value = str(value)
        elif isinstance(value, date):
            value = value.isoformat()
        out[key] = value
    return out


def derive_name(first: str | None, last: str | None) -> str:
    first, last = (first or "").strip(), (last or "").strip()
    # Korean names read family name first, without a space (김민준); others "First Last".
    if first and last and all("\uac00" <= ch <= "\ud7a3" for ch in first + last):
        return last + first
    return " ".join(p for p in (first, last) if p)


def _primary_first(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if items and not any(i.get("primary") for i in items):
        items[0]["primary"] = True
    return items


async def _level(session: AsyncSession) -> access.Level:
    return await access_service.level_for(session, OBJECT)


async def get_visible(
    session: AsyncSession, principal: Principal, customer_id: uuid.UUID, *, deleted: bool | None = False
) -> Customer:
    """The customer if the caller may see it; `deleted`: False live only, True trash only, None both."""
    return await access.load_visible(
        session, Customer, customer_id, principal, await _level(session), WHAT, deleted=deleted
    )


async def _check_company(
    session: AsyncSession, principal: Principal, c_type: str, company_id: uuid.UUID | None, self_id: uuid.UUID | None
) -> Customer | None:
    if company_id is None:
        return None
    loc: list[str | int] = ["body", "company_id"]
    if c_type != CustomerType.person:
        raise Invalid.at(loc, "Only people can belong to a company.")
    company = await session.get(Customer, company_id)
    if (
        company is None
        or company.deleted_at is not None
        or not access.can_read(principal, await _level(session), company.owner_id)
    ):
        raise Invalid.at(loc, "Unknown company.")
    if company.type != CustomerType.company or company.id == self_id:
        raise Invalid.at(loc, "company_id must point at a company.")
    return company


def _apply(c: Customer, values: dict[str, Any], principal: Principal) -> None:
    for key in (
        "name",
        "first_name",
        "last_name",
        "company_id",
        "job_title",
        "website",
        "industry",
        "birthday",
        "notes",
    ):
        if key in values:
            setattr(c, key, values[key])
    if "lifecycle_stage" in values and values["lifecycle_stage"] is not None:
        c.lifecycle_stage = str(values["lifecycle_stage"])
    for key in ("emails", "phones"):
        if key in values:
            items = [dict(i) for i in values[key] or []]
            if key == "emails":
                for i in items:
                    i["value"] = str(i["value"]).lower()
            setattr(c, key, _primary_first(items))
    if "addresses" in values:
        c.addresses = [dict(a) for a in values["addresses"] or []]
    if "tags" in values:
        c.tags = list(dict.fromkeys(t for t in (values["tags"] or [])))
    if "social_profiles" in values:
        merged = dict(c.social_profiles or {})
        for k, v in (values["social_profiles"] or {}).items():
            if v is None:
                merged.pop(k, None)
            else:
                merged[k] = v
        c.social_profiles = merged


async def _finish(session: AsyncSession, c: Customer, company: Customer | None) -> None:
    if c.type == CustomerType.person:
        derived = derive_name(c.first_name, c.last_name)
        if not derived:
            raise Invalid.at(["body", "first_name"], "A person needs a first or last name.", "missing")
        c.name = derived
    elif not (c.name or "").strip():
        raise Invalid.at(["body", "name"], "A company needs a name.", "missing")
    if company is None and c.company_id is not None:
        company = await session.get(Customer, c.company_id)
    derive_search_fields(c, company.name if company else None)


def derive_search_fields(c: Customer, company_name: str | None) -> None:
    """Primary email and search text, from the record and its employer's name (bulk loads use it too)."""
    c.primary_email = next((e["value"] for e in c.emails or [] if e.get("primary")), None)
    phone_digits = []
    for p in c.phones or []:
        phone_digits.append(digits(p["value"]))
        # National form too (010…), since that's how people type Korean numbers.
        if p["value"].startswith("+82"):
            phone_digits.append("0" + digits(p["value"])[2:])
    c.search_text = search_blob(
        c.name,
        c.first_name,
        c.last_name,
        " ".join(e["value"] for e in c.emails or []),
        " ".join(phone_digits),
        company_name,
    )


async def _refresh_people_search(session: AsyncSession, company: Customer) -> None:
    people = (await session.execute(select(Customer).where(Customer.company_id == company.id))).scalars().all()
    for person in people:
        await _finish(session, person, company)


async def create(session: AsyncSession, principal: Principal, data: CustomerCreate) -> Customer:
    access.ensure_can_create(principal)
    values = data.changes()
    values.pop("type")
    owner_id = values.pop("owner_id", None) or principal.user_id
    if owner_id != principal.user_id:
        access.ensure_owner_assignable(principal, owner_id)
        if await users_service.get_active(session, owner_id) is None:
            raise Invalid.at(["body", "owner_id"], "Unknown or inactive user.")
    company = await _check_company(session, principal, data.type, values.get("company_id"), None)
    custom = await custom_fields_service.validate_values(session, OBJECT, values.pop("custom_fields", None) or {})
    c = Customer(
        type=data.type.value,
        name=values.get("name") or "",
        owner_id=owner_id,
        custom_fields=custom,
        emails=[],
        phones=[],
        addresses=[],
        tags=[],
        social_profiles={},
    )
    if data.type == CustomerType.person and "name" in values:
        raise Invalid.at(["body", "name"], "A person's name comes from first_name and last_name.")
    _apply(c, values, principal)
    if values.get("lifecycle_stage") is None:
        c.lifecycle_stage = "lead"
    await _finish(session, c, company)
    session.add(c)
    await session.flush()
    record_change(
        session,
        principal,
        OBJECT,
        c.id,
        "created",
        {k: (None, v) for k, v in snapshot(c).items() if v not in (None, [], {}, "")},
    )
    emit(session, "customer.created", OBJECT, c.id, {"id": str(c.id), "type": c.type, "name": c.name}, principal)
    return c


async def update(session: AsyncSession, principal: Principal, c: Customer, data: CustomerUpdate) -> Customer:
    access.ensure_editable(principal, await _level(session), c.owner_id, WHAT)
    values = data.changes()
    before = snapshot(c)
    if "owner_id" in values:
        if values["owner_id"] is None:
            raise Invalid.at(["body", "owner_id"], "A customer always has an owner.")
        if values["owner_id"] != c.owner_id:
            # Handing a record over is for its owner's line (or admins), whatever the edit level.
            if not principal.manages(c.owner_id):
                raise Forbidden("Only the owner, their managers or an admin can reassign this customer.")
            access.ensure_owner_assignable(principal, values["owner_id"])
            if await users_service.get_active(session, values["owner_id"]) is None:
                raise Invalid.at(["body", "owner_id"], "Unknown or inactive user.")
            c.owner_id = values["owner_id"]
    if c.type == CustomerType.person and "name" in values:
        raise Invalid.at(["body", "name"], "A person's name comes from first_name and last_name.")
    if c.type == CustomerType.company and "name" in values and values["name"] is None:
        raise Invalid.at(["body", "name"], "A company needs a name.", "missing")
    company = None
    if "company_id" in values:
        company = await _check_company(session, principal, c.type, values["company_id"], c.id)
    if "custom_fields" in values:
        c.custom_fields = await custom_fields_service.validate_values(
            session, OBJECT, values.pop("custom_fields") or {}, c.custom_fields
        )
    _apply(c, values, principal)
    await _finish(session, c, company)
    changes = diff(before, snapshot(c))
    if not changes:
        return c
    await session.flush()
    if c.type == CustomerType.company and "name" in changes:
        await _refresh_people_search(session, c)
    record_change(session, principal, OBJECT, c.id, "updated", changes)
    emit(session, "customer.updated", OBJECT, c.id, {"id": str(c.id), "fields": sorted(changes)}, principal)
    return c


async def delete(session: AsyncSession, principal: Principal, c: Customer) -> None:
    access.ensure_editable(principal, await _level(session), c.owner_id, WHAT)
    await lifecycle.soft_delete(session, principal, c, OBJECT)


async def restore(session: AsyncSession, principal: Principal, c: Customer) -> Customer:
    access.ensure_editable(principal, await _level(session), c.owner_id, WHAT)
    return await lifecycle.restore(session, principal, c, OBJECT)


async def purge(session: AsyncSession, principal: Principal, c: Customer) -> None:
    await session.execute(sql_update(Customer).where(Customer.company_id == c.id).values(company_id=None))
    await lifecycle.purge(session, principal, c, OBJECT)


async def list_customers(
    session: AsyncSession, principal: Principal, params: listing.ListParams, *, extra_where: Sequence[Any] = ()
) -> listing.ListResult:
    dialect = _dialect(session)
    where = list(extra_where)
    clause = access.visible_clause(principal, await _level(session), Customer.owner_id)
    if clause is not None:
        where.append(clause)
    await search.set_threshold(session, params.q)
    return await listing.paginate(session, list_spec(dialect), params, where=where)


async def people(
    session: AsyncSession, principal: Principal, company: Customer, params: listing.ListParams
) -> listing.ListResult:
    if company.type != CustomerType.company:
        raise Invalid.at(["path", "customer_id"], "Only companies have people.")
    return await list_customers(session, principal, params, extra_where=[Customer.company_id == company.id])


HISTORY_SPEC = listing.ListSpec(
    model=FieldChange,
    fields={
        "changed_at": listing.Field(FieldChange.changed_at, listing.datetime),
        "field": listing.Field(FieldChange.field, nullable=True, sortable=False),
        "action": listing.Field(FieldChange.action, sortable=False),
        "actor_id": listing.Field(FieldChange.actor_id, uuid.UUID, nullable=True, sortable=False),
    },
    default_sort="-changed_at",
)


async def record_history(
    session: AsyncSession, record_type: str, record_id: uuid.UUID, params: listing.ListParams
) -> tuple[list[HistoryEntry], str | None, int | None]:
    """Field changes of any record, newest first, with who made them (used by every domain)."""
    result = await listing.paginate(
        session,
        HISTORY_SPEC,
        params,
        search=False,
        where=[FieldChange.record_type == record_type, FieldChange.record_id == record_id],
    )
    actors = await users_service.names(session, {r.actor_id for r in result.rows})
    items = [
        HistoryEntry.model_validate(r).model_copy(update={"actor_name": actors.get(r.actor_id)}) for r in result.rows
    ]
    return items, result.next_cursor, result.total


async def to_read(session: AsyncSession, principal: Principal, rows: Sequence[Customer]) -> list[CustomerRead]:
    """Serialises a page with two lookups (companies, owners), whatever its size."""
    live = list(rows)
    company_ids = {r.company_id for r in live if r.company_id}
    companies: dict[uuid.UUID, str] = {}
    if company_ids:
        query = select(Customer.id, Customer.name).where(Customer.id.in_(company_ids))
        clause = access.visible_clause(principal, await _level(session), Customer.owner_id)
        if clause is not None:  # an employer the caller may not see stays nameless
            query = query.where(clause)
        companies = dict((await session.execute(query)).all())
    owners = await users_service.names(session, {r.owner_id for r in live})
    return [
        read_model(
            CustomerRead,
            r,
            company_name=companies.get(r.company_id) if r.company_id else None,
            owner_name=owners.get(r.owner_id),
        )
        for r in live
    ]


def trash_query(principal: Principal, level: access.Level) -> Select[Any]:
    return lifecycle.trash_query(Customer, OBJECT, lifecycle.owner_visible(principal, level, Customer))
