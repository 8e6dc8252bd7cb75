"""Problem details everywhere, and nothing internal leaks."""

from __future__ import annotations

from tests.api.factories import auth, make_user


async def test_unknown_route_is_problem_404(client):
    r = await client.get("/nope")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == 404 and body["title"] == "Not Found" and body["instance"] == "/api/v1/nope"
    assert body["request_id"] == r.headers["x-request-id"]


async def test_wrong_method_is_problem_405(client):
    r = await client.put("/health")
    assert r.status_code == 405
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["title"] == "Method Not Allowed"


async def test_missing_record_is_404_problem(client, session):
    h = auth(await make_user(session, "sales"))
    r = await client.get("/customers/01890000-0000-7000-8000-000000000000", headers=h)
    assert r.status_code == 404 and r.json()["detail"] == "Customer not found."
    r = await client.get("/customers/not-a-uuid", headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["path", "customer_id"]


async def test_malformed_json_is_422(client, session):
    h = auth(await make_user(session, "sales"))
    r = await client.post("/customers", headers={**h, "Content-Type": "application/json"}, content=b"{not json")
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"


async def test_unauthenticated_is_401_with_challenge(client):
    r = await client.get("/customers")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.headers["content-type"] == "application/problem+json"


async def test_cors_only_for_allowed_origins(session, monkeypatch):
    import httpx

    from crm.main import create_app
    from crm.settings import get_settings

    monkeypatch.setattr(get_settings(), "cors_origins", ["https://app.example.com"])
    app = create_app()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test/api/v1") as c:
        ok = await c.options(
            "/customers", headers={"Origin": "https://app.example.com", "Access-Control-Request-Method": "GET"}
        )
        assert ok.headers["access-control-allow-origin"] == "https://app.example.com"
        bad = await c.options(
            "/customers", headers={"Origin": "https://evil.example.com", "Access-Control-Request-Method": "GET"}
        )
        assert "access-control-allow-origin" not in bad.headers


async def test_spa_served_with_fallback_and_api_stays_json(session, tmp_path, monkeypatch):
    import httpx

    from crm.main import create_app
    from crm.settings import get_settings

    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<html>app</html>")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)")
    monkeypatch.setattr(get_settings(), "frontend_dist", tmp_path)
    app = create_app()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
        assert (await c.get("/")).text == "<html>app</html>"
        assert (await c.get("/customers/123")).text == "<html>app</html>"
        r = await c.get("/assets/app.js")
        assert r.text == "console.log(1)" and "immutable" in r.headers["cache-control"]
        assert (await c.get("/../../etc/passwd")).text == "<html>app</html>"
        r = await c.get("/api/v1/unknown")
        assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
