"""Documents: upload, type detection, versions, downloads, access through links, sharing, trash."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from sqlalchemy import func, select
from sqlalchemy import update as sql_update

from crm.core import storage
from crm.core.models import FieldChange, OutboxEvent
from crm.db import utcnow
from crm.documents.models import Document, DocumentVersion, ShareDownload, ShareLink
from crm.settings import get_settings

from . import documents_files as files
from .factories import assert_problem, auth, make_customer, make_user


@pytest.fixture
async def org(session):
    o = SimpleNamespace()
    o.admin = await make_user(session, role="admin", name="Admin")
    o.m = await make_user(session, role="manager", name="Manager")
    o.a = await make_user(session, role="sales", manager=o.m, name="Rep A")
    o.b = await make_user(session, role="sales", name="Rep B")
    o.viewer = await make_user(session, role="viewer", name="Viewer")
    return o


async def upload(client, user, content: bytes, name: str, status: int = 201, **form):
    data = {k: v for k, v in form.items() if v is not None}
    r = await client.post("/documents", headers=auth(user), files={"file": (name, content)}, data=data)
    assert r.status_code == status, r.text
    return r.json()


async def count(session, model) -> int:
    return (await session.execute(select(func.count()).select_from(model))).scalar_one()


def all_stored() -> set[str]:
    root = get_settings().data_dir / "files"
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def stored_files(document_id: str) -> list[str]:
    root = get_settings().data_dir / "files" / "documents" / document_id
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


async def make_deal(client, user, customer, name="Big deal"):
    r = await client.post(
        "/deals", headers=auth(user), json={"name": name, "customer_id": str(customer.id), "amount": "1000"}
    )
    assert r.status_code == 201, r.text
    return r.json()


async def test_upload_a_quote_and_download_it(client, session, org):
    c = await make_customer(session, org.a, name="Acme")
    deal = await make_deal(client, org.a, c)
    content = files.pdf()
    d = await upload(
        client,
        org.a,
        content,
        "견적서 2026.pdf",
        title="Acme quote",
        kind="quote",
        tags="pricing, 2026",
        deal_id=deal["id"],
        customer_id=str(c.id),
    )
    assert (d["title"], d["kind"], d["tags"], d["current_version"]) == ("Acme quote", "quote", ["pricing", "2026"], 1)
    assert (d["file_name"], d["content_type"], d["size_bytes"]) == ("견적서 2026.pdf", "application/pdf", len(content))
    assert d["sha256"] == hashlib.sha256(content).hexdigest()
    assert (d["owner_name"], d["previewable"], d["can_edit"]) == ("Rep A", True, True)
    assert sorted((x["record_type"], x["title"]) for x in d["links"]) == [("customer", "Acme"), ("deal", "Big deal")]

    r = await client.get(f"/documents/{d['id']}/content", headers=auth(org.a))
    assert r.status_code == 200 and r.content == content
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == (
        f"attachment; filename=\"2026.pdf\"; filename*=UTF-8''{quote('견적서 2026.pdf', safe='')}"
    )
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in r.headers["content-security-policy"]
    assert r.headers["etag"] == f'"{d["sha256"]}"' and r.headers["accept-ranges"] == "bytes"
    inline = await client.get(f"/documents/{d['id']}/content", headers=auth(org.a), params={"inline": "true"})
    assert inline.headers["content-disposition"].startswith("inline; ")
    assert inline.content == content

    got = await client.get(f"/documents/{d['id']}", headers=auth(org.a))
    assert got.json() == d and got.headers["etag"] == '"1"'
    events = (await session.execute(select(OutboxEvent).where(OutboxEvent.type == "document.created"))).scalars()
    [event] = list(events)
    assert event.data["title"] == "Acme quote" and len(event.data["links"]) == 2
    history = (await client.get(f"/documents/{d['id']}/history", headers=auth(org.a))).json()["items"]
    assert {h["action"] for h in history} == {"created"}
    assert {h["field"]: h["new_value"] for h in history}["title"] == "Acme quote"
    # Listed on the deal, the customer, and in the global list.
    for params in ({"deal_id": deal["id"]}, {"customer_id": str(c.id)}, {}):
        listed = (await client.get("/documents", headers=auth(org.a), params=params)).json()["items"]
        assert [x["id"] for x in listed] == [d["id"]]


async def test_search_finds_words_inside_files_and_typos_in_titles(client, session, org):
    c = await make_customer(session, org.a)
    link = {"customer_id": str(c.id)}
    pdf = await upload(client, org.a, files.pdf("Quarterly maintenance agreement"), "a.pdf", **link)
    word = await upload(client, org.a, files.docx("Renewal terms & pricing"), "terms.docx", kind="contract", **link)
    text = await upload(client, org.a, "배송 일정 안내".encode(), "notes.txt", tags="logistics", **link)
    proposal = await upload(client, org.a, files.png(), "scan.png", title="Enterprise proposal", **link)
    assert word["content_type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert text["content_type"] == "text/plain"

    async def found(**params):
        r = await client.get("/documents", headers=auth(org.a), params=params)
        assert r.status_code == 200, r.text
        return [x["id"] for x in r.json()["items"]]

    assert await found(q="maintenance") == [pdf["id"]]
    assert await found(q="pricing") == [word["id"]]
    assert await found(q="배송") == [text["id"]]
    assert await found(q="propsal") == [proposal["id"]]  # a typo in the title
    assert await found(q="scan.png") == [proposal["id"]]  # the file name
    assert await found(**{"tags[contains]": "logistics"}) == [text["id"]]
    assert await found(kind="contract") == [word["id"]]
    assert await found(content_type="image/png") == [proposal["id"]]
    assert await found(sort="title", limit="2") == [proposal["id"], pdf["id"]]  # "Enterprise…" < "a.pdf"


async def test_versions_keep_every_file(client, session, org):
    c = await make_customer(session, org.a)
    first = files.pdf("Draft one")
    d = await upload(client, org.a, first, "contract.pdf", customer_id=str(c.id))
    second = files.pdf("Signed version")
    r = await client.post(
        f"/documents/{d['id']}/versions",
        headers=auth(org.m),
        files={"file": ("contract-signed.pdf", second)},
        data={"note": "Signed by both"},
    )
    assert r.status_code == 201, r.text
    v = r.json()
    assert (v["number"], v["file_name"], v["note"], v["uploaded_by_name"]) == (
        2,
        "contract-signed.pdf",
        "Signed by both",
        "Manager",
    )
    assert r.headers["location"] == f"/api/v1/documents/{d['id']}/versions/2"
    doc = (await client.get(f"/documents/{d['id']}", headers=auth(org.a))).json()
    assert (doc["current_version"], doc["file_name"], doc["size_bytes"], doc["version"]) == (
        2,
        "contract-signed.pdf",
        len(second),
        2,
    )
    listed = (await client.get(f"/documents/{d['id']}/versions", headers=auth(org.a))).json()
    assert [(x["number"], x["uploaded_by_name"]) for x in listed["items"]] == [(2, "Manager"), (1, "Rep A")]
    page = (await client.get(f"/documents/{d['id']}/versions", headers=auth(org.a), params={"limit": 1})).json()
    assert [x["number"] for x in page["items"]] == [2] and page["next_cursor"]
    h = auth(org.a)
    assert (await client.get(f"/documents/{d['id']}/content", headers=h)).content == second
    assert (await client.get(f"/documents/{d['id']}/versions/1/content", headers=h)).content == first
    assert_problem(await client.get(f"/documents/{d['id']}/versions/3/content", headers=h), 404)
    # Found by the new text, no longer by the old one.
    assert [x["id"] for x in (await client.get("/documents", headers=h, params={"q": "signed"})).json()["items"]] == [
        d["id"]
    ]
    assert (await client.get("/documents", headers=h, params={"q": "draft one"})).json()["items"] == []
    ev = (await session.execute(select(OutboxEvent).where(OutboxEvent.type == "document.version_added"))).scalar_one()
    assert ev.data["version"] == 2 and ev.data["id"] == d["id"]
    assert len(stored_files(d["id"])) == 2


async def test_range_requests(client, session, org):
    c = await make_customer(session, org.a)
    content = bytes(range(256)) * 4
    d = await upload(client, org.a, content, "data.bin", customer_id=str(c.id))
    url, h = f"/documents/{d['id']}/content", auth(org.a)
    r = await client.get(url, headers={**h, "Range": "bytes=10-19"})
    assert r.status_code == 206 and r.content == content[10:20]
    assert r.headers["content-range"] == f"bytes 10-19/{len(content)}" and r.headers["content-length"] == "10"
    r = await client.get(url, headers={**h, "Range": "bytes=-5"})
    assert r.status_code == 206 and r.content == content[-5:]
    r = await client.get(url, headers={**h, "Range": "bytes=1000-"})
    assert r.status_code == 206 and r.content == content[1000:]
    r = await client.get(url, headers={**h, "Range": "bytes=5000-"})
    assert r.status_code == 416 and r.headers["content-range"] == f"bytes */{len(content)}"
    r = await client.get(url, headers={**h, "Range": "bytes=0-1", "If-Range": '"stale"'})
    assert r.status_code == 200 and r.content == content


@pytest.mark.parametrize(
    ("content", "name", "why"),
    [
        (b"", "empty.pdf", "empty_file"),
        (files.HTML, "invoice.pdf", "file_type_mismatch"),
        (files.WINDOWS_EXE, "invoice.pdf", "file_type_refused"),
        (files.WINDOWS_EXE, "setup.exe", "file_type_refused"),
        (files.SHELL, "notes.txt", "file_type_refused"),
        (files.pdf(), "photo.png", "file_type_mismatch"),
        (files.png(), "terms.docx", "file_type_mismatch"),
        (files.linux_binary(), "report", "file_type_refused"),
    ],
)
async def test_refused_files_change_nothing(client, session, org, content, name, why):
    c = await make_customer(session, org.a)
    before = all_stored()
    r = await client.post(
        "/documents", headers=auth(org.a), files={"file": (name, content)}, data={"customer_id": str(c.id)}
    )
    body = assert_problem(r, 422, loc=["body", "file"])
    assert body["errors"][0]["type"] == why
    assert await count(session, Document) == 0 and await count(session, DocumentVersion) == 0
    assert all_stored() == before


async def test_over_the_cap_is_413_and_stores_nothing(session, org, monkeypatch):
    import httpx

    from crm.main import create_app

    monkeypatch.setattr(get_settings(), "upload_max_bytes", 10_000)
    app = create_app()
    c = await make_customer(session, org.a)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test/api/v1") as client:
        r = await client.post(
            "/documents",
            headers=auth(org.a),
            files={"file": ("big.txt", b"x" * 20_000)},
            data={"customer_id": str(c.id)},
        )
        assert_problem(r, 413)
        # JSON bodies elsewhere under /documents keep the ordinary 1 MB cap, not the upload one.
        small = await upload(client, org.a, b"x" * 5_000, "small.txt", customer_id=str(c.id))
        r = await client.post(
            f"/documents/{small['id']}/versions", headers=auth(org.a), files={"file": ("v2.txt", b"y" * 20_000)}
        )
        assert_problem(r, 413)
    assert await count(session, Document) == 1 and await count(session, DocumentVersion) == 1


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\win.ini.txt", "win.ini.txt"),
        ("/var/lib/crm/secret.txt", "secret.txt"),
        ("con.txt", "_con.txt"),
        ("re|port<script>:x?.txt", "re_port_script_x_.txt"),
        ("  ..hidden.txt  ", "hidden.txt"),
        ("...", "file"),
    ],
)
async def test_names_are_sanitised(client, session, org, given, kept):
    c = await make_customer(session, org.a)
    d = await upload(client, org.a, b"plain words", given, customer_id=str(c.id))
    assert d["file_name"] == kept
    # Stored under an opaque key in the files folder, whatever the name said.
    [stored] = stored_files(d["id"])
    assert len(stored) == 32 and stored.isalnum()
    r = await client.get(f"/documents/{d['id']}/content", headers=auth(org.a))
    assert r.content == b"plain words" and "/" not in r.headers["content-disposition"]


async def test_control_characters_leave_names():
    from crm.documents.files import safe_name

    assert safe_name("re\x00port\x1f\r\n.txt") == "re_port_.txt"
    assert safe_name("계약서\u200b 최종.pdf") == "계약서\u200b 최종.pdf"
    assert safe_name("a" * 300 + ".pdf") == "a" * 196 + ".pdf"


@pytest.mark.parametrize(("content", "name"), [(files.HTML, "page.html"), (files.SVG, "logo.svg")])
async def test_html_and_svg_are_never_served_inline(client, session, org, content, name):
    c = await make_customer(session, org.a)
    d = await upload(client, org.a, content, name, customer_id=str(c.id))
    assert d["content_type"] in ("text/html", "image/svg+xml") and d["previewable"] is False
    r = await client.get(f"/documents/{d['id']}/content", headers=auth(org.a), params={"inline": "true"})
    assert r.status_code == 200 and r.content == content
    assert r.headers["content-type"] == "application/octet-stream"
    assert r.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in r.headers["content-security-policy"] and r.headers["x-content-type-options"] == "nosniff"


async def test_access_follows_linked_records(client, session, org):
    r = await client.put("/access-policies/deal", headers=auth(org.admin), json={"level": "private"})
    assert r.status_code == 200
    c = await make_customer(session, org.a, name="Shared Co")  # customers: everyone reads, owners edit
    deal = await make_deal(client, org.a, c, "Secret deal")
    secret = await upload(client, org.a, files.pdf("secret terms"), "terms.pdf", deal_id=deal["id"])
    shared = await upload(client, org.a, files.pdf("brochure"), "brochure.pdf", customer_id=str(c.id))
    hb = auth(org.b)
    for path in (
        f"/documents/{secret['id']}",
        f"/documents/{secret['id']}/content",
        f"/documents/{secret['id']}/versions",
        f"/documents/{secret['id']}/versions/1/content",
        f"/documents/{secret['id']}/history",
        f"/documents/{secret['id']}/share-links",
    ):
        assert_problem(await client.get(path, headers=hb), 404)
    assert_problem(await client.post(f"/documents/{secret['id']}/share-links", headers=hb, json={}), 404)
    assert_problem(await client.patch(f"/documents/{secret['id']}", headers=hb, json={"title": "x"}), 404)
    assert_problem(await client.delete(f"/documents/{secret['id']}", headers=hb), 404)
    r = await client.post(f"/documents/{secret['id']}/versions", headers=hb, files={"file": ("x.txt", b"x")})
    assert_problem(r, 404)
    listed = (await client.get("/documents", headers=hb)).json()["items"]
    assert [x["id"] for x in listed] == [shared["id"]]
    assert (await client.get("/documents", headers=hb, params={"q": "secret"})).json()["items"] == []
    assert (await client.get("/documents", headers=hb, params={"deal_id": deal["id"]})).json()["items"] == []
    # B reads the shared customer's document but may not change or share it.
    got = (await client.get(f"/documents/{shared['id']}", headers=hb)).json()
    assert got["can_edit"] is False
    assert_problem(await client.patch(f"/documents/{shared['id']}", headers=hb, json={"title": "x"}), 403)
    assert_problem(await client.post(f"/documents/{shared['id']}/share-links", headers=hb, json={}), 403)
    # B can't attach a file to A's private deal either.
    r = await client.post("/documents", headers=hb, files={"file": ("x.txt", b"x")}, data={"deal_id": deal["id"]})
    assert_problem(r, 422, loc=["body", "links", 0, "record_id"])
    # A's manager and admins see everything of A's; viewers read but never upload.
    assert (await client.get(f"/documents/{secret['id']}", headers=auth(org.m))).json()["can_edit"] is True
    assert (await client.get(f"/documents/{secret['id']}/content", headers=auth(org.admin))).status_code == 200
    r = await client.post(
        "/documents", headers=auth(org.viewer), files={"file": ("x.txt", b"x")}, data={"customer_id": str(c.id)}
    )
    assert_problem(r, 403)
    # Reassigning the deal moves access with it: B now owns the deal and sees its document.
    r = await client.patch(f"/deals/{deal['id']}", headers=auth(org.admin), json={"owner_id": str(org.b.id)})
    assert r.status_code == 200, r.text
    assert (await client.get(f"/documents/{secret['id']}", headers=hb)).status_code == 200
    assert_problem(await client.get("/documents/" + secret["id"]), 401)


@pytest.mark.parametrize(
    ("form", "loc"),
    [
        ({}, ["body", "links"]),
        ({"customer_id": "00000000-0000-7000-8000-000000000000"}, ["body", "links", 0, "record_id"]),
        ({"customer_id": "not-a-uuid"}, ["body", "customer_id", 0]),
        ({"kind": "memo", "customer_id": "C"}, ["body", "kind"]),
        ({"title": "x" * 301, "customer_id": "C"}, ["body", "title"]),
        ({"tags": "y" * 51, "customer_id": "C"}, ["body", "tags", 0]),
    ],
)
async def test_upload_validation(client, session, org, form, loc):
    c = await make_customer(session, org.a)
    data = {k: (str(c.id) if v == "C" else v) for k, v in form.items()}
    r = await client.post("/documents", headers=auth(org.a), files={"file": ("a.txt", b"hello")}, data=data)
    assert_problem(r, 422, loc=loc)
    assert await count(session, Document) == 0
    r = await client.post("/documents", headers=auth(org.a), data={"customer_id": str(c.id)})
    assert_problem(r, 422, loc=["body", "file"])


async def test_edit_metadata_and_links(client, session, org):
    c1 = await make_customer(session, org.a, name="First")
    c2 = await make_customer(session, org.a, name="Second")
    d = await upload(client, org.a, b"hello", "a.txt", customer_id=str(c1.id))
    h = auth(org.a)
    r = await client.patch(
        f"/documents/{d['id']}",
        headers={**h, "If-Match": '"1"'},
        json={
            "title": "Signed contract",
            "kind": "contract",
            "tags": ["legal"],
            "links": [{"record_type": "customer", "record_id": str(c2.id)}],
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["title"], body["kind"], body["tags"], body["version"]) == ("Signed contract", "contract", ["legal"], 2)
    assert [(x["record_type"], x["title"]) for x in body["links"]] == [("customer", "Second")]
    assert (await client.get("/documents", headers=h, params={"customer_id": str(c1.id)})).json()["items"] == []
    r = await client.patch(f"/documents/{d['id']}", headers={**h, "If-Match": '"1"'}, json={"title": "stale"})
    assert_problem(r, 412)
    for bad, loc in (
        ({"links": []}, ["body", "links"]),
        ({"title": None}, ["body", "title"]),
        ({"sha256": "0" * 64}, ["body", "sha256"]),
        ({"owner_id": str(org.b.id)}, ["body", "owner_id"]),
    ):
        assert_problem(await client.patch(f"/documents/{d['id']}", headers=h, json=bad), 422, loc=loc)
    history = (await client.get(f"/documents/{d['id']}/history", headers=h)).json()["items"]
    changed = {h["field"]: (h["old_value"], h["new_value"]) for h in history if h["action"] == "updated"}
    assert changed["title"] == ("a.txt", "Signed contract") and changed["links"] == (
        [f"customer:{c1.id}"],
        [f"customer:{c2.id}"],
    )


async def test_list_conventions(client, session, org):
    c = await make_customer(session, org.a)
    ids = [(await upload(client, org.a, b"doc %d" % n, f"d{n}.txt", customer_id=str(c.id)))["id"] for n in range(5)]
    h = auth(org.a)
    r = await client.get("/documents", headers=h, params={"limit": 2, "include_total": "true"})
    page = r.json()
    assert [x["id"] for x in page["items"]] == ids[::-1][:2] and page["total"] == 5
    assert 'rel="next"' in r.headers["link"]
    rest = (await client.get("/documents", headers=h, params={"limit": 10, "cursor": page["next_cursor"]})).json()
    assert [x["id"] for x in rest["items"]] == ids[::-1][2:] and rest["next_cursor"] is None
    for params, loc in (
        ({"limit": 201}, ["query", "limit"]),
        ({"sort": "sha256"}, ["query", "sort"]),
        ({"nope": "1"}, ["query", "nope"]),
        ({"deal_id[gt]": str(c.id)}, ["query", "deal_id[gt]"]),
        ({"deal_id": "x"}, ["query", "deal_id"]),
    ):
        assert_problem(await client.get("/documents", headers=h, params=params), 422, loc=loc)
    since = (await client.get(f"/documents/{ids[0]}", headers=h)).json()["updated_at"]
    await client.delete(f"/documents/{ids[1]}", headers=h)
    synced = (
        await client.get("/documents", headers=h, params={"updated_since": since, "include_deleted": "true"})
    ).json()["items"]
    assert {"id": ids[1]} == {"id": synced[-1]["id"]} and "deleted_at" in synced[-1]


async def test_share_link_with_password_and_limit(client, session, org):
    c = await make_customer(session, org.a)
    content = files.pdf("Proposal for Acme")
    d = await upload(client, org.a, content, "제안서.pdf", title="Proposal", customer_id=str(c.id))
    r = await client.post(
        f"/documents/{d['id']}/share-links", headers=auth(org.a), json={"password": "open sesame", "max_downloads": 2}
    )
    assert r.status_code == 201, r.text
    link = r.json()
    token = link["token"]
    assert link["url"] == f"/s/{token}" and link["api_url"] == f"/api/v1/public/shares/{token}/content"
    assert (link["status"], link["password_protected"], link["download_count"]) == ("active", True, 0)
    assert len(token) >= 32
    stored = (await session.execute(select(ShareLink))).scalar_one()
    assert stored.token_hash != token and token not in (stored.password_hash or "")

    meta = (await client.get(f"/public/shares/{token}")).json()
    assert meta == {
        "title": "Proposal",
        "file_name": "제안서.pdf",
        "content_type": "application/pdf",
        "size_bytes": len(content),
        "expires_at": link["expires_at"],
        "password_required": True,
        "downloads_left": 2,
    }
    assert_problem(await client.get(f"/public/shares/{token}/content"), 403)
    assert_problem(await client.post(f"/public/shares/{token}/content", data={"password": "wrong"}), 403)
    for _ in range(2):
        r = await client.post(
            f"/public/shares/{token}/content", data={"password": "open sesame"}, headers={"User-Agent": "curl/8"}
        )
        assert r.status_code == 200 and r.content == content
        assert r.headers["content-disposition"].startswith("attachment;")
    body = assert_problem(await client.post(f"/public/shares/{token}/content", data={"password": "open sesame"}), 410)
    assert "limit" in body["detail"]
    log = (await client.get(f"/documents/{d['id']}/share-links/{link['id']}/downloads", headers=auth(org.a))).json()
    assert [(x["ip"], x["user_agent"], x["version_number"]) for x in log["items"]] == [("10.1.2.3", "curl/8", 1)] * 2
    links = (await client.get(f"/documents/{d['id']}/share-links", headers=auth(org.a))).json()["items"]
    assert [(x["status"], x["download_count"]) for x in links] == [("exhausted", 2)]
    assert (await session.execute(select(OutboxEvent).where(OutboxEvent.type == "document.shared"))).scalar_one()


async def test_share_links_expire_and_can_be_revoked(client, session, org):
    c = await make_customer(session, org.a)
    d = await upload(client, org.a, b"hello world", "a.txt", customer_id=str(c.id))
    h = auth(org.a)
    make = lambda body=None: client.post(f"/documents/{d['id']}/share-links", headers=h, json=body or {})  # noqa: E731
    first, second = (await make()).json(), (await make()).json()
    r = await client.get(f"/public/shares/{first['token']}/content")
    assert r.status_code == 200 and r.content == b"hello world"
    assert r.headers["referrer-policy"] == "no-referrer"

    r = await client.post(f"/documents/{d['id']}/share-links/{first['id']}/revoke", headers=h)
    assert r.status_code == 200 and r.json()["status"] == "revoked"
    assert "revoked" in assert_problem(await client.get(f"/public/shares/{first['token']}/content"), 410)["detail"]
    assert_problem(await client.get(f"/public/shares/{first['token']}"), 410)
    assert_problem(await client.post(f"/documents/{d['id']}/share-links/{first['id']}/revoke", headers=h), 409)

    await session.execute(
        sql_update(ShareLink)
        .where(ShareLink.id == uuid.UUID(second["id"]))
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    await session.commit()
    assert "expired" in assert_problem(await client.get(f"/public/shares/{second['token']}/content"), 410)["detail"]
    assert_problem(await client.get("/public/shares/not-a-real-token-at-all"), 404)
    for bad, loc in (
        ({"expires_at": "2020-01-01T00:00:00Z"}, ["body", "expires_at"]),
        ({"max_downloads": 0}, ["body", "max_downloads"]),
        ({"version_number": 5}, ["body", "version_number"]),
        ({"password": "abc"}, ["body", "password"]),
        ({"token": "mine"}, ["body", "token"]),
    ):
        assert_problem(await make(bad), 422, loc=loc)
    # A trashed document's links stop working.
    third = (await make()).json()
    assert (await client.delete(f"/documents/{d['id']}", headers=h)).status_code == 204
    assert_problem(await client.get(f"/public/shares/{third['token']}/content"), 404)
    assert await count(session, ShareDownload) == 1


async def test_trash_restore_and_purge_removes_the_bytes(client, session, org):
    c = await make_customer(session, org.a)
    d = await upload(client, org.a, b"version one", "a.txt", customer_id=str(c.id))
    r = await client.post(f"/documents/{d['id']}/versions", headers=auth(org.a), files={"file": ("b.txt", b"two")})
    assert r.status_code == 201
    assert len(stored_files(d["id"])) == 2
    h = auth(org.a)
    assert (await client.delete(f"/documents/{d['id']}", headers=h)).status_code == 204
    assert_problem(await client.get(f"/documents/{d['id']}", headers=h), 404)
    trash = (await client.get("/trash", headers=h, params={"record_type": "document"})).json()["items"]
    assert [(x["id"], x["title"]) for x in trash] == [(d["id"], "a.txt")]
    assert (await client.post(f"/documents/{d['id']}/restore", headers=h)).json()["current_version"] == 2
    assert (await client.delete(f"/documents/{d['id']}", headers=h)).status_code == 204
    assert_problem(await client.delete(f"/trash/document/{d['id']}", headers=h), 403)
    assert len(stored_files(d["id"])) == 2  # nothing lost before an admin purges
    assert (await client.delete(f"/trash/document/{d['id']}", headers=auth(org.admin))).status_code == 204
    await storage.drain()
    assert stored_files(d["id"]) == []
    assert await count(session, Document) == 0 and await count(session, DocumentVersion) == 0


async def test_purging_a_record_takes_only_its_own_documents(client, session, org):
    c1 = await make_customer(session, org.a)
    c2 = await make_customer(session, org.a)
    only = await upload(client, org.a, b"only c1", "only.txt", customer_id=str(c1.id))
    both = await upload(client, org.a, b"both", "both.txt", customer_id=[str(c1.id), str(c2.id)])
    admin = auth(org.admin)
    assert (await client.delete(f"/customers/{c1.id}", headers=admin)).status_code == 204
    assert (await client.delete(f"/trash/customer/{c1.id}", headers=admin)).status_code == 204
    await storage.drain()
    assert_problem(await client.get(f"/documents/{only['id']}", headers=admin), 404)
    assert stored_files(only["id"]) == []
    history = select(func.count()).where(FieldChange.record_id == uuid.UUID(only["id"]))
    assert (await session.execute(history)).scalar_one() == 0
    left = (await client.get(f"/documents/{both['id']}", headers=admin)).json()
    assert [x["record_id"] for x in left["links"]] == [str(c2.id)]


async def test_a_failed_write_leaves_no_bytes(client, session, org, monkeypatch):
    from crm.documents import service

    c = await make_customer(session, org.a)

    def boom(*args, **kwargs):
        raise RuntimeError("crash after the bytes were stored")

    monkeypatch.setattr(service, "record_change", boom)
    before = all_stored()
    r = await client.post(
        "/documents", headers=auth(org.a), files={"file": ("a.txt", b"hello")}, data={"customer_id": str(c.id)}
    )
    assert r.status_code == 500
    await storage.drain()
    assert all_stored() == before
    assert await count(session, Document) == 0


async def test_idempotent_upload_is_stored_once(client, session, org):
    c = await make_customer(session, org.a)
    content = files.pdf("Once only") + b" " * (2 << 20)  # past the 1 MB the retry buffer keeps in memory
    # A retry resends the same bytes, multipart boundary included.
    headers = {
        **auth(org.a),
        "Idempotency-Key": "upload-1",
        "Content-Type": "multipart/form-data; boundary=crm-test-boundary",
    }
    first = await client.post(
        "/documents", headers=headers, files={"file": ("once.pdf", content)}, data={"customer_id": str(c.id)}
    )
    assert first.status_code == 201, first.text
    again = await client.post(
        "/documents", headers=headers, files={"file": ("once.pdf", content)}, data={"customer_id": str(c.id)}
    )
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"] and again.json()["size_bytes"] == len(content)
    assert await count(session, Document) == 1 and len(stored_files(first.json()["id"])) == 1


async def test_a_document_on_an_interaction_follows_the_interaction(client, session, org):
    r = await client.put("/access-policies/deal", headers=auth(org.admin), json={"level": "private"})
    assert r.status_code == 200
    c = await make_customer(session, org.a)
    deal = await make_deal(client, org.a, c)
    r = await client.post(
        "/interactions",
        headers=auth(org.a),
        json={"type": "meeting", "subject": "Kick-off", "customer_id": str(c.id), "deal_id": deal["id"]},
    )
    interaction = r.json()
    d = await upload(client, org.a, b"minutes", "minutes.txt", interaction_id=interaction["id"])
    assert [(x["record_type"], x["title"]) for x in d["links"]] == [("interaction", "Kick-off")]
    assert_problem(await client.get(f"/documents/{d['id']}", headers=auth(org.b)), 404)
    listed = (await client.get("/documents", headers=auth(org.a), params={"interaction_id": interaction["id"]})).json()
    assert [x["id"] for x in listed["items"]] == [d["id"]]
    assert (await client.get(f"/documents/{d['id']}", headers=auth(org.m))).status_code == 200
