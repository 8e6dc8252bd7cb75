"""Tasks: CRUD, validation, assignment, access, lists and views, recurrence, due announcements."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from crm.core.models import OutboxEvent
from crm.notifications.models import Notification
from crm.tasks import service as tasks_service
from crm.tasks.models import Task
from crm.tasks.schemas import Recurrence, TaskView

from .factories import assert_problem, auth, make_customer, make_user

MISSING = "01900000-0000-7000-8000-000000000000"


@pytest.fixture
async def org(session):
    o = SimpleNamespace()
    o.admin = await make_user(session, role="admin", name="Admin")
    o.m1 = await make_user(session, role="manager", name="M1")
    o.a = await make_user(session, role="sales", manager=o.m1, name="Rep A")
    o.b = await make_user(session, role="sales", name="Rep B")
    o.viewer = await make_user(session, role="viewer", name="Viewer")
    return o


def z(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def create(client, user, **body):
    body.setdefault("title", "Call Minjun")
    r = await client.post("/tasks", headers=auth(user), json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def events(session, prefix="task."):
    rows = (await session.execute(select(OutboxEvent).order_by(OutboxEvent.id))).scalars()
    return [e for e in rows if e.type.startswith(prefix)]


async def notifications(session, user=None, kind=None):
    stmt = select(Notification).order_by(Notification.created_at, Notification.id)
    if user is not None:
        stmt = stmt.where(Notification.user_id == user.id)
    if kind is not None:
        stmt = stmt.where(Notification.kind == kind)
    return list((await session.execute(stmt)).scalars())


async def count_tasks(session):
    return (await session.execute(select(func.count()).select_from(Task))).scalar_one()


# --- CRUD -----------------------------------------------------------------------------------


async def test_create_reads_back_with_history_and_events(client, session, org):
    customer = await make_customer(session, org.a, name="Hanbit Soft")
    r = await client.post(
        "/tasks",
        headers=auth(org.a),
        json={
            "title": "  Send the proposal ",
            "description": "With the volume discount.",
            "due_at": "2027-01-15T18:30:00+09:00",
            "priority": "high",
            "record_type": "customer",
            "record_id": str(customer.id),
        },
    )
    assert r.status_code == 201, r.text
    task = r.json()
    assert r.headers["location"] == f"/api/v1/tasks/{task['id']}"
    assert r.headers["etag"] == '"1"'
    assert task["title"] == "Send the proposal"
    assert task["due_at"] == "2027-01-15T09:30:00Z"
    assert (task["priority"], task["status"], task["recurrence"], task["source"]) == ("high", "open", "none", "manual")
    assert task["assignee_id"] == str(org.a.id) and task["assignee_name"] == "Rep A"
    assert task["created_by_id"] == str(org.a.id) and task["created_by_name"] == "Rep A"
    assert (task["record_type"], task["record_id"]) == ("customer", str(customer.id))
    assert task["completed_at"] is None and task["reminder_key"] is None and task["next_task_id"] is None
    got = await client.get(f"/tasks/{task['id']}", headers=auth(org.a))
    assert got.status_code == 200 and got.json() == task and got.headers["etag"] == '"1"'

    created = [e.data for e in await events(session)]
    assert created == [
        {
            "id": task["id"],
            "title": "Send the proposal",
            "assignee_id": str(org.a.id),
            "due_at": "2027-01-15T09:30:00Z",
            "record_type": "customer",
            "record_id": str(customer.id),
            "source": "manual",
        }
    ]
    hist = (await client.get(f"/tasks/{task['id']}/history", headers=auth(org.a))).json()["items"]
    assert {h["field"]: h["new_value"] for h in hist if h["action"] == "created"}["due_at"] == "2027-01-15T09:30:00Z"
    # Creating a task for yourself notifies nobody.
    assert await notifications(session) == []


async def test_minimal_task_defaults(client, org):
    task = await create(client, org.b, title="Think")
    assert (task["assignee_id"], task["priority"], task["status"], task["due_at"], task["record_type"]) == (
        str(org.b.id),
        "normal",
        "open",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"title": ""}, ["body", "title"]),
        ({"title": "   "}, ["body", "title"]),
        ({"title": "x" * 301}, ["body", "title"]),
        ({"priority": "urgent"}, ["body", "priority"]),
        ({"status": "maybe"}, ["body", "status"]),
        ({"recurrence": "hourly", "due_at": "2027-01-01T09:00:00Z"}, ["body", "recurrence"]),
        ({"due_at": "2027-01-01T09:00:00"}, ["body", "due_at"]),
        ({"due_at": 1798794000}, ["body", "due_at"]),
        ({"due_at": "next tuesday"}, ["body", "due_at"]),
        ({"recurrence": "weekly"}, ["body", "due_at"]),
        ({"record_type": "customer"}, ["body", "record_id"]),
        ({"record_id": MISSING}, ["body", "record_type"]),
        ({"record_type": "planet", "record_id": MISSING}, ["body", "record_type"]),
        ({"record_type": "customer", "record_id": MISSING}, ["body", "record_id"]),
        ({"assignee_id": MISSING}, ["body", "assignee_id"]),
        ({"completed_at": "2027-01-01T09:00:00Z"}, ["body", "completed_at"]),
        ({"source": "reminder"}, ["body", "source"]),
        ({"unknown": 1}, ["body", "unknown"]),
    ],
)
async def test_create_validation(client, session, org, body, loc):
    body = {"title": "Call", **body}
    assert_problem(await client.post("/tasks", headers=auth(org.admin), json=body), 422, loc=loc)
    assert await count_tasks(session) == 0


async def test_related_record_must_be_visible_to_the_caller(client, session, org):
    r = await client.put("/access-policies/customer", headers=auth(org.admin), json={"level": "private"})
    assert r.status_code == 200, r.text
    theirs = await make_customer(session, org.b, name="B's client")
    mine = await make_customer(session, org.a, name="A's client")
    # Someone else's private record is reported like a missing one: no hint that it exists.
    r = await client.post(
        "/tasks", headers=auth(org.a), json={"title": "x", "record_type": "customer", "record_id": str(theirs.id)}
    )
    body = assert_problem(r, 422, loc=["body", "record_id"])
    assert body["errors"][0]["msg"] == "Unknown customer."
    task = await create(client, org.a, record_type="customer", record_id=str(mine.id))
    r = await client.patch(f"/tasks/{task['id']}", headers=auth(org.a), json={"record_id": str(theirs.id)})
    assert_problem(r, 422, loc=["body", "record_id"])
    # Detaching takes both fields.
    r = await client.patch(f"/tasks/{task['id']}", headers=auth(org.a), json={"record_type": None, "record_id": None})
    assert r.status_code == 200 and (r.json()["record_type"], r.json()["record_id"]) == (None, None)
    lead = await client.post("/leads", headers=auth(org.a), json={"company_name": "Lead Co"})
    task = await create(client, org.a, record_type="lead", record_id=lead.json()["id"])
    assert task["record_type"] == "lead"


async def test_assignment_follows_the_owner_rule_and_notifies(client, session, org):
    r = await client.post("/tasks", headers=auth(org.a), json={"title": "x", "assignee_id": str(org.b.id)})
    body = assert_problem(r, 422, loc=["body", "assignee_id"])
    assert body["errors"][0]["type"] == "owner_not_allowed"
    task = await create(client, org.m1, title="Prepare the demo", assignee_id=str(org.a.id))
    assert task["assignee_id"] == str(org.a.id) and task["created_by_id"] == str(org.m1.id)
    [note] = await notifications(session, org.a)
    assert (note.kind, note.title, note.record_type, str(note.record_id), note.actor_id) == (
        "assignment",
        "M1 assigned you a task: Prepare the demo",
        "task",
        task["id"],
        org.m1.id,
    )
    # Reassigning to yourself notifies nobody; an admin may hand it to anyone, who is told.
    r = await client.patch(f"/tasks/{task['id']}", headers=auth(org.m1), json={"assignee_id": str(org.m1.id)})
    assert r.status_code == 200 and r.json()["assignee_id"] == str(org.m1.id)
    r = await client.patch(f"/tasks/{task['id']}", headers=auth(org.admin), json={"assignee_id": str(org.b.id)})
    assert r.status_code == 200 and r.json()["assignee_name"] == "Rep B"
    assert [n.title for n in await notifications(session, org.b, "assignment")] == [
        "Admin assigned you a task: Prepare the demo"
    ]
    assert len(await notifications(session, kind="assignment")) == 2
    inactive = await make_user(session, role="sales", active=False)
    r = await client.post("/tasks", headers=auth(org.admin), json={"title": "x", "assignee_id": str(inactive.id)})
    assert_problem(r, 422, loc=["body", "assignee_id"])
    r = await client.patch(f"/tasks/{task['id']}", headers=auth(org.admin), json={"assignee_id": None})
    assert_problem(r, 422, loc=["body", "assignee_id"])


# --- access ---------------------------------------------------------------------------------


async def test_auth_required(client, org):
    assert_problem(await client.get("/tasks"), 401)
    assert_problem(await client.post("/tasks", json={"title": "x"}), 401)
    assert_problem(await client.get(f"/tasks/{MISSING}"), 401)


async def test_visible_to_assignee_creator_managers_and_admins_only(client, session, org):
    task = await create(client, org.m1, assignee_id=str(org.a.id))
    tid = task["id"]
    for user in (org.a, org.m1, org.admin):
        assert (await client.get(f"/tasks/{tid}", headers=auth(user))).status_code == 200
    hb = auth(org.b)
    for r in (
        await client.get(f"/tasks/{tid}", headers=hb),
        await client.patch(f"/tasks/{tid}", headers=hb, json={"title": "x"}),
        await client.delete(f"/tasks/{tid}", headers=hb),
        await client.post(f"/tasks/{tid}/restore", headers=hb),
        await client.get(f"/tasks/{tid}/history", headers=hb),
        await client.get(f"/tasks/{MISSING}", headers=hb),
    ):
        assert_problem(r, 404)
    assert (await client.get("/tasks", headers=hb)).json()["items"] == []
    # B's own task: not B's manager's business (M1 manages A only), an admin's though.
    own = await create(client, org.b)
    assert_problem(await client.get(f"/tasks/{own['id']}", headers=auth(org.m1)), 404)
    listed = (await client.get("/tasks", headers=auth(org.m1))).json()["items"]
    assert [i["id"] for i in listed] == [tid]
    assert {i["id"] for i in (await client.get("/tasks", headers=auth(org.admin))).json()["items"]} == {
        tid,
        own["id"],
    }
    # A creator who hands the task on keeps seeing it; a viewer reads but never writes.
    handed = await create(client, org.admin, assignee_id=str(org.viewer.id))
    assert (await client.get(f"/tasks/{handed['id']}", headers=auth(org.viewer))).status_code == 200
    r = await client.patch(f"/tasks/{handed['id']}", headers=auth(org.viewer), json={"status": "done"})
    assert_problem(r, 403)
    assert_problem(await client.post("/tasks", headers=auth(org.viewer), json={"title": "x"}), 403)


# --- updates --------------------------------------------------------------------------------


async def test_complete_reopen_and_if_match(client, session, org):
    task = await create(client, org.a, due_at="2027-02-01T09:00:00Z")
    h = auth(org.a)
    stale = await client.patch(f"/tasks/{task['id']}", headers={**h, "If-Match": '"7"'}, json={"status": "done"})
    assert_problem(stale, 412)
    r = await client.patch(f"/tasks/{task['id']}", headers={**h, "If-Match": '"1"'}, json={"status": "done"})
    assert r.status_code == 200, r.text
    done = r.json()
    assert done["status"] == "done" and r.headers["etag"] == '"2"' and done["version"] == 2
    assert parse(done["completed_at"]) > datetime.now(UTC) - timedelta(minutes=1)
    assert done["next_task_id"] is None
    r = await client.patch(f"/tasks/{task['id']}", headers=h, json={"status": "open", "priority": "low"})
    assert (r.json()["status"], r.json()["completed_at"], r.json()["priority"]) == ("open", None, "low")
    for key in ("title", "status", "priority"):
        r = await client.patch(f"/tasks/{task['id']}", headers=h, json={key: None})
        assert_problem(r, 422, loc=["body", key])
    assert_problem(
        await client.patch(f"/tasks/{task['id']}", headers=h, json={"version": 9}), 422, loc=["body", "version"]
    )
    kinds = [(e.type, e.data.get("fields")) for e in await events(session)]
    assert kinds == [
        ("task.created", None),
        ("task.updated", ["completed_at", "status"]),
        ("task.completed", None),
        ("task.updated", ["completed_at", "priority", "status"]),
    ]
    hist = (await client.get(f"/tasks/{task['id']}/history", headers=h)).json()["items"]
    assert [(c["old_value"], c["new_value"]) for c in hist if c["field"] == "status"] == [
        ("done", "open"),
        ("open", "done"),
        (None, "open"),
    ]


async def test_delete_and_restore(client, session, org):
    task = await create(client, org.a)
    h = auth(org.a)
    assert_problem(await client.delete(f"/tasks/{task['id']}", headers={**h, "If-Match": '"3"'}), 412)
    assert (await client.delete(f"/tasks/{task['id']}", headers=h)).status_code == 204
    assert_problem(await client.get(f"/tasks/{task['id']}", headers=h), 404)
    assert (await client.get("/tasks", headers=h)).json()["items"] == []
    r = await client.post(f"/tasks/{task['id']}/restore", headers=h)
    assert r.status_code == 200 and r.json()["deleted_at"] is None
    assert_problem(await client.post(f"/tasks/{task['id']}/restore", headers=h), 409)
    assert [e.type for e in await events(session)] == ["task.created", "task.deleted", "task.restored"]
    # Sync clients see the tombstone of a task deleted after their last sync.
    since = z(datetime.now(UTC) - timedelta(minutes=1))
    await client.delete(f"/tasks/{task['id']}", headers=h)
    synced = (await client.get("/tasks", headers=h, params={"updated_since": since, "include_deleted": "true"})).json()[
        "items"
    ]
    assert [(i["id"], "deleted_at" in i, len(i)) for i in synced] == [(task["id"], True, 2)]


# --- recurrence -----------------------------------------------------------------------------


async def complete(client, user, task_id):
    r = await client.patch(f"/tasks/{task_id}", headers=auth(user), json={"status": "done"})
    assert r.status_code == 200, r.text
    return r.json()


async def test_monthly_recurrence_keeps_the_day_clamped_to_month_end(client, session, org):
    customer = await make_customer(session, org.a)
    first = await create(
        client,
        org.m1,
        title="Monthly report",
        assignee_id=str(org.a.id),
        due_at="2027-01-31T09:00:00Z",
        recurrence="monthly",
        priority="high",
        record_type="customer",
        record_id=str(customer.id),
    )
    dues, current, first_next = [], first, None
    for _ in range(3):
        done = await complete(client, org.a, current["id"])
        assert done["version"] == 2
        current = (await client.get(f"/tasks/{done['next_task_id']}", headers=auth(org.a))).json()
        assert current["previous_task_id"] == done["id"]
        dues.append(current["due_at"])
        first_next = first_next or current["id"]
    assert dues == ["2027-02-28T09:00:00Z", "2027-03-31T09:00:00Z", "2027-04-30T09:00:00Z"]
    assert (current["title"], current["assignee_id"], current["created_by_id"], current["priority"]) == (
        "Monthly report",
        str(org.a.id),
        str(org.m1.id),
        "high",
    )
    assert (current["recurrence"], current["status"], current["record_id"]) == ("monthly", "open", str(customer.id))
    # Reopening and completing again does not make a second next occurrence.
    await client.patch(f"/tasks/{first['id']}", headers=auth(org.a), json={"status": "open"})
    again = await complete(client, org.a, first["id"])
    assert again["next_task_id"] == first_next
    assert await count_tasks(session) == 4
    completed = [e.data for e in await events(session, "task.completed")]
    assert completed[0] == {"id": first["id"], "next_task_id": completed[0]["next_task_id"]}
    created = [e.data for e in await events(session, "task.created")]
    assert [c.get("previous_task_id") for c in created][:2] == [None, first["id"]]
    # The next occurrence is not a new assignment: only the first task notified A.
    assert len(await notifications(session, org.a, "assignment")) == 1


async def test_leap_years_and_other_recurrences(client, org):
    task = await create(client, org.a, due_at="2028-02-29T00:00:00Z", recurrence="yearly")
    dues = []
    for _ in range(4):
        task = (
            await client.get(
                f"/tasks/{(await complete(client, org.a, task['id']))['next_task_id']}", headers=auth(org.a)
            )
        ).json()
        dues.append(task["due_at"][:10])
    assert dues == ["2029-02-28", "2030-02-28", "2031-02-28", "2032-02-29"]
    # A leap-year January 31 goes to February 29.
    jan = await create(client, org.a, due_at="2028-01-31T23:30:00Z", recurrence="monthly")
    nxt = (await complete(client, org.a, jan["id"]))["next_task_id"]
    assert (await client.get(f"/tasks/{nxt}", headers=auth(org.a))).json()["due_at"] == "2028-02-29T23:30:00Z"
    start = datetime(2027, 3, 27, 8, 0, tzinfo=UTC)
    assert tasks_service.next_due(start, Recurrence.daily) == datetime(2027, 3, 28, 8, 0, tzinfo=UTC)
    assert tasks_service.next_due(start, Recurrence.weekly) == datetime(2027, 4, 3, 8, 0, tzinfo=UTC)
    assert tasks_service.next_due(datetime(2027, 12, 31, tzinfo=UTC), Recurrence.monthly) == datetime(
        2028, 1, 31, tzinfo=UTC
    )
    # A cancelled recurring task ends the series; a one-off has no next.
    weekly = await create(client, org.a, due_at="2027-03-01T09:00:00Z", recurrence="weekly")
    r = await client.patch(f"/tasks/{weekly['id']}", headers=auth(org.a), json={"status": "cancelled"})
    assert r.json()["next_task_id"] is None
    r = await client.patch(f"/tasks/{weekly['id']}", headers=auth(org.a), json={"due_at": None})
    assert_problem(r, 422, loc=["body", "due_at"])


# --- lists ----------------------------------------------------------------------------------


async def test_list_filters_sort_and_pages(client, session, org):
    customer = await make_customer(session, org.a)
    specs = [
        ("T0", "low", "2027-03-01T09:00:00Z"),
        ("T1", "high", "2027-01-01T09:00:00Z"),
        ("T2", "normal", None),
        ("T3", "high", "2027-02-01T09:00:00Z"),
        ("T4", "normal", "2027-01-15T09:00:00Z"),
    ]
    made = {}
    for title, priority, due in specs:
        extra = {"record_type": "customer", "record_id": str(customer.id)} if title in ("T1", "T2") else {}
        made[title] = await create(client, org.a, title=title, priority=priority, due_at=due, **extra)
    await complete(client, org.a, made["T4"]["id"])
    await create(client, org.b, title="Other", priority="high")
    h = auth(org.a)

    async def titles(**params):
        r = await client.get("/tasks", headers=h, params=params)
        assert r.status_code == 200, r.text
        return [i["title"] for i in r.json()["items"]]

    assert await titles(sort="due_at") == ["T1", "T4", "T3", "T0", "T2"]
    assert await titles(sort="-priority,due_at") == ["T1", "T3", "T4", "T2", "T0"]
    assert await titles(**{"priority[gte]": "normal", "sort": "title"}) == ["T1", "T2", "T3", "T4"]
    assert await titles(priority="high", sort="title") == ["T1", "T3"]
    assert await titles(**{"priority[in]": "low,normal", "sort": "title"}) == ["T0", "T2", "T4"]
    assert await titles(status="done") == ["T4"]
    assert await titles(record_type="customer", record_id=str(customer.id), sort="title") == ["T1", "T2"]
    assert await titles(
        **{"due_at[gte]": "2027-01-10T00:00:00Z", "due_at[lt]": "2027-02-15T00:00:00Z", "sort": "due_at"}
    ) == ["T4", "T3"]
    assert await titles(**{"due_at[isnull]": "true"}) == ["T2"]
    assert await titles(q="t3") == ["T3"]
    assert await titles(assignee_id=str(org.a.id), sort="-created_at", limit=1) == ["T4"]

    params = {"sort": "-priority,due_at", "limit": 2, "include_total": "true"}
    first = await client.get("/tasks", headers=h, params=params)
    assert first.json()["total"] == 5 and 'rel="next"' in first.headers["link"]
    pages = [i["title"] for i in first.json()["items"]]
    cursor = first.json()["next_cursor"]
    while cursor:
        page = (await client.get("/tasks", headers=h, params={**params, "cursor": cursor})).json()
        pages += [i["title"] for i in page["items"]]
        cursor = page["next_cursor"]
    assert pages == ["T1", "T3", "T4", "T2", "T0"]

    assert_problem(await client.get("/tasks", headers=h, params={"bogus": 1}), 422, loc=["query", "bogus"])
    assert_problem(await client.get("/tasks", headers=h, params={"sort": "description"}), 422, loc=["query", "sort"])
    assert_problem(await client.get("/tasks", headers=h, params={"priority": "urgent"}), 422, loc=["query", "priority"])
    assert_problem(
        await client.get("/tasks", headers=h, params={"due_at[gt]": "tomorrow"}), 422, loc=["query", "due_at[gt]"]
    )
    assert_problem(await client.get("/tasks", headers=h, params={"limit": 201}), 422, loc=["query", "limit"])


async def test_views_in_a_time_zone(client, session, org):
    tz = ZoneInfo("Asia/Seoul")
    now = datetime.now(UTC)
    local_today = now.astimezone(tz).date()
    midnight = datetime.combine(local_today + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    due = {
        "overdue": now - timedelta(days=3),
        # Halfway to local midnight: later today, whatever the time of day.
        "today": now + (midnight - now) / 2,
        "tomorrow": midnight + timedelta(hours=10),
        "in two weeks": midnight + timedelta(days=13, hours=23),
        "in three weeks": midnight + timedelta(days=21),
    }
    for title, at in due.items():
        await create(client, org.a, title=title, due_at=z(at))
    await create(client, org.a, title="no due date")
    done = await create(client, org.a, title="done overdue", due_at=z(now - timedelta(days=1)))
    await complete(client, org.a, done["id"])
    await create(client, org.m1, title="manager's own today", due_at=z(due["today"]))
    await create(
        client, org.m1, title="delegated overdue", assignee_id=str(org.a.id), due_at=z(now - timedelta(hours=1))
    )

    async def view(user, name, **params):
        r = await client.get("/tasks", headers=auth(user), params={"view": name, "tz": "Asia/Seoul", **params})
        assert r.status_code == 200, r.text
        return [i["title"] for i in r.json()["items"]]

    assert await view(org.a, "overdue") == ["overdue", "delegated overdue"]
    # Due an hour ago is "today" too unless that was before local midnight.
    started_today = now - timedelta(hours=1) >= midnight - timedelta(days=1)
    assert await view(org.a, "today") == (["delegated overdue"] if started_today else []) + ["today"]
    assert await view(org.a, "upcoming") == ["tomorrow", "in two weeks"]
    # Views are "my tasks": the manager sees A's only when asking for them.
    assert await view(org.m1, "today") == ["manager's own today"]
    assert await view(org.m1, "overdue", assignee_id=str(org.a.id)) == ["overdue", "delegated overdue"]
    assert await view(org.m1, "overdue", created_by_id=str(org.m1.id)) == ["delegated overdue"]
    assert await view(org.a, "upcoming", sort="-due_at") == ["in two weeks", "tomorrow"]
    assert await view(org.b, "overdue") == []
    h = auth(org.a)
    assert_problem(await client.get("/tasks", headers=h, params={"view": "someday"}), 422, loc=["query", "view"])
    assert_problem(
        await client.get("/tasks", headers=h, params={"view": "today", "tz": "Mars/Olympus"}), 422, loc=["query", "tz"]
    )
    assert_problem(await client.get("/tasks", headers=h, params={"tz": "../etc/passwd"}), 422, loc=["query", "tz"])


async def test_view_windows_follow_the_zone():
    now = datetime(2026, 11, 25, 16, 30, tzinfo=UTC)  # 01:30 on Nov 26 in Seoul, 08:30 on Nov 25 in Los Angeles
    seoul, la = ZoneInfo("Asia/Seoul"), ZoneInfo("America/Los_Angeles")
    assert tasks_service.view_window(TaskView.today, seoul, now) == (
        datetime(2026, 11, 25, 15, 0, tzinfo=UTC),
        datetime(2026, 11, 26, 15, 0, tzinfo=UTC),
    )
    assert tasks_service.view_window(TaskView.today, la, now) == (
        datetime(2026, 11, 25, 8, 0, tzinfo=UTC),
        datetime(2026, 11, 26, 8, 0, tzinfo=UTC),
    )
    assert tasks_service.view_window(TaskView.upcoming, UTC, now) == (
        datetime(2026, 11, 26, tzinfo=UTC),
        datetime(2026, 12, 10, tzinfo=UTC),
    )
    assert tasks_service.view_window(TaskView.overdue, seoul, now) == (None, now)


# --- due announcements ----------------------------------------------------------------------


async def test_due_tasks_are_announced_once(client, session, org):
    now = datetime.now(UTC)
    soon = await create(
        client, org.m1, title="Renewal call", assignee_id=str(org.a.id), due_at=z(now + timedelta(hours=1))
    )
    later = await create(client, org.a, title="Later", due_at=z(now + timedelta(days=2)))
    late_entry = await create(client, org.a, title="Logged late", due_at=z(now - timedelta(hours=1)))
    done = await create(client, org.a, title="Done", due_at=z(now - timedelta(hours=2)))
    await complete(client, org.a, done["id"])

    # "Now" two hours on: the renewal call and the late entry have come due; the job runs twice.
    at = now + timedelta(hours=2)
    assert await tasks_service.announce_due(session, now=at) == 2
    await session.commit()
    assert await tasks_service.announce_due(session, now=at + timedelta(minutes=5)) == 0
    await session.commit()

    due = [e.data for e in await events(session, "task.due")]
    assert sorted(d["id"] for d in due) == sorted([soon["id"], late_entry["id"]])
    # Only the task that was entered before its due time gets a "task" notification; the other was
    # already past due when it was written down.
    [note] = await notifications(session, kind="task")
    assert (note.user_id, note.title, str(note.record_id)) == (org.a.id, "Task due: Renewal call", soon["id"])
    # A bookkeeping mark: the version (ETag) does not move.
    r = await client.get(f"/tasks/{soon['id']}", headers=auth(org.a))
    assert r.headers["etag"] == '"1"' and r.json()["due_notified_at"] is not None
    assert (await client.get(f"/tasks/{later['id']}", headers=auth(org.a))).json()["due_notified_at"] is None
    # Moving the due time re-arms the announcement.
    r = await client.patch(f"/tasks/{soon['id']}", headers=auth(org.a), json={"due_at": z(now + timedelta(hours=3))})
    assert r.json()["due_notified_at"] is None
    assert await tasks_service.announce_due(session, now=now + timedelta(hours=4)) == 1
    await session.commit()
    assert len(await notifications(session, kind="task")) == 2
