"""Authentication: login, bearer tokens, refresh rotation and revocation (OWASP API2)."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from jose import jwt

from crm.core.security import create_access_token
from crm.settings import get_settings

from .factories import PASSWORD, assert_problem, auth, make_user


def assert_401(r):
    body = assert_problem(r, 401)
    assert r.headers["www-authenticate"] == "Bearer"
    return body


async def login(client, email, password=PASSWORD):
    return await client.post("/auth/token", data={"username": email, "password": password})


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).rstrip(b"=").decode()


def _unb64(part: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _claims(user_id, **over):
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=5)).timestamp()),
        "jti": "abc",
        "typ": "access",
    }
    claims.update(over)
    return {k: v for k, v in claims.items() if v is not None}


def _sign(claims, key=None, alg=None):
    s = get_settings()
    return jwt.encode(claims, key or s.secret_key, algorithm=alg or s.jwt_algorithm)


# --- login ---


async def test_login_happy_path_token_works_on_me(client, session):
    user = await make_user(session, role="manager", email="Mia@Example.com", name="Mia Manager")
    r = await login(client, "  mia@EXAMPLE.com ")
    assert r.status_code == 200, r.text
    pair = r.json()
    assert set(pair) == {"access_token", "token_type", "expires_in", "refresh_token"}
    assert pair["token_type"] == "bearer"
    assert pair["expires_in"] == get_settings().access_token_minutes * 60 > 0
    assert pair["refresh_token"] and pair["refresh_token"] != pair["access_token"]
    assert "password" not in r.text

    me = await client.get("/users/me", headers={"Authorization": f"Bearer {pair['access_token']}"})
    assert me.status_code == 200
    body = me.json()
    assert body["id"] == str(user.id)
    assert body["email"] == "Mia@Example.com"
    assert body["role"] == "manager" and body["full_name"] == "Mia Manager" and body["is_active"] is True
    assert not any("password" in k for k in body)
    assert "password" not in me.text and "argon2" not in me.text


@pytest.mark.parametrize(
    "email,password",
    [("sam@example.com", "wrong-password-1"), ("nobody@example.com", PASSWORD)],
)
async def test_login_failures_are_401_with_one_message(client, session, email, password):
    await make_user(session, email="sam@example.com")
    body = assert_401(await login(client, email, password))
    assert body["detail"] == "Incorrect email or password."


async def test_login_inactive_user_is_refused(client, session):
    await make_user(session, email="gone@example.com", active=False)
    body = assert_401(await login(client, "gone@example.com"))
    assert body["detail"] == "Incorrect email or password."


@pytest.mark.parametrize(
    "form,missing",
    [
        ({}, ["username", "password"]),
        ({"username": "a@example.com"}, ["password"]),
        ({"password": PASSWORD}, ["username"]),
    ],
)
async def test_login_missing_form_fields_422(client, form, missing):
    r = await client.post("/auth/token", data=form)
    body = assert_problem(r, 422)
    assert sorted(e["loc"] for e in body["errors"]) == sorted(["body", m] for m in missing)


async def test_login_rate_limited_after_five_failures(client, session):
    await make_user(session, email="rl@example.com")
    other = await make_user(session, email="other@example.com")
    for _ in range(5):
        assert_401(await login(client, "rl@example.com", "wrong-password-1"))
    r = await login(client, "RL@example.com", PASSWORD)  # right password, other casing: still limited
    body = assert_problem(r, 429)
    assert "access_token" not in body
    retry = int(r.headers["retry-after"])
    assert 0 < retry <= 60
    # The limit is per account (and address): another user from the same address still gets in.
    r = await login(client, other.email)
    assert r.status_code == 200 and r.json()["access_token"]


# --- bearer tokens ---


async def test_valid_factory_token_accepted(client, session):
    user = await make_user(session)
    r = await client.get("/users/me", headers=auth(user))
    assert r.status_code == 200 and r.json()["id"] == str(user.id)


def _tampered(token: str, sub: uuid.UUID) -> str:
    header, payload, sig = token.split(".")
    claims = _unb64(payload)
    claims["sub"] = str(sub)
    return ".".join([header, _b64(claims), sig])


def _alg_none(user_id) -> str:
    return ".".join([_b64({"alg": "none", "typ": "JWT"}), _b64(_claims(user_id)), ""])


BAD_TOKENS = {
    "garbage": lambda u, o: "not-a-jwt",
    "three-dots": lambda u, o: "a.b.c",
    "tampered-sub": lambda u, o: _tampered(create_access_token(u.id)[0], o.id),
    "expired": lambda u, o: _sign(
        _claims(
            u.id,
            iat=int((datetime.now(UTC) - timedelta(hours=1)).timestamp()),
            exp=int((datetime.now(UTC) - timedelta(minutes=1)).timestamp()),
        )
    ),
    "alg-none": lambda u, o: _alg_none(u.id),
    "alg-none-with-sig": lambda u, o: _alg_none(u.id) + create_access_token(u.id)[0].split(".")[2],
    "hs512-same-key": lambda u, o: _sign(_claims(u.id), alg="HS512"),
    "other-key": lambda u, o: _sign(_claims(u.id), key="another-secret-" + "y" * 40),
    "no-exp": lambda u, o: _sign(_claims(u.id, exp=None)),
    "no-sub": lambda u, o: _sign(_claims(u.id, sub=None)),
    "no-iat": lambda u, o: _sign(_claims(u.id, iat=None)),
    "sub-not-uuid": lambda u, o: _sign(_claims(u.id, sub="admin")),
    "sub-unknown-user": lambda u, o: _sign(_claims(uuid.uuid4())),
    "wrong-typ": lambda u, o: _sign(_claims(u.id, typ="refresh")),
    "no-typ": lambda u, o: _sign(_claims(u.id, typ=None)),
}


@pytest.mark.parametrize("kind", sorted(BAD_TOKENS))
async def test_bad_tokens_rejected(client, session, kind):
    user = await make_user(session, role="admin")
    other = await make_user(session, role="admin")
    token = BAD_TOKENS[kind](user, other)
    r = await client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
    body = assert_401(r)
    assert str(user.id) not in r.text and str(other.id) not in r.text
    assert "Traceback" not in body["detail"]


async def test_control_token_built_like_bad_ones_is_accepted(client, session):
    """Guards the table above: the same builder without a defect does authenticate."""
    user = await make_user(session)
    r = await client.get("/users/me", headers={"Authorization": f"Bearer {_sign(_claims(user.id))}"})
    assert r.status_code == 200 and r.json()["id"] == str(user.id)


@pytest.mark.parametrize("header", [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc"])
async def test_missing_or_malformed_authorization_header(client, header):
    headers = {} if header is None else {"Authorization": header}
    assert_401(await client.get("/users/me", headers=headers))


async def test_refresh_token_is_not_a_bearer_token(client, session):
    user = await make_user(session)
    pair = (await login(client, user.email)).json()
    assert_401(await client.get("/users/me", headers={"Authorization": f"Bearer {pair['refresh_token']}"}))


# --- refresh / logout ---


async def test_refresh_rotates_and_reuse_revokes_family(client, session):
    user = await make_user(session)
    first = (await login(client, user.email)).json()

    r = await client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert r.status_code == 200, r.text
    second = r.json()
    assert second["token_type"] == "bearer" and second["expires_in"] > 0
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    me = await client.get("/users/me", headers={"Authorization": f"Bearer {second['access_token']}"})
    assert me.json()["id"] == str(user.id)

    third = (await client.post("/auth/refresh", json={"refresh_token": second["refresh_token"]})).json()

    # Reusing the spent first token: refused, and the whole family (including the newest token) dies.
    assert_401(await client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]}))
    assert_401(await client.post("/auth/refresh", json={"refresh_token": third["refresh_token"]}))
    assert_401(await client.post("/auth/refresh", json={"refresh_token": second["refresh_token"]}))


async def test_reuse_revokes_only_that_family(client, session):
    user = await make_user(session)
    phone = (await login(client, user.email)).json()
    laptop = (await login(client, user.email)).json()
    spent = phone["refresh_token"]
    assert (await client.post("/auth/refresh", json={"refresh_token": spent})).status_code == 200
    assert_401(await client.post("/auth/refresh", json={"refresh_token": spent}))
    r = await client.post("/auth/refresh", json={"refresh_token": laptop["refresh_token"]})
    assert r.status_code == 200 and r.json()["refresh_token"]


async def test_logout_revokes_refresh_token(client, session):
    user = await make_user(session)
    pair = (await login(client, user.email)).json()
    r = await client.post("/auth/logout", json={"refresh_token": pair["refresh_token"]})
    assert r.status_code == 204 and r.content == b""
    assert_401(await client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]}))
    # Logging out again, or with an unknown token, reveals nothing.
    assert (await client.post("/auth/logout", json={"refresh_token": pair["refresh_token"]})).status_code == 204
    assert (await client.post("/auth/logout", json={"refresh_token": "nope"})).status_code == 204


async def test_logout_of_rotated_token_revokes_the_current_one(client, session):
    user = await make_user(session)
    first = (await login(client, user.email)).json()
    second = (await client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})).json()
    assert (await client.post("/auth/logout", json={"refresh_token": second["refresh_token"]})).status_code == 204
    assert_401(await client.post("/auth/refresh", json={"refresh_token": second["refresh_token"]}))


async def test_expired_refresh_token_401(client, session):
    from sqlalchemy import update

    from crm.auth.models import RefreshToken

    user = await make_user(session)
    pair = (await login(client, user.email)).json()
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user.id)
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    await session.commit()
    body = assert_401(await client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]}))
    assert body["detail"] == "Refresh token expired."


async def test_unknown_refresh_token_401(client):
    body = assert_401(await client.post("/auth/refresh", json={"refresh_token": "x" * 43}))
    assert body["detail"] == "Invalid refresh token."


@pytest.mark.parametrize(
    "payload,loc",
    [
        ({"refresh_token": "abc", "user_id": "x"}, ["body", "user_id"]),
        ({}, ["body", "refresh_token"]),
        ({"refresh_token": ""}, ["body", "refresh_token"]),
        ({"refresh_token": 12}, ["body", "refresh_token"]),
    ],
)
@pytest.mark.parametrize("path", ["/auth/refresh", "/auth/logout"])
async def test_refresh_body_validation_422(client, path, payload, loc):
    assert_problem(await client.post(path, json=payload), 422, loc=loc)


# --- deactivation ---


async def test_deactivated_user_tokens_stop_working_at_once(client, session):
    admin = await make_user(session, role="admin")
    user = await make_user(session)
    pair = (await login(client, user.email)).json()
    bearer = {"Authorization": f"Bearer {pair['access_token']}"}
    assert (await client.get("/users/me", headers=bearer)).status_code == 200

    r = await client.post(f"/users/{user.id}/deactivate", headers=auth(admin))
    assert r.status_code == 200 and r.json()["is_active"] is False

    assert_401(await client.get("/users/me", headers=bearer))
    assert_401(await client.get("/customers", headers=bearer))
    assert_401(await client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]}))
    assert_401(await login(client, user.email))


@pytest.mark.parametrize("line_up", [False, True])
async def test_concurrent_refresh_with_one_token_only_one_wins(client, session, monkeypatch, line_up):
    """Two refreshes racing with one token: one wins, the other counts as a replay and kills the family.

    With `line_up`, both requests are held until each has read the token as unused, so the loser is
    caught by the compare-and-set rather than by the first read.
    """
    import asyncio

    from crm.users import service as users_service

    if line_up:
        barrier = asyncio.Barrier(2)
        get_active = users_service.get_active

        async def lined_up(*args):
            await asyncio.wait_for(barrier.wait(), 5)
            return await get_active(*args)

        monkeypatch.setattr(users_service, "get_active", lined_up)
    user = await make_user(session)
    pair = (await login(client, user.email)).json()
    rs = await asyncio.wait_for(
        asyncio.gather(
            *[client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]}) for _ in range(2)]
        ),
        8,
    )
    assert sorted(r.status_code for r in rs) == [200, 401], [r.text for r in rs]
    monkeypatch.undo()
    winner = next(r for r in rs if r.status_code == 200).json()
    assert_401(next(r for r in rs if r.status_code == 401))
    # The loser looked like a replay, so the family is gone, including the winner's new token.
    assert_401(await client.post("/auth/refresh", json={"refresh_token": winner["refresh_token"]}))
