"""The trash: soft-deleted records of every type the caller may see, newest deletion first."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from crm.access import service as access_service
from crm.core import access, lifecycle, listing
from crm.core.errors import Invalid, NotFound
from crm.core.security import Principal
from crm.customers import service as customers_service
from crm.deals import service as deals_service
from crm.documents import service as documents_service
from crm.interactions import service as interactions_service
from crm.interactions.models import Interaction
from crm.leads import service as leads_service
from crm.tasks import service as tasks_service
from crm.tasks.models import Task
from crm.trash.schemas import TrashItem
from crm.users import service as users_service


@dataclass(frozen=True)
class Provider:
    query: Callable[[AsyncSession, Principal], Awaitable[Select[Any]]]
    load: Callable[[AsyncSession, Principal, uuid.UUID], Awaitable[Any]]
    purge: Callable[[AsyncSession, Principal, Any], Awaitable[None]]


def _owned(object_type: str, trash_query: Callable[[Principal, access.Level], Select[Any]]):  # type: ignore[no-untyped-def]
    async def query(session: AsyncSession, principal: Principal) -> Select[Any]:
        return trash_query(principal, await access_service.level_for(session, object_type))

    return query


async def _load_customer(session: AsyncSession, principal: Principal, record_id: uuid.UUID) -> Any:
    return await customers_service.get_visible(session, principal, record_id, deleted=True)


async def _load_lead(session: AsyncSession, principal: Principal, record_id: uuid.UUID) -> Any:
    return await leads_service.get_visible(session, principal, record_id, deleted=True)


async def _load_deal(session: AsyncSession, principal: Principal, record_id: uuid.UUID) -> Any:
    return await deals_service.get_visible(session, principal, record_id, deleted=True)


async def _tasks(session: AsyncSession, principal: Principal) -> Select[Any]:
    clause = tasks_service.visible_clause(principal)
    return lifecycle.trash_query(Task, "task", [clause] if clause is not None else [], Task.title)


async def _load_task(session: AsyncSession, principal: Principal, record_id: uuid.UUID) -> Any:
    return await tasks_service.get_visible(session, principal, record_id, deleted=True)


async def _purge_task(session: AsyncSession, principal: Principal, task: Any) -> None:
    await lifecycle.purge(session, principal, task, "task")


async def _interactions(session: AsyncSession, principal: Principal) -> Select[Any]:
    title = func.coalesce(Interaction.subject, Interaction.type)
    return lifecycle.trash_query(
        Interaction, "interaction", await interactions_service.visible_where(session, principal), title
    )


async def _load_interaction(session: AsyncSession, principal: Principal, record_id: uuid.UUID) -> Any:
    return await interactions_service.get_visible(session, principal, record_id, deleted=True)


async def _purge_interaction(session: AsyncSession, principal: Principal, interaction: Any) -> None:
    await lifecycle.purge(session, principal, interaction, "interaction")


async def _documents(session: AsyncSession, principal: Principal) -> Select[Any]:
    return documents_service.trash_query(await documents_service.visible_where(session, principal))


async def _load_document(session: AsyncSession, principal: Principal, record_id: uuid.UUID) -> Any:
    return await documents_service.get_visible(session, principal, record_id, deleted=True)


# New soft-deletable resources register here.
PROVIDERS: dict[str, Provider] = {
    "customer": Provider(_owned("customer", customers_service.trash_query), _load_customer, customers_service.purge),
    "deal": Provider(_owned("deal", deals_service.trash_query), _load_deal, deals_service.purge),
    "lead": Provider(_owned("lead", leads_service.trash_query), _load_lead, leads_service.purge),
    "task": Provider(_tasks, _load_task, _purge_task),
    "interaction": Provider(_interactions, _load_interaction, _purge_interaction),
    "document": Provider(_documents, _load_document, documents_service.purge),
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
            queries.append(await provider.query(session, principal))
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
