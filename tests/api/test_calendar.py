"""The per-user secret iCalendar feed: make, rotate, revoke; what it shows and to whom."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import icalendar
import pytest
from sqlalchemy import select, update

from crm.calendar.models import CalendarFeed
from crm.interactions.models import Interaction
from crm.tasks import service as tasks_service
from crm.users.models import User

from .factories import assert_problem, auth, make_customer, make_user

PREFIX = "http://test/api/v1"


@pytest.fixture
async def org(session):
    o = SimpleNamespace()
    o.admin = await make_user(session, role="admin", name="Admin")
    o.a = await make_user(session, role="sales", name="Rep A")
    o.b = await make_user(session, role="sales", name="Rep B")
    return o


def z(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat().replace("+00:00", "Z")


async def new_feed(client, user) -> str:
    """The feed's path under /api/v1, from the full URL the API returns once."""
    r = await client.post("/calendar/feed", headers=auth(user))
    assert r.status_code == 200, r.text
    url = r.json()["url"]
    assert url.startswith(PREFIX + "/public/calendar/") and url.endswith(".ics")
    return url.removeprefix(PREFIX)


async def fetch(client, path) -> icalendar.Calendar:
    r = await client.get(path)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/calendar; charset=utf-8"
    assert r.headers["cache-control"] == "private, max-age=300"
    return icalendar.Calendar.from_ical(r.content)


def events(cal) -> dict[str, icalendar.Event]:
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


async def add_task(client, user, **body):
    r = await client.post("/tasks", headers=auth(user), json=body)
    assert r.status_code == 201, r.text
    return r.json()


def meeting(owner, when, subject, **extra):
    return Interaction(
        type=extra.pop("type", "meeting"),
        occurred_at=when,
        owner_id=owner.id,
        subject=subject,
        participants=[],
        attachments=[],
        **extra,
    )


async def test_feed_lifecycle_rotate_and_revoke(client, session, org):
    h = auth(org.a)
    r = await client.get("/calendar/feed", headers=h)
    assert r.status_code == 200 and r.json() == {"active": False, "url": None, "created_at": None, "last_used_at": None}
    first = await new_feed(client, org.a)
    token = first.rsplit("/", 1)[1].removesuffix(".ics")
    # Stored hashed, never in the clear.
    [row] = (await session.execute(select(CalendarFeed))).scalars().all()
    assert row.user_id == org.a.id and row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    state = (await client.get("/calendar/feed", headers=h)).json()
    assert state["active"] and state["url"] is None and state["created_at"] and state["last_used_at"] is None

    cal = await fetch(client, first)
    assert str(cal["X-WR-CALNAME"]) == "CRM: Rep A" and str(cal["VERSION"]) == "2.0"
    assert (await client.get("/calendar/feed", headers=h)).json()["last_used_at"] is not None

    second = await new_feed(client, org.a)
    assert second != first
    assert_problem(await client.get(first), 404)
    await fetch(client, second)
    assert len((await session.execute(select(CalendarFeed))).scalars().all()) == 1

    assert (await client.delete("/calendar/feed", headers=h)).status_code == 204
    assert_problem(await client.get(second), 404)
    assert (await client.get("/calendar/feed", headers=h)).json()["active"] is False
    assert (await client.delete("/calendar/feed", headers=h)).status_code == 204
    assert_problem(await client.get("/public/calendar/not-a-token.ics"), 404)

    # A deactivated user's feed stops too.
    third = await new_feed(client, org.a)
    await session.execute(update(User).where(User.id == org.a.id).values(is_active=False))
    await session.commit()
    assert_problem(await client.get(third), 404)


async def test_auth_required(client, org):
    for method in ("get", "post", "delete"):
        assert_problem(await getattr(client, method)("/calendar/feed"), 401)


async def test_feed_shows_the_users_open_tasks_and_meetings_only(client, session, org):
    r = await client.put("/access-policies/customer", headers=auth(org.admin), json={"level": "private"})
    assert r.status_code == 200, r.text
    mine = await make_customer(session, org.a, name="Hanbit Soft")
    theirs = await make_customer(session, org.b, name="Secret Corp")
    now = datetime.now(UTC).replace(microsecond=0)
    due = now + timedelta(days=1)
    call = await add_task(
        client,
        org.a,
        title="Call Minjun",
        description="Ask about the pilot.",
        due_at=z(due),
        priority="high",
        record_type="customer",
        record_id=str(mine.id),
    )
    await add_task(client, org.a, title="No due date")
    done = await add_task(client, org.a, title="Done already", due_at=z(due))
    await client.patch(f"/tasks/{done['id']}", headers=auth(org.a), json={"status": "done"})
    deleted = await add_task(client, org.a, title="Deleted", due_at=z(due))
    await client.delete(f"/tasks/{deleted['id']}", headers=auth(org.a))
    await add_task(client, org.b, title="B's own task", due_at=z(due))
    await add_task(client, org.admin, title="Admin's task for B", assignee_id=str(org.b.id), due_at=z(due))
    await add_task(client, org.admin, title="Admin's task for A", assignee_id=str(org.a.id), due_at=z(due))
    birthday = await tasks_service.create_reminder(
        session,
        key=f"birthday:{mine.id}:2027",
        title="Birthday: Minjun",
        description="",
        due_at=datetime(2027, 2, 25, 12, tzinfo=UTC),
        assignee_id=org.a.id,
        record_type="customer",
        record_id=mine.id,
    )
    session.add_all(
        [
            meeting(org.a, now + timedelta(days=2), "Demo at Hanbit", duration_seconds=5400, customer_id=mine.id),
            meeting(org.a, now - timedelta(days=10), None, type="visit", customer_id=theirs.id),
            meeting(org.a, now - timedelta(days=100), "Too long ago"),
            meeting(org.a, now + timedelta(days=400), "Too far ahead"),
            meeting(org.a, now + timedelta(days=3), "Deleted meeting", deleted_at=now),
            meeting(org.a, now + timedelta(days=1), "Just a call", type="call"),
            meeting(org.b, now + timedelta(days=2), "B's meeting"),
        ]
    )
    await session.commit()

    cal = await fetch(client, await new_feed(client, org.a))
    found = events(cal)
    assert sorted(found) == sorted(["Call Minjun", "Admin's task for A", "Birthday: Minjun", "Demo at Hanbit", "Visit"])
    task = found["Call Minjun"]
    assert str(task["UID"]) == f"task-{call['id']}@crm"
    assert task.decoded("DTSTART") == due and task.decoded("DTEND") == due + timedelta(minutes=30)
    assert str(task["URL"]) == f"http://test/tasks/{call['id']}"
    assert str(task["DESCRIPTION"]) == "Ask about the pilot.\n\nCustomer: Hanbit Soft"
    assert int(task["PRIORITY"]) == 1 and "DTSTAMP" in task
    # Reminders are about a day: all-day events.
    bday = found["Birthday: Minjun"]
    assert bday.decoded("DTSTART") == date(2027, 2, 25) and bday.decoded("DTEND") == date(2027, 2, 26)
    assert str(bday["UID"]) == f"task-{birthday.id}@crm"
    demo = found["Demo at Hanbit"]
    assert demo.decoded("DTSTART") == now + timedelta(days=2)
    assert demo.decoded("DTEND") - demo.decoded("DTSTART") == timedelta(minutes=90)
    assert str(demo["DESCRIPTION"]) == "Customer: Hanbit Soft"
    assert str(demo["UID"]).startswith("interaction-") and str(demo["UID"]).endswith("@crm")
    # A customer A can't see (private, B's) is not named in A's feed.
    visit = found["Visit"]
    assert "DESCRIPTION" not in visit and b"Secret Corp" not in cal.to_ical()
    assert visit.decoded("DTEND") - visit.decoded("DTSTART") == timedelta(minutes=30)
    # UIDs are stable across fetches, so calendar apps update events instead of duplicating them.
    again = events(await fetch(client, await new_feed(client, org.a)))
    assert {str(e["UID"]) for e in again.values()} == {str(e["UID"]) for e in found.values()}

    b_cal = events(await fetch(client, await new_feed(client, org.b)))
    assert sorted(b_cal) == ["Admin's task for B", "B's meeting", "B's own task"]


async def test_public_feed_is_rate_limited_per_ip(client, org):
    path = await new_feed(client, org.a)
    for _ in range(30):
        r = await client.get(path)
        assert r.status_code == 200
    assert r.headers["ratelimit-limit"] == "30" and r.headers["ratelimit-remaining"] == "0"
    limited = await client.get(path)
    assert_problem(limited, 429)
    assert int(limited.headers["retry-after"]) >= 1
    assert_problem(await client.get(f"/public/calendar/{uuid.uuid4()}.ics"), 429)
