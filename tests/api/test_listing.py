"""List conventions (API.md): keyset pages, sort, filters with every operator, search, totals."""

from __future__ import annotations

import pytest

from tests.api.factories import auth, make_customer, make_user


async def _walk(client, h, **params):
    ids, cursor, pages = [], None, 0
    while True:
        r = await client.get(
            "/customers",
            headers=h,
            params={**params, **({"cursor": cursor} if cursor else {})},
        )
        assert r.status_code == 200, r.text
        body = r.json()
        ids += [i["name"] for i in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor:
            assert 'rel="next"' in r.headers["link"] and "cursor=" in r.headers["link"]
        else:
            assert "link" not in r.headers
            return ids, pages


async def test_keyset_pages_cover_everything_once_in_order(client, session):
    user = await make_user(session, "sales")
    names = ["delta", "alpha", "echo", "bravo", "charlie", "alpha"]
    for n in names:
        await make_customer(session, user, name=n)
    h = auth(user)
    got, pages = await _walk(client, h, limit=2, sort="name")
    assert got == sorted(names) and pages == 3
    got, _ = await _walk(client, h, limit=4, sort="-name")
    assert got == sorted(names, reverse=True)
    got, _ = await _walk(client, h, limit=1)  # default: newest first
    assert got == list(reversed(names))


async def test_multi_key_sort_with_nullable_field(client, session):
    user = await make_user(session, "sales")
    for n, ind in [
        ("a", "retail"),
        ("b", None),
        ("c", "energy"),
        ("d", "retail"),
        ("e", None),
    ]:
        await make_customer(session, user, name=n, **({"industry": ind} if ind else {}))
    got, _ = await _walk(client, auth(user), limit=2, sort="-industry,name")
    assert got == ["a", "d", "c", "b", "e"]


async def test_page_size_and_total(client, session):
    user = await make_user(session, "sales")
    for i in range(3):
        await make_customer(session, user, name=f"c{i}")
    h = auth(user)
    r = await client.get("/customers", headers=h, params={"limit": 2, "include_total": "true"})
    assert len(r.json()["items"]) == 2 and r.json()["total"] == 3
    assert (
        "total" not in (await client.get("/customers", headers=h)).json()
        or (await client.get("/customers", headers=h)).json()["total"] is None
    )
    for bad in ("0", "201", "abc"):
        r = await client.get("/customers", headers=h, params={"limit": bad})
        assert r.status_code == 422 and r.json()["errors"][0]["loc"] == [
            "query",
            "limit",
        ]


@pytest.mark.parametrize(
    ("params", "loc"),
    [
        ({"sort": "password"}, ["query", "sort"]),
        ({"sort": "name,-nope"}, ["query", "sort"]),
        ({"colour": "red"}, ["query", "colour"]),
        ({"name[like]": "x"}, ["query", "name[like]"]),
        ({"tags[gt]": "x"}, ["query", "tags[gt]"]),
        ({"created_at[gt]": "yesterday"}, ["query", "created_at[gt]"]),
        ({"owner_id": "not-a-uuid"}, ["query", "owner_id"]),
        ({"type": "robot"}, ["query", "type"]),
        ({"cursor": "!!!"}, ["query", "cursor"]),
        ({"updated_since": "2026-01-01T00:00:00"}, ["query", "updated_since"]),
    ],
)
async def test_bad_list_parameters_are_422(client, session, params, loc):
    h = auth(await make_user(session, "sales"))
    r = await client.get("/customers", headers=h, params=params)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"][0]["loc"] == loc


async def test_cursor_from_another_sort_is_refused(client, session):
    user = await make_user(session, "sales")
    for i in range(3):
        await make_customer(session, user, name=f"c{i}")
    h = auth(user)
    cursor = (await client.get("/customers", headers=h, params={"limit": 1, "sort": "name"})).json()["next_cursor"]
    r = await client.get("/customers", headers=h, params={"cursor": cursor, "sort": "name,-created_at"})
    assert r.status_code == 422


async def test_filter_operators(client, session):
    user = await make_user(session, "sales")
    other = await make_user(session, "sales")
    await make_customer(session, user, name="Alpha Co", industry="retail", tags=["vip", "smb"])
    await make_customer(session, user, name="Beta Co", industry="energy", tags=["smb"])
    await make_customer(session, user, type="person", first_name="Carl", birthday="1990-05-01")
    await make_customer(
        session,
        user,
        type="person",
        first_name="Dana",
        birthday="1970-01-01",
        lifecycle_stage="customer",
    )
    h = auth(user)

    async def names(**params):
        r = await client.get("/customers", headers=h, params={"sort": "name", **params})
        assert r.status_code == 200, r.text
        return [i["name"] for i in r.json()["items"]]

    assert await names(type="person") == ["Carl", "Dana"]
    assert await names(**{"type[ne]": "person"}) == ["Alpha Co", "Beta Co"]
    assert await names(**{"industry[in]": "retail,energy"}) == ["Alpha Co", "Beta Co"]
    assert await names(**{"industry[nin]": "retail"}) == ["Beta Co"]
    assert await names(**{"industry[isnull]": "true"}) == ["Carl", "Dana"]
    assert await names(**{"industry[isnull]": "false"}) == ["Alpha Co", "Beta Co"]
    assert await names(**{"name[contains]": "co"}) == ["Alpha Co", "Beta Co"]
    assert await names(**{"name[contains]": "%"}) == []
    assert await names(**{"tags[contains]": "vip"}) == ["Alpha Co"]
    assert await names(**{"tags[contains]": "smb"}) == ["Alpha Co", "Beta Co"]
    assert await names(**{"birthday[gte]": "1980-01-01"}) == ["Carl"]
    assert await names(**{"birthday[lt]": "1980-01-01"}) == ["Dana"]
    assert await names(**{"birthday[gt]": "1970-01-01", "birthday[lte]": "1990-05-01"}) == ["Carl"]
    assert await names(lifecycle_stage="customer") == ["Dana"]
    assert await names(owner_id=str(user.id), type="company") == ["Alpha Co", "Beta Co"]
    assert await names(owner_id=str(other.id)) == []


async def test_updated_since_returns_changes_after(client, session):
    user = await make_user(session, "sales")
    a = await make_customer(session, user, name="A")
    await make_customer(session, user, name="B")
    h = auth(user)
    mark = (await client.get(f"/customers/{a.id}", headers=h)).json()["updated_at"]
    b_mark = [i for i in (await client.get("/customers", headers=h)).json()["items"] if i["name"] == "B"][0][
        "updated_at"
    ]
    await client.patch(f"/customers/{a.id}", headers=h, json={"industry": "x"})
    r = await client.get("/customers", headers=h, params={"updated_since": b_mark, "sort": "updated_at"})
    assert [i["name"] for i in r.json()["items"]] == ["A"]
    assert mark < r.json()["items"][0]["updated_at"]


async def test_search_typos_partial_words_email_phone_company_korean(client, session):
    user = await make_user(session, "sales")
    acme = await make_customer(session, user, name="Acme Analytics")
    await make_customer(
        session,
        user,
        type="person",
        first_name="Jonathan",
        last_name="Smith",
        emails=[{"value": "jon.smith@acme.io"}],
        company_id=str(acme.id),
    )
    await make_customer(
        session,
        user,
        type="person",
        first_name="민준",
        last_name="김",
        phones=[{"value": "010-2345-6789"}],
    )
    await make_customer(session, user, name="Zebra Zoo")
    h = auth(user)

    async def q(term):
        r = await client.get("/customers", headers=h, params={"q": term})
        assert r.status_code == 200, r.text
        return [i["name"] for i in r.json()["items"]]

    assert (await q("Jonathon Smith"))[0] == "Jonathan Smith"  # typo
    assert (await q("jonathn"))[0] == "Jonathan Smith"  # typo, one word
    assert (await q("smi"))[0] == "Jonathan Smith"  # partial word
    assert (await q("jon.smith@acme"))[0] == "Jonathan Smith"  # partial email
    assert "Jonathan Smith" in await q("acme analytics")  # company name finds its people
    assert await q("2345-6789") == ["김민준"]  # phone digits
    assert await q("01023456789") == ["김민준"]
    assert await q("민준") == ["김민준"]  # Korean partial
    assert await q("김민준") == ["김민준"]
    assert await q("qqqxxx") == []
    ranked = await q("acme")
    assert ranked[0] == "Acme Analytics"  # name prefix ranks first


async def test_search_pages_and_combines_with_filters(client, session):
    user = await make_user(session, "sales")
    for i in range(5):
        await make_customer(session, user, type="person", first_name=f"Kim{i}", last_name="Park")
    await make_customer(session, user, name="Park Hyatt")
    h = auth(user)
    seen, cursor = [], None
    while True:
        r = await client.get(
            "/customers",
            headers=h,
            params={
                "q": "park",
                "type": "person",
                "limit": 2,
                "include_total": "true",
                **({"cursor": cursor} if cursor else {}),
            },
        )
        body = r.json()
        assert body["total"] == 5
        seen += [i["name"] for i in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == [f"Kim{i} Park" for i in range(5)]
    r = await client.get("/customers", headers=h, params={"q": "park", "sort": "-name", "limit": 50})
    assert [i["name"] for i in r.json()["items"]][0] == "Park Hyatt"


async def test_search_needs_every_word_and_ranks_a_bounded_candidate_set(client, session, monkeypatch):
    """ "Jane Smiht" finds the Jane Smiths, not every Jane; past the candidate bound a search ends
    its pages there instead of ranking every match."""
    from crm.core import listing

    user = await make_user(session, "sales")
    for first, last in [
        ("Jane", "Smith"),
        ("Jane", "Doe"),
        ("John", "Smith"),
        ("Janet", "Smithers"),
        ("Katrin", "Wagner"),
        ("Kevin", "Wagner"),
    ]:
        await make_customer(session, user, type="person", first_name=first, last_name=last)
    h = auth(user)
    r = await client.get("/customers", headers=h, params={"q": "Jane Smiht"})
    names = [i["name"] for i in r.json()["items"]]
    assert names[0] == "Jane Smith"
    assert "Jane Doe" not in names and "John Smith" not in names
    # A typo in each word: neither word is close on its own, the query as a whole is.
    r = await client.get("/customers", headers=h, params={"q": "Ktarin Wagenr"})
    names = [i["name"] for i in r.json()["items"]]
    assert names[0] == "Katrin Wagner"
    assert not {"Jane Smith", "Jane Doe", "John Smith"} & set(names)

    for i in range(6):
        await make_customer(session, user, type="person", first_name=f"Mina{i}", last_name="Okafor")
    monkeypatch.setattr(listing, "SEARCH_CANDIDATES", 4)
    seen, cursor = [], None
    while True:
        params = {"q": "okafor", "limit": 3, **({"cursor": cursor} if cursor else {})}
        body = (await client.get("/customers", headers=h, params=params)).json()
        seen += [i["name"] for i in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    # Tiers (substring, every word close) of at most four candidates each, the same rows here.
    assert len(seen) == 4 and len(set(seen)) == 4
    assert all(n.endswith("Okafor") for n in seen)
