from __future__ import annotations


async def test_health_and_ready(client):
    r = await client.get("/health")
    assert r.status_code == 200 and r.json() == {"status": "ok"}
    assert r.headers["x-request-id"]
    r = await client.get("/ready")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


async def test_request_id_is_echoed_and_security_headers_set(client):
    r = await client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert r.headers["x-request-id"] == "abc-123"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert "default-src 'none'" in r.headers["content-security-policy"]


async def test_unsafe_request_id_is_replaced(client):
    r = await client.get("/health", headers={"X-Request-ID": "bad id\twith spaces"})
    assert r.headers["x-request-id"] != "bad id\twith spaces"
    assert len(r.headers["x-request-id"]) == 32


async def test_metrics_exposed(client):
    await client.get("/health")
    r = await client.get("http://test/metrics")
    assert r.status_code == 200
    assert "crm_http_requests_total" in r.text
