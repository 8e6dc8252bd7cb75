"""`make perf-check`: dataset S in a fresh PostgreSQL database, then EXPLAIN of every workload's reads.

S (10k customers, 10k leads, 3k deals, 30k interactions) seeds in seconds with COPY and is large
enough that the planner prefers an index wherever one fits: a sequential scan it still picks on a
table of 5,000+ rows means a list, search, get, timeline or report path has no usable index.
The deal table (3,000 rows at S) is below that line on purpose: a board column holding a third
of it (the lost deals) is honestly cheaper to read in one pass there. Fuzzy search is left to
`make bench` too: at 10k customers the planner reads the whole table for a common name or a short
partial e-mail rather than recheck a large share of it through the trigram index, while at M and L
every one of the search workload's queries uses that index (checked there, 20 requests a workload,
against a 2,000-row line).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from datetime import date

from tests.perf import pg

S_LARGE_ROWS = 5000
PG_ADMIN = os.environ.get("CRM_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")


def test_no_sequential_scan_of_a_large_table_on_dataset_s() -> None:
    name = f"crm_perf_{uuid.uuid4().hex[:10]}"
    url = pg.database_url(PG_ADMIN, name)
    os.environ.update(
        {
            "CRM_ENV": "test",
            "CRM_DATABASE_URL": url,
            "CRM_DATA_DIR": tempfile.mkdtemp(prefix="crm-perf-"),
            "CRM_SECRET_KEY": "perf-secret-" + "x" * 40,
            "CRM_API_RATE_LIMIT": "100000/minute",
        }
    )
    asyncio.run(pg.admin(PG_ADMIN, pg.CREATE.format(name)))
    try:
        from crm.settings import get_settings

        get_settings.cache_clear()
        from crm.cli import run_migrations

        run_migrations()
        findings, planned = asyncio.run(_seed_and_explain(url))
    finally:
        asyncio.run(pg.admin(PG_ADMIN, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    assert planned > 50
    assert not findings, "\n".join(
        f"{f.request}: seq scan of {f.table} ({f.rows} rows): {f.statement}" for f in findings
    )


async def _seed_and_explain(url: str) -> tuple[list, int]:
    import asyncpg

    from crm.core.security import create_access_token
    from crm.datasets.seed import seed
    from crm.db import dispose_engine
    from tests.perf import explain, workloads

    await seed("S", 42, date(2026, 6, 1))
    await dispose_engine()
    raw = await asyncpg.connect(url)
    try:
        built = [w for w in await workloads.build(raw) if not w.name.startswith("fuzzy search")]
        admin = await raw.fetchval("SELECT id FROM user_account WHERE role = 'admin' LIMIT 1")
        token, _ = create_access_token(admin)
        return await explain.check(raw, built, token, S_LARGE_ROWS)
    finally:
        await raw.close()
        await dispose_engine()
