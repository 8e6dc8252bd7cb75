"""RFC 9457 problem details: a small exception tree rendered by one set of handlers."""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("crm.errors")

PROBLEM_JSON = "application/problem+json"


class ProblemResponse(Response):
    media_type = PROBLEM_JSON

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


class ValidationItem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    request_id: str | None = None
    errors: list[ValidationItem] | None = None


class AppError(Exception):
    status: int = 400
    code: str = "bad-request"
    title: str = "Bad request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        headers: dict[str, str] | None = None,
        errors: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.headers = headers or {}
        self.errors = errors


class NotFound(AppError):
    status, code, title = 404, "not-found", "Not found"


class Unauthorized(AppError):
    status, code, title = 401, "unauthorized", "Not authenticated"

    def __init__(self, detail: str | None = None, **kw: Any) -> None:
        super().__init__(detail, **kw)
        self.headers.setdefault("WWW-Authenticate", "Bearer")


class Forbidden(AppError):
    status, code, title = 403, "forbidden", "Forbidden"


class Conflict(AppError):
    status, code, title = 409, "conflict", "Conflict"


class PreconditionFailed(AppError):
    status, code, title = 412, "precondition-failed", "Precondition failed"


class PayloadTooLarge(AppError):
    status, code, title = 413, "payload-too-large", "Payload too large"


class Invalid(AppError):
    """A domain validation error; `errors` carry the offending locations like Pydantic's."""

    status, code, title = 422, "validation-error", "Validation error"

    @classmethod
    def at(cls, loc: list[str | int], msg: str, type_: str = "value_error") -> Invalid:
        return cls(msg, errors=[{"loc": loc, "msg": msg, "type": type_}])


class Gone(AppError):
    status, code, title = 410, "gone", "Gone"


class TooManyRequests(AppError):
    status, code, title = 429, "rate-limited", "Too many requests"


def problem_response(
    request: Request,
    status: int,
    title: str,
    detail: str | None = None,
    *,
    code: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> ProblemResponse:
    body: dict[str, Any] = {
        "type": f"https://crm.example/problems/{code}" if code else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "request_id": getattr(request.state, "request_id", None),
    }
    if errors is not None:
        body["errors"] = errors
    return ProblemResponse(body, status_code=status, headers=headers)


def _clean_loc(loc: Any) -> list[str | int]:
    return [p if isinstance(p, int) else str(p) for p in loc]


def _validation_items(exc: RequestValidationError) -> list[dict[str, Any]]:
    items = []
    for err in exc.errors():
        msg = err.get("msg", "Invalid value")
        items.append({"loc": _clean_loc(err.get("loc", ())), "msg": msg, "type": err.get("type", "value_error")})
    return items


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(request: Request, exc: AppError) -> ProblemResponse:
        return problem_response(
            request, exc.status, exc.title, exc.detail, code=exc.code, errors=exc.errors, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> ProblemResponse:
        return problem_response(
            request,
            422,
            "Validation error",
            "The request is not valid.",
            code="validation-error",
            errors=_validation_items(exc),
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> ProblemResponse:
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # Bytes that aren't UTF-8 JSON are invalid input like any other: 422, not a bare 400.
            return problem_response(
                request,
                422,
                "Validation error",
                "The body is not valid JSON.",
                code="validation-error",
                errors=[{"loc": ["body"], "msg": "Body is not valid JSON", "type": "json_invalid"}],
            )
        if exc.status_code == 405:
            methods = allowed_methods(request.app, request.url.path)
            return problem_response(request, 405, "Method Not Allowed", None, headers={"Allow": ", ".join(methods)})
        title = HTTPStatus(exc.status_code).phrase if exc.status_code in HTTPStatus._value2member_map_ else "Error"
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != title else None
        return problem_response(request, exc.status_code, title, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> ProblemResponse:
        # A unique or foreign key constraint lost a race that the service's own checks missed.
        return problem_response(
            request, 409, "Conflict", "The change conflicts with existing data. Reload and retry.", code="conflict"
        )

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> ProblemResponse:
        # The version-checked UPDATE matched nothing: someone else changed the record first.
        return problem_response(
            request,
            412,
            "Precondition failed",
            "The record was changed by someone else. Reload and try again.",
            code="precondition-failed",
        )

    @app.exception_handler(Exception)
    async def _unhandled(request: Request, exc: Exception) -> ProblemResponse:
        log.exception("unhandled error", extra={"request_id": getattr(request.state, "request_id", None)})
        return problem_response(
            request,
            500,
            "Internal server error",
            "An unexpected error occurred. Quote the request id when reporting it.",
            code="internal",
        )


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """Declares problem responses for OpenAPI so the contract lists them (see `problem_openapi`)."""
    return {c: {"model": Problem, "description": HTTPStatus(c).phrase} for c in codes}


def allowed_methods(app: Any, path: str) -> list[str]:
    """The methods the contract lists for this path (FastAPI keeps one route per method, so
    Starlette's own 405 names only the first)."""
    table = getattr(app.state, "allowed_methods", None)
    if table is None:
        table = [
            (re.compile("^" + re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(p)) + "$"), sorted(m.upper() for m in ops))
            for p, ops in app.openapi()["paths"].items()
        ]
        app.state.allowed_methods = table
    return next((methods for pattern, methods in table if pattern.match(path)), [])


def problem_openapi(spec: dict[str, Any]) -> dict[str, Any]:
    """Makes the document say what the API does: every error is problem+json, and the errors any
    operation can meet (429 rate limit, 413 body cap, 503 database down) are listed everywhere."""
    ref = {"$ref": "#/components/schemas/Problem"}
    schemas = spec.get("components", {}).get("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    for path, ops in spec.get("paths", {}).items():
        for op in ops.values():
            resp = op.setdefault("responses", {})
            extra = {}
            if not path.endswith(("/health", "/ready")):
                extra["503"] = "Service Unavailable"
            if op.get("security"):
                extra["429"] = "Too Many Requests"
            if "requestBody" in op:
                extra["413"] = "Content Too Large"
            if op.get("parameters") or "requestBody" in op:
                extra["422"] = "Unprocessable Entity"
            for code, text in extra.items():
                resp.setdefault(code, {"description": text})
            for code, body in resp.items():
                if code[0] in "45":
                    body["content"] = {PROBLEM_JSON: {"schema": ref}}
    return spec
