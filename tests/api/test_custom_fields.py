from __future__ import annotations

import pytest

from tests.api.factories import auth, make_customer, make_user


async def _define(client, admin, **body):
    r = await client.post("/custom-fields", headers=auth(admin), json={"object_type": "customer", **body})
    assert r.status_code == 201, r.text
    return r.json()


async def test_admin_defines_fields_and_values_are_validated(client, session):
    admin = await make_user(session, "admin")
    rep = await make_user(session, "sales")
    await _define(
        client,
        admin,
        key="tier",
        label="Tier",
        type="select",
        options=["gold", "silver"],
    )
    await _define(client, admin, key="employees", label="Employees", type="number")
    await _define(client, admin, key="renewal", label="Renewal", type="date")
    await _define(
        client,
        admin,
        key="regions",
        label="Regions",
        type="multiselect",
        options=["apac", "emea"],
    )
    await _define(client, admin, key="portal", label="Portal", type="url")
    await _define(client, admin, key="billing", label="Billing email", type="email")
    await _define(client, admin, key="active", label="Active", type="boolean")
    h = auth(rep)
    r = await client.post(
        "/customers",
        headers=h,
        json={
            "type": "company",
            "name": "CF",
            "custom_fields": {
                "tier": "gold",
                "employees": 120,
                "renewal": "2027-01-31",
                "regions": ["apac", "apac", "emea"],
                "portal": "https://portal.example.com",
                "billing": "AP@Example.com",
                "active": True,
            },
        },
    )
    assert r.status_code == 201, r.text
    cf = r.json()["custom_fields"]
    assert cf == {
        "tier": "gold",
        "employees": "120",
        "renewal": "2027-01-31",
        "regions": ["apac", "emea"],
        "portal": "https://portal.example.com/",
        "billing": "ap@example.com",
        "active": True,
    }

    # merge: null removes, others stay
    r = await client.patch(
        f"/customers/{r.json()['id']}",
        headers=h,
        json={"custom_fields": {"tier": None, "employees": 99}},
    )
    assert r.json()["custom_fields"]["employees"] == "99" and "tier" not in r.json()["custom_fields"]


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ({"tier": "bronze"}, "tier"),
        ({"employees": "many"}, "employees"),
        ({"employees": True}, "employees"),
        ({"renewal": "31/01/2027"}, "renewal"),
        ({"regions": ["mars"]}, "regions"),
        ({"portal": "nope"}, "portal"),
        ({"billing": "x@"}, "billing"),
        ({"active": "yes"}, "active"),
        ({"unknown_key": 1}, "unknown_key"),
    ],
)
async def test_wrong_custom_values_are_422(client, session, value, key):
    admin = await make_user(session, "admin")
    for k, t, opts in [
        ("tier", "select", ["gold"]),
        ("employees", "number", None),
        ("renewal", "date", None),
        ("regions", "multiselect", ["apac"]),
        ("portal", "url", None),
        ("billing", "email", None),
        ("active", "boolean", None),
    ]:
        await _define(
            client,
            admin,
            key=k,
            label=k.title(),
            type=t,
            **({"options": opts} if opts else {}),
        )
    r = await client.post(
        "/customers",
        headers=auth(admin),
        json={"type": "company", "name": "X", "custom_fields": value},
    )
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["body", "custom_fields", key]


async def test_required_field_enforced_on_create_and_update(client, session):
    admin = await make_user(session, "admin")
    c = await make_customer(session, admin, name="Before")
    await _define(client, admin, key="segment", label="Segment", type="text", required=True)
    h = auth(admin)
    r = await client.post("/customers", headers=h, json={"type": "company", "name": "Y"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == [
        "body",
        "custom_fields",
        "segment",
    ]
    r = await client.patch(f"/customers/{c.id}", headers=h, json={"custom_fields": {}})
    assert r.status_code == 422
    r = await client.patch(f"/customers/{c.id}", headers=h, json={"custom_fields": {"segment": "smb"}})
    assert r.status_code == 200 and r.json()["custom_fields"] == {"segment": "smb"}


async def test_definitions_admin_only_and_validated(client, session):
    admin = await make_user(session, "admin")
    rep = await make_user(session, "sales")
    body = {"object_type": "customer", "key": "tier", "label": "Tier", "type": "text"}
    assert (await client.post("/custom-fields", headers=auth(rep), json=body)).status_code == 403
    assert (await client.post("/custom-fields", headers=auth(admin), json=body)).status_code == 201
    assert (await client.post("/custom-fields", headers=auth(admin), json=body)).status_code == 409
    for bad, loc in [
        ({**body, "key": "Bad Key"}, ["body", "key"]),
        ({**body, "type": "colour"}, ["body", "type"]),
        ({**body, "key": "s", "type": "select"}, ["body"]),
        ({**body, "object_type": "planet"}, ["body", "object_type"]),
    ]:
        r = await client.post("/custom-fields", headers=auth(admin), json=bad)
        assert r.status_code == 422 and r.json()["errors"][0]["loc"][: len(loc)] == loc
    r = await client.get("/custom-fields", headers=auth(rep), params={"object_type": "customer"})
    assert [f["key"] for f in r.json()["items"]] == ["tier"]
    fid = r.json()["items"][0]["id"]
    assert (await client.patch(f"/custom-fields/{fid}", headers=auth(rep), json={"label": "T"})).status_code == 403
    r = await client.patch(
        f"/custom-fields/{fid}",
        headers={**auth(admin), "If-Match": '"1"'},
        json={"label": "T"},
    )
    assert r.status_code == 200 and r.json()["label"] == "T"
    assert (await client.delete(f"/custom-fields/{fid}", headers=auth(admin))).status_code == 204
    assert (await client.get(f"/custom-fields/{fid}", headers=auth(admin))).status_code == 404
    assert (await client.get("/custom-fields", headers=auth(rep))).json()["items"] == []
