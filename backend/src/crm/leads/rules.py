"""Admin-defined scoring rules and assignment rules."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.core import listing
from crm.core.errors import Invalid, NotFound
from crm.core.history import audit
from crm.core.security import Principal
from crm.leads import conditions, scoring
from crm.leads.models import AssignmentRule, ScoringRule
from crm.leads.schemas import (
    AssignmentRuleCreate,
    AssignmentRuleRead,
    AssignmentRuleUpdate,
    ConditionRead,
    ScoringRuleCreate,
    ScoringRuleRead,
    ScoringRuleUpdate,
)
from crm.users import service as users_service

SCORING_SPEC = listing.ListSpec(
    model=ScoringRule,
    fields={
        "name": listing.Field(ScoringRule.name),
        "field": listing.Field(ScoringRule.field),
        "points": listing.Field(ScoringRule.points, int),
        "active": listing.Field(ScoringRule.active, bool, sortable=False),
        "created_at": listing.Field(ScoringRule.created_at, listing.datetime),
    },
    default_sort="created_at",
)
ASSIGNMENT_SPEC = listing.ListSpec(
    model=AssignmentRule,
    fields={
        "name": listing.Field(AssignmentRule.name),
        "position": listing.Field(AssignmentRule.position, int),
        "active": listing.Field(AssignmentRule.active, bool, sortable=False),
        "created_at": listing.Field(AssignmentRule.created_at, listing.datetime),
    },
    default_sort="position",
)


def scoring_read(rule: ScoringRule) -> ScoringRuleRead:
    return ScoringRuleRead.model_validate(rule).model_copy(
        update={"text": conditions.describe(rule.field, rule.op, rule.value)}
    )


def assignment_read(rule: AssignmentRule) -> AssignmentRuleRead:
    conds = [ConditionRead(**c, text=conditions.describe(c["field"], c["op"], c["value"])) for c in rule.conditions]
    return AssignmentRuleRead.model_validate(rule).model_copy(update={"conditions": conds})


# --- scoring rules --------------------------------------------------------------------------


async def get_scoring_rule(session: AsyncSession, rule_id: uuid.UUID) -> ScoringRule:
    rule = await session.get(ScoringRule, rule_id)
    if rule is None:
        raise NotFound("Scoring rule not found.")
    return rule


async def create_scoring_rule(session: AsyncSession, principal: Principal, data: ScoringRuleCreate) -> ScoringRule:
    conditions.validate(data.field, data.op, data.value, ["body"])
    rule = ScoringRule(
        name=data.name, field=data.field, op=data.op, value=data.value.strip(), points=data.points, active=data.active
    )
    session.add(rule)
    await session.flush()
    audit(session, principal, "scoring_rule.created", "scoring_rule", rule.id, {"name": rule.name})
    await scoring.rescore_all(session)
    return rule


async def update_scoring_rule(
    session: AsyncSession, principal: Principal, rule: ScoringRule, data: ScoringRuleUpdate
) -> ScoringRule:
    values = data.changes()
    for key, value in values.items():
        if value is None:
            raise Invalid.at(["body", key], f"{key} cannot be null.")
    merged = {"field": rule.field, "op": rule.op, "value": rule.value, **values}
    conditions.validate(merged["field"], merged["op"], merged["value"], ["body"])
    for key, value in values.items():
        setattr(rule, key, value.strip() if key == "value" else value)
    await session.flush()
    audit(session, principal, "scoring_rule.updated", "scoring_rule", rule.id, {"fields": sorted(values)})
    await scoring.rescore_all(session)
    return rule


async def delete_scoring_rule(session: AsyncSession, principal: Principal, rule: ScoringRule) -> None:
    await session.delete(rule)
    await session.flush()
    audit(session, principal, "scoring_rule.deleted", "scoring_rule", rule.id, {"name": rule.name})
    await scoring.rescore_all(session)


# --- assignment rules -----------------------------------------------------------------------


async def get_assignment_rule(session: AsyncSession, rule_id: uuid.UUID) -> AssignmentRule:
    rule = await session.get(AssignmentRule, rule_id)
    if rule is None:
        raise NotFound("Assignment rule not found.")
    return rule


def _conditions(items: list[Any]) -> list[dict[str, str]]:
    out = []
    for i, c in enumerate(items):
        conditions.validate(c.field, c.op, c.value, ["body", "conditions", i])
        out.append({"field": c.field, "op": c.op, "value": c.value.strip()})
    return out


async def _check_people(session: AsyncSession, user_ids: list[uuid.UUID], manager_id: uuid.UUID | None) -> None:
    if not user_ids and manager_id is None:
        raise Invalid.at(["body", "user_ids"], "Give the users to rotate over, or a team manager.")
    if user_ids and manager_id is not None:
        raise Invalid.at(["body", "team_manager_id"], "Give users or a team manager, not both.")
    for i, uid in enumerate(user_ids):
        if await users_service.get_active(session, uid) is None:
            raise Invalid.at(["body", "user_ids", i], "Unknown or inactive user.")
    if manager_id is not None and await users_service.get_active(session, manager_id) is None:
        raise Invalid.at(["body", "team_manager_id"], "Unknown or inactive user.")


async def create_assignment_rule(
    session: AsyncSession, principal: Principal, data: AssignmentRuleCreate
) -> AssignmentRule:
    conds = _conditions(data.conditions)
    user_ids = list(dict.fromkeys(data.user_ids))
    await _check_people(session, user_ids, data.team_manager_id)
    position = data.position
    if position is None:
        position = (
            await session.execute(select(func.coalesce(func.max(AssignmentRule.position), -1)))
        ).scalar_one() + 1
    rule = AssignmentRule(
        name=data.name,
        position=position,
        active=data.active,
        conditions=conds,
        user_ids=[str(u) for u in user_ids],
        team_manager_id=data.team_manager_id,
        next_index=0,
        assigned_count=0,
    )
    session.add(rule)
    await session.flush()
    audit(session, principal, "assignment_rule.created", "assignment_rule", rule.id, {"name": rule.name})
    return rule


async def update_assignment_rule(
    session: AsyncSession, principal: Principal, rule: AssignmentRule, data: AssignmentRuleUpdate
) -> AssignmentRule:
    values = data.changes()
    for key in ("name", "conditions", "user_ids", "position", "active"):
        if key in values and values[key] is None:
            raise Invalid.at(["body", key], f"{key} cannot be null.")
    if "conditions" in values:
        rule.conditions = _conditions(data.conditions or [])
    if "user_ids" in values or "team_manager_id" in values:
        user_ids = list(dict.fromkeys(data.user_ids if "user_ids" in values else rule.user_ids or []))
        user_ids = [uuid.UUID(str(u)) for u in user_ids]
        manager = data.team_manager_id if "team_manager_id" in values else rule.team_manager_id
        await _check_people(session, user_ids, manager)
        rule.user_ids = [str(u) for u in user_ids]
        rule.team_manager_id = manager
        rule.next_index = 0
    for key in ("name", "position", "active"):
        if key in values:
            setattr(rule, key, values[key])
    await session.flush()
    audit(session, principal, "assignment_rule.updated", "assignment_rule", rule.id, {"fields": sorted(values)})
    return rule


async def delete_assignment_rule(session: AsyncSession, principal: Principal, rule: AssignmentRule) -> None:
    await session.delete(rule)
    await session.flush()
    audit(session, principal, "assignment_rule.deleted", "assignment_rule", rule.id, {"name": rule.name})
