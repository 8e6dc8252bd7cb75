"""Deals, pipelines, stage moves, board, lost reasons, exchange rates and the lost-reasons report."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.api.factories import assert_problem, auth, make_customer, make_user


async def _pipeline(client, h):
    r = await client.get("/pipelines", headers=h)
    assert r.status_code == 200, r.text
    p = r.json()["items"][0]
    return p, {s["name"]: s for s in p["stages"]}


async def _reason(client, admin, name="Price"):
    r = await client.post("/lost-reasons", headers=auth(admin), json={"name": name})
    assert r.status_code == 201, r.text
    return r.json()


async def _deal(client, h, customer, **body):
    r = await client.post("/deals", headers=h, json={"name": "Big deal", "customer_id": str(customer.id), **body})
    assert r.status_code == 201, r.text
    return r.json()


async def test_default_pipeline_and_deal_lifecycle(client, session):
    admin = await make_user(session, "admin")
    rep = await make_user(session, "sales", name="Rep")
    acme = await make_customer(session, rep, name="Acme")
    h = auth(rep)
    p, stages = await _pipeline(client, h)
    assert p["is_default"] and p["name"] == "Sales"
    assert [s["kind"] for s in p["stages"]] == ["open", "open", "open", "open", "won", "lost"]

    d = await _deal(client, h, acme, amount="12500.50", expected_close_date="2027-01-31")
    assert d["stage_id"] == stages["Qualification"]["id"] and d["status"] == "open"
    assert d["amount"] == "12500.50" and d["currency"] == "KRW"
    assert d["probability"] == 10 and d["weighted_amount"] == "1250.05"
    assert d["customer_name"] == "Acme" and d["owner_name"] == "Rep"
    assert d["rotting"] is False and d["days_in_stage"] == 0

    r = await client.post(
        f"/deals/{d['id']}/move", headers={**h, "If-Match": '"1"'}, json={"stage_id": stages["Proposal"]["id"]}
    )
    assert r.status_code == 200, r.text
    assert r.json()["stage_name"] == "Proposal" and r.json()["probability"] == 50

    r = await client.post(f"/deals/{d['id']}/move", headers=h, json={"stage_id": stages["Lost"]["id"]})
    assert_problem(r, 422, loc=["body", "lost_reason_id"])
    reason = await _reason(client, admin)
    r = await client.post(
        f"/deals/{d['id']}/move",
        headers=h,
        json={"stage_id": stages["Lost"]["id"], "lost_reason_id": reason["id"], "lost_reason_note": "Too expensive"},
    )
    lost = r.json()
    assert lost["status"] == "lost" and lost["lost_reason_id"] == reason["id"]
    assert lost["lost_at"] and lost["closed_at"] == lost["lost_at"] and lost["won_at"] is None

    # reopening clears the close fields
    r = await client.patch(f"/deals/{d['id']}", headers=h, json={"stage_id": stages["Negotiation"]["id"]})
    reopened = r.json()
    assert reopened["status"] == "open"
    assert reopened["lost_at"] is None and reopened["closed_at"] is None and reopened["lost_reason_id"] is None

    r = await client.patch(f"/deals/{d['id']}", headers=h, json={"stage_id": stages["Won"]["id"]})
    assert r.json()["status"] == "won" and r.json()["won_at"] and r.json()["probability"] == 100

    hist = (await client.get(f"/deals/{d['id']}/stage-history", headers=h)).json()["items"]
    assert [(e["from_stage_name"], e["to_stage_name"]) for e in hist] == [
        (None, "Qualification"),
        ("Qualification", "Proposal"),
        ("Proposal", "Lost"),
        ("Lost", "Negotiation"),
        ("Negotiation", "Won"),
    ]
    assert hist[-1]["current"] and not hist[0]["current"]
    assert all(e["changed_by_name"] == "Rep" and e["seconds_in_stage"] >= 0 for e in hist)

    from sqlalchemy import select

    from crm.core.models import OutboxEvent

    types = [
        e.type
        for e in (
            await session.execute(select(OutboxEvent).where(OutboxEvent.record_type == "deal").order_by(OutboxEvent.id))
        ).scalars()
    ]
    assert types.count("deal.stage_changed") == 4
    assert "deal.lost" in types and "deal.won" in types and types[0] == "deal.created"

    changes = (await client.get(f"/deals/{d['id']}/history", headers=h)).json()["items"]
    assert any(c["field"] == "stage_id" for c in changes)


async def test_probability_override_and_amount_rules(client, session):
    rep = await make_user(session, "sales")
    c = await make_customer(session, rep)
    h = auth(rep)
    d = await _deal(client, h, c, amount="1000", probability_override=33)
    assert d["probability"] == 33 and d["weighted_amount"] == "330.00" and d["amount"] == "1000.00"
    r = await client.patch(f"/deals/{d['id']}", headers=h, json={"probability_override": None})
    assert r.json()["probability"] == 10
    for bad, loc in [
        ({"amount": 12.5}, ["body", "amount"]),
        ({"amount": "-1"}, ["body", "amount"]),
        ({"amount": "abc"}, ["body", "amount"]),
        ({"currency": "XXX"}, ["body", "currency"]),
        ({"probability_override": 101}, ["body", "probability_override"]),
        ({"customer_id": None}, ["body", "customer_id"]),
    ]:
        r = await client.patch(f"/deals/{d['id']}", headers=h, json=bad)
        assert_problem(r, 422, loc=loc)
    r = await client.post("/deals", headers=h, json={"name": "x"})
    assert_problem(r, 422, loc=["body", "customer_id"])


async def test_links_must_be_visible_and_valid(client, session):
    admin = await make_user(session, "admin")
    a = await make_user(session, "sales")
    b = await make_user(session, "sales")
    await client.put("/access-policies/customer", headers=auth(admin), json={"level": "private"})
    theirs = await make_customer(session, b, name="Hidden")
    company = await make_customer(session, a, name="Mine")
    r = await client.post("/deals", headers=auth(a), json={"name": "x", "customer_id": str(theirs.id)})
    assert_problem(r, 422, loc=["body", "customer_id"])
    r = await client.post(
        "/deals", headers=auth(a), json={"name": "x", "customer_id": str(company.id), "contact_ids": [str(company.id)]}
    )
    assert_problem(r, 422, loc=["body", "contact_ids", 0])
    r = await client.post(
        "/deals",
        headers=auth(a),
        json={"name": "x", "customer_id": str(company.id), "stage_id": "01890000-0000-7000-8000-000000000000"},
    )
    assert_problem(r, 422, loc=["body", "stage_id"])


async def test_private_deals_rep_manager_admin(client, session):
    admin = await make_user(session, "admin")
    mgr = await make_user(session, "manager")
    a = await make_user(session, "sales", manager=mgr)
    b = await make_user(session, "sales")
    c = await make_customer(session, a)
    d = await _deal(client, auth(a), c)
    _, stages = await _pipeline(client, auth(a))
    for method, path, body in [
        ("GET", f"/deals/{d['id']}", None),
        ("PATCH", f"/deals/{d['id']}", {"name": "x"}),
        ("POST", f"/deals/{d['id']}/move", {"stage_id": stages["Proposal"]["id"]}),
        ("DELETE", f"/deals/{d['id']}", None),
        ("GET", f"/deals/{d['id']}/stage-history", None),
        ("GET", f"/deals/{d['id']}/history", None),
    ]:
        r = await client.request(method, path, headers=auth(b), json=body)
        assert_problem(r, 404)
    assert (await client.get("/deals", headers=auth(b))).json()["items"] == []
    board = (await client.get("/deals/board", headers=auth(b))).json()
    assert sum(col["count"] for col in board["columns"]) == 0
    # the rep's manager sees and moves it; admin too
    r = await client.post(f"/deals/{d['id']}/move", headers=auth(mgr), json={"stage_id": stages["Proposal"]["id"]})
    assert r.status_code == 200
    assert (await client.get(f"/deals/{d['id']}", headers=auth(admin))).status_code == 200
    viewer = await make_user(session, "viewer")
    await client.put("/access-policies/deal", headers=auth(admin), json={"level": "read_write"})
    r = await client.patch(f"/deals/{d['id']}", headers=auth(viewer), json={"name": "nope"})
    assert_problem(r, 403)


async def test_board_columns_ranks_and_totals(client, session):
    admin = await make_user(session, "admin")
    rep = await make_user(session, "sales")
    c = await make_customer(session, rep)
    h = auth(rep)
    await client.post(
        "/exchange-rates", headers=auth(admin), json={"currency": "USD", "rate": "1400", "valid_from": "2020-01-01"}
    )
    d1 = await _deal(client, h, c, name="one", amount="1000")
    d2 = await _deal(client, h, c, name="two", amount="10", currency="USD")
    d3 = await _deal(client, h, c, name="three", amount="500")
    _, stages = await _pipeline(client, h)
    q = stages["Qualification"]["id"]
    # move "three" to the top of its column
    r = await client.post(f"/deals/{d3['id']}/move", headers=h, json={"stage_id": q, "position": 0})
    assert r.status_code == 200
    board = (await client.get("/deals/board", headers=h)).json()
    col = board["columns"][0]
    assert board["base_currency"] == "KRW"
    assert [x["name"] for x in col["deals"]] == ["three", "one", "two"]
    assert col["count"] == 3
    assert col["total"] == "15500.00"  # 1000 + 10 USD * 1400 + 500
    assert col["weighted_total"] == "1550.00"  # 10 %
    # and into the middle
    r = await client.post(f"/deals/{d1['id']}/move", headers=h, json={"stage_id": q, "position": 2})
    board = (await client.get("/deals/board", headers=h)).json()
    assert [x["name"] for x in board["columns"][0]["deals"]] == ["three", "two", "one"]
    # unknown currency rate is reported, not silently counted as zero
    await _deal(client, h, c, name="euro", amount="5", currency="EUR")
    board = (await client.get("/deals/board", headers=h)).json()
    assert board["unconverted_currencies"] == ["EUR"]
    assert d2["currency"] == "USD"


async def test_worn_ranks_are_spaced_out_again(client, session):
    """Dropping a card between two whose ranks have nothing left between them renumbers the
    column once (one statement), keeping its order, without recording changes to the others."""
    import uuid

    from sqlalchemy import select, update

    from crm.deals.models import Deal

    rep = await make_user(session, "sales")
    c = await make_customer(session, rep)
    h = auth(rep)
    deals = [await _deal(client, h, c, name=n, amount="100") for n in ["a", "b", "c", "d"]]
    ranks = {"a": 5.0, "b": 5.0 + 1e-12, "c": 9.0, "d": 20.0}
    for d in deals:
        await session.execute(update(Deal).where(Deal.id == uuid.UUID(d["id"])).values(board_rank=ranks[d["name"]]))
    await session.commit()
    _, stages = await _pipeline(client, h)
    r = await client.post(
        f"/deals/{deals[3]['id']}/move", headers=h, json={"stage_id": stages["Qualification"]["id"], "position": 1}
    )
    assert r.status_code == 200, r.text
    col = (await client.get("/deals/board", headers=h)).json()["columns"][0]
    assert [x["name"] for x in col["deals"]] == ["a", "d", "b", "c"]
    session.expire_all()
    stored = dict((await session.execute(select(Deal.name, Deal.board_rank))).all())
    assert stored == {"a": 1.0, "d": 1.5, "b": 2.0, "c": 3.0}
    history = (await client.get(f"/deals/{deals[0]['id']}/history", headers=h)).json()["items"]
    assert all(e["field"] != "board_rank" for e in history)


async def test_board_column_pages_through_the_deals_list(client, session):
    """A column shows its first `per_stage` cards; `next_cursor` continues it in board order."""
    rep = await make_user(session, "sales")
    other = await make_user(session, "sales")
    c = await make_customer(session, rep)
    h = auth(rep)
    names = [f"d{i}" for i in range(7)]
    for n in names:
        await _deal(client, h, c, name=n, amount="100")
    pipeline, stages = await _pipeline(client, h)
    q = stages["Qualification"]["id"]
    r = await client.get("/deals/board", headers=h, params={"per_stage": 3})
    assert r.status_code == 200, r.text
    col = r.json()["columns"][0]
    assert col["count"] == 7 and col["more"] is True
    seen = [d["name"] for d in col["deals"]]
    assert len(seen) == 3
    cursor = col["next_cursor"]
    while cursor:
        page = await client.get(
            "/deals",
            headers=h,
            params={"pipeline_id": pipeline["id"], "stage_id": q, "sort": "board_rank", "limit": 3, "cursor": cursor},
        )
        assert page.status_code == 200, page.text
        seen += [d["name"] for d in page.json()["items"]]
        cursor = page.json()["next_cursor"]
    full = (await client.get("/deals/board", headers=h, params={"per_stage": 50})).json()["columns"][0]
    assert full["more"] is False and full["next_cursor"] is None
    assert seen == [d["name"] for d in full["deals"]] and sorted(seen) == names
    # Another rep's column counts nothing of ours; bad sizes are a 422.
    assert (await client.get("/deals/board", headers=auth(other))).json()["columns"][0]["count"] == 0
    for bad in (0, 201, "x"):
        assert_problem(await client.get("/deals/board", headers=h, params={"per_stage": bad}), 422)
    # The rank is a float filter as well as a sort key.
    r = await client.get("/deals", headers=h, params={"board_rank[gt]": "2.5", "sort": "board_rank"})
    assert [d["name"] for d in r.json()["items"]] == seen[2:]
    assert_problem(await client.get("/deals", headers=h, params={"board_rank[gt]": "nan"}), 422)


async def test_list_filters_and_sort(client, session):
    rep = await make_user(session, "sales")
    c = await make_customer(session, rep, name="Globex")
    h = auth(rep)
    _, stages = await _pipeline(client, h)
    await _deal(client, h, c, name="small", amount="100", expected_close_date="2027-03-01")
    await _deal(client, h, c, name="large", amount="9000", expected_close_date="2027-01-01")
    await _deal(client, h, c, name="won", amount="500", stage_id=stages["Won"]["id"])

    async def names(**params):
        r = await client.get("/deals", headers=h, params=params)
        assert r.status_code == 200, r.text
        return [d["name"] for d in r.json()["items"]]

    assert await names(sort="-amount") == ["large", "won", "small"]
    assert await names(status="open", sort="expected_close_date") == ["large", "small"]
    assert await names(**{"amount[gte]": "500", "sort": "amount"}) == ["won", "large"]
    assert await names(stage_id=stages["Won"]["id"]) == ["won"]
    assert await names(q="globex", sort="name") == ["large", "small", "won"]
    assert await names(q="larg") == ["large"]
    r = await client.get("/deals", headers=h, params={"sort": "colour"})
    assert_problem(r, 422, loc=["query", "sort"])


async def test_stages_admin_reorder_archive(client, session):
    admin = await make_user(session, "admin")
    rep = await make_user(session, "sales")
    h = auth(admin)
    p, stages = await _pipeline(client, h)
    r = await client.post(f"/pipelines/{p['id']}/stages", headers=auth(rep), json={"name": "X", "probability": 5})
    assert_problem(r, 403)
    r = await client.post(
        f"/pipelines/{p['id']}/stages", headers=h, json={"name": "Demo", "probability": 60, "rotting_days": 5}
    )
    assert r.status_code == 201
    p2 = (await client.get(f"/pipelines/{p['id']}", headers=h)).json()
    names = [s["name"] for s in p2["stages"]]
    assert names == ["Qualification", "Needs analysis", "Proposal", "Negotiation", "Demo", "Won", "Lost"]
    order = [s["id"] for s in reversed(p2["stages"])]
    r = await client.put(f"/pipelines/{p['id']}/stage-order", headers=h, json={"stage_ids": order})
    assert [s["name"] for s in r.json()["stages"]][0] == "Lost"
    r = await client.put(f"/pipelines/{p['id']}/stage-order", headers=h, json={"stage_ids": order[:2]})
    assert_problem(r, 422, loc=["body", "stage_ids"])

    c = await make_customer(session, admin)
    d = await _deal(client, h, c, stage_id=stages["Proposal"]["id"])
    r = await client.post(f"/pipelines/{p['id']}/stages/{stages['Proposal']['id']}/archive", headers=h)
    assert_problem(r, 409)
    await client.post(f"/deals/{d['id']}/move", headers=h, json={"stage_id": stages["Negotiation"]["id"]})
    r = await client.post(f"/pipelines/{p['id']}/stages/{stages['Proposal']['id']}/archive", headers=h)
    assert r.status_code == 200 and r.json()["archived_at"]
    p3 = (await client.get(f"/pipelines/{p['id']}", headers=h)).json()
    assert "Proposal" not in [s["name"] for s in p3["stages"] if s["archived_at"] is None]
    r = await client.post(f"/deals/{d['id']}/move", headers=h, json={"stage_id": stages["Proposal"]["id"]})
    assert_problem(r, 422, loc=["body", "stage_id"])


async def test_new_pipeline_default_switch(client, session):
    admin = await make_user(session, "admin")
    h = auth(admin)
    await _pipeline(client, h)
    r = await client.post(
        "/pipelines",
        headers=h,
        json={
            "name": "Renewals",
            "currency": "usd",
            "is_default": True,
            "stages": [{"name": "Due", "probability": 50}, {"name": "Renewed", "probability": 100, "kind": "won"}],
        },
    )
    assert r.status_code == 201 and r.json()["currency"] == "USD"
    items = (await client.get("/pipelines", headers=h)).json()["items"]
    assert [(p["name"], p["is_default"]) for p in items] == [("Sales", False), ("Renewals", True)]
    r = await client.post(
        "/pipelines", headers=h, json={"name": "Bad", "stages": [{"name": "W", "probability": 100, "kind": "won"}]}
    )
    assert_problem(r, 422, loc=["body", "stages"])


async def test_lost_reasons_report_converts_and_filters(client, session):
    admin = await make_user(session, "admin")
    rep = await make_user(session, "sales")
    c = await make_customer(session, rep)
    h = auth(rep)
    price = await _reason(client, admin, "Price")
    rival = await _reason(client, admin, "Competitor")
    await client.post(
        "/exchange-rates", headers=auth(admin), json={"currency": "USD", "rate": "1300.5", "valid_from": "2020-01-01"}
    )
    _, stages = await _pipeline(client, h)
    lost = stages["Lost"]["id"]
    for amount, currency, reason in [("1000", "KRW", price), ("2", "USD", price), ("50", "KRW", rival)]:
        await _deal(client, h, c, amount=amount, currency=currency, stage_id=lost, lost_reason_id=reason["id"])
    await _deal(client, h, c, amount="999")  # open: not counted
    r = await client.get("/reports/lost-reasons", headers=h)
    body = r.json()
    assert body["base_currency"] == "KRW" and body["total_count"] == 3
    assert [(i["name"], i["count"], i["amount"]) for i in body["items"]] == [
        ("Price", 2, "3601.00"),
        ("Competitor", 1, "50.00"),
    ]
    assert body["total_amount"] == "3651.00"
    r = await client.get("/reports/lost-reasons", headers=h, params={"from": "2000-01-01", "to": "2000-12-31"})
    assert r.json()["total_count"] == 0
    r = await client.get("/reports/lost-reasons", headers=h, params={"from": "2027-01-02", "to": "2027-01-01"})
    assert_problem(r, 422)
    # another rep sees none of these (private deals)
    other = await make_user(session, "sales")
    assert (await client.get("/reports/lost-reasons", headers=auth(other))).json()["total_count"] == 0


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"currency": "KRW", "rate": "1", "valid_from": "2026-01-01"}, ["body", "currency"]),
        ({"currency": "USD", "rate": "0", "valid_from": "2026-01-01"}, ["body", "rate"]),
        ({"currency": "USD", "rate": 1.5, "valid_from": "2026-01-01"}, ["body", "rate"]),
        ({"currency": "US", "rate": "1", "valid_from": "2026-01-01"}, ["body", "currency"]),
    ],
)
async def test_exchange_rate_validation(client, session, body, loc):
    admin = await make_user(session, "admin")
    assert_problem(await client.post("/exchange-rates", headers=auth(admin), json=body), 422, loc=loc)


async def test_exchange_rates_admin_only_and_unique(client, session):
    admin = await make_user(session, "admin")
    rep = await make_user(session, "sales")
    body = {"currency": "JPY", "rate": "9.1234", "valid_from": "2026-01-01"}
    assert_problem(await client.post("/exchange-rates", headers=auth(rep), json=body), 403)
    r = await client.post("/exchange-rates", headers=auth(admin), json=body)
    assert r.status_code == 201 and r.json()["rate"] == "9.1234"
    assert_problem(await client.post("/exchange-rates", headers=auth(admin), json=body), 409)
    listed = (await client.get("/exchange-rates", headers=auth(rep))).json()
    assert listed["base_currency"] == "KRW" and [i["currency"] for i in listed["items"]] == ["JPY"]
    assert Decimal(listed["items"][0]["rate"]) == Decimal("9.1234")


async def test_deal_trash_and_restore(client, session):
    rep = await make_user(session, "sales")
    c = await make_customer(session, rep)
    h = auth(rep)
    d = await _deal(client, h, c, name="Trashable")
    assert (await client.delete(f"/deals/{d['id']}", headers=h)).status_code == 204
    trash = (await client.get("/trash", headers=h)).json()["items"]
    assert [(t["record_type"], t["title"]) for t in trash] == [("deal", "Trashable")]
    r = await client.post(f"/deals/{d['id']}/restore", headers=h)
    assert r.status_code == 200 and r.json()["deleted_at"] is None


async def test_report_dates_and_amounts_are_strict(client, session):
    rep = await make_user(session, "sales")
    c = await make_customer(session, rep)
    h = auth(rep)
    for bad in ("0", "2026-13-01", "2026-01-01T00:00:00Z"):
        r = await client.get("/reports/lost-reasons", headers=h, params={"to": bad})
        assert_problem(r, 422)
    r = await client.post("/deals", headers=h, json={"name": "n", "customer_id": str(c.id), "amount": 100})
    assert_problem(r, 422, loc=["body", "amount"])


async def test_archived_stages_leave_the_pipeline(client, session):
    admin = await make_user(session, "admin")
    h = auth(admin)
    p, stages = await _pipeline(client, h)
    r = await client.post(f"/pipelines/{p['id']}/stages/{stages['Needs analysis']['id']}/archive", headers=h)
    assert r.status_code == 200
    listed = (await client.get("/pipelines", headers=h)).json()["items"][0]
    assert [s["name"] for s in listed["stages"]] == ["Qualification", "Proposal", "Negotiation", "Won", "Lost"]
    assert [s["position"] for s in listed["stages"]] == [0, 1, 2, 3, 4]
