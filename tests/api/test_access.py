"""Object-level authorization on customers under each access level (OWASP API1 / API3 / API5).

The org used throughout:

    admin
    director (manager) ── m1 (manager) ── a (sales) ── a_jr (sales)
    m2 (manager) ── b (sales)
    viewer
"""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pytest

from .factories import assert_problem, auth, make_customer, make_user


@pytest.fixture
async def org(session):
    o = SimpleNamespace()
    o.admin = await make_user(session, role="admin", name="Admin")
    o.director = await make_user(session, role="manager", name="Director")
    o.m1 = await make_user(session, role="manager", manager=o.director, name="M1")
    o.a = await make_user(session, role="sales", manager=o.m1, name="Rep A")
    o.a_jr = await make_user(session, role="sales", manager=o.a, name="Rep A Junior")
    o.m2 = await make_user(session, role="manager", name="M2")
    o.b = await make_user(session, role="sales", manager=o.m2, name="Rep B")
    o.viewer = await make_user(session, role="viewer", name="Viewer")
    return o


async def set_level(client, org, level):
    r = await client.put("/access-policies/customer", headers=auth(org.admin), json={"level": level})
    assert r.status_code == 200, r.text
    assert r.json()["object_type"] == "customer" and r.json()["level"] == level
    policies = (await client.get("/access-policies", headers=auth(org.b))).json()
    assert {"object_type": "customer", "level": level} in [
        {k: p[k] for k in ("object_type", "level")} for p in policies
    ]


async def ids(client, user, path="/customers", **params):
    r = await client.get(path, headers=auth(user), params=params)
    assert r.status_code == 200, r.text
    return {item["id"] for item in r.json()["items"]}


async def visible_ops(client, user, cid):
    """Status of every read path for one record."""
    h = auth(user)
    return {
        "get": (await client.get(f"/customers/{cid}", headers=h)).status_code,
        "history": (await client.get(f"/customers/{cid}/history", headers=h)).status_code,
        "people": (await client.get(f"/customers/{cid}/people", headers=h)).status_code,
    }


# --- private ---


async def test_private_other_reps_record_does_not_exist(client, session, org):
    await set_level(client, org, "private")
    cb = await make_customer(session, org.b, name="Zephyrian Widgets")
    ca = await make_customer(session, org.a, name="Alpha Works")
    ha = auth(org.a)

    missing = (await client.get(f"/customers/{uuid.uuid4()}", headers=ha)).json()
    for r in [
        await client.get(f"/customers/{cb.id}", headers=ha),
        await client.patch(f"/customers/{cb.id}", headers=ha, json={"name": "Pwned"}),
        await client.patch(
            f"/customers/{cb.id}",
            headers={**ha, "If-Match": '"99"'},
            json={"name": "Pwned"},
        ),
        await client.delete(f"/customers/{cb.id}", headers=ha),
        await client.get(f"/customers/{cb.id}/history", headers=ha),
        await client.get(f"/customers/{cb.id}/people", headers=ha),
        await client.post(f"/customers/{cb.id}/restore", headers=ha),
    ]:
        body = assert_problem(r, 404)
        assert body["detail"] == missing["detail"]  # same answer as for an id that doesn't exist
        assert "Zephyrian" not in r.text and str(org.b.id) not in r.text

    assert await ids(client, org.a) == {str(ca.id)}
    assert await ids(client, org.a, q="Zephyrian") == set()
    assert await ids(client, org.a, q="Zephyrain") == set()  # typo-tolerant search doesn't leak either
    assert await ids(client, org.a, name="Zephyrian Widgets") == set()
    assert await ids(client, org.a, owner_id=str(org.b.id)) == set()
    total = (await client.get("/customers", headers=ha, params={"include_total": "true"})).json()["total"]
    assert total == 1
    # B still sees and finds their own record, untouched.
    assert await ids(client, org.b, q="Zephyrian") == {str(cb.id)}
    got = (await client.get(f"/customers/{cb.id}", headers=auth(org.b))).json()
    assert got["name"] == "Zephyrian Widgets" and got["version"] == 1 and got["deleted_at"] is None

    # Nor can A reach it by linking a new person to it.
    r = await client.post(
        "/customers",
        headers=ha,
        json={"type": "person", "first_name": "Sneaky", "company_id": str(cb.id)},
    )
    assert_problem(r, 422, loc=["body", "company_id"])


async def test_private_restore_and_trash_after_owner_deletes(client, session, org):
    await set_level(client, org, "private")
    cb = await make_customer(session, org.b, name="Bravo Deleted")
    ca = await make_customer(session, org.a, name="Alpha Deleted")
    assert (await client.delete(f"/customers/{cb.id}", headers=auth(org.b))).status_code == 204
    assert (await client.delete(f"/customers/{ca.id}", headers=auth(org.a))).status_code == 204

    assert_problem(await client.post(f"/customers/{cb.id}/restore", headers=auth(org.a)), 404)
    assert_problem(await client.get(f"/customers/{cb.id}/history", headers=auth(org.a)), 404)

    assert await ids(client, org.a, "/trash") == {str(ca.id)}
    assert await ids(client, org.m1, "/trash") == {str(ca.id)}
    assert await ids(client, org.director, "/trash") == {str(ca.id)}
    assert await ids(client, org.b, "/trash") == {str(cb.id)}
    assert await ids(client, org.m2, "/trash") == {str(cb.id)}
    assert await ids(client, org.a_jr, "/trash") == set()
    assert await ids(client, org.admin, "/trash") == {str(ca.id), str(cb.id)}

    # B's manager restores it; history is visible to them.
    r = await client.post(f"/customers/{cb.id}/restore", headers=auth(org.m2))
    assert r.status_code == 200 and r.json()["deleted_at"] is None
    hist = (await client.get(f"/customers/{cb.id}/history", headers=auth(org.m2))).json()["items"]
    assert [h["action"] for h in hist if h["field"] is None][:2] == [
        "restored",
        "deleted",
    ]


async def test_private_manager_chain(client, session, org):
    await set_level(client, org, "private")
    ca = await make_customer(session, org.a, name="A Co")
    cjr = await make_customer(session, org.a_jr, name="Junior Co")
    cm1 = await make_customer(session, org.m1, name="M1 Co")
    cb = await make_customer(session, org.b, name="B Co")
    everything = {str(c.id) for c in (ca, cjr, cm1, cb)}

    assert await ids(client, org.a_jr) == {str(cjr.id)}
    assert await ids(client, org.a) == {
        str(ca.id),
        str(cjr.id),
    }  # a rep with a report sees the report's
    assert await ids(client, org.m1) == {str(ca.id), str(cjr.id), str(cm1.id)}
    assert await ids(client, org.director) == {str(ca.id), str(cjr.id), str(cm1.id)}
    assert await ids(client, org.m2) == {str(cb.id)}
    assert await ids(client, org.b) == {str(cb.id)}
    assert await ids(client, org.admin) == everything
    assert await ids(client, org.viewer) == set()

    # Managers up the chain read and edit their people's records...
    for user, cid in [
        (org.m1, ca.id),
        (org.director, cjr.id),
        (org.a, cjr.id),
        (org.admin, cb.id),
    ]:
        r = await client.patch(
            f"/customers/{cid}",
            headers=auth(user),
            json={"industry": f"by {user.full_name}"},
        )
        assert r.status_code == 200, r.text
        assert r.json()["industry"] == f"by {user.full_name}"
        assert (await visible_ops(client, user, cid)) == {
            "get": 200,
            "history": 200,
            "people": 200,
        }
    # ...but not a peer team's, nor their boss's.
    for user, cid in [
        (org.m1, cb.id),
        (org.director, cb.id),
        (org.m2, ca.id),
        (org.a, cm1.id),
        (org.a_jr, ca.id),
    ]:
        assert (await visible_ops(client, user, cid)) == {
            "get": 404,
            "history": 404,
            "people": 404,
        }
        assert_problem(
            await client.patch(f"/customers/{cid}", headers=auth(user), json={"industry": "x"}),
            404,
        )
        assert_problem(await client.delete(f"/customers/{cid}", headers=auth(user)), 404)
    assert (await client.get(f"/customers/{cb.id}", headers=auth(org.b))).json()["industry"] == "by Admin"

    # Manager deletes a report's record: allowed.
    assert (await client.delete(f"/customers/{cjr.id}", headers=auth(org.m1))).status_code == 204


async def test_private_people_of_a_company_are_filtered(client, session, org):
    await set_level(client, org, "private")
    company = await make_customer(session, org.a, name="Shared Co")
    mine = await make_customer(session, org.a, type="person", name="Pat", company_id=str(company.id))
    theirs = await make_customer(session, org.b, type="person", name="Quinn", company_id=str(company.id))
    assert await ids(client, org.a, f"/customers/{company.id}/people") == {str(mine.id)}
    assert await ids(client, org.admin, f"/customers/{company.id}/people") == {
        str(mine.id),
        str(theirs.id),
    }
    assert_problem(await client.get(f"/customers/{company.id}/people", headers=auth(org.b)), 404)
    # B still sees their own person, including the company's id (not its details).
    got = (await client.get(f"/customers/{theirs.id}", headers=auth(org.b))).json()
    assert got["company_id"] == str(company.id)


# --- read ---


async def test_read_level_everyone_reads_only_owner_chain_edits(client, session, org):
    await set_level(client, org, "read")
    cb = await make_customer(session, org.b, name="Readable Co")

    for user in (org.a, org.m1, org.director, org.viewer, org.a_jr):
        assert str(cb.id) in await ids(client, user)
        assert str(cb.id) in await ids(client, user, q="Readable")
        assert (await visible_ops(client, user, cb.id)) == {
            "get": 200,
            "history": 200,
            "people": 200,
        }
        body = assert_problem(
            await client.patch(f"/customers/{cb.id}", headers=auth(user), json={"name": "X"}),
            403,
        )
        assert "Readable" not in body["detail"]
        assert_problem(await client.delete(f"/customers/{cb.id}", headers=auth(user)), 403)
    got = (await client.get(f"/customers/{cb.id}", headers=auth(org.b))).json()
    assert got["name"] == "Readable Co" and got["version"] == 1 and got["deleted_at"] is None

    for user, name in [
        (org.b, "By owner"),
        (org.m2, "By manager"),
        (org.admin, "By admin"),
    ]:
        r = await client.patch(f"/customers/{cb.id}", headers=auth(user), json={"name": name})
        assert r.status_code == 200 and r.json()["name"] == name

    # Deleted: a non-owner may not restore it; the owner's manager may.
    assert (await client.delete(f"/customers/{cb.id}", headers=auth(org.b))).status_code == 204
    assert_problem(await client.post(f"/customers/{cb.id}/restore", headers=auth(org.a)), 403)
    assert (await client.post(f"/customers/{cb.id}/restore", headers=auth(org.m2))).status_code == 200


# --- read_write ---


async def test_read_write_any_non_viewer_edits(client, session, org):
    await set_level(client, org, "read_write")
    cb = await make_customer(session, org.b, name="Open Co")
    for user in (org.a, org.m1, org.a_jr):
        r = await client.patch(f"/customers/{cb.id}", headers=auth(user), json={"industry": user.full_name})
        assert r.status_code == 200 and r.json()["industry"] == user.full_name
    assert (await client.get(f"/customers/{cb.id}", headers=auth(org.b))).json()["version"] == 4
    assert (await client.delete(f"/customers/{cb.id}", headers=auth(org.a))).status_code == 204
    assert (await client.post(f"/customers/{cb.id}/restore", headers=auth(org.m1))).status_code == 200
    # Editing doesn't let someone outside the owner's line take the record or give it away.
    r = await client.patch(f"/customers/{cb.id}", headers=auth(org.a), json={"owner_id": str(org.a_jr.id)})
    assert_problem(r, 403)
    r = await client.patch(f"/customers/{cb.id}", headers=auth(org.m2), json={"owner_id": str(org.a.id)})
    assert_problem(r, 422, loc=["body", "owner_id"])  # m2 manages b, but not a
    r = await client.patch(f"/customers/{cb.id}", headers=auth(org.m2), json={"owner_id": str(org.m2.id)})
    assert r.status_code == 200 and r.json()["owner_id"] == str(org.m2.id)


# --- viewer ---


@pytest.mark.parametrize("level", ["private", "read", "read_write"])
async def test_viewer_never_writes(client, session, org, level):
    await set_level(client, org, level)
    cb = await make_customer(session, org.b, name="Other Co")
    own = await make_customer(session, org.viewer, name="Viewer Co")  # even a record the viewer owns
    hv = auth(org.viewer)
    assert_problem(
        await client.post("/customers", headers=hv, json={"type": "company", "name": "New"}),
        403,
    )
    assert_problem(await client.patch(f"/customers/{own.id}", headers=hv, json={"name": "X"}), 403)
    assert_problem(await client.delete(f"/customers/{own.id}", headers=hv), 403)
    other_status = 404 if level == "private" else 403
    assert_problem(
        await client.patch(f"/customers/{cb.id}", headers=hv, json={"name": "X"}),
        other_status,
    )
    assert_problem(await client.delete(f"/customers/{cb.id}", headers=hv), other_status)
    assert await ids(client, org.admin, q="New") == set()
    for c, name in [(cb, "Other Co"), (own, "Viewer Co")]:
        got = (await client.get(f"/customers/{c.id}", headers=auth(org.admin))).json()
        assert got["name"] == name and got["version"] == 1 and got["deleted_at"] is None


# --- owner_id assignment ---


@pytest.mark.parametrize("level", ["private", "read_write"])
async def test_rep_cannot_assign_to_others(client, session, org, level):
    await set_level(client, org, level)
    ha = auth(org.a_jr)
    for owner in (org.b, org.a, org.admin, org.viewer):
        r = await client.post(
            "/customers",
            headers=ha,
            json={"type": "company", "name": "Gift", "owner_id": str(owner.id)},
        )
        assert_problem(r, 422, loc=["body", "owner_id"])
    assert await ids(client, org.admin, q="Gift") == set()

    r = await client.post(
        "/customers",
        headers=ha,
        json={"type": "company", "name": "Mine", "owner_id": str(org.a_jr.id)},
    )
    assert r.status_code == 201 and r.json()["owner_id"] == str(org.a_jr.id)
    r = await client.post("/customers", headers=ha, json={"type": "company", "name": "Mine Too"})
    assert r.status_code == 201 and r.json()["owner_id"] == str(org.a_jr.id)
    cid = r.json()["id"]
    r = await client.patch(f"/customers/{cid}", headers=ha, json={"owner_id": str(org.b.id)})
    assert_problem(r, 422, loc=["body", "owner_id"])
    got = (await client.get(f"/customers/{cid}", headers=ha)).json()
    assert got["owner_id"] == str(org.a_jr.id) and got["version"] == 1


async def test_manager_assigns_within_team_admin_anywhere(client, session, org):
    await set_level(client, org, "private")
    r = await client.post(
        "/customers",
        headers=auth(org.m1),
        json={"type": "company", "name": "For A", "owner_id": str(org.a.id)},
    )
    assert r.status_code == 201 and r.json()["owner_id"] == str(org.a.id)
    cid = r.json()["id"]
    assert cid in await ids(client, org.a)

    r = await client.post(
        "/customers",
        headers=auth(org.director),
        json={"type": "company", "name": "For Jr", "owner_id": str(org.a_jr.id)},
    )
    assert r.status_code == 201 and r.json()["owner_id"] == str(org.a_jr.id)

    for owner in (org.b, org.m2, org.director):
        r = await client.patch(f"/customers/{cid}", headers=auth(org.m1), json={"owner_id": str(owner.id)})
        assert_problem(r, 422, loc=["body", "owner_id"])
        r = await client.post(
            "/customers",
            headers=auth(org.m1),
            json={"type": "company", "name": "Nope", "owner_id": str(owner.id)},
        )
        assert_problem(r, 422, loc=["body", "owner_id"])

    r = await client.patch(f"/customers/{cid}", headers=auth(org.admin), json={"owner_id": str(org.b.id)})
    assert r.status_code == 200 and r.json()["owner_id"] == str(org.b.id)
    assert cid not in await ids(client, org.a)
    assert_problem(await client.get(f"/customers/{cid}", headers=auth(org.m1)), 404)
    assert cid in await ids(client, org.m2)

    r = await client.post(
        "/customers",
        headers=auth(org.admin),
        json={"type": "company", "name": "For B", "owner_id": str(org.b.id)},
    )
    assert r.status_code == 201 and r.json()["owner_id"] == str(org.b.id)


async def test_cannot_assign_to_inactive_or_unknown_user(client, session, org):
    gone = await make_user(session, role="sales", manager=org.m1, active=False)
    for owner in (gone.id, uuid.uuid4()):
        for caller in (org.m1, org.admin):
            r = await client.post(
                "/customers",
                headers=auth(caller),
                json={"type": "company", "name": "Ghost", "owner_id": str(owner)},
            )
            assert_problem(r, 422, loc=["body", "owner_id"])


# --- policies ---


@pytest.mark.parametrize("role", ["manager", "sales", "support", "viewer"])
async def test_only_admin_sets_policies(client, session, org, role):
    user = await make_user(session, role=role)
    r = await client.put("/access-policies/customer", headers=auth(user), json={"level": "read_write"})
    assert_problem(r, 403)
    policies = (await client.get("/access-policies", headers=auth(user))).json()
    assert [(p["object_type"], p["level"]) for p in policies] == [
        ("customer", "read"),
        ("lead", "read"),
        ("deal", "private"),
    ]  # the defaults


@pytest.mark.parametrize(
    "path,payload,status,loc",
    [
        ("/access-policies/widget", {"level": "read"}, 404, None),
        ("/access-policies/customer", {"level": "public"}, 422, ["body", "level"]),
        ("/access-policies/customer", {}, 422, ["body", "level"]),
        (
            "/access-policies/customer",
            {"level": "read", "extra": 1},
            422,
            ["body", "extra"],
        ),
    ],
)
async def test_policy_errors(client, session, org, path, payload, status, loc):
    assert_problem(await client.put(path, headers=auth(org.admin), json=payload), status, loc=loc)
    policies = (await client.get("/access-policies", headers=auth(org.admin))).json()
    assert [(p["object_type"], p["level"]) for p in policies] == [
        ("customer", "read"),
        ("lead", "read"),
        ("deal", "private"),
    ]


async def test_policy_change_takes_effect_immediately(client, session, org):
    cb = await make_customer(session, org.b)
    assert (await client.get(f"/customers/{cb.id}", headers=auth(org.a))).status_code == 200  # default: read
    await set_level(client, org, "private")
    assert_problem(await client.get(f"/customers/{cb.id}", headers=auth(org.a)), 404)
    await set_level(client, org, "read_write")
    assert (await client.patch(f"/customers/{cb.id}", headers=auth(org.a), json={"industry": "x"})).status_code == 200


async def test_private_sync_tombstones_only_for_visible_records(client, session, org):
    await set_level(client, org, "private")
    ca = await make_customer(session, org.a)
    cb = await make_customer(session, org.b)
    for user, c in [(org.a, ca), (org.b, cb)]:
        assert (await client.delete(f"/customers/{c.id}", headers=auth(user))).status_code == 204
    r = await client.get(
        "/customers",
        headers=auth(org.a),
        params={"updated_since": "2000-01-01T00:00:00Z", "include_deleted": "true"},
    )
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert [i["id"] for i in items] == [str(ca.id)] and set(items[0]) == {
        "id",
        "deleted_at",
    }


@pytest.mark.parametrize("role", ["manager", "sales", "viewer"])
async def test_only_admin_purges_trash(client, session, org, role):
    owner = await make_user(session, role=role)
    c = await make_customer(session, owner)
    assert (await client.delete(f"/customers/{c.id}", headers=auth(org.admin))).status_code == 204
    assert_problem(await client.delete(f"/trash/customer/{c.id}", headers=auth(owner)), 403)
    assert str(c.id) in await ids(client, org.admin, "/trash")
    assert (await client.delete(f"/trash/customer/{c.id}", headers=auth(org.admin))).status_code == 204
    assert await ids(client, org.admin, "/trash") == set()


async def test_hidden_employer_name_is_not_shown(client, session):
    from tests.api.factories import auth as _auth
    from tests.api.factories import make_customer as _mk
    from tests.api.factories import make_user as _mu

    admin = await _mu(session, "admin")
    a = await _mu(session, "sales")
    b = await _mu(session, "sales")
    await client.put("/access-policies/customer", headers=_auth(admin), json={"level": "private"})
    secret_co = await _mk(session, b, name="Secret Holdings")
    person = await _mk(session, a, type="person", first_name="Visible")
    from crm.customers.models import Customer

    row = await session.get(Customer, person.id)
    row.company_id = secret_co.id  # linked while both were visible to whoever linked them
    await session.commit()
    r = await client.get(f"/customers/{person.id}", headers=_auth(a))
    assert r.json()["company_id"] == str(secret_co.id) and r.json()["company_name"] is None
    r = await client.get(f"/customers/{person.id}", headers=_auth(b))
    assert r.status_code == 404


async def test_read_write_lets_others_edit_but_not_take_over(client, session):
    from tests.api.factories import auth as _auth
    from tests.api.factories import make_customer as _mk
    from tests.api.factories import make_user as _mu

    admin = await _mu(session, "admin")
    a = await _mu(session, "sales")
    b = await _mu(session, "sales")
    await client.put("/access-policies/customer", headers=_auth(admin), json={"level": "read_write"})
    c = await _mk(session, a, name="Shared")
    r = await client.patch(f"/customers/{c.id}", headers=_auth(b), json={"industry": "retail"})
    assert r.status_code == 200
    r = await client.patch(f"/customers/{c.id}", headers=_auth(b), json={"owner_id": str(b.id)})
    assert r.status_code == 403
    got = (await client.get(f"/customers/{c.id}", headers=_auth(a))).json()
    assert got["owner_id"] == str(a.id) and got["industry"] == "retail"
