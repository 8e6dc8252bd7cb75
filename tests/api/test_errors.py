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
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == [
        "path",
        "customer_id",
    ]


async def test_malformed_json_is_422(client, session):
    h = auth(await make_user(session, "sales"))
    r = await client.post(
        "/customers",
        headers={**h, "Content-Type": "application/json"},
        content=b"{not json",
    )
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
            "/customers",
            headers={
                "Origin": "https://app.example.com",
                "Access-Control-Request-Method": "GET",
            },
        )
        assert ok.headers["access-control-allow-origin"] == "https://app.example.com"
        bad = await c.options(
            "/customers",
            headers={
                "Origin": "https://evil.example.com",
                "Access-Control-Request-Method": "GET",
            },
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


async def test_405_lists_every_method_of_the_path(client, session):
    h = auth(await make_user(session, "admin"))
    r = await client.request("OPTIONS", "/custom-fields/01890000-0000-7000-8000-000000000000", headers=h)
    assert r.status_code == 405
    assert r.headers["allow"] == "DELETE, GET, PATCH"
    r = await client.get("/auth/refresh")  # caught by the SPA's GET route first
    assert r.status_code == 405 and r.headers["allow"] == "POST"


async def test_body_that_is_not_utf8_json_is_422(client, session):
    h = auth(await make_user(session, "sales"))
    r = await client.post(
        "/customers",
        headers={**h, "Content-Type": "application/json"},
        content=b"\xff\xfe\x00",
    )
    assert r.status_code == 422
    assert r.json()["errors"] == [{"loc": ["body"], "msg": "Body is not valid JSON", "type": "json_invalid"}]


async def test_updated_since_must_be_rfc3339(client, session):
    h = auth(await make_user(session, "admin"))
    for bad in ("0.5", "1700000000", "2026-01-01", "2026-01-01T00:00:00"):
        r = await client.get("/customers", headers=h, params={"updated_since": bad})
        assert r.status_code == 422, bad
    r = await client.get("/api-keys", headers=h, params={"updated_since": "2026-01-01T00:00:00Z"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == [
        "query",
        "updated_since",
    ]


async def test_strict_booleans_and_integers(client, session):
    admin = await make_user(session, "admin")
    r = await client.post(
        "/custom-fields",
        headers=auth(admin),
        json={
            "object_type": "customer",
            "key": "k",
            "label": "K",
            "type": "text",
            "required": 0,
        },
    )
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "required"]
    r = await client.post(
        "/custom-fields",
        headers=auth(admin),
        json={
            "object_type": "customer",
            "key": "k",
            "label": "K",
            "type": "text",
            "position": 10**30,
        },
    )
    assert r.status_code == 422


async def test_documented_errors_are_problem_json():
    from crm.main import create_app

    spec = create_app().openapi()
    op = spec["paths"]["/api/v1/customers"]["post"]
    assert set(op["responses"]) >= {"201", "401", "403", "413", "422", "429", "503"}
    assert op["responses"]["422"]["content"] == {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
    }
    assert "HTTPValidationError" not in spec["components"]["schemas"]
