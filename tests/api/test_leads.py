"""Leads: CRUD, status rules, access, lists, trash and conversion into customers and deals."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from crm.core.models import OutboxEvent
from crm.customers.models import Customer
from crm.deals.models import Deal
from crm.leads.models import Lead

from .factories import assert_problem, auth, make_customer, make_user


@pytest.fixture
async def org(session):
    o = SimpleNamespace()
    o.admin = await make_user(session, role="admin", name="Admin")
    o.m1 = await make_user(session, role="manager", name="M1")
    o.a = await make_user(session, role="sales", manager=o.m1, name="Rep A")
    o.b = await make_user(session, role="sales", name="Rep B")
    o.viewer = await make_user(session, role="viewer", name="Viewer")
    return o


def lead_body(**over):
    body = {
        "first_name": "Minjun",
        "last_name": "Kim",
        "company_name": "Hanbit Soft",
        "job_title": "CTO",
        "emails": [{"value": "Minjun@HanbitSoft.co.kr"}],
        "phones": [{"value": "010-2345-6789", "label": "mobile"}],
        "website": "hanbitsoft.co.kr",
        "country": "kr",
        "industry": "software",
        "company_size": 120,
        "source": "referral",
        "campaign": "spring-2026",
        "tags": ["hot"],
    }
    body.update(over)
    return body


async def create(client, user, **over):
    r = await client.post("/leads", headers=auth(user), json=lead_body(**over))
    assert r.status_code == 201, r.text
    return r.json()


async def set_level(client, org, level):
    r = await client.put("/access-policies/lead", headers=auth(org.admin), json={"level": level})
    assert r.status_code == 200, r.text


async def events(session, type_prefix="lead."):
    rows = (await session.execute(select(OutboxEvent).order_by(OutboxEvent.id))).scalars()
    return [e for e in rows if e.type.startswith(type_prefix)]


# --- CRUD -----------------------------------------------------------------------------------


async def test_create_normalises_and_reads_back(client, session, org):
    r = await client.post("/leads", headers=auth(org.a), json=lead_body(owner_id=str(org.a.id)))
    assert r.status_code == 201, r.text
    lead = r.json()
    assert r.headers["location"] == f"/api/v1/leads/{lead['id']}"
    assert r.headers["etag"] == '"1"'
    assert lead["name"] == "Minjun Kim"
    assert lead["emails"] == [{"label": "work", "value": "minjun@hanbitsoft.co.kr", "primary": True}]
    assert lead["phones"][0]["value"] == "+821023456789"
    assert lead["website"] == "https://hanbitsoft.co.kr"
    assert lead["country"] == "KR"
    assert lead["status"] == "new" and lead["source"] == "referral"
    assert lead["owner_id"] == str(org.a.id) and lead["owner_name"] == "Rep A"
    assert lead["assignment_rule_name"] is None
    assert lead["score"] == 0 and lead["score_source"] == "rules" and lead["conversion_probability"] is None
    got = await client.get(f"/leads/{lead['id']}", headers=auth(org.a))
    assert got.status_code == 200 and got.json() == lead
    kinds = [e.type for e in await events(session)]
    assert kinds == ["lead.created", "lead.assigned"]


async def test_korean_name_and_company_only_leads(client, org):
    ko = await create(client, org.a, first_name="민준", last_name="김", emails=[])
    assert ko["name"] == "김민준"
    company_only = await create(client, org.a, first_name=None, last_name=None, emails=[])
    assert company_only["name"] == "Hanbit Soft"
    email_only = await create(
        client, org.a, first_name=None, last_name=None, company_name=None, emails=[{"value": "x@y.io"}]
    )
    assert email_only["name"] == "x@y.io"


@pytest.mark.parametrize(
    ("over", "loc"),
    [
        ({"first_name": None, "last_name": None, "company_name": None, "emails": []}, ["body", "last_name"]),
        ({"country": "XX"}, ["body", "country"]),
        ({"emails": [{"value": "not-an-email"}]}, ["body", "emails", 0, "value"]),
        ({"phones": [{"value": "12"}]}, ["body", "phones", 0, "value"]),
        ({"company_size": 0}, ["body", "company_size"]),
        ({"company_size": "50"}, ["body", "company_size"]),
        ({"source": "carrier-pigeon"}, ["body", "source"]),
        ({"status": "converted"}, ["body", "status"]),
        ({"status": "unqualified"}, ["body", "status"]),
        ({"unknown": 1}, ["body", "unknown"]),
    ],
)
async def test_create_validation(client, session, org, over, loc):
    assert_problem(await client.post("/leads", headers=auth(org.a), json=lead_body(**over)), 422, loc=loc)
    assert (await session.execute(select(func.count()).select_from(Lead))).scalar_one() == 0


async def test_status_rules_and_history(client, session, org):
    lead = await create(client, org.a)
    h = auth(org.a)
    r = await client.patch(f"/leads/{lead['id']}", headers=h, json={"status": "unqualified"})
    assert_problem(r, 422, loc=["body", "unqualified_reason"])
    r = await client.patch(f"/leads/{lead['id']}", headers=h, json={"unqualified_reason": "No budget"})
    assert_problem(r, 422, loc=["body", "unqualified_reason"])
    r = await client.patch(f"/leads/{lead['id']}", headers=h, json={"status": "converted"})
    assert_problem(r, 422, loc=["body", "status"])

    r = await client.patch(f"/leads/{lead['id']}", headers={**h, "If-Match": '"1"'}, json={"status": "contacted"})
    assert r.status_code == 200 and r.json()["status"] == "contacted" and r.headers["etag"] == '"2"'
    r = await client.patch(
        f"/leads/{lead['id']}", headers=h, json={"status": "unqualified", "unqualified_reason": "No budget"}
    )
    assert r.json()["status"] == "unqualified" and r.json()["unqualified_reason"] == "No budget"
    # Reopening clears the reason.
    r = await client.patch(f"/leads/{lead['id']}", headers=h, json={"status": "qualified"})
    assert r.json()["status"] == "qualified" and r.json()["unqualified_reason"] is None
    stale = await client.patch(f"/leads/{lead['id']}", headers={**h, "If-Match": '"1"'}, json={"campaign": "x"})
    assert_problem(stale, 412)

    hist = (await client.get(f"/leads/{lead['id']}/history", headers=h)).json()["items"]
    statuses = [(c["old_value"], c["new_value"]) for c in hist if c["field"] == "status"]
    assert statuses == [("unqualified", "qualified"), ("contacted", "unqualified"), ("new", "contacted"), (None, "new")]
    changed = [e.data for e in await events(session, "lead.status_changed")]
    assert [(p["from"], p["to"]) for p in changed] == [
        ("new", "contacted"),
        ("contacted", "unqualified"),
        ("unqualified", "qualified"),
    ]
    assert changed[1]["reason"] == "No budget"


async def test_delete_restore_and_trash(client, org):
    lead = await create(client, org.a)
    h = auth(org.a)
    assert (await client.delete(f"/leads/{lead['id']}", headers=h)).status_code == 204
    assert_problem(await client.get(f"/leads/{lead['id']}", headers=h), 404)
    trash = (await client.get("/trash", headers=h, params={"record_type": "lead"})).json()["items"]
    assert [(t["record_type"], t["id"], t["title"]) for t in trash] == [("lead", lead["id"], "Minjun Kim")]
    r = await client.post(f"/leads/{lead['id']}/restore", headers=h)
    assert r.status_code == 200 and r.json()["deleted_at"] is None
    assert_problem(await client.post(f"/leads/{lead['id']}/restore", headers=h), 409)
    await client.delete(f"/leads/{lead['id']}", headers=h)
    assert_problem(await client.delete(f"/trash/lead/{lead['id']}", headers=h), 403)
    assert (await client.delete(f"/trash/lead/{lead['id']}", headers=auth(org.admin))).status_code == 204
    assert_problem(await client.post(f"/leads/{lead['id']}/restore", headers=auth(org.admin)), 404)


# --- access ---------------------------------------------------------------------------------


async def test_auth_required(client, org):
    assert_problem(await client.get("/leads"), 401)
    assert_problem(await client.post("/leads", json=lead_body()), 401)


async def test_read_level_others_read_but_only_owner_line_edits(client, org):
    lead = await create(client, org.a)
    assert (await client.get(f"/leads/{lead['id']}", headers=auth(org.b))).status_code == 200
    assert_problem(await client.patch(f"/leads/{lead['id']}", headers=auth(org.b), json={"campaign": "x"}), 403)
    assert_problem(await client.post(f"/leads/{lead['id']}/convert", headers=auth(org.b), json={}), 403)
    r = await client.patch(f"/leads/{lead['id']}", headers=auth(org.m1), json={"campaign": "by manager"})
    assert r.status_code == 200 and r.json()["campaign"] == "by manager"
    assert_problem(await client.post("/leads", headers=auth(org.viewer), json=lead_body()), 403)
    # Handing over: the owner's line only, and only to people they manage.
    r = await client.patch(f"/leads/{lead['id']}", headers=auth(org.a), json={"owner_id": str(org.b.id)})
    assert_problem(r, 422, loc=["body", "owner_id"])
    r = await client.patch(f"/leads/{lead['id']}", headers=auth(org.admin), json={"owner_id": str(org.b.id)})
    assert r.status_code == 200 and r.json()["owner_id"] == str(org.b.id)


async def test_private_leads_are_404_everywhere_for_others(client, org):
    await set_level(client, org, "private")
    lead = await create(client, org.a)
    lid = lead["id"]
    hb = auth(org.b)
    for r in (
        await client.get(f"/leads/{lid}", headers=hb),
        await client.patch(f"/leads/{lid}", headers=hb, json={"campaign": "x"}),
        await client.delete(f"/leads/{lid}", headers=hb),
        await client.get(f"/leads/{lid}/history", headers=hb),
        await client.get(f"/leads/{lid}/conversion", headers=hb),
        await client.post(f"/leads/{lid}/convert", headers=hb, json={}),
        await client.post(f"/leads/{lid}/restore", headers=hb),
    ):
        assert_problem(r, 404)
    assert (await client.get("/leads", headers=hb, params={"q": "minjun"})).json()["items"] == []
    # The manager chain and admins still see it.
    assert [i["id"] for i in (await client.get("/leads", headers=auth(org.m1))).json()["items"]] == [lid]
    assert (await client.get(f"/leads/{lid}", headers=auth(org.admin))).status_code == 200


# --- lists ----------------------------------------------------------------------------------


async def test_queue_filters_sort_and_pages(client, session, org):
    for i, (status, size) in enumerate([("new", 10), ("contacted", 500), ("qualified", 60), ("new", 2000), ("new", 5)]):
        await create(client, org.a, first_name=f"P{i}", status=status, company_size=size)
    await create(client, org.b, first_name="Other", company_size=5000)
    # A scoring rule makes scores differ by size.
    r = await client.post(
        "/scoring/rules",
        headers=auth(org.admin),
        json={"name": "Big", "field": "company_size", "op": "gte", "value": "50", "points": 40},
    )
    assert r.status_code == 201, r.text
    h = auth(org.a)
    params = {
        "owner_id": str(org.a.id),
        "status[in]": "new,contacted,qualified",
        "sort": "-score,-created_at",
        "limit": 2,
        "include_total": "true",
    }
    first = await client.get("/leads", headers=h, params=params)
    body = first.json()
    assert body["total"] == 5
    assert [(i["first_name"], i["score"]) for i in body["items"]] == [("P3", 40), ("P2", 40)]
    assert 'rel="next"' in first.headers["link"]
    second = (await client.get("/leads", headers=h, params={**params, "cursor": body["next_cursor"]})).json()
    assert [(i["first_name"], i["score"]) for i in second["items"]] == [("P1", 40), ("P4", 0)]
    ranged = await client.get("/leads", headers=h, params={"score[gte]": 30, "company_size[lt]": 1000})
    assert sorted(i["first_name"] for i in ranged.json()["items"]) == ["P1", "P2"]
    found = await client.get("/leads", headers=h, params={"q": "hanbit sfot"})
    assert len(found.json()["items"]) == 6
    assert_problem(await client.get("/leads", headers=h, params={"bogus": 1}), 422, loc=["query", "bogus"])
    assert_problem(await client.get("/leads", headers=h, params={"sort": "notes"}), 422, loc=["query", "sort"])
    assert_problem(await client.get("/leads", headers=h, params={"status": "lost"}), 422, loc=["query", "status"])


# --- conversion -----------------------------------------------------------------------------


async def count(session, model):
    return (await session.execute(select(func.count()).select_from(model))).scalar_one()


async def test_convert_creates_company_person_and_deal(client, session, org):
    lead = await create(client, org.a, status="qualified")
    h = auth(org.a)
    preview = (await client.get(f"/leads/{lead['id']}/conversion", headers=h)).json()
    assert preview == {
        "company": None,
        "contact": None,
        "creates_company": True,
        "creates_contact": True,
        "company_name": "Hanbit Soft",
        "contact_name": "Minjun Kim",
    }
    r = await client.post(
        f"/leads/{lead['id']}/convert",
        headers=h,
        json={"deal": {"amount": "12000000.00", "expected_close_date": "2027-01-31"}},
    )
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["company_created"] and out["contact_created"]
    assert out["lead"]["status"] == "converted" and out["lead"]["converted_deal_id"] == out["deal_id"]
    company = (await client.get(f"/customers/{out['company_id']}", headers=h)).json()
    person = (await client.get(f"/customers/{out['contact_id']}", headers=h)).json()
    deal = (await client.get(f"/deals/{out['deal_id']}", headers=h)).json()
    assert (company["name"], company["website"], company["industry"]) == (
        "Hanbit Soft",
        "https://hanbitsoft.co.kr",
        "software",
    )
    assert (person["name"], person["company_id"], person["job_title"]) == ("Minjun Kim", company["id"], "CTO")
    assert person["emails"][0]["value"] == "minjun@hanbitsoft.co.kr" and person["owner_id"] == str(org.a.id)
    assert (deal["name"], deal["customer_id"], deal["amount"], deal["source"]) == (
        "Hanbit Soft",
        company["id"],
        "12000000.00",
        "referral",
    )
    assert deal["lead_id"] == lead["id"] and deal["contact_ids"] == [person["id"]]
    converted = [e.data for e in await events(session, "lead.converted")]
    assert converted == [
        {"id": lead["id"], "company_id": company["id"], "contact_id": person["id"], "deal_id": deal["id"]}
    ]
    again = await client.post(f"/leads/{lead['id']}/convert", headers=h, json={})
    assert_problem(again, 409)
    frozen = await client.patch(f"/leads/{lead['id']}", headers=h, json={"company_name": "Else"})
    assert_problem(frozen, 409)
    notes = await client.patch(f"/leads/{lead['id']}", headers=h, json={"notes": "Signed in person"})
    assert notes.status_code == 200


async def test_convert_links_existing_customers_never_duplicates(client, session, org):
    company = await make_customer(session, org.a, name="Hanbit Software Inc.", website="https://www.hanbitsoft.co.kr")
    person = await make_customer(
        session, org.a, type="person", name="Min", emails=[{"value": "minjun@hanbitsoft.co.kr"}]
    )
    lead = await create(client, org.a)
    h = auth(org.a)
    preview = (await client.get(f"/leads/{lead['id']}/conversion", headers=h)).json()
    assert preview["company"] == {"id": str(company.id), "name": "Hanbit Software Inc.", "reason": "domain"}
    assert preview["contact"] == {"id": str(person.id), "name": "Min", "reason": "email"}
    assert not preview["creates_company"] and not preview["creates_contact"]
    before = await count(session, Customer)
    out = (await client.post(f"/leads/{lead['id']}/convert", headers=h, json={})).json()
    assert (out["company_id"], out["company_created"]) == (str(company.id), False)
    assert (out["contact_id"], out["contact_created"]) == (str(person.id), False)
    assert out["deal_id"] is None
    assert await count(session, Customer) == before


async def test_convert_matches_company_by_name_and_can_skip_it(client, session, org):
    company = await make_customer(session, org.a, name="hanbit soft")
    lead = await create(client, org.a, website=None, emails=[{"value": "minjun@gmail.com"}])
    out = (await client.post(f"/leads/{lead['id']}/convert", headers=auth(org.a), json={})).json()
    assert out["company_id"] == str(company.id)
    other = await create(client, org.a, emails=[{"value": "b@gmail.com"}], first_name="Bo")
    out = (await client.post(f"/leads/{other['id']}/convert", headers=auth(org.a), json={"skip_company": True})).json()
    assert out["company_id"] is None and out["contact_created"]
    person = (await client.get(f"/customers/{out['contact_id']}", headers=auth(org.a))).json()
    assert person["company_id"] is None


async def test_convert_is_atomic(client, session, org):
    lead = await create(client, org.a)
    h = auth(org.a)
    deals_before, customers_before = await count(session, Deal), await count(session, Customer)
    # The company and person would be created first; the bad deal stage must undo them.
    bad = await client.post(
        f"/leads/{lead['id']}/convert",
        headers=h,
        json={"deal": {"stage_id": "01900000-0000-7000-8000-000000000000"}},
    )
    assert_problem(bad, 422, loc=["body", "deal", "stage_id"])
    assert await count(session, Customer) == customers_before
    assert await count(session, Deal) == deals_before
    again = (await client.get(f"/leads/{lead['id']}", headers=h)).json()
    assert again["status"] == "new" and again["converted_contact_id"] is None
    assert await events(session, "lead.converted") == []
    assert [e for e in await events(session, "customer.") if e.type == "customer.created"] == []


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"company_id": "01900000-0000-7000-8000-000000000000"}, ["body", "company_id"]),
        ({"contact_id": "01900000-0000-7000-8000-000000000000"}, ["body", "contact_id"]),
        ({"deal": {"amount": 5}}, ["body", "deal", "amount"]),
        ({"skip_company": "yes"}, ["body", "skip_company"]),
        ({"extra": True}, ["body", "extra"]),
    ],
)
async def test_convert_validation(client, session, org, body, loc):
    lead = await create(client, org.a)
    assert_problem(await client.post(f"/leads/{lead['id']}/convert", headers=auth(org.a), json=body), 422, loc=loc)
    assert (await client.get(f"/leads/{lead['id']}", headers=auth(org.a))).json()["status"] == "new"


async def test_convert_refuses_a_person_as_company(client, session, org):
    person = await make_customer(session, org.a, type="person", name="Solo")
    lead = await create(client, org.a)
    r = await client.post(f"/leads/{lead['id']}/convert", headers=auth(org.a), json={"company_id": str(person.id)})
    assert_problem(r, 422, loc=["body", "company_id"])
