"""Documents on S3-compatible storage (a real SeaweedFS server) and big uploads through a real server."""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pytest

from crm.core import storage
from crm.settings import get_settings

from . import documents_files as files
from .factories import assert_problem, auth, make_customer, make_user
from .servers import crm_servers, s3_server

BUCKET = "crm-documents"


@pytest.fixture(scope="module")
def s3_endpoint(database):
    with s3_server() as endpoint:
        yield endpoint


@pytest.fixture
def on_s3(s3_endpoint, monkeypatch):
    settings = get_settings()
    for key, value in {
        "storage_backend": "s3",
        "s3_bucket": BUCKET,
        "s3_endpoint_url": s3_endpoint,
        "s3_access_key_id": "test",
        "s3_secret_access_key": "test",
        "s3_prefix": "crm",
    }.items():
        monkeypatch.setattr(settings, key, value)
    storage.get_storage.cache_clear()
    s3 = storage.get_storage()
    assert isinstance(s3, storage.S3Storage)
    s3.ensure_bucket()
    yield s3
    storage.get_storage.cache_clear()


def keys(s3: storage.S3Storage, document_id: str) -> list[str]:
    listed = s3.client.list_objects_v2(Bucket=BUCKET, Prefix=f"crm/documents/{document_id}/")
    return sorted(o["Key"] for o in listed.get("Contents", []))


async def test_documents_live_in_the_bucket(client, session, on_s3):
    admin = await make_user(session, role="admin")
    rep = await make_user(session)
    c = await make_customer(session, rep)
    content = files.pdf("Stored in object storage")
    r = await client.post(
        "/documents", headers=auth(rep), files={"file": ("s3.pdf", content)}, data={"customer_id": str(c.id)}
    )
    assert r.status_code == 201, r.text
    d = r.json()
    [key] = keys(on_s3, d["id"])
    assert on_s3.client.get_object(Bucket=BUCKET, Key=key)["Body"].read() == content
    assert not (get_settings().data_dir / "files" / "documents" / d["id"]).exists()

    h = auth(rep)
    got = await client.get(f"/documents/{d['id']}/content", headers=h)
    assert got.status_code == 200 and got.content == content
    part = await client.get(f"/documents/{d['id']}/content", headers={**h, "Range": "bytes=5-14"})
    assert part.status_code == 206 and part.content == content[5:15]
    r = await client.post(f"/documents/{d['id']}/versions", headers=h, files={"file": ("v2.txt", b"second")})
    assert r.status_code == 201
    assert (await client.get(f"/documents/{d['id']}/content", headers=h)).content == b"second"
    assert (await client.get(f"/documents/{d['id']}/versions/1/content", headers=h)).content == content
    found = (await client.get("/documents", headers=h, params={"q": "object storage"})).json()["items"]
    assert found == []  # the PDF's text was the first version's; the current one says "second"
    assert len(keys(on_s3, d["id"])) == 2

    link = (await client.post(f"/documents/{d['id']}/share-links", headers=h, json={})).json()
    shared = await client.get(f"/public/shares/{link['token']}/content")
    assert shared.status_code == 200 and shared.content == b"second"

    assert (await client.delete(f"/documents/{d['id']}", headers=h)).status_code == 204
    assert len(keys(on_s3, d["id"])) == 2  # the trash keeps the bytes
    assert (await client.delete(f"/trash/document/{d['id']}", headers=auth(admin))).status_code == 204
    await storage.drain()
    assert keys(on_s3, d["id"]) == []


async def test_a_refused_or_failed_upload_leaves_nothing_in_the_bucket(client, session, on_s3, monkeypatch):
    from crm.documents import service

    rep = await make_user(session)
    c = await make_customer(session, rep)

    def listing() -> list[str]:
        return sorted(o["Key"] for o in on_s3.client.list_objects_v2(Bucket=BUCKET).get("Contents", []))

    before = listing()
    r = await client.post(
        "/documents", headers=auth(rep), files={"file": ("x.pdf", files.HTML)}, data={"customer_id": str(c.id)}
    )
    assert_problem(r, 422, loc=["body", "file"])

    def boom(*args, **kwargs):
        raise RuntimeError("crash after the upload reached the bucket")

    monkeypatch.setattr(service, "record_change", boom)
    r = await client.post(
        "/documents", headers=auth(rep), files={"file": ("a.txt", b"hello")}, data={"customer_id": str(c.id)}
    )
    assert r.status_code == 500
    await storage.drain()
    assert listing() == before


def _rss_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(field)


@pytest.mark.skipif(
    os.environ.get("CRM_TEST_DATABASE", "sqlite") != "sqlite",
    reason="measures the server process's memory, which the database does not change; run once, on SQLite",
)
async def test_a_200_mb_upload_streams_without_growing_memory(session):
    """With a 1 GB cap, a 200 MB upload and its download keep the server's resident memory within ~50 MB."""
    rep = await make_user(session)
    c = await make_customer(session, rep)
    size = 200 * 1024 * 1024
    block = hashlib.sha256(b"seed").digest() * (1024 * 1024 // 32)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(suffix=".bin") as big:
        for _ in range(size // len(block)):
            big.write(block)
            digest.update(block)
        big.flush()
        with crm_servers(1, {"CRM_UPLOAD_MAX_BYTES": str(1024**3)}) as [(url, proc)]:
            # Warm the process up (imports, first queries) so only the transfer is measured.
            async with httpx.AsyncClient(base_url=url, timeout=120, headers=auth(rep)) as http:
                r = await http.post(
                    "/documents", files={"file": ("warm.txt", b"warm")}, data={"customer_id": str(c.id)}
                )
                assert r.status_code == 201, r.text
                base = _rss_kib(proc.pid, "VmRSS")
                peak = {"kib": base}
                stop = threading.Event()

                def sample() -> None:
                    while not stop.is_set():
                        peak["kib"] = max(peak["kib"], _rss_kib(proc.pid, "VmRSS"))
                        time.sleep(0.02)

                sampler = threading.Thread(target=sample)
                sampler.start()
                try:
                    with open(big.name, "rb") as f:
                        r = await http.post(
                            "/documents", files={"file": ("big.bin", f)}, data={"customer_id": str(c.id)}
                        )
                    assert r.status_code == 201, r.text
                    d = r.json()
                    assert (d["size_bytes"], d["sha256"]) == (size, digest.hexdigest())
                    down = hashlib.sha256()
                    async with http.stream("GET", f"/documents/{d['id']}/content") as resp:
                        assert resp.status_code == 200
                        async for chunk in resp.aiter_bytes():
                            down.update(chunk)
                    assert down.hexdigest() == digest.hexdigest()
                finally:
                    stop.set()
                    sampler.join()
                grown_mb = (peak["kib"] - base) / 1024
                print(f"server RSS {base / 1024:.0f} MB before, peak {peak['kib'] / 1024:.0f} MB (+{grown_mb:.1f} MB)")
                assert grown_mb < 50, f"the server's memory grew by {grown_mb:.0f} MB"
