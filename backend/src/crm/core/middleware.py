"""Request id, security headers, body-size cap, metrics and access logs: pure ASGI, cheap per request."""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

import orjson
from prometheus_client import Counter, Histogram
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("crm.access")

REQUESTS = Counter("crm_http_requests_total", "HTTP requests", ["method", "route", "status"])
LATENCY = Histogram(
    "crm_http_request_duration_seconds",
    "HTTP request latency",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)

_REQUEST_ID_OK = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
API_CSP = b"default-src 'none'; frame-ancestors 'none'"
SPA_CSP = (
    b"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    b"script-src 'self'; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; "
    b"base-uri 'self'; form-action 'self'"
)


class RequestContextMiddleware:
    """Assigns `X-Request-ID` (echoing a sane client one), adds security headers, logs and measures."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _REQUEST_ID_OK.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        start = time.perf_counter()
        status_holder = {"status": 500}
        path: str = scope["path"]
        is_api = path.startswith("/api/") or path == "/metrics"

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers.append((b"x-request-id", request_id.encode()))
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in names)
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", API_CSP if is_api else SPA_CSP))
                if is_api and b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            elapsed = time.perf_counter() - start
            route = scope.get("route")
            route_path = getattr(route, "path", "unmatched") if route else "unmatched"
            REQUESTS.labels(scope["method"], route_path, str(status_holder["status"])).inc()
            LATENCY.labels(scope["method"], route_path).observe(elapsed)
            if is_api:
                log.info(
                    "request",
                    extra={
                        "request_id": request_id,
                        "method": scope["method"],
                        "path": path,
                        "status": status_holder["status"],
                        "ms": round(elapsed * 1000, 1),
                    },
                )


class BodySizeLimitMiddleware:
    """413 for bodies over the cap, whether announced by Content-Length or streamed."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        upload_max_bytes: int,
        upload_paths: str = r"^/api/v1/(documents|documents/[^/]+/versions|interactions/emails)$",
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_max_bytes = upload_max_bytes
        self.upload_paths = re.compile(upload_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit = self.upload_max_bytes if self.upload_paths.match(scope["path"]) else self.max_bytes
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > limit
            except ValueError:
                too_big = False
            if too_big:
                await _too_large(scope, send, limit)
                return
        received = 0
        response_started = False
        refused = False

        async def limited_receive() -> Message:
            nonlocal received, refused, response_started
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Answer now and tell the app the client went away, so it stops reading.
                    refused = True
                    if not response_started:
                        response_started = True
                        await _too_large(scope, send, limit)
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if refused:
                return
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except Exception:
            if not refused:
                raise


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    body = orjson.dumps(
        {
            "type": "https://crm.example/problems/payload-too-large",
            "title": "Payload too large",
            "status": 413,
            "detail": f"The request body exceeds {limit} bytes.",
            "instance": scope["path"],
            "request_id": scope.get("state", {}).get("request_id"),
        }
    )
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/problem+json"), (b"connection", b"close")],
        }
    )
    await send({"type": "http.response.body", "body": body})


class AppCORSMiddleware(CORSMiddleware):
    """The app's CORS allow-list, except on public web-form endpoints, which answer for their own
    per-form origins (an allow-list here would turn those preflights into 400s)."""

    def __init__(self, app: ASGIApp, *, skip_prefixes: tuple[str, ...] = ("/api/v1/public/forms/",), **kw: Any) -> None:
        super().__init__(app, **kw)
        self._inner = app
        self._skip = skip_prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self._skip):
            await self._inner(scope, receive, send)
            return
        await super().__call__(scope, receive, send)
