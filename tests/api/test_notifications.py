"""Notifications (mentions, unread count, read state, preferences) and outgoing e-mail (queue,
local mailbox, SMTP delivery with retries)."""

from __future__ import annotations

import socket
import uuid
from email import message_from_bytes
from email.policy import default as default_policy
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from crm.core.models import OutboxEvent
from crm.core.security import Principal, Role
from crm.db import get_sessionmaker
from crm.notifications import mail, service
from crm.notifications.models import Notification, OutgoingEmail
from crm.settings import get_settings

from .factories import assert_problem, auth, make_customer, make_user


@pytest.fixture
async def org(client, session):
    o = SimpleNamespace()
    o.admin = await make_user(session, role="admin", name="Admin", email="admin@example.com")
    o.a = await make_user(session, role="sales", name="Rep A", email="rep.a@example.com")
    o.b = await make_user(session, role="sales", name="Rep B", email="rep.b@example.com")
    o.viewer = await make_user(session, role="viewer", name="Viewer")
    r = await client.put("/access-policies/deal", headers=auth(o.admin), json={"level": "read"})
    assert r.status_code == 200, r.text
    customer = await make_customer(session, o.a, name="Acme")
    r = await client.post("/deals", headers=auth(o.a), json={"name": "Acme renewal", "customer_id": str(customer.id)})
    assert r.status_code == 201, r.text
    o.deal = r.json()
    return o


async def mention(client, author, user, body="Can you check the discount?", deal=None, org=None):
    r = await client.post(
        "/comments",
        headers=auth(author),
        json={"record_type": "deal", "record_id": deal or org.deal["id"], "body": body, "mentions": [str(user.id)]},
    )
    assert r.status_code == 201, r.text
    return r.json()


async def notify_many(user, n, kind="system", actor=None):
    """`n` notifications straight through the service, as other features send them."""
    async with get_sessionmaker()() as s:
        for i in range(n):
            await service.notify(s, user.id, kind, f"{kind} {i}", f"body {i}", actor=actor)
        await s.commit()


async def outgoing():
    async with get_sessionmaker()() as s:
        rows = await s.execute(select(OutgoingEmail).order_by(OutgoingEmail.created_at, OutgoingEmail.id))
        return list(rows.scalars())


async def deliver():
    async with get_sessionmaker()() as s:
        result = await mail.deliver_pending(s)
        await s.commit()
    return result


# --- mentions become notifications ----------------------------------------------------------


async def test_mention_notifies_the_mentioned_user_only(client, session, org):
    await mention(client, org.a, org.b, "Can you check the discount?\n\nThey asked twice.", org=org)
    r = await client.get("/notifications", headers=auth(org.b))
    assert r.status_code == 200, r.text
    [note] = r.json()["items"]
    assert note["kind"] == "mention"
    assert note["title"] == "Rep A mentioned you on Acme renewal"
    assert note["body"] == "Can you check the discount? They asked twice."
    assert note["record_type"] == "deal" and note["record_id"] == org.deal["id"]
    assert note["actor_id"] == str(org.a.id) and note["actor_name"] == "Rep A"
    assert note["read_at"] is None and note["created_at"].endswith("Z")
    assert r.json()["next_cursor"] is None

    # The author and everyone else get nothing.
    for user in (org.a, org.admin, org.viewer):
        assert (await client.get("/notifications", headers=auth(user))).json()["items"] == []
        assert (await client.get("/notifications/unread-count", headers=auth(user))).json() == {"count": 0}
    assert (await client.get("/notifications/unread-count", headers=auth(org.b))).json() == {"count": 1}

    events = (await session.execute(select(OutboxEvent).where(OutboxEvent.type == "notification.created"))).scalars()
    [event] = list(events)
    assert event.data["user_id"] == str(org.b.id) and event.data["kind"] == "mention"
    assert event.data["record_id"] == org.deal["id"]


async def test_long_comment_is_excerpted(client, org):
    await mention(client, org.a, org.b, "word " * 100, org=org)
    [note] = (await client.get("/notifications", headers=auth(org.b))).json()["items"]
    assert len(note["body"]) == 200 and note["body"].endswith("…")


async def test_self_mention_notifies_nobody(client, org):
    await mention(client, org.a, org.a, org=org)
    assert (await client.get("/notifications/unread-count", headers=auth(org.a))).json() == {"count": 0}
    assert await outgoing() == []


async def test_inactive_users_get_nothing(session, org):
    gone = await make_user(session, role="sales", name="Gone", active=False)
    async with get_sessionmaker()() as s:
        assert await service.notify(s, gone.id, "system", "Hello") is None
        with pytest.raises(ValueError):
            await service.notify(s, org.a.id, "gossip", "Hello")


# --- read state -----------------------------------------------------------------------------


async def test_mark_read_and_read_all(client, session, org):
    await mention(client, org.a, org.b, "first", org=org)
    await mention(client, org.a, org.b, "second", org=org)
    await mention(client, org.a, org.b, "third", org=org)
    h = auth(org.b)
    items = (await client.get("/notifications", headers=h)).json()["items"]
    assert [n["body"] for n in items] == ["third", "second", "first"]

    r = await client.post(f"/notifications/{items[1]['id']}/read", headers=h)
    assert r.status_code == 200, r.text
    read_at = r.json()["read_at"]
    assert read_at and r.json()["id"] == items[1]["id"] and r.json()["actor_name"] == "Rep A"
    # Reading again changes nothing.
    again = await client.post(f"/notifications/{items[1]['id']}/read", headers=h)
    assert again.json()["read_at"] == read_at
    assert (await client.get("/notifications/unread-count", headers=h)).json() == {"count": 2}

    unread = (await client.get("/notifications?unread=true", headers=h)).json()["items"]
    assert [n["body"] for n in unread] == ["third", "first"]
    assert [
        n["body"] for n in (await client.get("/notifications?read_at[isnull]=true", headers=h)).json()["items"]
    ] == [
        "third",
        "first",
    ]
    read = (await client.get("/notifications?unread=false", headers=h)).json()["items"]
    assert [n["body"] for n in read] == ["second"]

    # Somebody else's notification is a 404, like one that doesn't exist.
    assert_problem(await client.post(f"/notifications/{items[0]['id']}/read", headers=auth(org.a)), 404)
    assert_problem(await client.post(f"/notifications/{uuid.uuid4()}/read", headers=h), 404)
    assert_problem(await client.post("/notifications/not-a-uuid/read", headers=h), 422, loc=["path", "notification_id"])

    # read-all only touches the caller's unread ones.
    await notify_many(org.a, 2)
    r = await client.post("/notifications/read-all", headers=h)
    assert r.status_code == 200 and r.json() == {"updated": 2}
    assert (await client.post("/notifications/read-all", headers=h)).json() == {"updated": 0}
    assert (await client.get("/notifications/unread-count", headers=h)).json() == {"count": 0}
    assert (await client.get("/notifications/unread-count", headers=auth(org.a))).json() == {"count": 2}
    rows = (await session.execute(select(Notification).where(Notification.user_id == org.b.id))).scalars()
    assert all(n.read_at is not None for n in rows)
    types = [e.type for e in (await session.execute(select(OutboxEvent).order_by(OutboxEvent.id))).scalars()]
    assert types.count("notification.read") == 1 and types.count("notification.read_all") == 1


async def test_list_pages_newest_first_and_filters(client, org):
    actor = Principal(user_id=org.admin.id, role=Role.admin, name="Admin")
    await notify_many(org.b, 3, "task", actor=actor)
    await notify_many(org.b, 2, "reminder")
    h = auth(org.b)
    r = await client.get("/notifications?limit=2&include_total=true", headers=h)
    assert [n["title"] for n in r.json()["items"]] == ["reminder 1", "reminder 0"]
    assert r.json()["total"] == 5
    cursor = r.json()["next_cursor"]
    assert f"cursor={cursor}" in r.headers["link"]
    r = await client.get(f"/notifications?limit=2&cursor={cursor}", headers=h)
    assert [n["title"] for n in r.json()["items"]] == ["task 2", "task 1"]
    r = await client.get(f"/notifications?limit=2&cursor={r.json()['next_cursor']}", headers=h)
    assert [n["title"] for n in r.json()["items"]] == ["task 0"] and r.json()["next_cursor"] is None

    r = await client.get("/notifications?kind=task&sort=created_at", headers=h)
    assert [n["title"] for n in r.json()["items"]] == ["task 0", "task 1", "task 2"]
    assert {n["actor_name"] for n in r.json()["items"]} == {"Admin"}
    r = await client.get(f"/notifications?actor_id={org.admin.id}", headers=h)
    assert len(r.json()["items"]) == 3


@pytest.mark.parametrize(
    ("query", "loc"),
    [
        ("limit=0", ["query", "limit"]),
        ("limit=201", ["query", "limit"]),
        ("unread=maybe", ["query", "unread"]),
        ("kind=gossip", ["query", "kind"]),
        ("user_id=00000000-0000-0000-0000-000000000000", ["query", "user_id"]),
        ("sort=title", ["query", "sort"]),
        ("kind[foo]=task", ["query", "kind[foo]"]),
        ("updated_since=2026-01-01T00:00:00Z", ["query", "updated_since"]),
    ],
)
async def test_list_validation(client, org, query, loc):
    assert_problem(await client.get(f"/notifications?{query}", headers=auth(org.b)), 422, loc=loc)


async def test_notifications_need_a_login(client, org):
    for r in (
        await client.get("/notifications"),
        await client.get("/notifications/unread-count"),
        await client.post(f"/notifications/{uuid.uuid4()}/read"),
        await client.post("/notifications/read-all"),
        await client.get("/notifications/preferences"),
        await client.put("/notifications/preferences", json={"email_kinds": []}),
        await client.get("/mailbox"),
        await client.get(f"/mailbox/{uuid.uuid4()}"),
    ):
        assert_problem(r, 401)


# --- preferences ----------------------------------------------------------------------------


async def test_preferences_default_and_update(client, org):
    h = auth(org.b)
    r = await client.get("/notifications/preferences", headers=h)
    assert r.status_code == 200
    assert r.json() == {
        "email_kinds": ["mention", "reminder", "assignment"],
        "kinds": ["mention", "reminder", "assignment", "task", "system"],
    }
    r = await client.put("/notifications/preferences", headers=h, json={"email_kinds": ["task", "mention", "task"]})
    assert r.status_code == 200, r.text
    assert r.json()["email_kinds"] == ["mention", "task"]
    assert (await client.get("/notifications/preferences", headers=h)).json()["email_kinds"] == ["mention", "task"]
    # Another user's preferences are their own.
    assert (await client.get("/notifications/preferences", headers=auth(org.a))).json()["email_kinds"] == [
        "mention",
        "reminder",
        "assignment",
    ]
    r = await client.put("/notifications/preferences", headers=h, json={"email_kinds": []})
    assert r.json()["email_kinds"] == []


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"email_kinds": ["mention", "gossip"]}, ["body", "email_kinds", 1]),
        ({"email_kinds": "mention"}, ["body", "email_kinds"]),
        ({}, ["body", "email_kinds"]),
        ({"email_kinds": [], "sms_kinds": []}, ["body", "sms_kinds"]),
    ],
)
async def test_preferences_validation(client, org, body, loc):
    assert_problem(await client.put("/notifications/preferences", headers=auth(org.b), json=body), 422, loc=loc)


async def test_preferences_decide_which_notifications_are_emailed(client, org):
    await mention(client, org.a, org.b, "mailed by default", org=org)
    [queued] = await outgoing()
    assert queued.to_address == "rep.b@example.com" and queued.status == "queued" and queued.attempts == 0
    assert queued.subject == "Rep A mentioned you on Acme renewal"
    assert queued.body_text.startswith("Rep A mentioned you on Acme renewal\n\nmailed by default\n\n-- \n")
    assert "Notifications > Preferences" in queued.body_text

    r = await client.put("/notifications/preferences", headers=auth(org.b), json={"email_kinds": ["system"]})
    assert r.status_code == 200
    await mention(client, org.a, org.b, "in the app only", org=org)
    await notify_many(org.b, 1, "system")
    await notify_many(org.a, 1, "system")  # A keeps the defaults: system isn't mailed
    mails = await outgoing()
    assert [m.subject for m in mails] == ["Rep A mentioned you on Acme renewal", "system 0"]
    assert mails[1].to_address == "rep.b@example.com"
    # The in-app notification is there either way.
    assert (await client.get("/notifications/unread-count", headers=auth(org.b))).json() == {"count": 3}


# --- delivery and the mailbox ---------------------------------------------------------------


async def test_without_smtp_mail_is_stored_in_the_admins_mailbox(client, org, monkeypatch):
    monkeypatch.setattr(get_settings(), "smtp_host", None)
    await mention(client, org.a, org.b, "first", org=org)
    await mention(client, org.a, org.admin, "second", org=org)
    result = await deliver()
    assert (result.stored, result.sent) == (2, 0)
    assert [m.status for m in await outgoing()] == ["stored", "stored"]
    assert (await deliver()).stored == 0  # nothing left in the queue

    r = await client.get("/mailbox", headers=auth(org.admin))
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [m["to_address"] for m in items] == ["admin@example.com", "rep.b@example.com"]
    first = items[1]
    assert first["subject"] == "Rep A mentioned you on Acme renewal"
    assert "first" in first["body_text"] and first["status"] == "stored"
    assert first["sent_at"] is None and first["error"] is None and first["attempts"] == 0
    assert first["notification_id"] and first["created_at"].endswith("Z")

    got = await client.get(f"/mailbox/{first['id']}", headers=auth(org.admin))
    assert got.status_code == 200 and got.json() == first
    r = await client.get("/mailbox?to_address=rep.b@example.com", headers=auth(org.admin))
    assert [m["id"] for m in r.json()["items"]] == [first["id"]]
    r = await client.get("/mailbox?to_address[contains]=admin", headers=auth(org.admin))
    assert [m["to_address"] for m in r.json()["items"]] == ["admin@example.com"]
    assert (await client.get("/mailbox?status=queued", headers=auth(org.admin))).json()["items"] == []
    r = await client.get("/mailbox?status=stored&limit=1", headers=auth(org.admin))
    assert len(r.json()["items"]) == 1 and r.json()["next_cursor"] and 'rel="next"' in r.headers["link"]

    # Everyone else: 403, even for a mail addressed to them.
    for user in (org.a, org.b, org.viewer):
        assert_problem(await client.get("/mailbox", headers=auth(user)), 403)
        assert_problem(await client.get(f"/mailbox/{first['id']}", headers=auth(user)), 403)
    assert_problem(await client.get(f"/mailbox/{uuid.uuid4()}", headers=auth(org.admin)), 404)
    assert_problem(await client.get("/mailbox?status=lost", headers=auth(org.admin)), 422, loc=["query", "status"])
    assert_problem(await client.get("/mailbox?subject=x", headers=auth(org.admin)), 422, loc=["query", "subject"])


class Inbox:
    """aiosmtpd handler that keeps what it receives."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  (aiosmtpd's hook name)
        self.envelopes.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(monkeypatch):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings = get_settings()
    monkeypatch.setattr(settings, "smtp_host", "127.0.0.1")
    monkeypatch.setattr(settings, "smtp_port", controller.port)
    monkeypatch.setattr(settings, "smtp_starttls", False)
    monkeypatch.setattr(settings, "mail_from", "CRM <crm@example.com>")
    try:
        yield inbox
    finally:
        controller.stop()


async def test_smtp_delivery_sends_and_marks_sent(client, org, smtp_server):
    await mention(client, org.a, org.b, "견적 할인 확인 부탁해요", org=org)
    result = await deliver()
    assert (result.sent, result.retried, result.failed) == (1, 0, 0)
    [envelope] = smtp_server.envelopes
    assert envelope.mail_from == "crm@example.com"
    assert envelope.rcpt_tos == ["rep.b@example.com"]
    msg = message_from_bytes(envelope.content, policy=default_policy)
    assert msg["To"] == "rep.b@example.com" and msg["From"] == "CRM <crm@example.com>"
    assert msg["Subject"] == "Rep A mentioned you on Acme renewal"
    assert msg.get_content_type() == "text/plain"
    text = msg.get_content()
    assert "견적 할인 확인 부탁해요" in text and "Notifications > Preferences" in text
    [row] = await outgoing()
    assert row.status == "sent" and row.sent_at is not None and row.attempts == 1 and row.error is None
    # Sent mail is not sent again.
    assert (await deliver()).sent == 0 and len(smtp_server.envelopes) == 1

    r = await client.get("/mailbox?status=sent", headers=auth(org.admin))
    assert [m["id"] for m in r.json()["items"]] == [str(row.id)] and r.json()["items"][0]["sent_at"]


async def test_smtp_failure_retries_then_fails_after_five_attempts(client, org, monkeypatch):
    settings = get_settings()
    monkeypatch.setattr(settings, "smtp_host", "127.0.0.1")
    monkeypatch.setattr(settings, "smtp_port", free_port())  # nothing listens there
    monkeypatch.setattr(settings, "smtp_starttls", False)
    await mention(client, org.a, org.b, org=org)
    for attempt in range(1, 5):
        result = await deliver()
        assert (result.sent, result.retried, result.failed) == (0, 1, 0)
        [row] = await outgoing()
        assert row.status == "queued" and row.attempts == attempt and row.sent_at is None
        assert "ConnectionRefusedError" in row.error
    result = await deliver()
    assert (result.retried, result.failed) == (0, 1)
    [row] = await outgoing()
    assert row.status == "failed" and row.attempts == 5 and "ConnectionRefusedError" in row.error
    assert (await deliver()).failed == 0  # failed mail is left alone
    r = await client.get("/mailbox?status=failed", headers=auth(org.admin))
    assert r.json()["items"][0]["error"] == row.error


async def test_two_workers_never_claim_the_same_mail(org, database, monkeypatch):
    """PostgreSQL: the second pass skips rows the first holds (FOR UPDATE SKIP LOCKED)."""
    if database != "postgresql":
        pytest.skip("row locks are a PostgreSQL feature; SQLite has one writer at a time")
    monkeypatch.setattr(get_settings(), "smtp_host", None)
    await notify_many(org.b, 3, "mention")
    maker = get_sessionmaker()
    async with maker() as first, maker() as second:
        assert (await mail.deliver_pending(first)).stored == 3
        assert (await mail.deliver_pending(second)).stored == 0
        await first.commit()
        await second.commit()
    assert [m.status for m in await outgoing()] == ["stored"] * 3
