"""Comments on records: CRUD, validation, access that follows the record, mentions, lists, events."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from crm.comments.models import Comment
from crm.core.models import OutboxEvent
from crm.notifications.models import Notification

from .factories import assert_problem, auth, make_customer, make_user


@pytest.fixture
async def org(client, session):
    o = SimpleNamespace()
    o.admin = await make_user(session, role="admin", name="Admin")
    o.m1 = await make_user(session, role="manager", name="M1")
    o.a = await make_user(session, role="sales", manager=o.m1, name="Rep A")
    o.b = await make_user(session, role="sales", name="Rep B")
    o.viewer = await make_user(session, role="viewer", name="Viewer")
    o.customer = await make_customer(session, o.a, name="Acme")
    r = await client.post("/deals", headers=auth(o.a), json={"name": "Acme renewal", "customer_id": str(o.customer.id)})
    assert r.status_code == 201, r.text
    o.deal = r.json()
    return o


async def set_deal_level(client, org, level):
    r = await client.put("/access-policies/deal", headers=auth(org.admin), json={"level": level})
    assert r.status_code == 200, r.text


async def post(client, user, record_id, body="Called them, they want a quote.", record_type="deal", **extra):
    return await client.post(
        "/comments",
        headers=auth(user),
        json={"record_type": record_type, "record_id": str(record_id), "body": body, **extra},
    )


async def comment(client, user, record_id, body="Called them, they want a quote.", **extra):
    r = await post(client, user, record_id, body, **extra)
    assert r.status_code == 201, r.text
    return r.json()


async def notes(session, user):
    rows = await session.execute(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.created_at)
    )
    return list(rows.scalars())


async def events(session, prefix="comment."):
    rows = (await session.execute(select(OutboxEvent).order_by(OutboxEvent.id))).scalars()
    return [e for e in rows if e.type.startswith(prefix)]


def listing_url(deal_id, **params):
    query = "&".join(f"{k}={v}" for k, v in {"record_type": "deal", "record_id": deal_id, **params}.items())
    return f"/comments?{query}"


# --- CRUD -----------------------------------------------------------------------------------


async def test_create_reads_back_and_lists(client, session, org):
    await set_deal_level(client, org, "read")
    r = await post(client, org.a, org.deal["id"], "  Asked for 10% off.  ", mentions=[str(org.b.id)])
    assert r.status_code == 201, r.text
    c = r.json()
    assert r.headers["location"] == f"/api/v1/comments/{c['id']}"
    assert r.headers["etag"] == '"1"'
    assert c["record_type"] == "deal" and c["record_id"] == org.deal["id"]
    assert c["body"] == "Asked for 10% off."
    assert c["author_id"] == str(org.a.id) and c["author_name"] == "Rep A"
    assert c["mentions"] == [{"user_id": str(org.b.id), "name": "Rep B"}]
    assert c["version"] == 1 and c["edited_at"] is None
    assert c["created_at"].endswith("Z")

    got = await client.get(f"/comments/{c['id']}", headers=auth(org.b))
    assert got.status_code == 200 and got.json() == c and got.headers["etag"] == '"1"'
    page = await client.get(listing_url(org.deal["id"]), headers=auth(org.viewer))
    assert page.status_code == 200, page.text
    assert page.json() == {"items": [c], "next_cursor": None, "total": None}

    [event] = await events(session)
    assert event.type == "comment.created" and event.record_type == "comment"
    assert event.record_id == uuid.UUID(c["id"]) and event.actor_id == org.a.id
    assert event.data == {
        "id": c["id"],
        "record_type": "deal",
        "record_id": org.deal["id"],
        "author_id": str(org.a.id),
        "mentions": [str(org.b.id)],
    }


async def test_comments_on_customers_and_leads(client, session, org):
    c = await comment(client, org.b, org.customer.id, "Met at the expo.", record_type="customer")
    assert c["record_type"] == "customer"
    r = await client.post("/leads", headers=auth(org.a), json={"company_name": "Hanbit Soft"})
    lead = r.json()
    cl = await comment(client, org.a, lead["id"], "Hot lead", record_type="lead", mentions=[str(org.b.id)])
    assert cl["record_type"] == "lead"
    [note] = await notes(session, org.b)
    assert note.title == "Rep A mentioned you on Hanbit Soft"
    assert (note.record_type, str(note.record_id)) == ("lead", lead["id"])
    page = await client.get(f"/comments?record_type=customer&record_id={org.customer.id}", headers=auth(org.a))
    assert [i["id"] for i in page.json()["items"]] == [c["id"]]


@pytest.mark.parametrize(
    ("over", "loc"),
    [
        ({"body": ""}, ["body", "body"]),
        ({"body": "   "}, ["body", "body"]),
        ({"body": "x" * 10_001}, ["body", "body"]),
        ({"body": None}, ["body", "body"]),
        ({"record_type": "planet"}, ["body", "record_type"]),
        ({"record_type": ""}, ["body", "record_type"]),
        ({"record_id": "not-a-uuid"}, ["body", "record_id"]),
        ({"mentions": ["nope"]}, ["body", "mentions", 0]),
        ({"mentions": "everyone"}, ["body", "mentions"]),
        ({"author_id": str(uuid.uuid4())}, ["body", "author_id"]),
    ],
)
async def test_create_validation(client, session, org, over, loc):
    body = {"record_type": "deal", "record_id": org.deal["id"], "body": "hello", **over}
    assert_problem(await client.post("/comments", headers=auth(org.a), json=body), 422, loc=loc)
    assert (await session.execute(select(Comment))).first() is None


async def test_body_limit_is_inclusive(client, org):
    c = await comment(client, org.a, org.deal["id"], "y" * 10_000)
    assert len(c["body"]) == 10_000


async def test_mentions_must_be_active_users(client, session, org):
    gone = await make_user(session, role="sales", name="Gone", active=False)
    r = await post(client, org.a, org.deal["id"], mentions=[str(org.m1.id), str(uuid.uuid4()), str(gone.id)])
    body = assert_problem(r, 422)
    assert [e["loc"] for e in body["errors"]] == [["body", "mentions", 1], ["body", "mentions", 2]]
    assert (await session.execute(select(Comment))).first() is None
    assert await notes(session, org.m1) == []


async def test_missing_and_foreign_records_are_404(client, org):
    assert_problem(await post(client, org.a, uuid.uuid4()), 404)
    assert_problem(await client.get(f"/comments/{uuid.uuid4()}", headers=auth(org.a)), 404)
    assert_problem(await client.get(listing_url(uuid.uuid4()), headers=auth(org.a)), 404)


async def test_unauthenticated_is_401(client, org):
    c = await comment(client, org.a, org.deal["id"])
    for r in (
        await client.get(listing_url(org.deal["id"])),
        await client.post("/comments", json={"record_type": "deal", "record_id": org.deal["id"], "body": "x"}),
        await client.get(f"/comments/{c['id']}"),
        await client.patch(f"/comments/{c['id']}", json={"body": "x"}),
        await client.delete(f"/comments/{c['id']}"),
    ):
        assert_problem(r, 401)
        assert r.headers["www-authenticate"] == "Bearer"


# --- access ---------------------------------------------------------------------------------


async def test_private_deal_comments_are_404_for_other_reps(client, session, org):
    await set_deal_level(client, org, "private")
    c = await comment(client, org.a, org.deal["id"], "Internal: margin is thin", mentions=[str(org.m1.id)])
    # Rep B can't see Rep A's private deal: every way in is a 404, nothing hints that it exists.
    assert_problem(await client.get(listing_url(org.deal["id"]), headers=auth(org.b)), 404)
    assert_problem(await post(client, org.b, org.deal["id"]), 404)
    assert_problem(await client.get(f"/comments/{c['id']}", headers=auth(org.b)), 404)
    assert_problem(await client.patch(f"/comments/{c['id']}", headers=auth(org.b), json={"body": "x"}), 404)
    assert_problem(await client.delete(f"/comments/{c['id']}", headers=auth(org.b)), 404)
    # ... and can't be mentioned there: they would learn nothing, and the author should know.
    r = await post(client, org.a, org.deal["id"], mentions=[str(org.m1.id), str(org.b.id)])
    body = assert_problem(r, 422, loc=["body", "mentions", 1])
    assert body["errors"][0]["msg"] == "Rep B cannot see this deal."
    assert body["errors"][0]["type"] == "mention_not_visible"
    # The manager and admins see the thread.
    for user in (org.m1, org.admin):
        page = await client.get(listing_url(org.deal["id"]), headers=auth(user))
        assert [i["id"] for i in page.json()["items"]] == [c["id"]]
    # A viewer can't see a private deal either: 404 before any role check.
    assert_problem(await post(client, org.viewer, org.deal["id"]), 404)
    assert_problem(await client.get(listing_url(org.deal["id"]), headers=auth(org.viewer)), 404)
    assert [n.title for n in await notes(session, org.m1)] == ["Rep A mentioned you on Acme renewal"]
    assert await notes(session, org.b) == []


async def test_comments_follow_the_record_when_access_narrows(client, org):
    await set_deal_level(client, org, "read")
    c = await comment(client, org.b, org.deal["id"], "I know their CFO")
    await set_deal_level(client, org, "private")
    assert_problem(await client.get(f"/comments/{c['id']}", headers=auth(org.b)), 404)
    assert (await client.get(f"/comments/{c['id']}", headers=auth(org.a))).status_code == 200


async def test_viewers_read_but_do_not_write(client, org):
    await set_deal_level(client, org, "read")
    c = await comment(client, org.a, org.deal["id"])
    assert (await client.get(listing_url(org.deal["id"]), headers=auth(org.viewer))).status_code == 200
    assert (await client.get(f"/comments/{c['id']}", headers=auth(org.viewer))).status_code == 200
    body = assert_problem(await post(client, org.viewer, org.deal["id"]), 403)
    assert body["detail"] == "Viewers can read comments but not write them."
    assert_problem(await client.delete(f"/comments/{c['id']}", headers=auth(org.viewer)), 403)


async def test_comments_on_a_trashed_record_are_404(client, org):
    c = await comment(client, org.a, org.deal["id"])
    assert (await client.delete(f"/deals/{org.deal['id']}", headers=auth(org.a))).status_code == 204
    assert_problem(await client.get(f"/comments/{c['id']}", headers=auth(org.a)), 404)
    assert_problem(await client.get(listing_url(org.deal["id"]), headers=auth(org.a)), 404)
    assert_problem(await post(client, org.a, org.deal["id"]), 404)


# --- edit and delete ------------------------------------------------------------------------


async def test_author_edits_body_and_mentions(client, session, org):
    await set_deal_level(client, org, "read")
    c = await comment(client, org.a, org.deal["id"], "Draft", mentions=[str(org.b.id)])
    r = await client.patch(
        f"/comments/{c['id']}",
        headers={**auth(org.a), "If-Match": '"1"'},
        json={"body": "Final", "mentions": [str(org.b.id), str(org.m1.id), str(org.a.id)]},
    )
    assert r.status_code == 200, r.text
    edited = r.json()
    assert edited["body"] == "Final" and edited["version"] == 2 and r.headers["etag"] == '"2"'
    assert edited["edited_at"] is not None and edited["created_at"] == c["created_at"]
    assert [m["name"] for m in edited["mentions"]] == ["Rep B", "M1", "Rep A"]
    # Only the newly added manager hears about it; B was told already, A wrote it.
    assert len(await notes(session, org.b)) == 1
    [m1_note] = await notes(session, org.m1)
    assert m1_note.body == "Final" and m1_note.actor_id == org.a.id
    assert await notes(session, org.a) == []

    # Mentions left out stay as they were; the body alone can change.
    r = await client.patch(f"/comments/{c['id']}", headers=auth(org.a), json={"body": "Final!"})
    assert r.json()["body"] == "Final!" and len(r.json()["mentions"]) == 3 and r.json()["version"] == 3
    # No change: no new version.
    r = await client.patch(f"/comments/{c['id']}", headers=auth(org.a), json={"body": "Final!"})
    assert r.json()["version"] == 3
    # Removing mentions is fine and notifies nobody.
    r = await client.patch(f"/comments/{c['id']}", headers=auth(org.a), json={"mentions": []})
    assert r.json()["mentions"] == [] and r.json()["version"] == 4

    updated = [e for e in await events(session) if e.type == "comment.updated"]
    assert [e.data["fields"] for e in updated] == [["body", "mentions"], ["body"], ["mentions"]]
    assert all(e.data["record_type"] == "deal" and e.data["record_id"] == org.deal["id"] for e in updated)


async def test_edit_rules(client, session, org):
    await set_deal_level(client, org, "read")
    c = await comment(client, org.a, org.deal["id"], "Mine")
    url = f"/comments/{c['id']}"
    assert_problem(await client.patch(url, headers=auth(org.b), json={"body": "x"}), 403)
    assert_problem(await client.patch(url, headers=auth(org.admin), json={"body": "x"}), 403)
    assert_problem(await client.patch(url, headers={**auth(org.a), "If-Match": '"7"'}, json={"body": "x"}), 412)
    assert_problem(await client.patch(url, headers=auth(org.a), json={"body": None}), 422, loc=["body", "body"])
    assert_problem(await client.patch(url, headers=auth(org.a), json={"body": ""}), 422, loc=["body", "body"])
    assert_problem(await client.patch(url, headers=auth(org.a), json={"version": 9}), 422, loc=["body", "version"])
    gone = await make_user(session, role="sales", name="Gone", active=False)
    r = await client.patch(url, headers=auth(org.a), json={"mentions": [str(org.b.id), str(gone.id)]})
    assert_problem(r, 422, loc=["body", "mentions", 1])
    assert (await client.get(url, headers=auth(org.a))).json() == c


async def test_edit_checks_only_new_mentions(client, session, org):
    await set_deal_level(client, org, "read")
    c = await comment(client, org.a, org.deal["id"], "FYI", mentions=[str(org.b.id)])
    await set_deal_level(client, org, "private")
    # B has lost access since: kept as mentioned, but not a reason to refuse the edit.
    r = await client.patch(f"/comments/{c['id']}", headers=auth(org.a), json={"mentions": [str(org.b.id)], "body": "x"})
    assert r.status_code == 200, r.text
    r = await client.patch(f"/comments/{c['id']}", headers=auth(org.a), json={"mentions": [str(org.m1.id)]})
    assert r.status_code == 200 and [m["user_id"] for m in r.json()["mentions"]] == [str(org.m1.id)]
    r = await client.patch(f"/comments/{c['id']}", headers=auth(org.a), json={"mentions": [str(org.b.id)]})
    assert_problem(r, 422, loc=["body", "mentions", 0])


async def test_delete_by_author_or_admin_is_a_soft_delete(client, session, org):
    await set_deal_level(client, org, "read")
    mine = await comment(client, org.a, org.deal["id"], "one")
    other = await comment(client, org.b, org.deal["id"], "two")
    assert_problem(await client.delete(f"/comments/{mine['id']}", headers=auth(org.b)), 403)
    assert_problem(await client.delete(f"/comments/{mine['id']}", headers={**auth(org.a), "If-Match": '"5"'}), 412)
    r = await client.delete(f"/comments/{mine['id']}", headers={**auth(org.a), "If-Match": '"1"'})
    assert r.status_code == 204 and r.content == b""
    assert (await client.delete(f"/comments/{other['id']}", headers=auth(org.admin))).status_code == 204
    assert_problem(await client.get(f"/comments/{mine['id']}", headers=auth(org.a)), 404)
    assert_problem(await client.delete(f"/comments/{mine['id']}", headers=auth(org.a)), 404)
    assert_problem(await client.patch(f"/comments/{mine['id']}", headers=auth(org.a), json={"body": "x"}), 404)
    page = await client.get(listing_url(org.deal["id"]), headers=auth(org.a))
    assert page.json()["items"] == []
    # Sync clients learn about the deletion as tombstones.
    sync = await client.get(
        listing_url(org.deal["id"], updated_since="2020-01-01T00:00:00Z", include_deleted="true"), headers=auth(org.a)
    )
    assert sorted(i["id"] for i in sync.json()["items"]) == sorted([mine["id"], other["id"]])
    assert all(set(i) == {"id", "deleted_at"} for i in sync.json()["items"])
    row = (await session.execute(select(Comment).where(Comment.id == uuid.UUID(mine["id"])))).scalar_one()
    assert row.deleted_at is not None and row.deleted_by_id == org.a.id and row.body == "one"
    deleted = [e for e in await events(session) if e.type == "comment.deleted"]
    assert [e.data["id"] for e in deleted] == [mine["id"], other["id"]]
    assert deleted[1].actor_id == org.admin.id and deleted[1].data["record_id"] == org.deal["id"]


# --- lists ----------------------------------------------------------------------------------


async def test_list_is_oldest_first_with_keyset_pages(client, org):
    made = [await comment(client, org.a, org.deal["id"], f"note {i}") for i in range(5)]
    other = await client.post(
        "/deals", headers=auth(org.a), json={"name": "Other", "customer_id": str(org.customer.id)}
    )
    await comment(client, org.a, other.json()["id"], "elsewhere")
    h = auth(org.a)
    r = await client.get(listing_url(org.deal["id"], limit=2), headers=h)
    assert [i["body"] for i in r.json()["items"]] == ["note 0", "note 1"]
    cursor = r.json()["next_cursor"]
    assert cursor and r.headers["link"].endswith('; rel="next"') and f"cursor={cursor}" in r.headers["link"]
    r = await client.get(listing_url(org.deal["id"], limit=2, cursor=cursor), headers=h)
    assert [i["body"] for i in r.json()["items"]] == ["note 2", "note 3"]
    r = await client.get(listing_url(org.deal["id"], limit=2, cursor=r.json()["next_cursor"]), headers=h)
    assert [i["body"] for i in r.json()["items"]] == ["note 4"]
    assert r.json()["next_cursor"] is None and "link" not in r.headers

    r = await client.get(listing_url(org.deal["id"], sort="-created_at", include_total="true"), headers=h)
    assert [i["id"] for i in r.json()["items"]] == [c["id"] for c in reversed(made)]
    assert r.json()["total"] == 5
    r = await client.get(listing_url(org.deal["id"], author_id=org.b.id), headers=h)
    assert r.json()["items"] == []
    r = await client.get(listing_url(org.deal["id"], **{"edited_at[isnull]": "true"}), headers=h)
    assert len(r.json()["items"]) == 5


@pytest.mark.parametrize(
    ("query", "loc"),
    [
        ("record_id={deal}", ["query", "record_type"]),
        ("record_type=deal", ["query", "record_id"]),
        ("record_type=planet&record_id={deal}", ["query", "record_type"]),
        ("record_type=deal&record_id=nope", ["query", "record_id"]),
        ("record_type=deal&record_id={deal}&limit=201", ["query", "limit"]),
        ("record_type=deal&record_id={deal}&sort=body", ["query", "sort"]),
        ("record_type=deal&record_id={deal}&body=x", ["query", "body"]),
        ("record_type=deal&record_id={deal}&record_id[in]={deal}", ["query", "record_id[in]"]),
        ("record_type=deal&record_id={deal}&author_id[foo]=1", ["query", "author_id[foo]"]),
        ("record_type=deal&record_id={deal}&cursor=%%%", ["query", "cursor"]),
    ],
)
async def test_list_validation(client, org, query, loc):
    r = await client.get("/comments?" + query.format(deal=org.deal["id"]), headers=auth(org.a))
    assert_problem(r, 422, loc=loc)
