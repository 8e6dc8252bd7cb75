"""Reminder rules (admins write, everyone reads) and the job that turns them into tasks, idempotently."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select, update

from crm.core.models import OutboxEvent
from crm.deals.models import Deal
from crm.interactions.models import Interaction
from crm.notifications.models import Notification
from crm.reminders import service as reminders_service
from crm.tasks.models import Task
from crm.users.models import User

from .factories import assert_problem, auth, make_customer, make_user

MISSING = "01900000-0000-7000-8000-000000000000"


@pytest.fixture
async def org(session):
    o = SimpleNamespace()
    o.admin = await make_user(session, role="admin", name="Admin")
    o.a = await make_user(session, role="sales", name="Rep A")
    o.b = await make_user(session, role="sales", name="Rep B")
    return o


async def add_rule(client, admin, **body):
    r = await client.post("/reminder-rules", headers=auth(admin), json={"name": "Rule", **body})
    assert r.status_code == 201, r.text
    return r.json()


async def add_field(client, admin, object_type, key, type_="date"):
    body = {"object_type": object_type, "key": key, "label": key.replace("_", " ").capitalize(), "type": type_}
    r = await client.post("/custom-fields", headers=auth(admin), json=body)
    assert r.status_code == 201, r.text


async def add_deal(client, user, customer, **body):
    r = await client.post("/deals", headers=auth(user), json={"name": "Deal", "customer_id": str(customer.id), **body})
    assert r.status_code == 201, r.text
    return r.json()


async def deactivate(session, user):
    await session.execute(update(User).where(User.id == user.id).values(is_active=False))
    await session.commit()


async def tasks(session):
    rows = await session.execute(
        select(Task).order_by(Task.due_at, Task.title).execution_options(populate_existing=True)
    )
    return list(rows.scalars())


async def reminders(session):
    stmt = select(Notification).where(Notification.kind == "reminder").order_by(Notification.title)
    return list((await session.execute(stmt)).scalars())


async def run(session, today=None):
    result = await reminders_service.generate(session, today)
    await session.commit()
    return result


def noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


# --- rules ----------------------------------------------------------------------------------


async def test_rules_crud_admins_write_everyone_reads(client, org):
    rule = await add_rule(client, org.admin, name="Quiet deals", kind="followup", days=14)
    assert (rule["name"], rule["kind"], rule["enabled"], rule["days"], rule["days_before"]) == (
        "Quiet deals",
        "followup",
        True,
        14,
        0,
    )
    assert (rule["object_type"], rule["field"], rule["yearly"], rule["version"]) == (None, None, False, 1)
    ha = auth(org.a)
    listed = await client.get("/reminder-rules", headers=ha)
    assert [i["id"] for i in listed.json()["items"]] == [rule["id"]]
    got = await client.get(f"/reminder-rules/{rule['id']}", headers=ha)
    assert got.json() == rule and got.headers["etag"] == '"1"'
    assert_problem(await client.post("/reminder-rules", headers=ha, json={"name": "x", "kind": "birthday"}), 403)
    assert_problem(await client.patch(f"/reminder-rules/{rule['id']}", headers=ha, json={"days": 3}), 403)
    assert_problem(await client.delete(f"/reminder-rules/{rule['id']}", headers=ha), 403)
    assert_problem(await client.post("/reminder-rules/run", headers=ha), 403)
    assert_problem(await client.get("/reminder-rules"), 401)

    h = auth(org.admin)
    stale = await client.patch(f"/reminder-rules/{rule['id']}", headers={**h, "If-Match": '"5"'}, json={"days": 7})
    assert_problem(stale, 412)
    r = await client.patch(
        f"/reminder-rules/{rule['id']}", headers={**h, "If-Match": '"1"'}, json={"days": 7, "enabled": False}
    )
    assert r.status_code == 200 and (r.json()["days"], r.json()["enabled"], r.json()["version"]) == (7, False, 2)
    assert r.headers["etag"] == '"2"'
    assert (await client.get("/reminder-rules", headers=ha, params={"enabled": "true"})).json()["items"] == []
    assert_problem(
        await client.get("/reminder-rules", headers=ha, params={"kind": "weekly"}), 422, loc=["query", "kind"]
    )
    assert (await client.delete(f"/reminder-rules/{rule['id']}", headers=h)).status_code == 204
    assert_problem(await client.get(f"/reminder-rules/{rule['id']}", headers=ha), 404)
    assert_problem(await client.delete(f"/reminder-rules/{MISSING}", headers=h), 404)


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"kind": "followup"}, ["body", "days"]),
        ({"kind": "followup", "days": 366}, ["body", "days"]),
        ({"kind": "followup", "days": -1}, ["body", "days"]),
        ({"kind": "followup", "days": "7"}, ["body", "days"]),
        ({"kind": "followup", "days": 7, "field": "birthday"}, ["body", "field"]),
        ({"kind": "birthday", "days": 7}, ["body", "days"]),
        ({"kind": "birthday", "days_before": 400}, ["body", "days_before"]),
        ({"kind": "birthday", "yearly": True}, ["body", "yearly"]),
        ({"kind": "anniversary"}, ["body", "kind"]),
        ({"kind": "date_field", "field": "expected_close_date"}, ["body", "object_type"]),
        ({"kind": "date_field", "object_type": "deal"}, ["body", "field"]),
        ({"kind": "date_field", "object_type": "lead", "field": "created_at"}, ["body", "object_type"]),
        ({"kind": "date_field", "object_type": "deal", "field": "renewal"}, ["body", "field"]),
        ({"kind": "date_field", "object_type": "deal", "field": "name"}, ["body", "field"]),
        ({"kind": "date_field", "object_type": "deal", "field": "birthday"}, ["body", "field"]),
        ({"kind": "date_field", "object_type": "deal", "field": "nickname"}, ["body", "field"]),
        ({"kind": "date_field", "object_type": "customer", "field": "renewal_date"}, ["body", "field"]),
        ({"kind": "birthday", "name": ""}, ["body", "name"]),
        ({"kind": "birthday", "colour": "red"}, ["body", "colour"]),
    ],
)
async def test_rule_validation(client, session, org, body, loc):
    await add_field(client, org.admin, "deal", "nickname", "text")
    await add_field(client, org.admin, "deal", "renewal_date")
    body = {"name": "Rule", **body}
    assert_problem(await client.post("/reminder-rules", headers=auth(org.admin), json=body), 422, loc=loc)
    assert (await client.get("/reminder-rules", headers=auth(org.admin))).json()["items"] == []


async def test_rule_update_is_validated_as_a_whole(client, org):
    await add_field(client, org.admin, "deal", "nickname", "text")
    rule = await add_rule(client, org.admin, kind="birthday", days_before=3)
    h = auth(org.admin)
    r = await client.patch(f"/reminder-rules/{rule['id']}", headers=h, json={"kind": "date_field"})
    assert_problem(r, 422, loc=["body", "object_type"])
    r = await client.patch(
        f"/reminder-rules/{rule['id']}",
        headers=h,
        json={"kind": "date_field", "object_type": "deal", "field": "nickname"},
    )
    body = assert_problem(r, 422, loc=["body", "field"])
    assert body["errors"][0]["msg"] == "Nickname is a text field, not a date field."
    r = await client.patch(
        f"/reminder-rules/{rule['id']}",
        headers=h,
        json={"kind": "date_field", "object_type": "deal", "field": "expected_close_date"},
    )
    assert r.status_code == 200 and (r.json()["kind"], r.json()["field"]) == ("date_field", "expected_close_date")
    assert_problem(await client.patch(f"/reminder-rules/{rule['id']}", headers=h, json={"enabled": None}), 422)
    assert (await client.get(f"/reminder-rules/{rule['id']}", headers=h)).json()["version"] == 2


# --- follow-ups -----------------------------------------------------------------------------


async def test_followups_for_quiet_open_deals_only(client, session, org):
    await add_rule(client, org.admin, name="Quiet", kind="followup", days=14)
    now = datetime.now(UTC)
    today = now.date()
    inactive = await make_user(session, role="sales", name="Gone")

    async def deal(owner, name, **body):
        return await add_deal(client, owner, await make_customer(session, owner, name=f"{name} Inc"), name=name, **body)

    silent = await deal(org.a, "Silent")
    recent = await deal(org.a, "Recently called")
    old_touch = await deal(org.b, "Old touch")
    on_deal = await deal(org.a, "Touched on the deal")
    scheduled = await deal(org.b, "Meeting next week")
    won = await deal(org.a, "Won")
    deleted = await deal(org.a, "Deleted")
    await deal(inactive, "Orphaned")  # its owner leaves: nobody to remind
    fresh = await add_deal(client, org.a, await make_customer(session, org.a), name="Brand new")
    old = now - timedelta(days=40)
    await session.execute(update(Deal).where(Deal.id != _id(fresh)).values(created_at=old))

    def touch(deal, when, *, on_deal_only=False, **extra):
        return Interaction(
            type=extra.pop("type", "call"),
            occurred_at=when,
            owner_id=uuid.UUID(deal["owner_id"]),
            customer_id=None if on_deal_only else uuid.UUID(deal["customer_id"]),
            deal_id=_id(deal) if on_deal_only else None,
            participants=[],
            attachments=[],
            **extra,
        )

    session.add_all(
        [
            touch(recent, now - timedelta(days=2)),
            touch(old_touch, now - timedelta(days=20)),
            touch(old_touch, now - timedelta(days=1), deleted_at=now),  # deleted: not a touch
            touch(on_deal, now - timedelta(days=3), on_deal_only=True),
            touch(scheduled, now + timedelta(days=3), type="meeting"),  # not happened yet
        ]
    )
    await session.commit()
    r = await client.patch(
        f"/deals/{won['id']}", headers=auth(org.a), json={"stage_id": await stage(client, org.a, "won")}
    )
    assert r.status_code == 200 and r.json()["status"] == "won", r.text
    assert (await client.delete(f"/deals/{deleted['id']}", headers=auth(org.a))).status_code == 204
    await deactivate(session, inactive)

    r = await client.post("/reminder-rules/run", headers=auth(org.admin))
    assert r.status_code == 200 and r.json()["tasks_created"] == 3, r.text
    made = await tasks(session)
    assert sorted((t.title, t.assignee_id, t.record_id, t.reminder_key) for t in made) == sorted(
        [
            ("Follow up: Silent", org.a.id, _id(silent), f"followup:{silent['id']}:{old.date()}"),
            (
                "Follow up: Old touch",
                org.b.id,
                _id(old_touch),
                f"followup:{old_touch['id']}:{(now - timedelta(days=20)).date()}",
            ),
            ("Follow up: Meeting next week", org.b.id, _id(scheduled), f"followup:{scheduled['id']}:{old.date()}"),
        ]
    )
    for t in made:
        assert (t.due_at, t.source, t.record_type, t.status, t.created_by_id) == (
            noon(today),
            "reminder",
            "deal",
            "open",
            None,
        )
    silent_task = next(t for t in made if t.record_id == _id(silent))
    assert silent_task.description == f"No interaction since the deal was created on {old.date()}."
    notes = await reminders(session)
    assert sorted((n.user_id, n.title, n.record_type) for n in notes) == sorted(
        [(t.assignee_id, t.title, "task") for t in made]
    )
    assert {n.record_id for n in notes} == {t.id for t in made}
    # The reps see them as their own tasks.
    listed = (await client.get("/tasks", headers=auth(org.b), params={"source": "reminder", "sort": "title"})).json()
    assert [i["title"] for i in listed["items"]] == ["Follow up: Meeting next week", "Follow up: Old touch"]

    # Twice, or with the task done or deleted, nothing more: one follow-up per silence.
    assert (await client.delete(f"/tasks/{silent_task.id}", headers=auth(org.a))).status_code == 204
    again = await client.post("/reminder-rules/run", headers=auth(org.admin))
    assert again.json()["tasks_created"] == 0
    assert len(await tasks(session)) == 3 and len(await reminders(session)) == 3
    created = (
        await session.execute(select(func.count()).select_from(OutboxEvent).where(OutboxEvent.type == "task.created"))
    ).scalar_one()
    assert created == 3
    # A new touch that goes quiet again is a new silence.
    session.add(touch(silent, now - timedelta(days=15)))
    await session.commit()
    assert (await run(session)).tasks_created == 1
    keys = {t.reminder_key for t in await tasks(session)}
    assert f"followup:{silent['id']}:{(now - timedelta(days=15)).date()}" in keys and len(keys) == 4


def _id(record):
    return uuid.UUID(record["id"])


async def stage(client, user, kind):
    pipelines = (await client.get("/pipelines", headers=auth(user))).json()["items"]
    return next(s["id"] for s in pipelines[0]["stages"] if s["kind"] == kind)


# --- birthdays ------------------------------------------------------------------------------


async def test_birthdays_within_days_before_with_feb_29(client, session, org):
    await add_rule(client, org.admin, name="Birthdays", kind="birthday", days_before=7)
    gone = await make_user(session, role="sales", name="Gone")
    people = {}
    for name, birthday, owner in [
        ("Minjun", "1990-02-25", org.a),
        ("Leap", "2000-02-29", org.b),
        ("March", "1980-03-01", org.a),
        ("Later", "1985-03-10", org.a),
        ("Deleted", "1990-02-23", org.a),
        ("Orphan", "1990-02-24", gone),
        ("New year", "1999-01-02", org.a),
    ]:
        people[name] = await make_customer(session, owner, type="person", name=name, birthday=birthday)
    await make_customer(session, org.a, name="Company with no birthday")
    r = await client.delete(f"/customers/{people['Deleted'].id}", headers=auth(org.a))
    assert r.status_code == 204
    await deactivate(session, gone)

    result = await run(session, date(2027, 2, 22))
    assert result.tasks_created == 3
    made = await tasks(session)
    assert [(t.title, t.due_at, t.assignee_id, t.reminder_key, t.description) for t in made] == [
        (
            "Birthday: Minjun",
            noon(date(2027, 2, 25)),
            org.a.id,
            f"birthday:{people['Minjun'].id}:2027",
            "Minjun turns 37 on 2027-02-25.",
        ),
        (
            "Birthday: Leap",
            noon(date(2027, 2, 28)),
            org.b.id,
            f"birthday:{people['Leap'].id}:2027",
            "Leap turns 27 on 2027-02-28.",
        ),
        (
            "Birthday: March",
            noon(date(2027, 3, 1)),
            org.a.id,
            f"birthday:{people['March'].id}:2027",
            "March turns 47 on 2027-03-01.",
        ),
    ]
    assert [(n.user_id, n.title) for n in await reminders(session)] == [
        (org.b.id, "Birthday: Leap"),
        (org.a.id, "Birthday: March"),
        (org.a.id, "Birthday: Minjun"),
    ]
    # Running again, even a day later, adds nothing.
    assert (await run(session, date(2027, 2, 22))).tasks_created == 0
    assert (await run(session, date(2027, 2, 23))).tasks_created == 0
    assert len(await tasks(session)) == 3 and len(await reminders(session)) == 3
    # Next year: a leap year, so Feb 29 itself; March 1 is outside the 7 days.
    assert (await run(session, date(2028, 2, 22))).tasks_created == 2
    leap = [t for t in await tasks(session) if t.reminder_key == f"birthday:{people['Leap'].id}:2028"]
    assert [t.due_at for t in leap] == [noon(date(2028, 2, 29))]
    # Across the new year.
    assert (await run(session, date(2027, 12, 28))).tasks_created == 1
    new_year = [t for t in await tasks(session) if t.reminder_key == f"birthday:{people['New year'].id}:2028"]
    assert [t.due_at for t in new_year] == [noon(date(2028, 1, 2))]
    assert reminders_service.next_anniversary(date(2000, 2, 29), date(2027, 3, 1)) == date(2028, 2, 29)


# --- dates on records -----------------------------------------------------------------------


async def test_date_fields_builtin_custom_and_yearly(client, session, org):
    await add_field(client, org.admin, "deal", "renewal_date")
    await add_field(client, org.admin, "customer", "anniversary")
    renewal = await add_rule(
        client, org.admin, name="Renewal", kind="date_field", object_type="deal", field="renewal_date", days_before=30
    )
    closing = await add_rule(
        client,
        org.admin,
        name="Closing",
        kind="date_field",
        object_type="deal",
        field="expected_close_date",
        days_before=5,
    )
    yearly = await add_rule(
        client,
        org.admin,
        name="Anniversary",
        kind="date_field",
        object_type="customer",
        field="anniversary",
        days_before=14,
        yearly=True,
    )
    await add_rule(
        client, org.admin, name="Off", kind="date_field", object_type="deal", field="expected_close_date", enabled=False
    )
    acme = await make_customer(session, org.a, name="Acme", custom_fields={"anniversary": "2015-03-12"})
    await make_customer(session, org.b, name="Later Co", custom_fields={"anniversary": "2016-05-01"})
    soon = await add_deal(client, org.a, acme, name="Support plan", custom_fields={"renewal_date": "2027-03-10"})
    await add_deal(client, org.a, acme, name="Far renewal", custom_fields={"renewal_date": "2027-04-15"})
    await add_deal(client, org.a, acme, name="Past renewal", custom_fields={"renewal_date": "2027-02-20"})
    closes = await add_deal(client, org.b, acme, name="Closing soon", expected_close_date="2027-03-04")
    won = await add_deal(client, org.a, acme, name="Already won", expected_close_date="2027-03-02")
    r = await client.patch(
        f"/deals/{won['id']}", headers=auth(org.a), json={"stage_id": await stage(client, org.a, "won")}
    )
    assert r.status_code == 200, r.text

    today = date(2027, 3, 1)
    assert (await run(session, today)).tasks_created == 3
    made = await tasks(session)
    assert [(t.title, t.due_at, t.assignee_id, t.record_type, t.reminder_key) for t in made] == [
        (
            "Closing: Closing soon",
            noon(date(2027, 3, 4)),
            org.b.id,
            "deal",
            f"date:{closing['id']}:{closes['id']}:2027-03-04",
        ),
        (
            "Renewal: Support plan",
            noon(date(2027, 3, 10)),
            org.a.id,
            "deal",
            f"date:{renewal['id']}:{soon['id']}:2027-03-10",
        ),
        (
            "Anniversary: Acme",
            noon(date(2027, 3, 12)),
            org.a.id,
            "customer",
            f"date:{yearly['id']}:{acme.id}:2027-03-12",
        ),
    ]
    assert made[1].description == "Renewal date: 2027-03-10."
    assert sorted(n.title for n in await reminders(session)) == sorted(t.title for t in made)
    assert (await run(session, today)).tasks_created == 0
    assert len(await tasks(session)) == 3 and len(await reminders(session)) == 3
    # A yearly date comes round again next year.
    assert (await run(session, date(2028, 3, 1))).tasks_created == 1
    assert (await tasks(session))[-1].reminder_key == f"date:{yearly['id']}:{acme.id}:2028-03-12"


async def test_announces_tasks_that_fell_due(client, session, org):
    """The job also tells assignees about their tasks that came due (once)."""
    r = await client.post("/tasks", headers=auth(org.a), json={"title": "Call back", "due_at": "2026-01-01T09:00:00Z"})
    assert r.status_code == 201
    # Written down after it was due: announced (event) but not notified twice.
    first = await run(session)
    assert (first.tasks_created, first.due_announced) == (0, 1)
    assert (await run(session)).due_announced == 0
    events = (await session.execute(select(OutboxEvent.type).where(OutboxEvent.type == "task.due"))).scalars().all()
    assert events == ["task.due"]
