"""API keys: shown once, stored hashed, scoped, revocable, and audited as the key."""

from __future__ import annotations

from sqlalchemy import select

from crm.api_keys.models import ApiKey
from crm.core.models import AuditLog
from tests.api.factories import auth, make_customer, make_user


async def _create(client, admin, **body):
    r = await client.post(
        "/api-keys",
        headers=auth(admin),
        json={"name": "Zapier", "scopes": ["customers:read"], **body},
    )
    assert r.status_code == 201, r.text
    return r.json()


async def test_key_is_shown_once_and_stored_hashed(client, session):
    admin = await make_user(session, "admin")
    created = await _create(client, admin)
    assert created["key"].startswith("crm_") and len(created["key"]) > 40
    assert created["prefix"] == created["key"][:12]
    assert created["user_id"] == str(admin.id) and created["scopes"] == ["customers:read"]
    r = await client.get(f"/api-keys/{created['id']}", headers=auth(admin))
    assert "key" not in r.json() and "key_hash" not in r.json()
    listed = (await client.get("/api-keys", headers=auth(admin))).json()["items"]
    assert [k["id"] for k in listed] == [created["id"]] and "key" not in listed[0]
    row = (await session.execute(select(ApiKey))).scalar_one()
    assert created["key"] not in row.key_hash and len(row.key_hash) == 64


async def test_key_acts_as_its_user_within_its_scopes(client, session):
    admin = await make_user(session, "admin")
    rep = await make_user(session, "sales")
    c = await make_customer(session, rep, name="Seen By Key")
    created = await _create(client, admin, user_id=str(rep.id))
    h = {"Authorization": f"Bearer {created['key']}"}
    r = await client.get("/customers", headers=h)
    assert r.status_code == 200 and [i["id"] for i in r.json()["items"]] == [str(c.id)]
    assert (await client.get("/users/me", headers=h)).json()["id"] == str(rep.id)
    r = await client.post("/customers", headers=h, json={"type": "company", "name": "No"})
    assert r.status_code == 403 and "customers:write" in r.json()["detail"]
    assert (await client.get("/custom-fields", headers=h)).status_code == 403
    # a key never manages keys, even one acting as an admin
    admin_key = await _create(client, admin, scopes=["customers:read", "customers:write"])
    r = await client.get("/api-keys", headers={"Authorization": f"Bearer {admin_key['key']}"})
    assert r.status_code == 403


async def test_writes_through_a_key_are_audited_with_it(client, session):
    admin = await make_user(session, "admin")
    created = await _create(client, admin, scopes=["customers:write", "customers:read"])
    r = await client.post(
        "/customers",
        headers={"Authorization": f"Bearer {created['key']}"},
        json={"type": "company", "name": "Via Key"},
    )
    assert r.status_code == 201
    row = (await session.execute(select(AuditLog).where(AuditLog.action == "customer.created"))).scalar_one()
    assert str(row.api_key_id) == created["id"] and row.actor_id == admin.id
    key = await session.get(ApiKey, row.api_key_id)
    assert key.last_used_at is not None


async def test_revoked_expired_and_unknown_keys_are_401(client, session):
    from datetime import timedelta

    from crm.db import utcnow

    admin = await make_user(session, "admin")
    created = await _create(client, admin)
    h = {"Authorization": f"Bearer {created['key']}"}
    assert (await client.get("/customers", headers=h)).status_code == 200
    assert (await client.delete(f"/api-keys/{created['id']}", headers=auth(admin))).status_code == 204
    r = await client.get("/customers", headers=h)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    listed = (await client.get(f"/api-keys/{created['id']}", headers=auth(admin))).json()
    assert listed["revoked_at"] is not None

    other = await _create(client, admin)
    row = await session.get(ApiKey, __import__("uuid").UUID(other["id"]))
    row.expires_at = utcnow() - timedelta(seconds=1)
    await session.commit()
    assert (await client.get("/customers", headers={"Authorization": f"Bearer {other['key']}"})).status_code == 401
    assert (await client.get("/customers", headers={"Authorization": "Bearer crm_made_up"})).status_code == 401


async def test_deactivating_the_acting_user_stops_the_key(client, session):
    admin = await make_user(session, "admin")
    rep = await make_user(session, "sales")
    created = await _create(client, admin, user_id=str(rep.id))
    await client.post(f"/users/{rep.id}/deactivate", headers=auth(admin))
    r = await client.get("/customers", headers={"Authorization": f"Bearer {created['key']}"})
    assert r.status_code == 401


async def test_key_management_is_admin_only_and_validated(client, session):
    admin = await make_user(session, "admin")
    rep = await make_user(session, "sales")
    body = {"name": "x", "scopes": ["customers:read"]}
    assert (await client.post("/api-keys", headers=auth(rep), json=body)).status_code == 403
    assert (await client.get("/api-keys", headers=auth(rep))).status_code == 403
    for bad, loc in [
        ({**body, "scopes": []}, ["body", "scopes"]),
        ({**body, "scopes": ["deals:fly"]}, ["body", "scopes", 0]),
        ({**body, "expires_at": "2000-01-01T00:00:00Z"}, ["body", "expires_at"]),
        (
            {**body, "user_id": "01890000-0000-7000-8000-000000000000"},
            ["body", "user_id"],
        ),
        ({**body, "key": "crm_mine"}, ["body", "key"]),
    ]:
        r = await client.post("/api-keys", headers=auth(admin), json=bad)
        assert r.status_code == 422, bad
        assert r.json()["errors"][0]["loc"] == loc
    assert (await client.get("/api-keys", headers=auth(admin))).json()["items"] == []
