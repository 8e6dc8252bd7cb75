"""The trash: soft-deleted records of every type the caller may see, newest deletion first."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from crm.access import service as access_service
from crm.core import access, listing
from crm.core.errors import Invalid, NotFound
from crm.core.security import Principal
from crm.customers import service as customers_service
from crm.deals import service as deals_service
from crm.leads import service as leads_service
from crm.trash.schemas import TrashItem
from crm.users import service as users_service


@dataclass(frozen=True)
class Provider:
    query: Callable[[Principal, access.Level], Select[Any]]
    load: Callable[[AsyncSession, Principal, uuid.UUID], Awaitable[Any]]
    purge: Callable[[AsyncSession, Principal, Any], Awaitable[None]]


async def _load_customer(session: AsyncSession, principal: Principal, record_id: uuid.UUID) -> Any:
    return await customers_service.get_visible(session, principal, record_id, deleted=True)


async def _load_lead(session: AsyncSession, principal: Principal, record_id: uuid.UUID) -> Any:
    return await leads_service.get_visible(session, principal, record_id, deleted=True)


async def _load_deal(session: AsyncSession, principal: Principal, record_id: uuid.UUID) -> Any:
    return await deals_service.get_visible(session, principal, record_id, deleted=True)


# New soft-deletable resources register here.
PROVIDERS: dict[str, Provider] = {
    "customer": Provider(customers_service.trash_query, _load_customer, customers_service.purge),
    "deal": Provider(deals_service.trash_query, _load_deal, deals_service.purge),
    "lead": Provider(leads_service.trash_query, _load_lead, leads_service.purge),
}


async def list_trash(
    session: AsyncSession, principal: Principal, params: listing.ListParams, record_type: str | None
) -> tuple[list[TrashItem], str | None]:
    if record_type is not None and record_type not in PROVIDERS:
        raise Invalid.at(["query", "record_type"], f"Unknown record type {record_type!r}.")
    if params.filters or params.q or params.sort:
        raise Invalid.at(["query"], "The trash takes only record_type, limit and cursor.")
    queries = []
    for name, provider in PROVIDERS.items():
        if record_type in (None, name):
            queries.append(provider.query(principal, await access_service.level_for(session, name)))
    sub = union_all(*queries).subquery()

    spec = listing.ListSpec(
        model=_Row(sub),
        fields={"deleted_at": listing.Field(sub.c.deleted_at, listing.datetime)},
        default_sort="-deleted_at",
    )
    result = await listing.paginate(session, spec, params, base=select(sub), scalars=False)
    rows = result.rows
    names = await users_service.names(session, {r.deleted_by_id for r in rows})
    items = [
        TrashItem(
            record_type=r.record_type,
            id=r.id,
            title=r.title,
            deleted_at=r.deleted_at,
            deleted_by_id=r.deleted_by_id,
            deleted_by_name=names.get(r.deleted_by_id),
        )
        for r in rows
    ]
    return items, result.next_cursor


class _Row:
    """Adapts a subquery to what `listing.paginate` expects of a model."""

    def __init__(self, sub: Any) -> None:
        self.id = sub.c.id
        self.updated_at = sub.c.deleted_at


async def purge(session: AsyncSession, principal: Principal, record_type: str, record_id: uuid.UUID) -> None:
    provider = PROVIDERS.get(record_type)
    if provider is None:
        raise NotFound("Unknown record type.")
    record = await provider.load(session, principal, record_id)
    await provider.purge(session, principal, record)
