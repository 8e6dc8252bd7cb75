"""Users: admin-only management, validation, listing, optimistic concurrency, history."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from crm.core.models import AuditLog, FieldChange, OutboxEvent

from .factories import PASSWORD, assert_problem, auth, make_user


def new_user(**over):
    return {
        "email": "new.hire@example.com",
        "full_name": "New Hire",
        "password": "long-enough-pw",
        "role": "sales",
        **over,
    }


# --- create ---


async def test_admin_creates_user(client, session):
    admin = await make_user(session, role="admin")
    boss = await make_user(session, role="manager")
    r = await client.post(
        "/users",
        headers=auth(admin),
        json=new_user(
            email="New.Hire@Example.COM",
            role="sales",
            manager_id=str(boss.id),
            locale="ko",
        ),
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["location"] == f"/api/v1/users/{body['id']}"
    assert r.headers["etag"] == '"1"'
    assert body["email"] == "new.hire@example.com"
    assert body["full_name"] == "New Hire" and body["role"] == "sales" and body["locale"] == "ko"
    assert body["manager_id"] == str(boss.id) and body["is_active"] is True and body["version"] == 1
    assert body["created_at"].endswith("Z") or body["created_at"].endswith("+00:00")
    assert "password" not in r.text and "argon2" not in r.text

    got = await client.get(f"/users/{body['id']}", headers=auth(admin))
    assert got.json() == body and got.headers["etag"] == '"1"'
    # The new user can sign in with the password chosen for them.
    tok = await client.post(
        "/auth/token",
        data={"username": "new.hire@example.com", "password": "long-enough-pw"},
    )
    assert tok.status_code == 200


@pytest.mark.parametrize("email", ["dup@example.com", "DUP@example.com"])
async def test_duplicate_email_409(client, session, email):
    admin = await make_user(session, role="admin")
    await make_user(session, email="dup@example.com")
    body = assert_problem(
        await client.post("/users", headers=auth(admin), json=new_user(email=email)),
        409,
    )
    assert "email" in body["detail"]
    users = (await client.get("/users", params={"email": "dup@example.com"}, headers=auth(admin))).json()["items"]
    assert len(users) == 1


@pytest.mark.parametrize(
    "over,loc",
    [
        ({"password": "short"}, ["body", "password"]),
        ({"email": "not-an-email"}, ["body", "email"]),
        ({"role": "superuser"}, ["body", "role"]),
        ({"is_admin": True}, ["body", "is_admin"]),
        ({"password_hash": "x"}, ["body", "password_hash"]),
        ({"full_name": ""}, ["body", "full_name"]),
        ({"locale": "fr"}, ["body", "locale"]),
        ({"manager_id": "not-a-uuid"}, ["body", "manager_id"]),
        (
            {"manager_id": str(uuid.UUID(int=7))},
            ["body", "manager_id"],
        ),  # well-formed but unknown
    ],
)
async def test_create_user_validation_422(client, session, over, loc):
    admin = await make_user(session, role="admin")
    body = assert_problem(
        await client.post("/users", headers=auth(admin), json=new_user(**over)),
        422,
        loc=loc,
    )
    assert all({"loc", "msg", "type"} <= set(e) for e in body["errors"])
    r = await client.get("/users", params={"email": "new.hire@example.com"}, headers=auth(admin))
    assert r.json()["items"] == []


@pytest.mark.parametrize("role", ["manager", "sales", "marketing", "support", "viewer"])
async def test_non_admin_cannot_manage_users(client, session, role):
    caller = await make_user(session, role=role)
    target = await make_user(session, role="sales", name="Target")
    h = auth(caller)
    assert_problem(await client.post("/users", headers=h, json=new_user(role="admin")), 403)
    assert_problem(
        await client.patch(f"/users/{target.id}", headers=h, json={"full_name": "Hacked"}),
        403,
    )
    assert_problem(
        await client.patch(f"/users/{caller.id}", headers=h, json={"role": "admin"}),
        403,
    )
    assert_problem(await client.post(f"/users/{target.id}/deactivate", headers=h), 403)
    got = (await client.get(f"/users/{target.id}", headers=h)).json()
    assert got["full_name"] == "Target" and got["is_active"] is True and got["version"] == 1
    me = (await client.get("/users/me", headers=h)).json()
    assert me["role"] == role
    assert (await client.get("/users", params={"email": "new.hire@example.com"}, headers=h)).json()["items"] == []


# --- list ---


async def test_list_users_keyset_pagination(client, session):
    viewer = await make_user(session, role="viewer", name="Ada Viewer")
    others = [
        await make_user(session, role=role, name=name)
        for role, name in [
            ("manager", "Bo"),
            ("sales", "Cy"),
            ("manager", "Di"),
            ("support", "Ed"),
        ]
    ]
    expected = sorted([viewer, *others], key=lambda u: u.full_name)

    r = await client.get("/users", params={"limit": 1, "include_total": "true"}, headers=auth(viewer))
    assert r.status_code == 200, r.text
    page = r.json()
    assert page["total"] == 5 and len(page["items"]) == 1 and page["next_cursor"]
    assert page["items"][0]["full_name"] == "Ada Viewer"
    assert all("password" not in k for k in page["items"][0])
    link = r.headers["link"]
    assert link.endswith('>; rel="next"') and "cursor=" in link and "limit=1" in link

    seen = [page["items"][0]["id"]]
    cursor = page["next_cursor"]
    while cursor:
        r = await client.get("/users", params={"limit": 2, "cursor": cursor}, headers=auth(viewer))
        body = r.json()
        assert "total" not in body or body["total"] is None
        seen += [u["id"] for u in body["items"]]
        cursor = body["next_cursor"]
        assert ("link" in r.headers) == bool(cursor)
    assert seen == [str(u.id) for u in expected]

    desc = (await client.get("/users", params={"sort": "-full_name"}, headers=auth(viewer))).json()["items"]
    assert [u["id"] for u in desc] == [str(u.id) for u in reversed(expected)]


async def test_list_users_filter_by_role(client, session):
    me = await make_user(session, role="sales")
    managers = {str((await make_user(session, role="manager")).id) for _ in range(2)}
    await make_user(session, role="support")
    r = await client.get("/users", params={"role": "manager", "include_total": "true"}, headers=auth(me))
    body = r.json()
    assert {u["id"] for u in body["items"]} == managers and body["total"] == 2
    assert all(u["role"] == "manager" for u in body["items"])
    r = await client.get("/users", params={"role[in]": "manager,support"}, headers=auth(me))
    assert len(r.json()["items"]) == 3


@pytest.mark.parametrize(
    "params,loc",
    [
        ({"sort": "password_hash"}, ["query", "sort"]),
        ({"sort": "nope"}, ["query", "sort"]),
        ({"limit": 201}, ["query", "limit"]),
        ({"limit": 0}, ["query", "limit"]),
        ({"role": "superuser"}, ["query", "role"]),
        ({"password_hash": "x"}, ["query", "password_hash"]),
        ({"email[regex]": "x"}, ["query", "email[regex]"]),
    ],
)
async def test_list_users_bad_params_422(client, session, params, loc):
    me = await make_user(session)
    assert_problem(await client.get("/users", params=params, headers=auth(me)), 422, loc=loc)


async def test_list_limit_200_ok(client, session):
    me = await make_user(session)
    r = await client.get("/users", params={"limit": 200}, headers=auth(me))
    assert r.status_code == 200 and [u["id"] for u in r.json()["items"]] == [str(me.id)]


async def test_users_require_authentication(client, session):
    user = await make_user(session)
    for r in (
        await client.get("/users"),
        await client.get(f"/users/{user.id}"),
        await client.post("/users", json=new_user()),
    ):
        assert_problem(r, 401)
        assert r.headers["www-authenticate"] == "Bearer"


async def test_unknown_user_404(client, session):
    me = await make_user(session)
    assert_problem(await client.get(f"/users/{uuid.uuid4()}", headers=auth(me)), 404)
    assert_problem(
        await client.get("/users/not-a-uuid", headers=auth(me)),
        422,
        loc=["path", "user_id"],
    )


# --- update / deactivate ---


async def test_patch_with_stale_if_match_412_changes_nothing(client, session):
    admin = await make_user(session, role="admin")
    user = await make_user(session, name="Original")
    h = auth(admin)
    r = await client.patch(
        f"/users/{user.id}",
        headers={**h, "If-Match": '"1"'},
        json={"full_name": "First"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["full_name"] == "First" and r.json()["version"] == 2 and r.headers["etag"] == '"2"'

    r = await client.patch(
        f"/users/{user.id}",
        headers={**h, "If-Match": '"1"'},
        json={"full_name": "Second", "role": "manager"},
    )
    assert_problem(r, 412)
    got = await client.get(f"/users/{user.id}", headers=h)
    assert got.json()["full_name"] == "First" and got.json()["role"] == "sales" and got.json()["version"] == 2
    assert got.headers["etag"] == '"2"'


@pytest.mark.parametrize(
    "field,value",
    [
        ("email", "x@example.com"),
        ("is_active", False),
        ("password_hash", "x"),
        ("version", 9),
        ("id", str(uuid.UUID(int=1))),
    ],
)
async def test_patch_rejects_unknown_and_read_only_fields(client, session, field, value):
    admin = await make_user(session, role="admin")
    user = await make_user(session)
    r = await client.patch(f"/users/{user.id}", headers=auth(admin), json={field: value})
    assert_problem(r, 422, loc=["body", field])
    got = (await client.get(f"/users/{user.id}", headers=auth(admin))).json()
    assert got["email"] == user.email and got["is_active"] is True and got["version"] == 1


async def test_manager_cycles_refused(client, session):
    admin = await make_user(session, role="admin")
    top = await make_user(session, role="manager", name="Top")
    mid = await make_user(session, role="manager", manager=top, name="Mid")
    low = await make_user(session, role="sales", manager=mid, name="Low")
    h = auth(admin)
    for target, boss in [(top, low), (top, mid), (mid, low), (top, top)]:
        r = await client.patch(f"/users/{target.id}", headers=h, json={"manager_id": str(boss.id)})
        assert_problem(r, 422, loc=["body", "manager_id"])
    got = (await client.get(f"/users/{top.id}", headers=h)).json()
    assert got["manager_id"] is None and got["version"] == 1
    # A legal move still works: low reports to top directly; clearing a manager too.
    r = await client.patch(f"/users/{low.id}", headers=h, json={"manager_id": str(top.id)})
    assert r.status_code == 200 and r.json()["manager_id"] == str(top.id)
    r = await client.patch(f"/users/{low.id}", headers=h, json={"manager_id": None})
    assert r.status_code == 200 and r.json()["manager_id"] is None


async def test_admin_cannot_deactivate_or_demote_self(client, session):
    admin = await make_user(session, role="admin")
    h = auth(admin)
    assert_problem(
        await client.post(f"/users/{admin.id}/deactivate", headers=h),
        422,
        loc=["path", "user_id"],
    )
    assert_problem(
        await client.patch(f"/users/{admin.id}", headers=h, json={"role": "manager"}),
        422,
        loc=["body", "role"],
    )
    me = (await client.get("/users/me", headers=h)).json()
    assert me["is_active"] is True and me["role"] == "admin"


async def test_deactivate_user(client, session):
    admin = await make_user(session, role="admin")
    user = await make_user(session)
    h = auth(admin)
    r = await client.post(f"/users/{user.id}/deactivate", headers=h)
    assert r.status_code == 200 and r.json()["is_active"] is False and r.json()["version"] == 2
    again = await client.post(f"/users/{user.id}/deactivate", headers=h)
    assert again.status_code == 200 and again.json()["version"] == 2
    assert_problem(await client.post(f"/users/{uuid.uuid4()}/deactivate", headers=h), 404)
    inactive = (await client.get("/users", params={"is_active": "false"}, headers=h)).json()["items"]
    assert [u["id"] for u in inactive] == [str(user.id)]


async def test_role_change_recorded_and_effective(client, session):
    admin = await make_user(session, role="admin")
    user = await make_user(session, role="sales")
    r = await client.patch(f"/users/{user.id}", headers=auth(admin), json={"role": "manager"})
    assert r.status_code == 200 and r.json()["role"] == "manager"
    # Roles are read per request: the user's existing token now acts as a manager.
    assert (await client.get("/users/me", headers=auth(user))).json()["role"] == "manager"

    changes = (
        (
            await session.execute(
                select(FieldChange).where(
                    FieldChange.record_type == "user",
                    FieldChange.record_id == user.id,
                    FieldChange.action == "updated",
                )
            )
        )
        .scalars()
        .all()
    )
    assert [(c.field, c.old_value, c.new_value, c.actor_id) for c in changes] == [
        ("role", "sales", "manager", admin.id)
    ]
    audit = (
        (
            await session.execute(
                select(AuditLog).where(AuditLog.record_id == user.id, AuditLog.action == "user.updated")
            )
        )
        .scalars()
        .all()
    )
    assert len(audit) == 1 and audit[0].actor_id == admin.id and audit[0].details == {"fields": ["role"]}
    events = (
        (
            await session.execute(
                select(OutboxEvent).where(OutboxEvent.type == "user.updated", OutboxEvent.record_id == user.id)
            )
        )
        .scalars()
        .all()
    )
    assert len(events) == 1 and events[0].data["fields"] == ["role"]


async def test_no_secret_in_history_or_responses(client, session):
    admin = await make_user(session, role="admin")
    r = await client.post("/users", headers=auth(admin), json=new_user(password=PASSWORD))
    uid = uuid.UUID(r.json()["id"])
    rows = (await session.execute(select(FieldChange).where(FieldChange.record_id == uid))).scalars().all()
    assert rows and all(c.field not in ("password", "password_hash") for c in rows)
    assert all(PASSWORD not in str(c.new_value) for c in rows)
    listing = await client.get("/users", headers=auth(admin))
    assert "password" not in listing.text and "$argon2" not in listing.text
