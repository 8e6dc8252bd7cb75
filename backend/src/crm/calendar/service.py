"""A per-user secret iCalendar feed of open tasks and meetings, for Google/Apple/Outlook calendars.

The URL's token is the only credential (calendar apps can't log in), so only its SHA-256 is stored,
rotating it kills the old URL, and the feed shows only what its user could see in the app.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import icalendar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.calendar.models import CalendarFeed
from crm.core import records
from crm.core.errors import Invalid, NotFound
from crm.core.history import audit
from crm.core.security import Principal, hash_token, new_opaque_token
from crm.db import utcnow
from crm.interactions.models import Interaction
from crm.tasks.models import Task
from crm.tasks.schemas import TaskSource, TaskStatus

PUBLIC_PATH = "/api/v1/public/calendar/{token}.ics"
MEETING_TYPES = ("meeting", "visit")
MEETINGS_PAST = timedelta(days=90)
MEETINGS_AHEAD = timedelta(days=365)
EVENT_LENGTH = timedelta(minutes=30)  # tasks, and meetings logged without a duration
LAST_USED_GRANULARITY = timedelta(minutes=5)  # the feed is cached that long anyway
TASK_PRIORITY = {"high": 1, "normal": 5, "low": 9}  # RFC 5545: 1 highest, 9 lowest


async def get(session: AsyncSession, user_id: uuid.UUID) -> CalendarFeed | None:
    return (await session.execute(select(CalendarFeed).where(CalendarFeed.user_id == user_id))).scalar_one_or_none()


async def rotate(session: AsyncSession, principal: Principal) -> tuple[CalendarFeed, str]:
    """A new secret for the caller's feed; the previous URL (if any) stops working at once."""
    token = new_opaque_token()
    feed = await get(session, principal.user_id)
    action = "calendar_feed.rotated" if feed is not None else "calendar_feed.created"
    if feed is None:
        feed = CalendarFeed(user_id=principal.user_id)
        session.add(feed)
    feed.token_hash = hash_token(token)
    feed.created_at = utcnow()
    feed.last_used_at = None
    await session.flush()
    audit(session, principal, action, "calendar_feed", feed.id)
    return feed, token


async def revoke(session: AsyncSession, principal: Principal) -> None:
    feed = await get(session, principal.user_id)
    if feed is None:
        return
    await session.delete(feed)
    await session.flush()
    audit(session, principal, "calendar_feed.revoked", "calendar_feed", feed.id)


async def by_token(session: AsyncSession, token: str) -> tuple[CalendarFeed, Principal]:
    """The feed and its user as the app would see them; unknown, revoked or deactivated: 404."""
    feed = (
        await session.execute(select(CalendarFeed).where(CalendarFeed.token_hash == hash_token(token)))
    ).scalar_one_or_none()
    principal = await records.principal_for(session, feed.user_id) if feed is not None else None
    if feed is None or principal is None:
        raise NotFound("Calendar feed not found.")
    now = utcnow()
    if feed.last_used_at is None or now - feed.last_used_at > LAST_USED_GRANULARITY:
        feed.last_used_at = now
    return feed, principal


class _Names:
    """Titles of related records, only those the feed's user may see (cached per feed)."""

    def __init__(self, session: AsyncSession, principal: Principal) -> None:
        self.session, self.principal = session, principal
        self.cache: dict[tuple[str, uuid.UUID], str | None] = {}

    async def get(self, record_type: str | None, record_id: uuid.UUID | None) -> str | None:
        if record_type is None or record_id is None:
            return None
        key = (record_type, record_id)
        if key not in self.cache:
            try:
                rt = records.get_type(record_type, [])
                self.cache[key] = rt.title(await rt.load(self.session, self.principal, record_id))
            except (NotFound, Invalid):
                self.cache[key] = None
        return self.cache[key]


def _event(uid: str, summary: str, stamp: datetime, sequence: int) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", sequence)
    event.add("summary", summary)
    return event


async def _task_events(session: AsyncSession, principal: Principal, names: _Names, app_url: str) -> list[Any]:
    stmt = (
        select(Task)
        .where(
            Task.assignee_id == principal.user_id,
            Task.status == TaskStatus.open.value,
            Task.due_at.is_not(None),
            Task.deleted_at.is_(None),
        )
        .order_by(Task.due_at, Task.id)
    )
    events = []
    for task in (await session.execute(stmt)).scalars():
        assert task.due_at is not None
        event = _event(f"task-{task.id}@crm", task.title, task.updated_at, task.version)
        if task.source == TaskSource.reminder:
            # Reminders are about a day (a birthday, a renewal), not a time: an all-day event.
            day = task.due_at.astimezone(UTC).date()
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
        else:
            event.add("dtstart", task.due_at)
            event.add("dtend", task.due_at + EVENT_LENGTH)
        lines = [task.description] if task.description else []
        related = await names.get(task.record_type, task.record_id)
        if related:
            lines.append(f"{(task.record_type or '').capitalize()}: {related}")
        if lines:
            event.add("description", "\n\n".join(lines))
        event.add("url", f"{app_url}/tasks/{task.id}")
        event.add("categories", ["Task"])
        event.add("priority", TASK_PRIORITY.get(task.priority, 5))
        event.add("transp", "TRANSPARENT")  # a due time doesn't make the user busy
        events.append(event)
    return events


async def _meeting_events(session: AsyncSession, principal: Principal, names: _Names) -> list[Any]:
    now = utcnow()
    stmt = (
        select(Interaction)
        .where(
            Interaction.owner_id == principal.user_id,
            Interaction.type.in_(MEETING_TYPES),
            Interaction.deleted_at.is_(None),
            Interaction.occurred_at >= now - MEETINGS_PAST,
            Interaction.occurred_at <= now + MEETINGS_AHEAD,
        )
        .order_by(Interaction.occurred_at, Interaction.id)
    )
    events = []
    for meeting in (await session.execute(stmt)).scalars():
        summary = meeting.subject or meeting.type.capitalize()
        event = _event(f"interaction-{meeting.id}@crm", summary, meeting.updated_at, meeting.version)
        length = timedelta(seconds=meeting.duration_seconds) if meeting.duration_seconds else EVENT_LENGTH
        event.add("dtstart", meeting.occurred_at)
        event.add("dtend", meeting.occurred_at + length)
        lines = []
        for record_type, record_id in (
            ("customer", meeting.customer_id),
            ("lead", meeting.lead_id),
            ("deal", meeting.deal_id),
        ):
            related = await names.get(record_type, record_id)
            if related:
                lines.append(f"{record_type.capitalize()}: {related}")
        if lines:
            event.add("description", "\n".join(lines))
        event.add("categories", [meeting.type.capitalize()])
        events.append(event)
    return events


async def render(session: AsyncSession, principal: Principal, app_url: str) -> bytes:
    """The user's open tasks with a due time (30-minute events; reminders all-day) and meetings and
    visits from 90 days back to a year ahead. Related records appear by name only when the user may
    see them."""
    names = _Names(session, principal)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//CRM//Tasks and meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"CRM: {principal.name}")
    cal.add("x-published-ttl", "PT15M")
    for event in await _task_events(session, principal, names, app_url):
        cal.add_component(event)
    for event in await _meeting_events(session, principal, names):
        cal.add_component(event)
    return cal.to_ical()
