"""Registers every record type with `crm.core.records` (imported lazily, so no import cycles)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from crm.access import service as access_service
from crm.core import access
from crm.core.records import RecordType, register
from crm.core.security import Principal
from crm.customers import service as customers_service
from crm.deals import service as deals_service
from crm.interactions import service as interactions_service
from crm.leads import service as leads_service


def _owner_editable(object_type: str):  # type: ignore[no-untyped-def]
    async def can_edit(session: AsyncSession, principal: Principal, record: Any) -> bool:
        level = await access_service.level_for(session, object_type)
        return access.can_edit(principal, level, record.owner_id)

    return can_edit


async def _customer(session: AsyncSession, principal: Principal, record_id: uuid.UUID) -> Any:
    return await customers_service.get_visible(session, principal, record_id)


async def _lead(session: AsyncSession, principal: Principal, record_id: uuid.UUID) -> Any:
    return await leads_service.get_visible(session, principal, record_id)


async def _interaction(session: AsyncSession, principal: Principal, record_id: uuid.UUID) -> Any:
    return await interactions_service.get_visible(session, principal, record_id)


async def _interaction_editable(session: AsyncSession, principal: Principal, record: Any) -> bool:
    return principal.can_write and principal.manages(record.owner_id)


async def _deal(session: AsyncSession, principal: Principal, record_id: uuid.UUID) -> Any:
    return await deals_service.get_visible(session, principal, record_id)


register(RecordType("customer", _customer, _owner_editable("customer"), lambda r: r.name))
register(RecordType("lead", _lead, _owner_editable("lead"), lambda r: r.name))
register(RecordType("deal", _deal, _owner_editable("deal"), lambda r: r.name))
register(RecordType("interaction", _interaction, _interaction_editable, lambda r: r.subject or r.type.capitalize()))
