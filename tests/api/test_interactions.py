"""Interactions: logging, access through linked records, e-mail (.eml) logging, timelines."""

from __future__ import annotations

from email.message import EmailMessage
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from crm.core.models import OutboxEvent
from crm.interactions.models import Interaction

from .factories import assert_problem, auth, make_customer, make_user


@pytest.fixture
async def org(session):
    o = SimpleNamespace()
    o.admin = await make_user(session, role="admin", name="Admin", email="admin@crm.example")
    o.m = await make_user(session, role="manager", name="Manager")
    o.a = await make_user(session, role="sales", manager=o.m, name="Rep A", email="rep.a@crm.example")
    o.b = await make_user(session, role="sales", name="Rep B")
    o.viewer = await make_user(session, role="viewer", name="Viewer")
    return o


async def private(client, org, object_type):
    r = await client.put(f"/access-policies/{object_type}", headers=auth(org.admin), json={"level": "private"})
    assert r.status_code == 200


async def log(client, user, **body):
    body.setdefault("type", "call")
    r = await client.post("/interactions", headers=auth(user), json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def test_log_a_call_and_read_it_back(client, session, org):
    c = await make_customer(session, org.a, name="Acme")
    person = await make_customer(session, org.a, type="person", name="Jin", company_id=str(c.id))
    r = await client.post(
        "/interactions",
        headers=auth(org.a),
        json={
            "type": "call",
            "direction": "outbound",
            "occurred_at": "2026-11-20T09:30:00+09:00",
            "duration_seconds": 420,
            "subject": "Pricing call",
            "body": "Asked for the enterprise plan.",
            "outcome": "interested",
            "customer_id": str(c.id),
            "participants": [
                {"kind": "contact", "id": str(person.id), "role": "attendee"},
                {"kind": "user", "id": str(org.a.id)},
                {"kind": "email", "email": "CFO@Acme.example", "name": "CFO"},
            ],
        },
    )
    assert r.status_code == 201, r.text
    i = r.json()
    assert r.headers["location"] == f"/api/v1/interactions/{i['id']}" and r.headers["etag"] == '"1"'
    assert i["occurred_at"] == "2026-11-20T00:30:00Z"
    assert (i["type"], i["direction"], i["duration_seconds"], i["owner_name"]) == ("call", "outbound", 420, "Rep A")
    assert i["participants"] == [
        {"kind": "contact", "id": str(person.id), "email": None, "name": "Jin", "role": "attendee"},
        {"kind": "user", "id": str(org.a.id), "email": None, "name": "Rep A", "role": None},
        {"kind": "email", "id": None, "email": "cfo@acme.example", "name": "CFO", "role": None},
    ]
    assert (await client.get(f"/interactions/{i['id']}", headers=auth(org.a))).json() == i
    events = (await session.execute(select(OutboxEvent).where(OutboxEvent.type == "interaction.created"))).scalars()
    assert [e.data["customer_id"] for e in events] == [str(c.id)]
    found = (await client.get("/interactions", headers=auth(org.a), params={"q": "pricing"})).json()["items"]
    assert [x["id"] for x in found] == [i["id"]]


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({}, ["body", "customer_id"]),
        ({"customer_id": "01900000-0000-7000-8000-000000000000"}, ["body", "customer_id"]),
        ({"type": "fax", "customer_id": None}, ["body", "type"]),
        ({"duration_seconds": -1}, ["body", "duration_seconds"]),
        ({"occurred_at": "2026-11-20T09:30:00"}, ["body", "occurred_at"]),
        ({"participants": [{"kind": "contact"}]}, ["body", "participants", 0]),
        (
            {"participants": [{"kind": "user", "id": "01900000-0000-7000-8000-000000000000"}]},
            ["body", "participants", 0, "id"],
        ),
        ({"direction": "sideways"}, ["body", "direction"]),
    ],
)
async def test_validation(client, session, org, body, loc):
    c = await make_customer(session, org.a)
    payload = {"type": "call", "customer_id": str(c.id), **body}
    if body == {}:
        payload.pop("customer_id")
    assert_problem(await client.post("/interactions", headers=auth(org.a), json=payload), 422, loc=loc)
    assert (await session.execute(select(func.count()).select_from(Interaction))).scalar_one() == 0


async def test_access_follows_every_linked_record(client, session, org):
    await private(client, org, "deal")
    c = await make_customer(session, org.a, name="Shared Co")  # customers: everyone reads
    r = await client.post(
        "/deals", headers=auth(org.a), json={"name": "Secret deal", "customer_id": str(c.id), "amount": "100"}
    )
    deal = r.json()
    on_customer = await log(client, org.a, customer_id=str(c.id), subject="Open note")
    on_deal = await log(client, org.a, customer_id=str(c.id), deal_id=deal["id"], subject="Deal call")
    # B sees the customer but not A's private deal: the deal's call is invisible everywhere.
    hb = auth(org.b)
    assert (await client.get(f"/interactions/{on_customer['id']}", headers=hb)).status_code == 200
    assert_problem(await client.get(f"/interactions/{on_deal['id']}", headers=hb), 404)
    listed = [x["id"] for x in (await client.get("/interactions", headers=hb)).json()["items"]]
    assert listed == [on_customer["id"]]
    assert (await client.get("/interactions", headers=hb, params={"q": "deal call"})).json()["items"] == []
    tl = (await client.get(f"/customers/{c.id}/timeline", headers=hb)).json()["items"]
    assert on_deal["id"] not in [t["id"] for t in tl] and on_customer["id"] in [t["id"] for t in tl]
    # B can't link to the deal either, nor edit A's interaction.
    r = await client.post("/interactions", headers=hb, json={"type": "note", "deal_id": deal["id"]})
    assert_problem(r, 422, loc=["body", "deal_id"])
    assert_problem(await client.patch(f"/interactions/{on_customer['id']}", headers=hb, json={"subject": "x"}), 403)
    assert_problem(await client.delete(f"/interactions/{on_customer['id']}", headers=hb), 403)
    # A's manager sees and edits both.
    hm = auth(org.m)
    assert (await client.get(f"/interactions/{on_deal['id']}", headers=hm)).status_code == 200
    r = await client.patch(f"/interactions/{on_deal['id']}", headers=hm, json={"outcome": "won"})
    assert r.status_code == 200 and r.json()["outcome"] == "won" and r.headers["etag"] == '"2"'
    assert_problem(
        await client.post("/interactions", headers=auth(org.viewer), json={"type": "note", "customer_id": str(c.id)}),
        403,
    )
    assert_problem(await client.get("/interactions"), 401)


async def test_update_delete_restore_and_history(client, session, org):
    c = await make_customer(session, org.a)
    i = await log(client, org.a, customer_id=str(c.id), subject="First")
    h = auth(org.a)
    assert_problem(
        await client.patch(f"/interactions/{i['id']}", headers={**h, "If-Match": '"9"'}, json={"subject": "x"}), 412
    )
    r = await client.patch(f"/interactions/{i['id']}", headers={**h, "If-Match": '"1"'}, json={"subject": "Second"})
    assert r.json()["subject"] == "Second"
    hist = (await client.get(f"/interactions/{i['id']}/history", headers=h)).json()["items"]
    assert ("subject", "First", "Second") in [(x["field"], x["old_value"], x["new_value"]) for x in hist]
    assert_problem(
        await client.patch(f"/interactions/{i['id']}", headers=h, json={"customer_id": None}),
        422,
        loc=["body", "customer_id"],
    )
    assert (await client.delete(f"/interactions/{i['id']}", headers=h)).status_code == 204
    assert_problem(await client.get(f"/interactions/{i['id']}", headers=h), 404)
    assert (await client.post(f"/interactions/{i['id']}/restore", headers=h)).status_code == 200


def eml(**over):
    msg = EmailMessage()
    msg["From"] = over.get("from_", "Jin Park <jin@acme.example>")
    msg["To"] = over.get("to", "Rep A <rep.a@crm.example>")
    msg["Cc"] = over.get("cc", "someone@else.example")
    msg["Subject"] = over.get("subject", "Re: 견적 문의")
    msg["Date"] = "Mon, 23 Nov 2026 10:15:00 +0900"
    msg["Message-ID"] = over.get("message_id", "<abc123@acme.example>")
    msg.set_content("Plain text version.")
    msg.add_alternative(
        over.get(
            "html",
            "<html><head><style>p{}</style><script>alert(1)</script></head>"
            "<body><p>Hello <b>Rep</b>,</p><p>Please send the quote.</p><img src='http://track.example/x.gif'></body></html>",
        ),
        subtype="html",
    )
    msg.get_body(("plain",)).set_content("")  # leave only the HTML body to read
    if over.get("attach", True):
        msg.add_attachment(b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="../../etc/견적서.pdf")
    return msg.as_bytes()


async def test_log_eml_matches_people_and_dedupes(client, session, org):
    company = await make_customer(session, org.a, name="Acme")
    jin = await make_customer(
        session, org.a, type="person", name="Jin", company_id=str(company.id), emails=[{"value": "jin@acme.example"}]
    )
    h = auth(org.a)
    files = {"file": ("message.eml", eml(), "message/rfc822")}
    r = await client.post("/interactions/emails", headers=h, files=files)
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["created"] is True
    i = out["interaction"]
    assert (i["type"], i["direction"], i["subject"], i["customer_id"]) == (
        "email",
        "inbound",
        "Re: 견적 문의",
        str(jin.id),
    )
    assert i["occurred_at"] == "2026-11-23T01:15:00Z" and i["message_id"] == "<abc123@acme.example>"
    assert "Hello" in i["body"] and "Please send the quote." in i["body"]
    assert "<" not in i["body"] and "alert" not in i["body"] and "p{}" not in i["body"]
    assert [(p["kind"], p.get("role")) for p in i["participants"]] == [
        ("contact", "from"),
        ("user", "to"),
        ("email", "cc"),
    ]
    assert i["attachments"] == [
        {"name": "견적서.pdf", "content_type": "application/pdf", "size": 13, "sha256": i["attachments"][0]["sha256"]}
    ]
    dl = await client.get(f"/interactions/{i['id']}/attachments/0", headers=h)
    assert dl.status_code == 200 and dl.content == b"%PDF-1.4 fake"
    assert (
        dl.headers["content-disposition"].startswith("attachment;")
        and dl.headers["x-content-type-options"] == "nosniff"
    )
    assert_problem(await client.get(f"/interactions/{i['id']}/attachments/3", headers=h), 404)
    # The same message again: nothing new.
    again = await client.post("/interactions/emails", headers=h, files=files)
    assert (
        again.status_code == 200 and again.json()["created"] is False and again.json()["interaction"]["id"] == i["id"]
    )
    assert (await session.execute(select(func.count()).select_from(Interaction))).scalar_one() == 1
    # The company's timeline shows its person's e-mail.
    tl = (await client.get(f"/customers/{company.id}/timeline", headers=h, params={"kind": "interaction"})).json()
    assert [t["id"] for t in tl["items"]] == [i["id"]]


async def test_log_eml_outbound_and_errors(client, session, org):
    lead_r = await client.post(
        "/leads", headers=auth(org.a), json={"last_name": "Kim", "emails": [{"value": "kim@lead.example"}]}
    )
    lead = lead_r.json()
    h = auth(org.a)
    msg = eml(from_="rep.a@crm.example", to="kim@lead.example", cc="", message_id="<out-1@crm>", attach=False)
    r = await client.post("/interactions/emails", headers=h, files={"file": ("m.eml", msg, "message/rfc822")})
    assert r.status_code == 201, r.text
    i = r.json()["interaction"]
    assert (i["direction"], i["lead_id"], i["customer_id"]) == ("outbound", lead["id"], None)
    nobody = eml(from_="x@nowhere.example", to="y@nowhere.example", cc="", message_id="<n@x>")
    assert_problem(
        await client.post("/interactions/emails", headers=h, files={"file": ("m.eml", nobody, "message/rfc822")}),
        422,
        loc=["body", "customer_id"],
    )
    assert_problem(
        await client.post("/interactions/emails", headers=h, files={"file": ("m.eml", b"", "message/rfc822")}),
        422,
        loc=["body", "file"],
    )
    assert_problem(
        await client.post(
            "/interactions/emails", headers=h, files={"file": ("m.eml", b"\x00\x01 not mail", "message/rfc822")}
        ),
        422,
        loc=["body", "file"],
    )


async def test_deal_and_lead_timelines_merge_kinds_with_keyset_pages(client, session, org):
    c = await make_customer(session, org.a, name="Timeline Co")
    h = auth(org.a)
    deal = (await client.post("/deals", headers=h, json={"name": "TL deal", "customer_id": str(c.id)})).json()
    stages = (await client.get(f"/pipelines/{deal['pipeline_id']}", headers=h)).json()["stages"]
    for n in range(3):
        await log(client, org.a, deal_id=deal["id"], subject=f"Call {n}", occurred_at=f"2026-11-0{n + 1}T10:00:00Z")
    r = await client.post(f"/deals/{deal['id']}/move", headers=h, json={"stage_id": stages[1]["id"]})
    assert r.status_code == 200, r.text
    await client.patch(f"/deals/{deal['id']}", headers=h, json={"next_step": "Send contract"})
    page1 = await client.get(f"/deals/{deal['id']}/timeline", headers=h, params={"limit": 2})
    body = page1.json()
    assert [t["kind"] for t in body["items"]] == ["field_change", "stage_change"]
    assert body["items"][0]["data"]["field"] == "next_step" and body["items"][0]["actor_name"] == "Rep A"
    assert body["items"][1]["data"]["to_stage"] == stages[1]["name"]
    assert 'rel="next"' in page1.headers["link"]
    rest = (await client.get(f"/deals/{deal['id']}/timeline", headers=h, params={"cursor": body["next_cursor"]})).json()
    assert [t["title"] for t in rest["items"] if t["kind"] == "interaction"] == ["Call 2", "Call 1", "Call 0"]
    assert rest["next_cursor"] is None
    only = (await client.get(f"/deals/{deal['id']}/timeline", headers=h, params={"kind": "interaction"})).json()
    assert len(only["items"]) == 3
    assert_problem(
        await client.get(f"/deals/{deal['id']}/timeline", headers=h, params={"kind": "gossip"}),
        422,
        loc=["query", "kind"],
    )
    assert_problem(
        await client.get(f"/deals/{deal['id']}/timeline", headers=h, params={"cursor": "!!"}),
        422,
        loc=["query", "cursor"],
    )
    # The customer's stream includes its deal's calls and stage changes.
    tl = (await client.get(f"/customers/{c.id}/timeline", headers=h)).json()["items"]
    assert {t["kind"] for t in tl} >= {"interaction", "stage_change"}


async def test_converted_leads_history_follows_the_customer(client, session, org):
    h = auth(org.a)
    lead = (await client.post("/leads", headers=h, json={"last_name": "Follow", "company_name": "Follow Co"})).json()
    call = await log(client, org.a, lead_id=lead["id"], subject="Discovery call")
    lead_tl = (await client.get(f"/leads/{lead['id']}/timeline", headers=h, params={"kind": "interaction"})).json()
    assert [t["id"] for t in lead_tl["items"]] == [call["id"]]
    out = (await client.post(f"/leads/{lead['id']}/convert", headers=h, json={})).json()
    for cid in (out["company_id"], out["contact_id"]):
        tl = (await client.get(f"/customers/{cid}/timeline", headers=h, params={"kind": "interaction"})).json()
        assert [t["id"] for t in tl["items"]] == [call["id"]]


async def test_private_timeline_is_404_for_others(client, session, org):
    await private(client, org, "customer")
    c = await make_customer(session, org.a)
    assert_problem(await client.get(f"/customers/{c.id}/timeline", headers=auth(org.b)), 404)
    assert (await client.get(f"/customers/{c.id}/timeline", headers=auth(org.m))).status_code == 200


async def test_trash_holds_interactions_and_tasks_and_purge_cleans_up(client, session, org):
    c = await make_customer(session, org.a, name="Purge Co")
    h, admin = auth(org.a), auth(org.admin)
    only_c = await log(client, org.a, customer_id=str(c.id), subject="Only on the customer")
    lead = (await client.post("/leads", headers=h, json={"last_name": "L"})).json()
    both = await log(client, org.a, customer_id=str(c.id), lead_id=lead["id"], subject="Also on the lead")
    task = (
        await client.post(
            "/tasks", headers=h, json={"title": "Call back", "record_type": "customer", "record_id": str(c.id)}
        )
    ).json()
    comment = await client.post(
        "/comments", headers=h, json={"record_type": "customer", "record_id": str(c.id), "body": "Big one"}
    )
    assert comment.status_code == 201, comment.text
    # Interactions and tasks go to the trash like every record.
    assert (await client.delete(f"/interactions/{both['id']}", headers=h)).status_code == 204
    assert (await client.delete(f"/tasks/{task['id']}", headers=h)).status_code == 204
    trash = (await client.get("/trash", headers=h)).json()["items"]
    assert {(t["record_type"], t["title"]) for t in trash} == {
        ("interaction", "Also on the lead"),
        ("task", "Call back"),
    }
    # B reads A's customers and leads (the default) but not A's task.
    b_trash = (await client.get("/trash", headers=auth(org.b))).json()["items"]
    assert [(t["record_type"], t["id"]) for t in b_trash] == [("interaction", both["id"])]
    assert (await client.post(f"/interactions/{both['id']}/restore", headers=h)).status_code == 200
    assert (await client.post(f"/tasks/{task['id']}/restore", headers=h)).status_code == 200
    # Purging the customer: its only-linked interaction and its comments go, the rest lose the link.
    assert (await client.delete(f"/customers/{c.id}", headers=h)).status_code == 204
    r = await client.delete(f"/trash/customer/{c.id}", headers=admin)
    assert r.status_code == 204, r.text
    assert_problem(await client.get(f"/interactions/{only_c['id']}", headers=admin), 404)
    kept = (await client.get(f"/interactions/{both['id']}", headers=admin)).json()
    assert (kept["customer_id"], kept["lead_id"]) == (None, lead["id"])
    t = (await client.get(f"/tasks/{task['id']}", headers=h)).json()
    assert (t["record_type"], t["record_id"]) == (None, None)
    assert_problem(await client.get(f"/comments/{comment.json()['id']}", headers=admin), 404)
