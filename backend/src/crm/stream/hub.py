"""Live updates: each API process reads new outbox events and hands each one to the connected users
allowed to see its record.

Events are written in the same transaction as the change (core.events.emit), so the outbox is the
one source for every process. A process learns that there is something new from its own commits
at once, from other processes through PostgreSQL LISTEN/NOTIFY (sent in the committing
transaction), and from a short poll as the fallback (SQLite across processes, a lost listener).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.access import service as access_service
from crm.core import access
from crm.core.events import CHANNEL, add_commit_listener
from crm.core.models import OutboxEvent
from crm.core.security import Principal
from crm.db import get_sessionmaker, utcnow
from crm.settings import get_settings

log = logging.getLogger("crm.stream")

POLL_SECONDS = 2.0
# Commits don't land in id order across processes; re-read this far back and skip what was sent.
OVERLAP = timedelta(seconds=10)
REPLAY_LIMIT = 500
QUEUE_SIZE = 1000
# Record types every signed-in user may see change.
SHARED_TYPES = {"pipeline", "stage", "lost_reason", "product", "exchange_rate"}

Audience = Callable[[Principal], bool]


@dataclass(eq=False)
class Subscriber:
    principal: Principal
    queue: asyncio.Queue[dict[str, Any]] = field(default_factory=lambda: asyncio.Queue(QUEUE_SIZE))
    sent: set[uuid.UUID] = field(default_factory=set)
    overflowed: bool = False

    def offer(self, item: dict[str, Any]) -> None:
        if item["event_id"] in self.sent:
            return
        try:
            self.queue.put_nowait(item)
            self.sent.add(item["event_id"])
            if len(self.sent) > 5000:
                self.sent.clear()
        except asyncio.QueueFull:
            # A client that stopped reading gets told to reload rather than holding memory.
            self.overflowed = True


def to_message(ev: OutboxEvent) -> dict[str, Any]:
    return {
        "event_id": ev.id,
        "type": ev.type,
        "record_type": ev.record_type,
        "record_id": str(ev.record_id) if ev.record_id else None,
        "data": ev.data,
        "actor_id": str(ev.actor_id) if ev.actor_id else None,
        "at": ev.created_at.isoformat(),
    }


def _everyone(_: Principal) -> bool:
    return True


def _admins(p: Principal) -> bool:
    return p.is_admin


def _readable(level: access.Level, owner_id: uuid.UUID) -> Audience:
    return lambda p: access.can_read(p, level, owner_id)


def _all_of(checks: list[Audience]) -> Audience:
    return lambda p: all(check(p) for check in checks)


async def audiences(session: AsyncSession, events: Iterable[OutboxEvent]) -> dict[uuid.UUID, Audience]:
    """Who may receive each event: the same rules as reading its record, decided with one query
    per record type for the whole batch."""
    from crm.customers.models import Customer
    from crm.deals.models import Deal
    from crm.interactions.models import Interaction
    from crm.leads.models import Lead

    events = list(events)
    owned = {"customer": Customer, "lead": Lead, "deal": Deal}
    wanted: dict[str, set[uuid.UUID]] = {}

    def want(record_type: str, record_id: Any) -> None:
        if record_id:
            wanted.setdefault(record_type, set()).add(uuid.UUID(str(record_id)))

    for ev in events:
        if ev.record_type == "comment":
            want(ev.data.get("record_type", ""), ev.data.get("record_id"))
        elif ev.record_type == "document":
            for link in ev.data.get("links") or []:
                want(link.get("record_type", ""), link.get("record_id"))
        else:
            want(ev.record_type, ev.record_id)
    links: dict[uuid.UUID, list[tuple[str, uuid.UUID]]] = {}
    if wanted.get("interaction"):
        rows = await session.execute(
            select(Interaction.id, Interaction.customer_id, Interaction.lead_id, Interaction.deal_id).where(
                Interaction.id.in_(wanted["interaction"])
            )
        )
        for iid, cid, lid, did in rows:
            links[iid] = [(t, r) for t, r in (("customer", cid), ("lead", lid), ("deal", did)) if r]
            for t, r in links[iid]:
                want(t, r)
    owners: dict[tuple[str, uuid.UUID], uuid.UUID] = {}
    for record_type, model in owned.items():
        ids = wanted.get(record_type)
        if ids:
            for rid, owner in await session.execute(select(model.id, model.owner_id).where(model.id.in_(ids))):
                owners[(record_type, rid)] = owner
    tasks: dict[uuid.UUID, tuple[uuid.UUID, uuid.UUID | None]] = {}
    if wanted.get("task"):
        from crm.tasks.models import Task

        for tid, assignee, creator in await session.execute(
            select(Task.id, Task.assignee_id, Task.created_by_id).where(Task.id.in_(wanted["task"]))
        ):
            tasks[tid] = (assignee, creator)
    levels = {t: await access_service.level_for(session, t) for t in owned}

    def record_audience(record_type: str, record_id: Any) -> Audience:
        if not record_id:
            return _admins
        rid = uuid.UUID(str(record_id))
        if record_type in owned:
            owner = owners.get((record_type, rid))
            return _readable(levels[record_type], owner) if owner else _admins
        if record_type == "interaction":
            if rid not in links:
                return _admins
            checks = [record_audience(t, r) for t, r in links[rid]]
            return _all_of(checks)
        if record_type == "task":
            if rid not in tasks:
                return _admins
            assignee, creator = tasks[rid]
            return lambda p: p.manages(assignee) or p.user_id == creator
        if record_type in SHARED_TYPES:
            return _everyone
        return _admins

    out: dict[uuid.UUID, Audience] = {}
    for ev in events:
        if ev.record_type == "notification":
            user_id = ev.data.get("user_id")
            out[ev.id] = lambda p, u=user_id: str(p.user_id) == u
        elif ev.record_type == "comment":
            out[ev.id] = record_audience(ev.data.get("record_type", ""), ev.data.get("record_id"))
        elif ev.record_type == "document":
            # Like reading the document: its owner's line, or whoever sees one of its records.
            owner = ev.data.get("owner_id")
            checks = [record_audience(x.get("record_type", ""), x.get("record_id")) for x in ev.data.get("links") or []]
            out[ev.id] = lambda p, o=owner, cs=checks: (
                (o is not None and p.manages(uuid.UUID(o))) or any(c(p) for c in cs)
            )
        else:
            out[ev.id] = record_audience(ev.record_type, ev.record_id)
    return out


class Hub:
    def __init__(self) -> None:
        self.subscribers: set[Subscriber] = set()
        self.wake = asyncio.Event()
        self.since: datetime = utcnow()
        self.seen: OrderedDict[uuid.UUID, None] = OrderedDict()
        self.task: asyncio.Task[None] | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

    def subscribe(self, principal: Principal) -> Subscriber:
        sub = Subscriber(principal)
        if not self.subscribers:
            self.since = utcnow()
        self.subscribers.add(sub)
        if self.task is None or self.task.done():
            self.loop = asyncio.get_running_loop()
            self.task = asyncio.create_task(self._run())
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        self.subscribers.discard(sub)

    def poke(self) -> None:
        self.wake.set()

    async def _run(self) -> None:
        listener = await self._listen()
        try:
            while self.subscribers:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.wake.wait(), POLL_SECONDS)
                self.wake.clear()
                try:
                    await self.poll()
                except Exception:  # the database may be restarting; the next tick retries
                    log.exception("stream poll failed")
        finally:
            if listener is not None:
                with contextlib.suppress(Exception):
                    await listener.close()

    async def _listen(self) -> Any:
        settings = get_settings()
        if settings.is_sqlite:
            return None
        try:
            import asyncpg

            url = settings.effective_database_url.replace("postgresql+asyncpg://", "postgresql://")
            conn = await asyncpg.connect(url)
            await conn.add_listener(CHANNEL, lambda *_: self.wake.set())
            return conn
        except Exception:  # polling still delivers, only slower
            log.exception("LISTEN failed; falling back to polling")
            return None

    async def poll(self) -> None:
        async with get_sessionmaker()() as session:
            rows = list(
                (
                    await session.execute(
                        select(OutboxEvent)
                        .where(OutboxEvent.created_at > self.since - OVERLAP)
                        .order_by(OutboxEvent.created_at, OutboxEvent.id)
                        .limit(2000)
                    )
                ).scalars()
            )
            fresh = [r for r in rows if r.id not in self.seen]
            if not fresh:
                return
            for r in fresh:
                self.seen[r.id] = None
            while len(self.seen) > 20_000:
                self.seen.popitem(last=False)
            self.since = max(self.since, max(r.created_at for r in fresh))
            allowed = await audiences(session, fresh)
        for ev in fresh:
            message = to_message(ev)
            for sub in list(self.subscribers):
                if allowed[ev.id](sub.principal):
                    sub.offer(message)

    async def replay(self, principal: Principal, last_event_id: uuid.UUID) -> list[dict[str, Any]] | None:
        """Events after `last_event_id` the principal may see; None when that id is unknown."""
        async with get_sessionmaker()() as session:
            last = await session.get(OutboxEvent, last_event_id)
            if last is None:
                return None
            rows = list(
                (
                    await session.execute(
                        select(OutboxEvent)
                        .where(OutboxEvent.created_at >= last.created_at - OVERLAP, OutboxEvent.id != last.id)
                        .order_by(OutboxEvent.created_at, OutboxEvent.id)
                        .limit(REPLAY_LIMIT + 200)
                    )
                ).scalars()
            )
            # Within the overlap, only what came after the client's last event.
            rows = [r for r in rows if r.created_at > last.created_at or r.id > last.id]
            allowed = await audiences(session, rows)
        return [to_message(r) for r in rows if allowed[r.id](principal)][:REPLAY_LIMIT]


_hubs: dict[int, Hub] = {}


def hub() -> Hub:
    """One hub per event loop (uvicorn runs one loop per process)."""
    loop = asyncio.get_running_loop()
    found = _hubs.get(id(loop))
    if found is None or found.loop not in (None, loop):
        found = _hubs[id(loop)] = Hub()
        add_commit_listener(found.poke)
    return found
