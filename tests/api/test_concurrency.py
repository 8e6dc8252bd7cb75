"""ETag / If-Match, Idempotency-Key replay, and the body-size cap."""

from __future__ import annotations

import asyncio

from tests.api.factories import auth, make_customer, make_user


async def test_stale_if_match_is_412_and_changes_nothing(client, session):
    user = await make_user(session, "sales")
    c = await make_customer(session, user, name="Original")
    h = auth(user)
    r = await client.patch(f"/customers/{c.id}", headers={**h, "If-Match": '"1"'}, json={"name": "First"})
    assert r.status_code == 200 and r.headers["etag"] == '"2"'
    r = await client.patch(f"/customers/{c.id}", headers={**h, "If-Match": '"1"'}, json={"name": "Second"})
    assert r.status_code == 412
    assert r.headers["content-type"] == "application/problem+json"
    assert "version 2" in r.json()["detail"]
    r = await client.delete(f"/customers/{c.id}", headers={**h, "If-Match": 'W/"1"'})
    assert r.status_code == 412
    got = (await client.get(f"/customers/{c.id}", headers=h)).json()
    assert got["name"] == "First" and got["version"] == 2 and got["deleted_at"] is None
    r = await client.patch(f"/customers/{c.id}", headers={**h, "If-Match": "*"}, json={"name": "Third"})
    assert r.status_code == 200


async def test_two_clients_same_if_match_exactly_one_wins(client, session):
    user = await make_user(session, "sales")
    c = await make_customer(session, user, name="Race")
    h = {**auth(user), "If-Match": '"1"'}
    results = await asyncio.gather(
        *[client.patch(f"/customers/{c.id}", headers=h, json={"name": f"Writer {i}"}) for i in range(4)]
    )
    codes = sorted(r.status_code for r in results)
    assert codes.count(200) == 1 and codes.count(412) == 3, codes
    winner = next(r.json()["name"] for r in results if r.status_code == 200)
    got = (await client.get(f"/customers/{c.id}", headers=auth(user))).json()
    assert got["name"] == winner and got["version"] == 2


async def test_idempotent_replay_creates_once(client, session):
    user = await make_user(session, "sales")
    h = {**auth(user), "Idempotency-Key": "create-acme-1"}
    body = {"type": "company", "name": "Acme Once"}
    first = await client.post("/customers", headers=h, json=body)
    assert first.status_code == 201 and "idempotent-replayed" not in first.headers
    again = await client.post("/customers", headers=h, json=body)
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    r = await client.get("/customers", headers=auth(user), params={"include_total": "true"})
    assert r.json()["total"] == 1

    other = await client.post("/customers", headers=h, json={"type": "company", "name": "Different"})
    assert other.status_code == 422
    assert "different request body" in other.json()["detail"]


async def test_idempotency_keys_are_per_caller_and_failures_release_the_key(client, session):
    a = await make_user(session, "sales")
    b = await make_user(session, "sales")
    body = {"type": "company", "name": "Mine"}
    ra = await client.post("/customers", headers={**auth(a), "Idempotency-Key": "k"}, json=body)
    rb = await client.post("/customers", headers={**auth(b), "Idempotency-Key": "k"}, json=body)
    assert ra.status_code == rb.status_code == 201 and ra.json()["id"] != rb.json()["id"]

    bad = await client.post(
        "/customers",
        headers={**auth(a), "Idempotency-Key": "k2"},
        json={"type": "company"},
    )
    assert bad.status_code == 422
    # a 4xx is a final answer and is replayed too
    again = await client.post(
        "/customers",
        headers={**auth(a), "Idempotency-Key": "k2"},
        json={"type": "company"},
    )
    assert again.status_code == 422 and again.headers["idempotent-replayed"] == "true"


async def test_body_over_cap_is_413(client, session, monkeypatch):
    from crm.settings import get_settings

    h = auth(await make_user(session, "sales"))
    big = {
        "type": "company",
        "name": "Big",
        "notes": "x" * (get_settings().max_body_bytes + 10),
    }
    r = await client.post("/customers", headers=h, json=big)
    assert r.status_code == 413
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["status"] == 413
    assert (await client.get("/customers", headers=h, params={"include_total": "true"})).json()["total"] == 0


async def test_streamed_body_over_cap_is_413(client, session):
    from crm.settings import get_settings

    h = auth(await make_user(session, "sales"))
    limit = get_settings().max_body_bytes

    async def chunks():
        yield b'{"type": "company", "name": "S", "notes": "'
        for _ in range(limit // 65536 + 2):
            yield b"y" * 65536
        yield b'"}'

    r = await client.post(
        "/customers",
        headers={**h, "Content-Type": "application/json"},
        content=chunks(),
    )
    assert r.status_code == 413


async def test_no_replay_for_a_deactivated_caller(client, session):
    admin = await make_user(session, "admin")
    rep = await make_user(session, "sales")
    h = {**auth(rep), "Idempotency-Key": "before-deactivation"}
    body = {"type": "company", "name": "Before"}
    assert (await client.post("/customers", headers=h, json=body)).status_code == 201
    await client.post(f"/users/{rep.id}/deactivate", headers=auth(admin))
    r = await client.post("/customers", headers=h, json=body)
    assert r.status_code == 401 and "idempotent-replayed" not in r.headers
