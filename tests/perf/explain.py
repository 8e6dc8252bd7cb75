"""EXPLAIN every query the workloads read with, and name each sequential scan of a large table.

The queries are the app's own: each workload's first requests go through the real app in this
process, every SELECT it sends is captured with its parameters, and PostgreSQL plans it as it
would for the server (same statistics, same pg_trgm threshold, and the settings the app itself
changes for a transaction: a search turns `enable_seqscan` off for its LIMITed candidate queries).
Nothing else forces the planner's hand: a sequential scan it picks on realistic data, or one it
falls back to because no index serves a condition, is a real finding.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import event

from tests.perf.workloads import Workload

# Below this many rows a sequential scan is what an index would cost anyway.
LARGE_ROWS = 2000
REQUESTS_PER_WORKLOAD = 3
# Writes run for real (a few leads created, deals moved), so only a few; what they read on the way
# (a column's top rank, a duplicate check) is planned like any read.
WRITES_PER_WORKLOAD = 3


@dataclass
class Finding:
    workload: str
    request: str
    table: str
    rows: int
    statement: str


def _seq_scans(plan: Any) -> list[str]:
    found = []
    stack = [plan]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("Node Type") == "Seq Scan":
                found.append(node.get("Relation Name", "?"))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


async def check(
    raw: Any,
    workloads: list[Workload],
    token: str,
    large_rows: int = LARGE_ROWS,
    per_workload: int = REQUESTS_PER_WORKLOAD,
) -> tuple[list[Finding], int]:
    """Runs the workloads (the reads, and a few of each write) in-process against the database
    the app is configured for and EXPLAINs what they read on `raw` (an asyncpg connection to the
    same database).
    Returns the findings and how many statements were planned."""
    from crm.db import get_engine
    from crm.main import create_app

    sizes = {
        r["relname"]: int(r["reltuples"])
        for r in await raw.fetch("SELECT relname, reltuples FROM pg_class WHERE relkind = 'r'")
    }
    captured: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            captured.append((statement, parameters))

    engine = get_engine()
    event.listen(engine.sync_engine, "before_cursor_execute", capture)
    findings: list[Finding] = []
    planned = 0
    transport = httpx.ASGITransport(app=create_app(), client=("127.0.0.1", 5000))
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    await raw.execute("SET pg_trgm.word_similarity_threshold = 0.3")
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for w in workloads:
                if w.kind == "reference":
                    continue
                count = per_workload if w.kind == "read" else min(per_workload, WRITES_PER_WORKLOAD)
                for method, path, body in w.requests[:count]:
                    captured.clear()
                    r = await client.request(method, path, content=body, headers=headers)
                    if r.status_code >= 400:
                        raise AssertionError(f"{w.name}: {method} {path} -> {r.status_code} {r.text[:300]}")
                    # One transaction per request, as the app has: a setting it changes for
                    # its transaction (set_config(…, true)) holds for the statements after it.
                    async with raw.transaction():
                        for statement, params in list(captured):
                            if "set_config(" in statement:
                                await raw.fetchval(statement, *(params or ()))
                                continue
                            plan = json.loads(await raw.fetchval("EXPLAIN (FORMAT JSON) " + statement, *(params or ())))
                            planned += 1
                            for table in _seq_scans(plan):
                                if sizes.get(table, 0) >= large_rows:
                                    findings.append(
                                        Finding(w.name, path, table, sizes[table], " ".join(statement.split())[:400])
                                    )
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", capture)
    return findings, planned
