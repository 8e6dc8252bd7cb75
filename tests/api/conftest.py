"""Backend test harness: one migrated database per run (SQLite or PostgreSQL), emptied after each test.

Tests go through the real app (httpx + ASGITransport) and the real commit boundary, so a test
sees exactly what a client would. Tables are emptied after each test rather than rolled back:
concurrency tests need real commits from several sessions.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

BACKEND = os.environ.get("CRM_TEST_DATABASE", "sqlite")
PG_ADMIN_URL = os.environ.get("CRM_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")


@pytest.fixture(scope="session", autouse=True)
def database() -> Iterator[str]:
    tmp = Path(tempfile.mkdtemp(prefix="crm-test-"))
    os.environ["CRM_ENV"] = "test"
    os.environ["CRM_DATA_DIR"] = str(tmp)
    os.environ["CRM_SECRET_KEY"] = "test-secret-" + "x" * 40
    os.environ["CRM_LOGIN_RATE_LIMIT"] = "5/minute"
    os.environ["CRM_API_RATE_LIMIT"] = "100000/minute"
    os.environ["CRM_FRONTEND_DIST"] = str(tmp / "dist")
    if BACKEND == "postgresql":
        name = f"crm_test_{uuid.uuid4().hex[:12]}"
        _pg_admin(f"CREATE DATABASE {name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0")
        url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
        os.environ["CRM_DATABASE_URL"] = url
    else:
        name = None
        os.environ["CRM_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp / 'test.sqlite3'}"
    from crm.settings import get_settings

    get_settings.cache_clear()
    from crm.cli import run_migrations

    run_migrations()
    try:
        yield BACKEND
    finally:
        if name:
            _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _pg_admin(sql: str) -> None:
    import asyncio

    import asyncpg

    async def run() -> None:
        conn = await asyncpg.connect(PG_ADMIN_URL)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run())


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(collector: Any, name: str, obj: Any) -> None:
    """Every `async def test_*` runs under anyio, before parametrization sees it."""
    import inspect

    if inspect.iscoroutinefunction(obj) and name.startswith("test"):
        pytest.mark.anyio(obj)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
async def _clean(database: str) -> AsyncIterator[None]:
    yield
    from crm.core import ratelimit
    from crm.db import dispose_engine, get_engine
    from crm.models import metadata

    tables = [t for t in reversed(metadata.sorted_tables) if t.name != "alembic_version"]
    async with get_engine().begin() as conn:
        if conn.dialect.name == "postgresql":
            # One round trip for all the DELETEs (TRUNCATE is slower on mostly empty tables):
            # the teardown is most of a small test's time.
            raw = (await conn.get_raw_connection()).driver_connection
            await raw.execute("; ".join(f'DELETE FROM "{t.name}"' for t in tables))
        else:
            for table in tables:
                await conn.execute(table.delete())
    await ratelimit.reset()
    await dispose_engine()


@pytest.fixture
async def session() -> AsyncIterator[Any]:
    from crm.db import get_sessionmaker

    async with get_sessionmaker()() as s:
        yield s


@pytest.fixture
def app() -> Any:
    from crm.main import create_app

    return create_app()


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("10.1.2.3", 5000), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test/api/v1") as c:
        yield c
