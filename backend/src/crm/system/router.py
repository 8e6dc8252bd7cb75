from __future__ import annotations

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel
from sqlalchemy import text

from crm.core.errors import responses
from crm.db import get_engine

router = APIRouter(tags=["system"])


class Health(BaseModel):
    status: str


@router.get("/health", operation_id="system_health", response_model=Health)
async def health() -> Health:
    """The process is up (no database call: the bare reference for benchmarks)."""
    return Health(status="ok")


@router.get("/ready", operation_id="system_ready", response_model=Health, responses=responses(503))
async def ready(response: Response) -> Health:
    """The database answers."""
    try:
        async with get_engine().connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception:
        response.status_code = 503
        return Health(status="unavailable")
    return Health(status="ok")


metrics_router = APIRouter()


@metrics_router.get("/metrics", include_in_schema=False)
async def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
