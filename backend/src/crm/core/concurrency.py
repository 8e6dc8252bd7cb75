"""Optimistic concurrency (ETag / If-Match) and Idempotency-Key replay."""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from fastapi import Response
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crm.core.errors import PreconditionFailed
from crm.core.models import IdempotencyKey
from crm.core.security import decode_access_token, hash_token
from crm.db import get_sessionmaker
from crm.settings import get_settings

log = logging.getLogger("crm.idempotency")
CallerCheck = Callable[[AsyncSession, str], Awaitable[bool]]


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


def check_if_match(if_match: str | None, version: int) -> None:
    """A stale `If-Match` is a 412 and nothing changes; no header means last write wins."""
    if if_match is None:
        return
    candidates = [c.strip() for c in if_match.split(",")]
    if "*" in candidates:
        return
    for c in candidates:
        c = c.removeprefix("W/").strip('"')
        if c == str(version):
            return
    raise PreconditionFailed(f"The record has changed (current version {version}). Reload and try again.")


def _caller_scope(headers: dict[bytes, bytes]) -> str | None:
    auth = headers.get(b"authorization", b"").decode("latin-1")
    if not auth.lower().startswith("bearer "):
        return None
    token = auth[7:].strip()
    if token.startswith("crm_"):
        return "key:" + hash_token(token)
    try:
        return "user:" + str(decode_access_token(token))
    except Exception:
        return None


class IdempotencyMiddleware:
    """Replays the stored response of a POST retried with the same `Idempotency-Key`.

    The key is reserved (a row with no status) before the request runs, so two concurrent
    retries can't both create; a failed request (5xx) releases the key for another try.
    """

    def __init__(self, app: ASGIApp, caller_active: CallerCheck | None = None) -> None:
        self.app = app
        # Replays skip the app, so the caller's account/key is re-checked here (deactivated -> no replay).
        self.caller_active = caller_active

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        key = headers.get(b"idempotency-key")
        caller = _caller_scope(headers) if key else None
        if not key or not caller:
            await self.app(scope, receive, send)
            return
        if len(key) > 255:
            await _problem(send, 422, "Validation error", "Idempotency-Key is longer than 255 characters.")
            return

        # Uploads can be large: the body is hashed as it arrives and kept on disk past 1 MB.
        body = tempfile.SpooledTemporaryFile(max_size=1 << 20)  # noqa: SIM115 (closed in finally)
        try:
            await self._handle(scope, receive, send, key, caller, body)
        finally:
            body.close()

    async def _handle(self, scope: Scope, receive: Receive, send: Send, key: bytes, caller: str, body: Any) -> None:
        digest = hashlib.sha256(scope["path"].encode() + b"\n")
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            digest.update(chunk)
            body.write(chunk)
            more = message.get("more_body", False)
        body.seek(0)
        scope_hash = hashlib.sha256(f"{caller}\n{key.decode('latin-1')}".encode()).hexdigest()
        body_hash = digest.hexdigest()

        maker = get_sessionmaker()
        ttl = timedelta(hours=get_settings().idempotency_ttl_hours)
        async with maker() as session:
            row = await session.get(IdempotencyKey, scope_hash)
            if row is not None and row.created_at < datetime.now(UTC) - ttl:
                await session.delete(row)
                await session.commit()
                row = None
            if row is not None and self.caller_active and not await self.caller_active(session, caller):
                row = None
                await self.app(scope, _replay_body(body, receive), send)
                return
            if row is not None:
                if row.body_hash != body_hash:
                    await _problem(
                        send, 422, "Validation error", "This Idempotency-Key was used with a different request body."
                    )
                    return
                if row.status is None:
                    await _problem(send, 409, "Conflict", "A request with this Idempotency-Key is in progress.")
                    return
                await _replay(send, row)
                return
            session.add(IdempotencyKey(scope_hash=scope_hash, method="POST", path=scope["path"], body_hash=body_hash))
            try:
                await session.commit()
            except IntegrityError:
                await _problem(send, 409, "Conflict", "A request with this Idempotency-Key is in progress.")
                return

        replay_receive = _replay_body(body, receive)
        captured: dict[str, Any] = {"status": 500, "headers": [], "body": b""}

        async def capture_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["headers"] = message.get("headers", [])
            elif message["type"] == "http.response.body":
                captured["body"] += message.get("body", b"")
            await send(message)

        try:
            await self.app(scope, replay_receive, capture_send)
        finally:
            async with maker() as session:
                if captured["status"] >= 500:
                    await session.execute(delete(IdempotencyKey).where(IdempotencyKey.scope_hash == scope_hash))
                else:
                    row = (
                        await session.execute(select(IdempotencyKey).where(IdempotencyKey.scope_hash == scope_hash))
                    ).scalar_one_or_none()
                    if row is not None:
                        keep = {b"content-type", b"location", b"etag"}
                        row.status = captured["status"]
                        row.response_body = captured["body"]
                        row.response_headers = {
                            k.decode(): v.decode("latin-1") for k, v in captured["headers"] if k.lower() in keep
                        }
                await session.commit()


def _replay_body(body: Any, receive: Receive) -> Receive:
    """The buffered body again, in chunks, then whatever the client sends next (a disconnect)."""
    body.seek(0, 2)
    remaining = body.tell()
    body.seek(0)
    done = False

    async def inner() -> Message:
        nonlocal done, remaining
        if not done:
            chunk = body.read(min(remaining, 1 << 20))
            remaining -= len(chunk)
            done = remaining <= 0 or not chunk
            return {"type": "http.request", "body": chunk, "more_body": not done}
        return await receive()

    return inner


async def _replay(send: Send, row: IdempotencyKey) -> None:
    headers = [(k.encode(), v.encode("latin-1")) for k, v in (row.response_headers or {}).items()]
    headers.append((b"idempotent-replayed", b"true"))
    await send({"type": "http.response.start", "status": row.status, "headers": headers})
    await send({"type": "http.response.body", "body": row.response_body or b""})


async def _problem(send: Send, status: int, title: str, detail: str) -> None:
    body = orjson.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail})
    await send(
        {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/problem+json")]}
    )
    await send({"type": "http.response.body", "body": body})
