"""Reminder rules and the hourly job that turns them into tasks.

Every generated task carries a unique `reminder_key`, so running the job twice (or two workers
racing) never doubles a task or its notification:
- `followup:<deal_id>:<date of last touch>`: one follow-up per silence; a new interaction starts a new one.
- `birthday:<customer_id>:<year>`.
- `date:<rule_id>:<record_id>:<date>`.
"""

from __future__ import annotations

import calendar
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, extract, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.core import listing
from crm.core.errors import Invalid, NotFound
from crm.core.history import audit
from crm.core.security import Principal
from crm.custom_fields import service as custom_fields_service
from crm.custom_fields.schemas import FieldType
from crm.customers.models import Customer
from crm.db import utcnow
from crm.deals.models import Deal
from crm.interactions.models import Interaction
from crm.notifications import service as notifications_service
from crm.reminders.models import ReminderRule
from crm.reminders.schemas import (
    ReminderKind,
    ReminderObject,
    ReminderRuleCreate,
    ReminderRuleRead,
    ReminderRuleUpdate,
    ReminderRunResult,
)
from crm.tasks import service as tasks_service
from crm.users.models import User

LIST_SPEC = listing.ListSpec(
    model=ReminderRule,
    fields={
        "name": listing.Field(ReminderRule.name),
        "kind": listing.Field(ReminderRule.kind, ReminderKind),
        "enabled": listing.Field(ReminderRule.enabled, bool, sortable=False),
        "object_type": listing.Field(ReminderRule.object_type, ReminderObject, nullable=True, sortable=False),
        "created_at": listing.Field(ReminderRule.created_at, listing.datetime),
        "updated_at": listing.Field(ReminderRule.updated_at, listing.datetime),
    },
    default_sort="created_at",
)
# Date columns a date_field rule may use, besides custom date fields.
BUILTIN_DATES: dict[str, dict[str, str]] = {
    "deal": {"expected_close_date": "Expected close date"},
    "customer": {"birthday": "Birthday"},
}
# Date-only reminders are due at noon UTC: the same calendar day from UTC-11 to UTC+11, so "today"
# views in most zones show them on the right day.
DUE_TIME = time(12, 0, tzinfo=UTC)
WHAT = "Reminder rule"


def _model(object_type: str) -> Any:
    return Deal if object_type == ReminderObject.deal else Customer


# --- rules ----------------------------------------------------------------------------------


async def get(session: AsyncSession, rule_id: uuid.UUID) -> ReminderRule:
    rule = await session.get(ReminderRule, rule_id)
    if rule is None:
        raise NotFound(f"{WHAT} not found.")
    return rule


async def _validate(session: AsyncSession, rule: ReminderRule) -> None:
    """Checks the rule as it will be saved; errors point at the body field to fix."""
    kind = ReminderKind(rule.kind)
    if kind is ReminderKind.followup:
        if rule.days is None:
            raise Invalid.at(["body", "days"], "A followup rule needs days.", "missing")
    elif rule.days is not None:
        raise Invalid.at(["body", "days"], "Only followup rules take days; use days_before.")
    if kind is not ReminderKind.date_field:
        for key in ("object_type", "field"):
            if getattr(rule, key) is not None:
                raise Invalid.at(["body", key], f"Only date_field rules take {key}.")
        if rule.yearly:
            raise Invalid.at(["body", "yearly"], "Only date_field rules take yearly.")
        return
    if rule.object_type is None:
        raise Invalid.at(["body", "object_type"], "A date_field rule needs object_type (deal or customer).", "missing")
    if rule.field is None:
        raise Invalid.at(["body", "field"], "A date_field rule needs the date field.", "missing")
    await field_label(session, rule.object_type, rule.field, strict=True)


async def field_label(session: AsyncSession, object_type: str, field: str, *, strict: bool = False) -> str | None:
    """The label of a date field of this record type; None (or a 422 when `strict`) if it is none."""
    builtin = BUILTIN_DATES[object_type].get(field)
    if builtin is not None:
        return builtin
    defn = (await custom_fields_service.definitions(session, object_type)).get(field)
    if defn is None or defn.type != FieldType.date:
        if not strict:
            return None
        known = sorted(BUILTIN_DATES[object_type])
        msg = (
            f"Unknown {object_type} field {field!r}; use {', '.join(known)} or a custom date field."
            if defn is None
            else f"{defn.label} is a {defn.type} field, not a date field."
        )
        raise Invalid.at(["body", "field"], msg, "unknown_field" if defn is None else "not_a_date_field")
    return defn.label


async def create(session: AsyncSession, principal: Principal, data: ReminderRuleCreate) -> ReminderRule:
    values = data.model_dump(mode="json")
    rule = ReminderRule(**values)
    await _validate(session, rule)
    session.add(rule)
    await session.flush()
    audit(session, principal, "reminder_rule.created", "reminder_rule", rule.id, {"name": rule.name})
    return rule


async def update(
    session: AsyncSession, principal: Principal, rule: ReminderRule, data: ReminderRuleUpdate
) -> ReminderRule:
    values = data.changes(mode="json")
    for key in ("name", "kind", "enabled", "days_before", "yearly"):
        if key in values and values[key] is None:
            raise Invalid.at(["body", key], f"{key} cannot be null.")
    for key, value in values.items():
        setattr(rule, key, value)
    await _validate(session, rule)
    await session.flush()
    audit(session, principal, "reminder_rule.updated", "reminder_rule", rule.id, {"fields": sorted(values)})
    return rule


async def delete(session: AsyncSession, principal: Principal, rule: ReminderRule) -> None:
    await session.delete(rule)
    await session.flush()
    audit(session, principal, "reminder_rule.deleted", "reminder_rule", rule.id, {"name": rule.name})


async def list_rules(session: AsyncSession, params: listing.ListParams) -> listing.ListResult:
    return await listing.paginate(session, LIST_SPEC, params, search=False)


def to_read(rule: ReminderRule) -> ReminderRuleRead:
    return ReminderRuleRead.model_validate(rule)


# --- dates ----------------------------------------------------------------------------------


def anniversary(d: date, year: int) -> date:
    """`d`'s month and day in `year`; Feb 29 falls on Feb 28 when `year` has none."""
    return date(year, d.month, min(d.day, calendar.monthrange(year, d.month)[1]))


def next_anniversary(d: date, today: date) -> date:
    occurrence = anniversary(d, today.year)
    return occurrence if occurrence >= today else anniversary(d, today.year + 1)


def _months(start: date, end: date) -> list[int]:
    """The months a [start, end] window touches, to narrow the yearly queries in SQL."""
    months: list[int] = []
    y, m = start.year, start.month
    while (y, m) <= (end.year, end.month) and len(months) < 12:
        months.append(m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _due(day: date) -> datetime:
    return datetime.combine(day, DUE_TIME)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


# --- generation -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    key: str
    title: str
    description: str
    due: date
    assignee_id: uuid.UUID
    record_type: str
    record_id: uuid.UUID


def _active_owner(owner_col: Any) -> ColumnElement[bool]:
    # Inactive users get no notifications, and a task they will never see helps nobody.
    return owner_col.in_(select(User.id).where(User.is_active.is_(True)))


async def _followups(session: AsyncSession, rule: ReminderRule, today: date) -> list[Candidate]:
    """Open deals with no interaction (on the deal or its customer) for `days` days. A deal's own creation
    counts as a touch, so a new deal of a long-quiet customer is not chased on its first day."""
    assert rule.days is not None
    cutoff = _midnight(today - timedelta(days=rule.days - 1))  # last touch on or before today - days
    until = _midnight(today + timedelta(days=1))  # scheduled (future) meetings are not touches yet
    live = [Interaction.deleted_at.is_(None), Interaction.occurred_at < until]
    by_customer = (
        select(Interaction.customer_id.label("ref"), func.max(Interaction.occurred_at).label("last"))
        .where(*live, Interaction.customer_id.is_not(None))
        .group_by(Interaction.customer_id)
        .subquery()
    )
    by_deal = (
        select(Interaction.deal_id.label("ref"), func.max(Interaction.occurred_at).label("last"))
        .where(*live, Interaction.deal_id.is_not(None))
        .group_by(Interaction.deal_id)
        .subquery()
    )
    stmt = (
        select(Deal.id, Deal.name, Deal.owner_id, Deal.created_at, by_customer.c.last, by_deal.c.last)
        .outerjoin(by_customer, by_customer.c.ref == Deal.customer_id)
        .outerjoin(by_deal, by_deal.c.ref == Deal.id)
        .where(
            Deal.status == "open",
            Deal.deleted_at.is_(None),
            Deal.created_at < cutoff,
            or_(by_customer.c.last.is_(None), by_customer.c.last < cutoff),
            or_(by_deal.c.last.is_(None), by_deal.c.last < cutoff),
            _active_owner(Deal.owner_id),
        )
        .order_by(Deal.id)
    )
    out = []
    for deal_id, name, owner_id, created_at, last_customer, last_deal in (await session.execute(stmt)).all():
        touched = [t for t in (last_customer, last_deal) if t is not None]
        last = max([created_at, *touched]).astimezone(UTC).date()
        since = (
            f"No interaction since {last.isoformat()}."
            if touched
            else f"No interaction since the deal was created on {last.isoformat()}."
        )
        out.append(
            Candidate(
                key=f"followup:{deal_id}:{last.isoformat()}",
                title=f"Follow up: {name}",
                description=since,
                due=today,
                assignee_id=owner_id,
                record_type="deal",
                record_id=deal_id,
            )
        )
    return out


async def _birthdays(session: AsyncSession, rule: ReminderRule, today: date) -> list[Candidate]:
    end = today + timedelta(days=rule.days_before)
    stmt = (
        select(Customer.id, Customer.name, Customer.owner_id, Customer.birthday)
        .where(
            Customer.type == "person",
            Customer.deleted_at.is_(None),
            Customer.birthday.is_not(None),
            extract("month", Customer.birthday).in_(_months(today, end)),
            _active_owner(Customer.owner_id),
        )
        .order_by(Customer.id)
    )
    out = []
    for customer_id, name, owner_id, birthday in (await session.execute(stmt)).all():
        occurrence = next_anniversary(birthday, today)
        if occurrence > end:
            continue
        age = occurrence.year - birthday.year
        out.append(
            Candidate(
                key=f"birthday:{customer_id}:{occurrence.year}",
                title=f"Birthday: {name}",
                description=f"{name} turns {age} on {occurrence.isoformat()}."
                if age > 0
                else f"{name}'s birthday is on {occurrence.isoformat()}.",
                due=occurrence,
                assignee_id=owner_id,
                record_type="customer",
                record_id=customer_id,
            )
        )
    return out


async def _date_fields(session: AsyncSession, rule: ReminderRule, today: date) -> list[Candidate]:
    assert rule.object_type is not None and rule.field is not None
    label = await field_label(session, rule.object_type, rule.field)
    if label is None:  # the custom field was deleted or changed type since: nothing to remind of
        return []
    model = _model(rule.object_type)
    end = today + timedelta(days=rule.days_before)
    where: list[ColumnElement[bool]] = [model.deleted_at.is_(None), _active_owner(model.owner_id)]
    builtin = rule.field in BUILTIN_DATES[rule.object_type]
    if builtin:
        value = getattr(model, rule.field)
        if model is Deal:
            where.append(Deal.status == "open")  # a closed deal's expected close date means nothing
        where.append(value.is_not(None))
        if rule.yearly:
            where.append(extract("month", value).in_(_months(today, end)))
        else:
            where += [value >= today, value <= end]
    else:
        # Custom dates are ISO strings in JSON, so they compare as text.
        value = model.custom_fields[rule.field].as_string()
        where.append(value.is_not(None))
        if not rule.yearly:
            where += [value >= today.isoformat(), value <= end.isoformat()]
    stmt = select(model.id, model.name, model.owner_id, value).where(*where).order_by(model.id)
    out = []
    for record_id, name, owner_id, raw in (await session.execute(stmt)).all():
        try:
            day = raw if isinstance(raw, date) else date.fromisoformat(str(raw))
        except ValueError:
            continue
        occurrence = next_anniversary(day, today) if rule.yearly else day
        if not today <= occurrence <= end:
            continue
        out.append(
            Candidate(
                key=f"date:{rule.id}:{record_id}:{occurrence.isoformat()}",
                title=f"{rule.name}: {name}",
                description=f"{label}: {occurrence.isoformat()}.",
                due=occurrence,
                assignee_id=owner_id,
                record_type=rule.object_type,
                record_id=record_id,
            )
        )
    return out


async def candidates(session: AsyncSession, today: date) -> list[Candidate]:
    rules = (
        (
            await session.execute(
                select(ReminderRule).where(ReminderRule.enabled.is_(True)).order_by(ReminderRule.created_at)
            )
        )
        .scalars()
        .all()
    )
    found: list[Candidate] = []
    for rule in rules:
        kind = ReminderKind(rule.kind)
        if kind is ReminderKind.followup:
            found += await _followups(session, rule, today)
        elif kind is ReminderKind.birthday:
            found += await _birthdays(session, rule, today)
        else:
            found += await _date_fields(session, rule, today)
    return found


async def _create_tasks(session: AsyncSession, found: Sequence[Candidate]) -> int:
    used = await tasks_service.existing_reminder_keys(session, (c.key for c in found))
    created = 0
    for c in found:
        if c.key in used:
            continue
        used.add(c.key)
        task = await tasks_service.create_reminder(
            session,
            key=c.key,
            title=c.title,
            description=c.description,
            due_at=_due(c.due),
            assignee_id=c.assignee_id,
            record_type=c.record_type,
            record_id=c.record_id,
        )
        if task is None:
            continue
        await notifications_service.notify(
            session, c.assignee_id, "reminder", task.title, c.description, record_type="task", record_id=task.id
        )
        created += 1
    return created


async def generate(session: AsyncSession, today: date | None = None) -> ReminderRunResult:
    """The hourly job: reminder tasks for every enabled rule, then `task.due` for tasks that fell due.
    Idempotent: what it already made (even if since deleted) it never makes again."""
    today = today or utcnow().date()
    created = await _create_tasks(session, await candidates(session, today))
    announced = await tasks_service.announce_due(session)
    return ReminderRunResult(tasks_created=created, due_announced=announced)
