"""Who gets a new lead nobody owns: the first active rule (by position) whose conditions all match,
round-robin over its users or over a manager's team."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.leads import conditions
from crm.leads.models import AssignmentRule
from crm.users.models import User


async def _candidates(session: AsyncSession, rule: AssignmentRule) -> list[uuid.UUID]:
    if rule.team_manager_id is not None:
        stmt = select(User.id).where(User.manager_id == rule.team_manager_id, User.is_active.is_(True))
        # Members in a stable order so the rotation is fair as people join and leave.
        return list((await session.execute(stmt.order_by(User.created_at, User.id))).scalars())
    wanted = [uuid.UUID(str(u)) for u in rule.user_ids or []]
    if not wanted:
        return []
    active = set(
        (await session.execute(select(User.id).where(User.id.in_(wanted), User.is_active.is_(True)))).scalars()
    )
    return [u for u in wanted if u in active]


def rule_matches(rule: AssignmentRule, attrs: Mapping[str, Any]) -> bool:
    return all(conditions.matches(c["field"], c["op"], c["value"], attrs) for c in rule.conditions or [])


async def assign(session: AsyncSession, attrs: Mapping[str, Any]) -> tuple[uuid.UUID, AssignmentRule] | None:
    rules = (
        (
            await session.execute(
                select(AssignmentRule)
                .where(AssignmentRule.active.is_(True))
                .order_by(AssignmentRule.position, AssignmentRule.created_at)
            )
        )
        .scalars()
        .all()
    )
    for rule in rules:
        if not rule_matches(rule, attrs):
            continue
        people = await _candidates(session, rule)
        if not people:
            continue  # a rule with nobody left to take leads passes them on
        # Lock the rule row so two simultaneous leads don't both take the same turn.
        locked = (
            await session.execute(
                select(AssignmentRule)
                .where(AssignmentRule.id == rule.id)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
        ).scalar_one()
        owner = people[locked.next_index % len(people)]
        locked.next_index = (locked.next_index + 1) % len(people)
        locked.assigned_count += 1
        return owner, locked
    return None
