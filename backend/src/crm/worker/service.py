"""Periodic jobs. `crm worker` runs the loop; in embedded mode the API process runs the same loop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from crm.db import get_sessionmaker, utcnow
from crm.settings import get_settings
from crm.worker.models import JobRun

log = logging.getLogger("crm.worker")
TICK_SECONDS = 30


@dataclass(frozen=True)
class Job:
    name: str
    every: Callable[[], timedelta | None]  # None: switched off by settings
    run: Callable[[AsyncSession], Awaitable[None]]


async def _retrain(session: AsyncSession) -> None:
    from crm.leads import scoring

    await scoring.train(session, None, trigger="schedule")


def _retrain_every() -> timedelta | None:
    hours = get_settings().scoring_retrain_hours
    return timedelta(hours=hours) if hours > 0 else None


async def _deliver_mail(session: AsyncSession) -> None:
    from crm.notifications.mail import deliver_pending

    await deliver_pending(session)


async def _reminders(session: AsyncSession) -> None:
    from crm.reminders.service import generate

    await generate(session)


JOBS: tuple[Job, ...] = (
    Job("scoring.retrain", _retrain_every, _retrain),
    Job("mail.deliver", lambda: timedelta(minutes=1), _deliver_mail),
    Job("reminders.generate", lambda: timedelta(hours=1), _reminders),
)


async def claim(session: AsyncSession, job: Job, every: timedelta) -> bool:
    """True when this process takes the job's turn now (and books the next one)."""
    now = utcnow()
    row = await session.get(JobRun, job.name)
    if row is None:
        # A new installation: the first turn comes one interval from now, not at every start.
        try:
            async with session.begin_nested():
                session.add(JobRun(name=job.name, next_run_at=now + every))
        except IntegrityError:
            pass
        return False
    result = await session.execute(
        update(JobRun)
        .where(JobRun.name == job.name, JobRun.next_run_at <= now)
        .values(next_run_at=now + every, last_started_at=now, last_status="running")
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


async def run_due() -> list[str]:
    """Runs every job whose turn has come; returns their names."""
    ran = []
    maker = get_sessionmaker()
    for job in JOBS:
        every = job.every()
        if every is None:
            continue
        async with maker() as session:
            taken = await claim(session, job, every)
            await session.commit()
        if not taken:
            continue
        status, error = "ok", None
        try:
            async with maker() as session:
                await job.run(session)
                await session.commit()
        except Exception as exc:  # a failing job must not stop the others or the loop
            log.exception("job %s failed", job.name)
            status, error = "failed", repr(exc)[:2000]
        async with maker() as session:
            await session.execute(
                update(JobRun)
                .where(JobRun.name == job.name)
                .values(last_finished_at=utcnow(), last_status=status, last_error=error)
            )
            await session.commit()
        ran.append(job.name)
    return ran


async def loop(stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await run_due()
        except Exception:  # the database may be restarting; try again next tick
            log.exception("worker tick failed")
        try:
            await asyncio.wait_for(stop.wait(), TICK_SECONDS)
        except TimeoutError:
            pass
