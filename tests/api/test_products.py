"""Products: catalogue CRUD, prices per currency, unique live SKUs, admin/manager writes."""

from __future__ import annotations

import pytest

from tests.api.factories import assert_problem, auth, make_user


async def _product(client, h, **body):
    body.setdefault("name", "Consulting day")
    r = await client.post("/products", headers=h, json=body)
    assert r.status_code == 201, r.text
    return r.json()


async def test_create_read_update_delete_restore(client, session):
    manager = await make_user(session, "manager")
    h = auth(manager)
    r = await client.post(
        "/products",
        headers=h,
        json={
            "name": "Analytics Pro",
            "sku": "AN-PRO",
            "category": "software",
            "description": "Yearly licence",
            "prices": [{"currency": "KRW", "unit_price": "150000"}, {"currency": "usd", "unit_price": "99.5"}],
        },
    )
    assert r.status_code == 201, r.text
    p = r.json()
    assert r.headers["location"] == f"/api/v1/products/{p['id']}"
    assert r.headers["etag"] == '"1"'
    assert p["prices"] == [
        {"currency": "KRW", "unit_price": "150000.00"},
        {"currency": "USD", "unit_price": "99.50"},
    ]
    assert p["active"] is True and p["version"] == 1 and p["deleted_at"] is None

    rep = await make_user(session, "sales")
    r = await client.get(f"/products/{p['id']}", headers=auth(rep))
    assert r.status_code == 200 and r.json() == p

    r = await client.patch(
        f"/products/{p['id']}", headers={**h, "If-Match": '"1"'}, json={"active": False, "category": "saas"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["active"] is False and r.json()["category"] == "saas" and r.json()["version"] == 2
    r = await client.patch(f"/products/{p['id']}", headers={**h, "If-Match": '"1"'}, json={"name": "Stale"})
    assert_problem(r, 412)

    r = await client.delete(f"/products/{p['id']}", headers=h)
    assert r.status_code == 204
    assert_problem(await client.get(f"/products/{p['id']}", headers=h), 404)
    r = await client.post(f"/products/{p['id']}/restore", headers=h)
    assert r.status_code == 200 and r.json()["deleted_at"] is None
    assert_problem(await client.post(f"/products/{p['id']}/restore", headers=h), 409)


async def test_writes_need_admin_or_manager(client, session):
    admin = await make_user(session, "admin")
    p = await _product(client, auth(admin), sku="X-1")
    for role in ("sales", "viewer", "support"):
        h = auth(await make_user(session, role))
        assert_problem(await client.post("/products", headers=h, json={"name": "Nope"}), 403)
        assert_problem(await client.patch(f"/products/{p['id']}", headers=h, json={"name": "Nope"}), 403)
        assert_problem(await client.delete(f"/products/{p['id']}", headers=h), 403)
        assert (await client.get("/products", headers=h)).status_code == 200
    assert_problem(await client.get("/products"), 401)


async def test_sku_unique_among_live_products(client, session):
    h = auth(await make_user(session, "admin"))
    first = await _product(client, h, sku="SKU-1")
    assert_problem(await client.post("/products", headers=h, json={"name": "Dup", "sku": "SKU-1"}), 409)
    other = await _product(client, h, sku="SKU-2")
    assert_problem(await client.patch(f"/products/{other['id']}", headers=h, json={"sku": "SKU-1"}), 409)
    # A trashed product frees its SKU; restoring it while the SKU is taken again is a conflict.
    assert (await client.delete(f"/products/{first['id']}", headers=h)).status_code == 204
    await _product(client, h, name="Replacement", sku="SKU-1")
    assert_problem(await client.post(f"/products/{first['id']}/restore", headers=h), 409)


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({}, ["body", "name"]),
        ({"name": "A", "prices": [{"currency": "KR", "unit_price": "1"}]}, ["body", "prices", 0, "currency"]),
        ({"name": "A", "prices": [{"currency": "KRW", "unit_price": "-1"}]}, ["body", "prices", 0, "unit_price"]),
        ({"name": "A", "prices": [{"currency": "KRW", "unit_price": 1.5}]}, ["body", "prices", 0, "unit_price"]),
        ({"name": "A", "prices": [{"currency": "KRW", "unit_price": 15}]}, ["body", "prices", 0, "unit_price"]),
        ({"name": "A", "prices": [{"currency": "KRW", "unit_price": "abc"}]}, ["body", "prices", 0, "unit_price"]),
        (
            {"name": "A", "prices": [{"currency": "KRW", "unit_price": "1"}, {"currency": "KRW", "unit_price": "2"}]},
            ["body", "prices"],
        ),
        ({"name": "A", "colour": "red"}, ["body", "colour"]),
        ({"name": "A", "active": "yes"}, ["body", "active"]),
    ],
)
async def test_validation(client, session, body, loc):
    h = auth(await make_user(session, "admin"))
    assert_problem(await client.post("/products", headers=h, json=body), 422, loc=loc)


async def test_list_filters_search_and_sort(client, session):
    h = auth(await make_user(session, "manager"))
    await _product(client, h, name="Widget Basic", sku="W-100", category="hardware")
    await _product(client, h, name="Widget Pro", sku="W-200", category="hardware")
    await _product(client, h, name="Support plan", sku="S-1", category="service")
    hidden = await _product(client, h, name="Legacy widget", sku="L-1", category="hardware", active=False)

    async def names(query):
        r = await client.get(f"/products?{query}", headers=h)
        assert r.status_code == 200, r.text
        return [p["name"] for p in r.json()["items"]]

    assert await names("") == ["Legacy widget", "Support plan", "Widget Basic", "Widget Pro"]
    assert await names("category=hardware&active=true") == ["Widget Basic", "Widget Pro"]
    assert await names("active=false") == [hidden["name"]]
    assert await names("sku=S-1") == ["Support plan"]
    assert await names("name[contains]=pro") == ["Widget Pro"]
    assert await names("q=w-200") == ["Widget Pro"]
    assert set(await names("q=widget")) == {"Widget Basic", "Widget Pro", "Legacy widget"}
    assert await names("sort=-sku&limit=2") == ["Widget Pro", "Widget Basic"]
    r = await client.get("/products?limit=2&include_total=true", headers=h)
    assert r.json()["total"] == 4 and r.json()["next_cursor"] and 'rel="next"' in r.headers["link"]
    assert_problem(await client.get("/products?colour=red", headers=h), 422)
    assert_problem(await client.get("/products?sort=description", headers=h), 422)
