"""Deal lines (money math, deal amount), quotes (numbering, versions, approval, sending), the
customer's public link (accept / decline, expiry, revocation) and the PDF."""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from tests.api.factories import assert_problem, auth, make_customer, make_user

YEAR = datetime.now(UTC).year


async def _deal(client, h, customer, **body):
    r = await client.post("/deals", headers=h, json={"name": "Big deal", "customer_id": str(customer.id), **body})
    assert r.status_code == 201, r.text
    return r.json()


async def _line(client, h, deal, **body):
    r = await client.post(f"/deals/{deal['id']}/lines", headers=h, json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def _setup(client, session, role="sales", manager=None):
    rep = await make_user(session, role, manager=manager, name="Rep")
    customer = await make_customer(session, rep, name="Acme")
    h = auth(rep)
    deal = await _deal(client, h, customer)
    return rep, h, deal


async def _quote(client, h, deal, **body):
    r = await client.post(f"/deals/{deal['id']}/quotes", headers=h, json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def test_line_math_and_deal_amount(client, session):
    admin = await make_user(session, "admin")
    r = await client.post(
        "/products",
        headers=auth(admin),
        json={"name": "Licence", "sku": "LIC", "prices": [{"currency": "KRW", "unit_price": "1000"}]},
    )
    product = r.json()
    rep, h, deal = await _setup(client, session)

    a = await _line(client, h, deal, product_id=product["id"], quantity="3", discount_percent="10", tax_percent="10")
    assert a["description"] == "Licence" and a["unit_price"] == "1000.00" and a["quantity"] == "3"
    assert (a["net_amount"], a["tax_amount"], a["total_amount"]) == ("2700.00", "270.00", "2970.00")
    assert a["position"] == 0 and a["discount_percent"] == "10.00"
    # Half-up rounding: 1.5 × 33.33 × 0.975 = 48.745125 → 48.75; tax 7.5 % of that = 3.65625 → 3.66.
    b = await _line(
        client,
        h,
        deal,
        description="Setup",
        quantity="1.5",
        unit_price="33.33",
        discount_percent="2.5",
        tax_percent="7.5",
    )
    assert (b["net_amount"], b["tax_amount"], b["total_amount"]) == ("48.75", "3.66", "52.41")
    c = await _line(client, h, deal, description="Rush fee", unit_price="0.05", discount_percent="50", position=0)
    assert c["net_amount"] == "0.03" and c["position"] == 0  # 0.025 rounds half up

    r = await client.get(f"/deals/{deal['id']}/lines", headers=h)
    body = r.json()
    assert [li["description"] for li in body["items"]] == ["Rush fee", "Licence", "Setup"]
    assert [li["position"] for li in body["items"]] == [0, 1, 2]
    assert (body["net_total"], body["tax_total"], body["total"], body["currency"]) == (
        "2748.78",
        "273.66",
        "3022.44",
        "KRW",
    )
    got = (await client.get(f"/deals/{deal['id']}", headers=h)).json()
    assert got["amount"] == "2748.78"

    # Inserting "Rush fee" at 0 moved the licence line to 1: that was a change (version 2).
    assert body["items"][1]["version"] == 2
    r = await client.patch(
        f"/deals/{deal['id']}/lines/{a['id']}", headers={**h, "If-Match": '"2"'}, json={"quantity": "4", "position": 2}
    )
    assert r.status_code == 200, r.text
    assert r.json()["net_amount"] == "3600.00" and r.json()["position"] == 2 and r.json()["version"] == 3
    r = await client.patch(f"/deals/{deal['id']}/lines/{a['id']}", headers={**h, "If-Match": '"2"'}, json={})
    assert_problem(r, 412)
    assert (await client.get(f"/deals/{deal['id']}", headers=h)).json()["amount"] == "3648.78"

    assert (await client.delete(f"/deals/{deal['id']}/lines/{b['id']}", headers=h)).status_code == 204
    assert (await client.get(f"/deals/{deal['id']}", headers=h)).json()["amount"] == "3600.03"
    assert_problem(await client.delete(f"/deals/{deal['id']}/lines/{b['id']}", headers=h), 404)
    items = (await client.get(f"/deals/{deal['id']}/lines", headers=h)).json()["items"]
    assert [(li["description"], li["position"]) for li in items] == [("Rush fee", 0), ("Licence", 1)]

    from crm.core.models import FieldChange

    rows = (
        await session.execute(
            select(FieldChange).where(FieldChange.record_type == "deal", FieldChange.field == "amount")
        )
    ).scalars()
    assert ("3648.78", "3600.03") in [(f.old_value, f.new_value) for f in rows]


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"unit_price": "10"}, ["body", "description"]),
        ({"description": "X"}, ["body", "unit_price"]),
        ({"description": "X", "unit_price": "10", "quantity": "0"}, ["body", "quantity"]),
        ({"description": "X", "unit_price": "10", "quantity": 1.5}, ["body", "quantity"]),
        ({"description": "X", "unit_price": "10", "discount_percent": "100.5"}, ["body", "discount_percent"]),
        ({"description": "X", "unit_price": "10", "tax_percent": "-1"}, ["body", "tax_percent"]),
        ({"description": "X", "unit_price": "-10"}, ["body", "unit_price"]),
        ({"description": "X", "unit_price": 10}, ["body", "unit_price"]),
        ({"description": "X", "unit_price": "10", "colour": "red"}, ["body", "colour"]),
        ({"product_id": "0190f000-0000-7000-8000-000000000000"}, ["body", "product_id"]),
    ],
)
async def test_line_validation(client, session, body, loc):
    _rep, h, deal = await _setup(client, session)
    assert_problem(await client.post(f"/deals/{deal['id']}/lines", headers=h, json=body), 422, loc=loc)


async def test_product_without_price_in_deal_currency(client, session):
    admin = await make_user(session, "admin")
    r = await client.post(
        "/products", headers=auth(admin), json={"name": "US only", "prices": [{"currency": "USD", "unit_price": "5"}]}
    )
    _rep, h, deal = await _setup(client, session)
    r = await client.post(f"/deals/{deal['id']}/lines", headers=h, json={"product_id": r.json()["id"]})
    assert_problem(r, 422, loc=["body", "unit_price"])


async def test_access_follows_the_deal(client, session):
    manager = await make_user(session, "manager")
    rep, h, deal = await _setup(client, session, manager=manager)
    line = await _line(client, h, deal, description="Work", unit_price="100")
    quote = await _quote(client, h, deal)
    other = auth(await make_user(session, "sales"))
    # Deals are private by default: another rep sees nothing of it.
    assert_problem(await client.get(f"/deals/{deal['id']}/lines", headers=other), 404)
    assert_problem(await client.post(f"/deals/{deal['id']}/lines", headers=other, json={"description": "x"}), 404)
    assert_problem(await client.patch(f"/deals/{deal['id']}/lines/{line['id']}", headers=other, json={}), 404)
    assert_problem(await client.get(f"/deals/{deal['id']}/quotes", headers=other), 404)
    assert_problem(await client.get(f"/quotes/{quote['id']}", headers=other), 404)
    assert_problem(await client.get(f"/quotes/{quote['id']}/pdf", headers=other), 404)
    assert_problem(await client.post(f"/quotes/{quote['id']}/approve", headers=other, json={}), 404)
    assert_problem(await client.get(f"/deals/{deal['id']}/lines"), 401)
    assert_problem(await client.get(f"/quotes/{quote['id']}"), 401)
    # The manager sees the rep's deal; a viewer outside the line sees nothing.
    assert (await client.get(f"/deals/{deal['id']}/lines", headers=auth(manager))).status_code == 200
    assert (await client.get(f"/quotes/{quote['id']}", headers=auth(manager))).status_code == 200
    viewer = await make_user(session, "viewer")
    assert_problem(
        await client.post(f"/deals/{deal['id']}/lines", headers=auth(viewer), json={"description": "x"}), 404
    )
    # A line of another deal is not found through this one.
    deal2 = await _deal(client, h, await make_customer(session, rep, name="Beta"))
    assert_problem(await client.patch(f"/deals/{deal2['id']}/lines/{line['id']}", headers=h, json={}), 404)


async def test_numbering_versions_and_frozen_lines(client, session):
    rep, h, deal = await _setup(client, session)
    assert_problem(await client.post(f"/deals/{deal['id']}/quotes", headers=h, json={}), 409)  # no lines yet
    line = await _line(client, h, deal, description="Work", quantity="2", unit_price="500", tax_percent="10")
    q1 = await _quote(client, h, deal, valid_until=(date.today() + timedelta(days=10)).isoformat(), notes="Thanks")
    assert q1["number"] == f"Q-{YEAR}-0001" and q1["revision"] == 1 and q1["is_latest"] is True
    assert q1["status"] == "draft" and q1["currency"] == "KRW" and q1["version"] == 1
    assert (q1["subtotal"], q1["discount_total"], q1["tax_total"], q1["total"]) == (
        "1000.00",
        "0.00",
        "100.00",
        "1100.00",
    )
    assert q1["lines"] == [
        {
            "product_id": None,
            "description": "Work",
            "quantity": "2",
            "unit_price": "500.00",
            "discount_percent": "0.00",
            "tax_percent": "10.00",
            "net_amount": "1000.00",
            "tax_amount": "100.00",
            "total_amount": "1100.00",
        }
    ]
    other_deal = await _deal(client, h, await make_customer(session, rep, name="Other"))
    await _line(client, h, other_deal, description="Other", unit_price="1")
    q2 = await _quote(client, h, other_deal)
    assert q2["number"] == f"Q-{YEAR}-0002"
    assert q2["valid_until"] == (date.today() + timedelta(days=30)).isoformat()

    # Changing the deal's lines doesn't touch the quote; a revision picks them up.
    await client.patch(f"/deals/{deal['id']}/lines/{line['id']}", headers=h, json={"quantity": "3"})
    assert (await client.get(f"/quotes/{q1['id']}", headers=h)).json()["total"] == "1100.00"
    r = await client.post(f"/quotes/{q1['id']}/revise", headers=h, json={})
    assert r.status_code == 201, r.text
    v2 = r.json()
    assert v2["number"] == q1["number"] and v2["revision"] == 2 and v2["total"] == "1650.00"
    assert v2["notes"] == "Thanks" and v2["status"] == "draft"
    old = (await client.get(f"/quotes/{q1['id']}", headers=h)).json()
    assert old["is_latest"] is False and old["total"] == "1100.00"
    for action in ("submit", "send", "revise"):
        assert_problem(await client.post(f"/quotes/{q1['id']}/{action}", headers=h, json={}), 409)

    r = await client.get(f"/deals/{deal['id']}/quotes", headers=h)
    assert [(q["number"], q["revision"]) for q in r.json()["items"]] == [(q1["number"], 2), (q1["number"], 1)]
    r = await client.get(f"/deals/{deal['id']}/quotes?is_latest=true", headers=h)
    assert [q["id"] for q in r.json()["items"]] == [v2["id"]]
    assert_problem(await client.get(f"/deals/{deal['id']}/quotes?colour=red", headers=h), 422)
    past = (date.today() - timedelta(days=1)).isoformat()
    r = await client.post(f"/deals/{deal['id']}/quotes", headers=h, json={"valid_until": past})
    assert_problem(r, 422, loc=["body", "valid_until"])
    assert_problem(await client.post(f"/deals/{deal['id']}/quotes", headers=h, json={"x": 1}), 422, loc=["body", "x"])


async def test_concurrent_quotes_get_distinct_sequential_numbers(client, session):
    _rep, h, deal = await _setup(client, session)
    await _line(client, h, deal, description="Work", unit_price="10")
    results = await asyncio.gather(*[client.post(f"/deals/{deal['id']}/quotes", headers=h, json={}) for _ in range(5)])
    assert [r.status_code for r in results] == [201] * 5, [r.text for r in results]
    numbers = sorted(r.json()["number"] for r in results)
    assert numbers == [f"Q-{YEAR}-{i:04d}" for i in range(1, 6)]


async def test_discount_approval_flow(client, session):
    from crm.core.models import OutboxEvent

    manager = await make_user(session, "manager", name="Boss")
    other_manager = await make_user(session, "manager")
    rep, h, deal = await _setup(client, session, manager=manager)
    await _line(client, h, deal, description="Big discount", unit_price="1000", discount_percent="25")
    q = await _quote(client, h, deal)
    assert q["max_discount_percent"] == "25.00" and q["approval"] is None
    assert_problem(await client.post(f"/quotes/{q['id']}/send", headers=h), 409)  # needs approval first
    r = await client.post(f"/quotes/{q['id']}/submit", headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "pending_approval" and r.json()["approval"]["requested_at"]
    assert_problem(await client.post(f"/quotes/{q['id']}/send", headers=h), 409)
    assert_problem(await client.post(f"/quotes/{q['id']}/submit", headers=h), 409)
    # The owner can't approve their own discount; a manager outside the line can't see the deal.
    assert_problem(await client.post(f"/quotes/{q['id']}/approve", headers=h, json={"comment": "ok"}), 403)
    assert_problem(await client.post(f"/quotes/{q['id']}/approve", headers=auth(other_manager), json={}), 404)

    r = await client.post(f"/quotes/{q['id']}/reject", headers=auth(manager), json={"comment": "Too deep"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "draft"
    assert body["approval"]["decision"] == "rejected" and body["approval"]["comment"] == "Too deep"
    assert body["approval"]["decided_by_name"] == "Boss"
    assert (await client.post(f"/quotes/{q['id']}/submit", headers=h)).json()["status"] == "pending_approval"
    r = await client.post(f"/quotes/{q['id']}/approve", headers=auth(manager), json={"comment": "Fine this once"})
    assert r.status_code == 200 and r.json()["status"] == "approved"
    assert r.json()["approval"]["decision"] == "approved"
    assert_problem(await client.post(f"/quotes/{q['id']}/approve", headers=auth(manager), json={}), 409)
    r = await client.post(f"/quotes/{q['id']}/send", headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["quote"]["status"] == "sent" and r.json()["quote"]["link_active"] is True

    types = (await session.execute(select(OutboxEvent.type).where(OutboxEvent.record_type == "quote"))).scalars()
    assert set(types) >= {
        "quote.created",
        "quote.approval_requested",
        "quote.approval_rejected",
        "quote.approved",
        "quote.sent",
    }


async def test_small_discount_is_approved_on_submit_and_admin_can_approve(client, session):
    admin = await make_user(session, "admin")
    _rep, h, deal = await _setup(client, session)
    await _line(client, h, deal, description="At threshold", unit_price="100", discount_percent="20")
    q = await _quote(client, h, deal)
    r = await client.post(f"/quotes/{q['id']}/submit", headers=h)
    assert r.json()["status"] == "approved" and r.json()["approval"] is None
    await _line(client, h, deal, description="Over", unit_price="100", discount_percent="20.01")
    v2 = (await client.post(f"/quotes/{q['id']}/revise", headers=h, json={})).json()
    assert (await client.post(f"/quotes/{v2['id']}/submit", headers=h)).json()["status"] == "pending_approval"
    r = await client.post(f"/quotes/{v2['id']}/approve", headers=auth(admin), json={})
    assert r.json()["status"] == "approved"


async def test_public_link_accept(client, session):
    from crm.core.models import OutboxEvent

    _rep, h, deal = await _setup(client, session)
    await _line(client, h, deal, description="컨설팅", quantity="2", unit_price="150000", tax_percent="10")
    q = await _quote(client, h, deal)
    r = await client.post(f"/quotes/{q['id']}/send", headers=h)  # a draft without a big discount goes out
    assert r.status_code == 200, r.text
    sent = r.json()
    url = sent["api_url"]
    assert url.startswith("/api/v1/public/quotes/") and len(url.rsplit("/", 1)[1]) >= 43
    assert sent["public_url"] == "/q/" + url.rsplit("/", 1)[1]  # the customer's page in the web app
    assert sent["quote"]["status"] == "sent" and sent["quote"]["link_expires_at"] == sent["expires_at"]
    path = url.removeprefix("/api/v1")

    r = await client.get(path)  # no login
    assert r.status_code == 200, r.text
    public = r.json()
    assert public["number"] == q["number"] and public["total"] == "330000.00" and public["status"] == "sent"
    assert "deal_id" not in public and "id" not in public
    canonical = {
        "number": q["number"],
        "version": 1,
        "currency": "KRW",
        "lines": public["lines"],
        "subtotal": "300000.00",
        "discount_total": "0.00",
        "tax_total": "30000.00",
        "total": "330000.00",
    }
    expected = hashlib.sha256(
        json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()
    assert public["content_sha256"] == expected

    assert_problem(await client.post(f"{path}/accept", json={}), 422, loc=["body", "name"])
    r = await client.post(f"{path}/accept", json={"name": "김민준"})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "accepted" and r.json()["accepted_name"] == "김민준"
    got = (await client.get(f"/quotes/{q['id']}", headers=h)).json()
    assert got["status"] == "accepted" and got["accepted_name"] == "김민준"
    assert got["accepted_ip"] == "10.1.2.3" and got["content_sha256"] == expected and got["accepted_at"]
    assert_problem(await client.post(f"{path}/accept", json={"name": "Again"}), 409)
    assert_problem(await client.post(f"{path}/decline", json={"reason": "Changed mind"}), 409)
    assert_problem(await client.post(f"/quotes/{q['id']}/revise", headers=h, json={}), 409)
    event = (await session.execute(select(OutboxEvent).where(OutboxEvent.type == "quote.accepted"))).scalar_one()
    assert event.data["content_sha256"] == expected and event.data["accepted_ip"] == "10.1.2.3"

    r = await client.get(f"/quotes/{q['id']}/pdf", headers=h)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")


async def test_public_decline_revoke_expiry_and_unknown(client, session):
    from crm.quotes.models import Quote

    _rep, h, deal = await _setup(client, session)
    await _line(client, h, deal, description="Work", unit_price="100")
    q = await _quote(client, h, deal)
    path = (await client.post(f"/quotes/{q['id']}/send", headers=h)).json()["api_url"].removeprefix("/api/v1")
    assert_problem(await client.get("/public/quotes/not-a-real-token"), 404)
    assert_problem(await client.post(f"{path}/decline", json={"reason": ""}), 422, loc=["body", "reason"])
    r = await client.post(f"{path}/decline", json={"reason": "Too expensive"})
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    got = (await client.get(f"/quotes/{q['id']}", headers=h)).json()
    assert got["status"] == "rejected" and got["declined_reason"] == "Too expensive"

    # Revise → the old link dies; send the new version; revoke → 404.
    v2 = (await client.post(f"/quotes/{q['id']}/revise", headers=h, json={})).json()
    assert_problem(await client.get(path), 404)
    path2 = (await client.post(f"/quotes/{v2['id']}/send", headers=h)).json()["api_url"].removeprefix("/api/v1")
    assert (await client.get(path2)).status_code == 200
    r = await client.post(f"/quotes/{v2['id']}/revoke-link", headers=h)
    assert r.status_code == 200 and r.json()["link_active"] is False
    assert_problem(await client.get(path2), 404)
    assert_problem(await client.post(f"{path2}/accept", json={"name": "X"}), 404)
    assert_problem(await client.post(f"/quotes/{v2['id']}/revoke-link", headers=h), 409)

    # Re-sending issues a new link; an expired link is a 404.
    path3 = (await client.post(f"/quotes/{v2['id']}/send", headers=h)).json()["api_url"].removeprefix("/api/v1")
    assert (await client.get(path3)).status_code == 200
    past = datetime.now(UTC) - timedelta(minutes=1)
    await session.execute(update(Quote).where(Quote.id == uuid.UUID(v2["id"])).values(token_expires_at=past))
    await session.commit()
    assert_problem(await client.get(path3), 404)

    # A quote past its validity date reads as expired and can't be accepted.
    path4 = (await client.post(f"/quotes/{v2['id']}/send", headers=h)).json()["api_url"].removeprefix("/api/v1")
    yesterday = date.today() - timedelta(days=1)
    await session.execute(update(Quote).where(Quote.id == uuid.UUID(v2["id"])).values(valid_until=yesterday))
    await session.commit()
    assert (await client.get(path4)).json()["status"] == "expired"
    assert (await client.get(f"/quotes/{v2['id']}", headers=h)).json()["status"] == "expired"
    assert_problem(await client.post(f"{path4}/accept", json={"name": "Late"}), 409)
    assert_problem(await client.post(f"/quotes/{v2['id']}/send", headers=h), 409)


async def test_public_links_are_rate_limited_per_ip(client, session, monkeypatch):
    from crm.settings import get_settings

    monkeypatch.setattr(get_settings(), "public_rate_limit", "3/minute")
    for _ in range(3):
        assert_problem(await client.get("/public/quotes/whatever"), 404)
    r = await client.get("/public/quotes/whatever")
    assert_problem(r, 429)
    assert int(r.headers["retry-after"]) >= 1


async def test_pdf_and_quote_404(client, session):
    _rep, h, deal = await _setup(client, session)
    await _line(client, h, deal, description="설치 작업", unit_price="5000", discount_percent="5")
    q = await _quote(client, h, deal, notes="감사합니다")
    r = await client.get(f"/quotes/{q['id']}/pdf", headers=h)
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert f"{q['number']}-v1.pdf" in r.headers["content-disposition"]
    missing = "0190f000-0000-7000-8000-000000000000"
    assert_problem(await client.get(f"/quotes/{missing}", headers=h), 404)
    assert_problem(await client.get(f"/quotes/{missing}/pdf", headers=h), 404)
    assert_problem(await client.get(f"/deals/{missing}/quotes", headers=h), 404)


async def test_trashed_deal_hides_its_quotes_and_link(client, session):
    _rep, h, deal = await _setup(client, session)
    await _line(client, h, deal, description="Work", unit_price="100")
    q = await _quote(client, h, deal)
    path = (await client.post(f"/quotes/{q['id']}/send", headers=h)).json()["api_url"].removeprefix("/api/v1")
    assert (await client.get(path)).status_code == 200
    assert (await client.delete(f"/deals/{deal['id']}", headers=h)).status_code == 204
    assert_problem(await client.get(path), 404)
    assert_problem(await client.get(f"/quotes/{q['id']}", headers=h), 404)
    assert_problem(await client.get(f"/deals/{deal['id']}/lines", headers=h), 404)
    assert (await client.post(f"/deals/{deal['id']}/restore", headers=h)).status_code == 200
    assert (await client.get(path)).status_code == 200
