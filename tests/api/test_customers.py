from __future__ import annotations

import pytest

from tests.api.factories import auth, make_customer, make_user

PROBLEM = "application/problem+json"


async def test_create_company_and_person_and_read_back(client, session):
    admin = await make_user(session, "admin")
    h = auth(admin)
    r = await client.post(
        "/customers",
        headers=h,
        json={
            "type": "company",
            "name": "Acme Analytics",
            "website": "acme.example.com",
            "industry": "software",
            "emails": [{"label": "work", "value": "Info@Acme.Example.com"}],
            "phones": [{"label": "work", "value": "02-555-1234"}],
            "addresses": [{"label": "hq", "city": "Seoul", "country": "kr"}],
            "tags": ["vip", "vip", "enterprise"],
            "social_profiles": {"linkedin": "acme-analytics"},
        },
    )
    assert r.status_code == 201, r.text
    company = r.json()
    assert r.headers["location"] == f"/api/v1/customers/{company['id']}"
    assert r.headers["etag"] == '"1"'
    assert company["name"] == "Acme Analytics"
    assert company["website"] == "https://acme.example.com"
    assert company["emails"] == [{"label": "work", "value": "info@acme.example.com", "primary": True}]
    assert company["phones"][0]["value"] == "+8225551234"
    assert company["addresses"][0]["country"] == "KR"
    assert company["tags"] == ["vip", "enterprise"]
    assert company["owner_id"] == str(admin.id) and company["owner_name"] == admin.full_name
    assert company["version"] == 1 and company["created_at"].endswith("Z")

    r = await client.post(
        "/customers",
        headers=h,
        json={
            "type": "person",
            "first_name": "John",
            "last_name": "Smith",
            "company_id": company["id"],
            "job_title": "CTO",
            "birthday": "1980-02-29",
        },
    )
    assert r.status_code == 201, r.text
    person = r.json()
    assert person["name"] == "John Smith"
    assert person["company_name"] == "Acme Analytics"
    assert person["birthday"] == "1980-02-29"

    r = await client.get(f"/customers/{person['id']}", headers=h)
    assert r.status_code == 200 and r.json() == person
    assert r.headers["etag"] == '"1"'

    r = await client.get(f"/customers/{company['id']}/people", headers=h)
    assert [p["id"] for p in r.json()["items"]] == [person["id"]]


async def test_korean_person_name_is_family_name_first(client, session):
    h = auth(await make_user(session, "sales"))
    r = await client.post(
        "/customers",
        headers=h,
        json={"type": "person", "first_name": "민준", "last_name": "김"},
    )
    assert r.json()["name"] == "김민준"


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"type": "company"}, ["body", "name"]),
        ({"type": "person"}, ["body", "first_name"]),
        ({"type": "robot", "name": "x"}, ["body", "type"]),
        (
            {"type": "company", "name": "X", "emails": [{"value": "not-an-email"}]},
            ["body", "emails", 0, "value"],
        ),
        (
            {"type": "company", "name": "X", "phones": [{"value": "12"}]},
            ["body", "phones", 0, "value"],
        ),
        (
            {"type": "company", "name": "X", "phones": [{"value": "+82 10 1234"}]},
            ["body", "phones", 0, "value"],
        ),
        (
            {"type": "company", "name": "X", "addresses": [{"country": "ZZ"}]},
            ["body", "addresses", 0, "country"],
        ),
        ({"type": "company", "name": "X", "unknown": 1}, ["body", "unknown"]),
        (
            {
                "type": "company",
                "name": "X",
                "id": "00000000-0000-0000-0000-000000000000",
            },
            ["body", "id"],
        ),
        ({"type": "company", "name": "X", "version": 7}, ["body", "version"]),
        (
            {"type": "company", "name": "X", "social_profiles": {"myspace": "x"}},
            ["body", "social_profiles", "myspace"],
        ),
        ({"type": "company", "name": "X", "birthday": "2999-01-01"}, ["body"]),
        ({"type": "person", "first_name": "A", "name": "B"}, ["body", "name"]),
        (
            {
                "type": "company",
                "name": "X",
                "company_id": "01890000-0000-7000-8000-000000000000",
            },
            ["body", "company_id"],
        ),
        (
            {
                "type": "company",
                "name": "X",
                "emails": [
                    {"value": "a@b.co", "primary": True},
                    {"value": "c@d.co", "primary": True},
                ],
            },
            ["body"],
        ),
    ],
)
async def test_invalid_create_is_422_and_writes_nothing(client, session, body, loc):
    h = auth(await make_user(session, "sales"))
    r = await client.post("/customers", headers=h, json=body)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == PROBLEM
    problem = r.json()
    assert problem["status"] == 422 and problem["title"] == "Validation error"
    assert problem["request_id"] == r.headers["x-request-id"]
    assert any(e["loc"][: len(loc)] == loc for e in problem["errors"]), problem["errors"]
    r = await client.get("/customers?include_total=true", headers=h)
    assert r.json()["total"] == 0


async def test_person_company_must_be_a_company(client, session):
    user = await make_user(session, "sales")
    person = await make_customer(session, user, type="person", first_name="Ann")
    r = await client.post(
        "/customers",
        headers=auth(user),
        json={"type": "person", "first_name": "Bob", "company_id": str(person.id)},
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "company_id"]


async def test_update_merges_and_records_history(client, session):
    user = await make_user(session, "sales", name="Rita Rep")
    c = await make_customer(
        session,
        user,
        type="person",
        first_name="Jane",
        last_name="Doe",
        social_profiles={"x": "@jane"},
        job_title="Engineer",
    )
    h = auth(user)
    r = await client.patch(
        f"/customers/{c.id}",
        headers={**h, "If-Match": '"1"'},
        json={
            "job_title": "VP Engineering",
            "social_profiles": {"linkedin": "jane-doe"},
            "last_name": "Roe",
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["job_title"] == "VP Engineering"
    assert body["name"] == "Jane Roe"
    assert body["social_profiles"] == {"x": "@jane", "linkedin": "jane-doe"}
    assert body["version"] == 2 and r.headers["etag"] == '"2"'

    r = await client.get(f"/customers/{c.id}/history", headers=h)
    items = r.json()["items"]
    changed = {i["field"]: (i["old_value"], i["new_value"]) for i in items if i["action"] == "updated"}
    assert changed["job_title"] == ("Engineer", "VP Engineering")
    assert changed["last_name"] == ("Doe", "Roe")
    assert changed["name"] == ("Jane Doe", "Jane Roe")
    assert all(i["actor_name"] == "Rita Rep" for i in items)
    # newest first: the update rows come before the creation rows
    assert items[0]["action"] == "updated" and items[-1]["action"] == "created"


async def test_noop_update_does_not_bump_version(client, session):
    user = await make_user(session, "sales")
    c = await make_customer(session, user, name="Same")
    r = await client.patch(f"/customers/{c.id}", headers=auth(user), json={"name": "Same"})
    assert r.json()["version"] == 1


async def test_history_paginates(client, session):
    user = await make_user(session, "sales")
    c = await make_customer(session, user, name="V0")
    h = auth(user)
    for i in range(1, 6):
        await client.patch(f"/customers/{c.id}", headers=h, json={"name": f"V{i}"})
    seen, cursor = [], None
    while True:
        r = await client.get(
            f"/customers/{c.id}/history",
            headers=h,
            params={"limit": 2, **({"cursor": cursor} if cursor else {})},
        )
        page = r.json()
        seen += [i["new_value"] for i in page["items"] if i["field"] == "name"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ["V5", "V4", "V3", "V2", "V1", "V0"]


async def test_company_rename_updates_people_search(client, session):
    user = await make_user(session, "sales")
    company = await make_customer(session, user, name="Oldname Corp")
    person = await make_customer(session, user, type="person", first_name="Pat", company_id=str(company.id))
    h = auth(user)
    await client.patch(f"/customers/{company.id}", headers=h, json={"name": "Brandnew Holdings"})
    r = await client.get("/customers", headers=h, params={"q": "brandnew", "type": "person"})
    assert [i["id"] for i in r.json()["items"]] == [str(person.id)]
    assert r.json()["items"][0]["company_name"] == "Brandnew Holdings"


async def test_type_is_immutable(client, session):
    user = await make_user(session, "sales")
    c = await make_customer(session, user)
    r = await client.patch(f"/customers/{c.id}", headers=auth(user), json={"type": "person"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "type"]


async def test_delete_restore_and_tombstones(client, session):
    user = await make_user(session, "sales")
    c = await make_customer(session, user, name="Gone Soon")
    keep = await make_customer(session, user, name="Stays")
    h = auth(user)
    before = (await client.get(f"/customers/{c.id}", headers=h)).json()["updated_at"]

    r = await client.delete(f"/customers/{c.id}", headers=h)
    assert r.status_code == 204 and r.content == b""
    assert (await client.get(f"/customers/{c.id}", headers=h)).status_code == 404
    assert [i["id"] for i in (await client.get("/customers", headers=h)).json()["items"]] == [str(keep.id)]

    r = await client.get(
        "/customers",
        headers=h,
        params={"updated_since": before, "include_deleted": "true"},
    )
    assert r.status_code == 200
    tomb = [i for i in r.json()["items"] if i["id"] == str(c.id)]
    assert len(tomb) == 1 and set(tomb[0]) == {"id", "deleted_at"} and tomb[0]["deleted_at"].endswith("Z")

    r = await client.get("/trash", headers=h)
    assert [(i["record_type"], i["id"], i["title"]) for i in r.json()["items"]] == [
        ("customer", str(c.id), "Gone Soon")
    ]
    assert r.json()["items"][0]["deleted_by_id"] == str(user.id)

    r = await client.post(f"/customers/{c.id}/restore", headers=h)
    assert r.status_code == 200 and r.json()["deleted_at"] is None
    assert (await client.get(f"/customers/{c.id}", headers=h)).status_code == 200
    assert (await client.get("/trash", headers=h)).json()["items"] == []
    r = await client.post(f"/customers/{c.id}/restore", headers=h)
    assert r.status_code == 409

    actions = [i["action"] for i in (await client.get(f"/customers/{c.id}/history", headers=h)).json()["items"]]
    assert actions[:2] == ["restored", "deleted"]


async def test_include_deleted_needs_updated_since(client, session):
    h = auth(await make_user(session, "sales"))
    r = await client.get("/customers", headers=h, params={"include_deleted": "true"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == [
        "query",
        "include_deleted",
    ]


async def test_purge_is_admin_only_and_final(client, session):
    admin = await make_user(session, "admin")
    rep = await make_user(session, "sales")
    c = await make_customer(session, rep, name="Purge Me")
    await client.delete(f"/customers/{c.id}", headers=auth(rep))
    r = await client.delete(f"/trash/customer/{c.id}", headers=auth(rep))
    assert r.status_code == 403
    r = await client.delete(f"/trash/customer/{c.id}", headers=auth(admin))
    assert r.status_code == 204
    assert (await client.post(f"/customers/{c.id}/restore", headers=auth(admin))).status_code == 404
    assert (await client.get("/trash", headers=auth(admin))).json()["items"] == []
    assert (await client.delete(f"/trash/customer/{c.id}", headers=auth(admin))).status_code == 404
    assert (await client.delete(f"/trash/widget/{c.id}", headers=auth(admin))).status_code == 404


async def test_outbox_and_audit_written_with_the_change(client, session):
    from sqlalchemy import select

    from crm.core.models import AuditLog, OutboxEvent

    user = await make_user(session, "sales")
    h = auth(user)
    r = await client.post(
        "/customers",
        headers={**h, "X-Request-ID": "req-42"},
        json={"type": "company", "name": "E"},
    )
    cid = r.json()["id"]
    await client.patch(f"/customers/{cid}", headers=h, json={"name": "E2"})
    await client.delete(f"/customers/{cid}", headers=h)
    events = (await session.execute(select(OutboxEvent).order_by(OutboxEvent.id))).scalars().all()
    assert [e.type for e in events] == [
        "customer.created",
        "customer.updated",
        "customer.deleted",
    ]
    assert events[1].data["fields"] == ["name", "search_text"] or events[1].data["fields"] == ["name"]
    audit = (
        (
            await session.execute(
                select(AuditLog).where(AuditLog.record_type == "customer").order_by(AuditLog.occurred_at)
            )
        )
        .scalars()
        .all()
    )
    assert audit[0].action == "customer.created" and audit[0].request_id == "req-42"
    assert audit[0].ip == "10.1.2.3" and audit[0].actor_id == user.id


async def test_failed_write_leaves_nothing(client, session, monkeypatch):
    """A crash after the customer row is flushed but before commit leaves no row, history or event."""
    from sqlalchemy import func, select

    from crm.core.models import FieldChange, OutboxEvent
    from crm.customers import service
    from crm.customers.models import Customer

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(service, "emit", boom)
    h = auth(await make_user(session, "sales"))
    r = await client.post("/customers", headers=h, json={"type": "company", "name": "Half"})
    assert r.status_code == 500
    assert r.headers["content-type"] == PROBLEM
    assert "disk on fire" not in r.text and "Traceback" not in r.text
    for model in (Customer, FieldChange, OutboxEvent):
        assert (await session.execute(select(func.count()).select_from(model))).scalar_one() == 0
