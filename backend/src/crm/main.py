"""create_app(): routers, middleware, error handlers and the built SPA."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse
from sqlalchemy.exc import DBAPIError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from crm.access.router import router as access_router
from crm.api_keys.router import router as api_keys_router
from crm.auth import service as auth_service
from crm.auth.router import router as auth_router
from crm.calendar.router import public_router as public_calendar_router
from crm.calendar.router import router as calendar_router
from crm.comments.router import router as comments_router
from crm.core.concurrency import IdempotencyMiddleware
from crm.core.errors import ProblemResponse, allowed_methods, install_error_handlers, problem_openapi, problem_response
from crm.core.middleware import AppCORSMiddleware, BodySizeLimitMiddleware, RequestContextMiddleware
from crm.custom_fields.router import router as custom_fields_router
from crm.customers.router import router as customers_router
from crm.db import dispose_engine
from crm.deals.lost_reasons_router import router as lost_reasons_router
from crm.deals.router import router as deals_router
from crm.documents.router import public_router as public_shares_router
from crm.documents.router import router as documents_router
from crm.exchange_rates.router import router as exchange_rates_router
from crm.interactions.router import router as interactions_router
from crm.interactions.router import timeline_router
from crm.leads.forms_router import public_router as public_forms_router
from crm.leads.forms_router import router as web_forms_router
from crm.leads.router import router as leads_router
from crm.leads.rules_router import assignment_router, scoring_router
from crm.notifications.router import mailbox_router
from crm.notifications.router import router as notifications_router
from crm.pipelines.router import router as pipelines_router
from crm.products.router import router as products_router
from crm.quotes.router import lines_router as deal_lines_router
from crm.quotes.router import public_router as public_quotes_router
from crm.quotes.router import router as quotes_router
from crm.reminders.router import router as reminder_rules_router
from crm.reports.router import router as reports_router
from crm.settings import get_settings
from crm.stream.router import router as stream_router
from crm.system.router import metrics_router
from crm.system.router import router as system_router
from crm.tasks.router import router as tasks_router
from crm.trash.router import router as trash_router
from crm.users.router import router as users_router

API_PREFIX = "/api/v1"
_OPENAPI: dict[str, Any] | None = None


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    stop = asyncio.Event()
    task = None
    if get_settings().embedded_worker:
        from crm.worker.service import loop

        task = asyncio.create_task(loop(stop))
    yield
    stop.set()
    if task is not None:
        await task
    await dispose_engine()


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(
        title="CRM API",
        version="1.0.0",
        description="Customers, leads, deals, interactions and documents. Conventions: see README (API).",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    install_error_handlers(app)

    @app.exception_handler(OperationalError)
    @app.exception_handler(DBAPIError)
    async def _db_down(request: Request, exc: DBAPIError) -> ProblemResponse:
        # A lost connection is the database being down or restarting: a retryable 503, not a 500.
        if isinstance(exc, OperationalError) or exc.connection_invalidated:
            return problem_response(
                request,
                503,
                "Service unavailable",
                "The database is unavailable. Retry shortly.",
                code="unavailable",
                headers={"Retry-After": "2"},
            )
        return problem_response(request, 500, "Internal server error", "An unexpected error occurred.", code="internal")

    for router in (
        system_router,
        auth_router,
        users_router,
        customers_router,
        leads_router,
        scoring_router,
        assignment_router,
        web_forms_router,
        public_forms_router,
        custom_fields_router,
        access_router,
        trash_router,
        api_keys_router,
        pipelines_router,
        deals_router,
        lost_reasons_router,
        exchange_rates_router,
        reports_router,
        products_router,
        deal_lines_router,
        quotes_router,
        public_quotes_router,
        interactions_router,
        timeline_router,
        documents_router,
        public_shares_router,
        comments_router,
        notifications_router,
        mailbox_router,
        tasks_router,
        reminder_rules_router,
        calendar_router,
        public_calendar_router,
        stream_router,
    ):
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(metrics_router)

    # Outermost last: request id wraps everything so even 413s carry it.
    app.add_middleware(IdempotencyMiddleware, caller_active=auth_service.caller_active)
    app.add_middleware(
        BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes, upload_max_bytes=settings.upload_max_bytes
    )
    if settings.cors_origins:
        app.add_middleware(
            AppCORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=False,
            allow_methods=["GET", "POST", "PATCH", "PUT", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Request-ID"],
            expose_headers=[
                "ETag",
                "Location",
                "Link",
                "X-Request-ID",
                "Retry-After",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset",
            ],
        )
    app.add_middleware(RequestContextMiddleware)
    _mount_spa(app, settings.frontend_dist)

    def openapi() -> dict[str, Any]:
        # The document depends only on the code, so every app in the process shares one.
        global _OPENAPI
        if _OPENAPI is None:
            _OPENAPI = problem_openapi(
                get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            )
        app.openapi_schema = _OPENAPI
        return _OPENAPI

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _mount_spa(app: FastAPI, dist: Path) -> None:
    """Serves the built SPA: real files as they are, any other non-API path gets index.html."""
    index = dist / "index.html"
    root = dist.resolve()

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str, request: Request) -> FileResponse:
        if path.startswith("api/") or path == "api":
            # An API path another method serves is a 405, not a 404 (this GET route caught it).
            if allowed_methods(request.app, request.url.path):
                raise StarletteHTTPException(405)
            raise StarletteHTTPException(404, "Not Found")
        if path:
            candidate = (root / path).resolve()
            if candidate.is_file() and candidate.is_relative_to(root):
                cache = "public, max-age=31536000, immutable" if path.startswith("assets/") else "no-cache"
                return FileResponse(candidate, headers={"Cache-Control": cache})
        if not index.is_file():
            raise StarletteHTTPException(404, "The web app is not built. Run `make run`.")
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
