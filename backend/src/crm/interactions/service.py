"""Interactions: every call, e-mail, meeting, visit, message and note with a customer, lead or deal.

An interaction is visible to whoever may see every record it is linked to, and editable by its
owner's line (or admins)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import or_, select
from sqlalchemy import update as sql_update
from sqlalchemy.ext.asyncio import AsyncSession

from crm.access import service as access_service
from crm.core import access, lifecycle, listing, search
from crm.core.errors import Forbidden, Invalid, NotFound
from crm.core.events import emit
from crm.core.history import diff, record_change
from crm.core.schemas import read_model
from crm.core.search import search_blob
from crm.core.security import Principal
from crm.customers.models import Customer
from crm.db import utcnow
from crm.deals.models import Deal
from crm.interactions.models import Interaction
from crm.interactions.schemas import (
    Direction,
    InteractionCreate,
    InteractionRead,
    InteractionType,
    InteractionUpdate,
    ParticipantKind,
)
from crm.leads.models import Lead
from crm.users import service as users_service
from crm.users.models import User

OBJECT = "interaction"
WHAT = "Interaction"
LINKS = (("customer_id", Customer, "customer"), ("lead_id", Lead, "lead"), ("deal_id", Deal, "deal"))
TRACKED = (
    "type",
    "direction",
    "occurred_at",
    "duration_seconds",
    "subject",
    "body",
    "outcome",
    "participants",
    "customer_id",
    "lead_id",
    "deal_id",
    "owner_id",
)


@lru_cache
def list_spec(dialect: str) -> listing.ListSpec:
    F = listing.Field
    return listing.ListSpec(
        model=Interaction,
        fields={
            "type": F(Interaction.type, InteractionType),
            "direction": F(Interaction.direction, Direction, nullable=True, sortable=False),
            "occurred_at": F(Interaction.occurred_at, listing.datetime),
            "customer_id": F(Interaction.customer_id, uuid.UUID, nullable=True, sortable=False),
            "lead_id": F(Interaction.lead_id, uuid.UUID, nullable=True, sortable=False),
            "deal_id": F(Interaction.deal_id, uuid.UUID, nullable=True, sortable=False),
            "owner_id": F(Interaction.owner_id, uuid.UUID, sortable=False),
            "outcome": F(Interaction.outcome, nullable=True, sortable=False),
            "created_at": F(Interaction.created_at, listing.datetime),
            "updated_at": F(Interaction.updated_at, listing.datetime),
        },
        default_sort="-occurred_at",
        search=search.fuzzy(Interaction.search_text, Interaction.subject, dialect),
    )


def _utc(value: datetime | None) -> datetime | None:
    return value.astimezone(UTC) if value is not None else None


def snapshot(i: Interaction) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in TRACKED:
        value = getattr(i, key)
        if isinstance(value, uuid.UUID):
            value = str(value)
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        out[key] = value
    return out


async def visible_where(session: AsyncSession, principal: Principal) -> list[Any]:
    """SQL conditions: every linked record is one the caller may see."""
    conds = []
    for attr, model, object_type in LINKS:
        clause = access.visible_clause(principal, await access_service.level_for(session, object_type), model.owner_id)
        if clause is not None:
            col = getattr(Interaction, attr)
            conds.append(or_(col.is_(None), col.in_(select(model.id).where(clause))))
    return conds


async def _linked(session: AsyncSession, i: Interaction | dict[str, Any]) -> list[tuple[str, Any]]:
    out = []
    for attr, model, object_type in LINKS:
        rid = i.get(attr) if isinstance(i, dict) else getattr(i, attr)
        if rid is not None:
            out.append((object_type, await session.get(model, rid)))
    return out


async def can_read(session: AsyncSession, principal: Principal, i: Interaction) -> bool:
    for object_type, record in await _linked(session, i):
        level = await access_service.level_for(session, object_type)
        if record is None or not access.can_read(principal, level, record.owner_id):
            return False
    return True


async def get_visible(
    session: AsyncSession, principal: Principal, interaction_id: uuid.UUID, *, deleted: bool | None = False
) -> Interaction:
    i = await session.get(Interaction, interaction_id)
    if i is None or (deleted is False and i.deleted_at is not None) or (deleted is True and i.deleted_at is None):
        raise NotFound(f"{WHAT} not found.")
    if not await can_read(session, principal, i):
        raise NotFound(f"{WHAT} not found.")
    return i


def ensure_editable(principal: Principal, i: Interaction) -> None:
    if not principal.can_write or not principal.manages(i.owner_id):
        raise Forbidden("Only the interaction's owner, their managers or an admin can change it.")


async def validate_links(session: AsyncSession, principal: Principal, values: dict[str, Any]) -> None:
    for attr, model, object_type in LINKS:
        rid = values.get(attr)
        if rid is None:
            continue
        record = await session.get(model, rid)
        level = await access_service.level_for(session, object_type)
        if record is None or record.deleted_at is not None or not access.can_read(principal, level, record.owner_id):
            raise Invalid.at(["body", attr], f"Unknown {object_type}.")


async def validate_participants(session: AsyncSession, principal: Principal, items: list[dict[str, Any]]) -> None:
    customer_level = await access_service.level_for(session, "customer")
    lead_level = await access_service.level_for(session, "lead")
    for n, p in enumerate(items):
        loc: list[str | int] = ["body", "participants", n, "id"]
        kind = p["kind"]
        if kind == ParticipantKind.user:
            user = await users_service.get_active(session, p["id"])
            if user is None:
                raise Invalid.at(loc, "Unknown or inactive user.")
            p.setdefault("name", user.full_name)
            p["name"] = p["name"] or user.full_name
        elif kind == ParticipantKind.contact:
            c = await session.get(Customer, p["id"])
            if c is None or c.deleted_at is not None or not access.can_read(principal, customer_level, c.owner_id):
                raise Invalid.at(loc, "Unknown contact.")
            p["name"] = p.get("name") or c.name
        elif kind == ParticipantKind.lead:
            lead = await session.get(Lead, p["id"])
            if lead is None or lead.deleted_at is not None or not access.can_read(principal, lead_level, lead.owner_id):
                raise Invalid.at(loc, "Unknown lead.")
            p["name"] = p.get("name") or lead.name


def _participants_json(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for p in items:
        row = {k: v for k, v in p.items() if v is not None}
        row["kind"] = str(row["kind"])
        if "id" in row:
            row["id"] = str(row["id"])
        if "email" in row:
            row["email"] = str(row["email"]).lower()
        out.append(row)
    return out


def finish(i: Interaction) -> None:
    if not (i.customer_id or i.lead_id or i.deal_id):
        raise Invalid.at(["body", "customer_id"], "Link the interaction to a customer, a lead or a deal.", "missing")
    i.search_text = search_blob(
        i.subject,
        (i.body or "")[:2000],
        i.outcome,
        " ".join(p.get("name") or p.get("email") or "" for p in i.participants or []),
    )


async def create(session: AsyncSession, principal: Principal, data: InteractionCreate, **extra: Any) -> Interaction:
    access.ensure_can_create(principal)
    values = data.changes(mode="python")
    owner_id = values.pop("owner_id", None) or principal.user_id
    if owner_id != principal.user_id:
        access.ensure_owner_assignable(principal, owner_id)
        if await users_service.get_active(session, owner_id) is None:
            raise Invalid.at(["body", "owner_id"], "Unknown or inactive user.")
    await validate_links(session, principal, values)
    participants = [p.model_dump(mode="python") for p in data.participants or []]
    await validate_participants(session, principal, participants)
    i = Interaction(
        type=str(data.type),
        direction=str(values["direction"]) if values.get("direction") else None,
        occurred_at=_utc(values.get("occurred_at")) or utcnow(),
        duration_seconds=values.get("duration_seconds"),
        subject=values.get("subject"),
        body=values.get("body"),
        outcome=values.get("outcome"),
        participants=_participants_json(participants),
        customer_id=values.get("customer_id"),
        lead_id=values.get("lead_id"),
        deal_id=values.get("deal_id"),
        owner_id=owner_id,
        message_id=extra.get("message_id"),
        attachments=extra.get("attachments") or [],
    )
    finish(i)
    session.add(i)
    await session.flush()
    record_change(
        session,
        principal,
        OBJECT,
        i.id,
        "created",
        {k: (None, v) for k, v in snapshot(i).items() if v not in (None, [], {}, "")},
    )
    emit(session, "interaction.created", OBJECT, i.id, event_data(i), principal)
    return i


def event_data(i: Interaction) -> dict[str, Any]:
    return {
        "id": str(i.id),
        "type": i.type,
        "subject": i.subject,
        "customer_id": str(i.customer_id) if i.customer_id else None,
        "lead_id": str(i.lead_id) if i.lead_id else None,
        "deal_id": str(i.deal_id) if i.deal_id else None,
        "occurred_at": i.occurred_at.isoformat(),
    }


async def update(session: AsyncSession, principal: Principal, i: Interaction, data: InteractionUpdate) -> Interaction:
    ensure_editable(principal, i)
    values = data.changes(mode="python")
    before = snapshot(i)
    for key in ("type", "occurred_at"):
        if key in values and values[key] is None:
            raise Invalid.at(["body", key], f"{key} cannot be null.")
    if "owner_id" in values and values["owner_id"] != i.owner_id:
        if values["owner_id"] is None:
            raise Invalid.at(["body", "owner_id"], "An interaction always has an owner.")
        access.ensure_owner_assignable(principal, values["owner_id"])
        if await users_service.get_active(session, values["owner_id"]) is None:
            raise Invalid.at(["body", "owner_id"], "Unknown or inactive user.")
        i.owner_id = values["owner_id"]
    await validate_links(session, principal, values)
    if "participants" in values:
        participants = [p.model_dump(mode="python") for p in data.participants or []]
        await validate_participants(session, principal, participants)
        i.participants = _participants_json(participants)
    if values.get("occurred_at") is not None:
        i.occurred_at = _utc(values["occurred_at"])
    for key in ("duration_seconds", "subject", "body", "outcome", "customer_id", "lead_id", "deal_id"):
        if key in values:
            setattr(i, key, values[key])
    if values.get("type") is not None:
        i.type = str(values["type"])
    if "direction" in values:
        i.direction = str(values["direction"]) if values["direction"] else None
    finish(i)
    changes = diff(before, snapshot(i))
    if not changes:
        return i
    await session.flush()
    record_change(session, principal, OBJECT, i.id, "updated", changes)
    emit(session, "interaction.updated", OBJECT, i.id, {**event_data(i), "fields": sorted(changes)}, principal)
    return i


async def delete(session: AsyncSession, principal: Principal, i: Interaction) -> None:
    ensure_editable(principal, i)
    await lifecycle.soft_delete(session, principal, i, OBJECT)


async def restore(session: AsyncSession, principal: Principal, i: Interaction) -> Interaction:
    ensure_editable(principal, i)
    return await lifecycle.restore(session, principal, i, OBJECT)


async def list_interactions(
    session: AsyncSession, principal: Principal, params: listing.ListParams, *, extra_where: Sequence[Any] = ()
) -> listing.ListResult:
    where = [*extra_where, *(await visible_where(session, principal))]
    await search.set_threshold(session, params.q)
    return await listing.paginate(session, list_spec(session.get_bind().dialect.name), params, where=where)


async def to_read(session: AsyncSession, rows: Sequence[Interaction]) -> list[InteractionRead]:
    owners = await users_service.names(session, {r.owner_id for r in rows})
    return [read_model(InteractionRead, r, owner_name=owners.get(r.owner_id)) for r in rows]


async def users_by_email(session: AsyncSession, addresses: set[str]) -> dict[str, User]:
    if not addresses:
        return {}
    rows = (await session.execute(select(User).where(User.email.in_(addresses)))).scalars()
    return {u.email.lower(): u for u in rows}


async def _unlink_purged(session: AsyncSession, record_type: str, record_id: uuid.UUID) -> None:
    """Interactions lose their link to a purged record; those linked to nothing else go with it."""
    col = {"customer": Interaction.customer_id, "lead": Interaction.lead_id, "deal": Interaction.deal_id}.get(
        record_type
    )
    if col is None:
        return
    await session.execute(
        sql_update(Interaction)
        .where(col == record_id)
        .values({col.key: None})
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        sql_delete(Interaction)
        .where(Interaction.customer_id.is_(None), Interaction.lead_id.is_(None), Interaction.deal_id.is_(None))
        .execution_options(synchronize_session=False)
    )


lifecycle.PURGE_HOOKS.append(_unlink_purged)
