"""The workloads of QUALITY.md's speed table, with real ids and deep cursors picked from the seeded data.

Each workload is a rotating list of requests (different records, different search terms), so no
single cached row or plan flatters the figures.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import orjson

from crm.core.listing import encode_cursor

DEEP_PAGE = 10_000
PAGE = 50


@dataclass
class Workload:
    name: str
    target: str
    requests: list[tuple[str, str, bytes | None]]  # (method, path, JSON body)
    kind: str = "read"  # read | write | reference
    # Which QUALITY.md bound applies: ("p99", ms), ("p95", ms), ("ratio", fraction of health) …
    bounds: list[tuple[str, float]] = field(default_factory=list)

    def lua_lines(self) -> str:
        return "".join(f"{m}\t{p}\t{(b or b'').decode()}\n" for m, p, b in self.requests)


async def _deep_cursor(conn: Any, table: str, rows: int) -> tuple[str, int]:
    """The cursor `next_cursor` would hold after `rows` rows of the default sort (-created_at)."""
    depth = min(DEEP_PAGE * PAGE, max(PAGE, rows // 2))
    row = await conn.fetchrow(
        f"SELECT created_at, id FROM {table} WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC "
        "OFFSET $1 LIMIT 1",
        depth - 1,
    )
    return encode_cursor([row["created_at"].isoformat(), str(row["id"])]), depth // PAGE


def _typo(rng: random.Random, word: str) -> str:
    """Swap two neighbouring letters (or drop one): the slip people make typing a name."""
    if len(word) < 3:
        return word
    i = rng.randrange(1, len(word) - 1)
    if rng.random() < 0.5:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i + 1 :]


async def build(conn: Any, seed: int = 1) -> list[Workload]:
    rng = random.Random(seed)
    api = "/api/v1"
    counts = {t: await conn.fetchval(f"SELECT count(*) FROM {t}") for t in ("customer", "lead", "deal")}

    # The same sample for the same data: a check that passed once passes again.
    await conn.execute(f"SELECT setseed({(seed % 1000) / 1000})")

    async def sample(sql: str, n: int = 200) -> list[Any]:
        return list(await conn.fetch(f"{sql} ORDER BY random() LIMIT {n}"))

    customers = await sample("SELECT id FROM customer WHERE deleted_at IS NULL")
    companies = await sample("SELECT id FROM customer WHERE type = 'company' AND deleted_at IS NULL")
    leads = await sample("SELECT id FROM lead WHERE deleted_at IS NULL")
    deals = await sample("SELECT id FROM deal WHERE deleted_at IS NULL")
    people = await sample("SELECT first_name, last_name, primary_email FROM customer WHERE type = 'person'", 60)
    open_deals = await sample(
        "SELECT d.id, d.pipeline_id FROM deal d WHERE d.status = 'open' AND d.deleted_at IS NULL", 2000
    )
    stages = await conn.fetch("SELECT id, pipeline_id FROM stage WHERE kind = 'open' AND archived_at IS NULL")
    open_stages: dict[Any, list[Any]] = {}
    for s in stages:
        open_stages.setdefault(s["pipeline_id"], []).append(s["id"])
    owners = await conn.fetch("SELECT id FROM user_account WHERE role = 'sales' LIMIT 50")

    out = [Workload("health (reference)", "reference", [("GET", f"{api}/health", None)], kind="reference")]
    for table, path in (("customer", "customers"), ("lead", "leads"), ("deal", "deals")):
        out.append(
            Workload(
                f"list {path}, first page",
                "p99 < 30 ms",
                [("GET", f"{api}/{path}?limit={PAGE}", None)],
                bounds=[("p99", 30), ("ratio", 0.4)],
            )
        )
        cursor, page = await _deep_cursor(conn, table, counts[table])
        out.append(
            Workload(
                f"list {path}, page {page:,}",
                "p99 < 30 ms, <= 1.5x first page",
                [("GET", f"{api}/{path}?limit={PAGE}&cursor={cursor}", None)],
                bounds=[("p99", 30), ("deep", 1.5), ("ratio", 0.4)],
            )
        )
    out.append(
        Workload(
            "leads by status sorted by score",
            "p99 < 30 ms",
            [
                ("GET", f"{api}/leads?status={s}&sort=-score&limit={PAGE}", None)
                for s in ("new", "contacted", "qualified")
            ],
            bounds=[("p99", 30), ("ratio", 0.4)],
        )
    )
    queries = []
    for p in people:
        words = [w for w in ((p["first_name"] or ""), (p["last_name"] or "")) if w]
        queries.append(" ".join(_typo(rng, w) if len(w) > 3 else w for w in words))
        if p["primary_email"]:
            queries.append(p["primary_email"].split("@")[0][: max(4, len(p["primary_email"]) // 3)])
    out.append(
        Workload(
            "fuzzy search customers (typo / partial email)",
            "p95 < 50 ms",
            [("GET", f"{api}/customers?q={_quote(q)}&limit=20", None) for q in queries if q.strip()],
            bounds=[("p95", 50)],
        )
    )
    for what, rows in (("customer", customers), ("lead", leads), ("deal", deals)):
        out.append(
            Workload(
                f"get one {what}",
                "p99 < 20 ms",
                [("GET", f"{api}/{what}s/{r['id']}", None) for r in rows],
                bounds=[("p99", 20)],
            )
        )
    out.append(
        Workload(
            "customer timeline (50 newest)",
            "p99 < 40 ms",
            [("GET", f"{api}/customers/{r['id']}/timeline?limit=50", None) for r in companies],
            bounds=[("p99", 40)],
        )
    )
    lead_bodies = []
    for i in range(300):
        body = {
            "first_name": rng.choice(["Mina", "Jonas", "Aiko", "Omar", "Claire", "Ethan"]),
            "last_name": f"Bench{i}",
            "company_name": f"Bench Co {i}",
            "emails": [{"label": "work", "value": f"bench{i}.{rng.randrange(10**9)}@bench.example.com"}],
            "source": rng.choice(["web_form", "referral", "ads", "event"]),
            "country": rng.choice(["KR", "JP", "US", "DE"]),
            "company_size": rng.choice([5, 40, 120, 800]),
            "owner_id": str(rng.choice(owners)["id"]),
        }
        lead_bodies.append(("POST", f"{api}/leads", orjson.dumps(body)))
    out.append(Workload("create lead", "p99 < 40 ms", lead_bodies, kind="write", bounds=[("p99", 40)]))
    moves = []
    for d in open_deals:
        choices = open_stages.get(d["pipeline_id"]) or []
        if choices:
            moves.append(("POST", f"{api}/deals/{d['id']}/move", orjson.dumps({"stage_id": str(rng.choice(choices))})))
    out.append(Workload("move deal to another stage", "p99 < 40 ms", moves, kind="write", bounds=[("p99", 40)]))
    pipelines = list(open_stages)
    out.append(
        Workload(
            "pipeline board (deals per stage)",
            "< 150 ms",
            [("GET", f"{api}/deals/board?pipeline_id={p}", None) for p in pipelines],
            bounds=[("p99", 150)],
        )
    )
    out.append(
        Workload(
            "lost-reasons report over all deals",
            "< 150 ms",
            [("GET", f"{api}/reports/lost-reasons", None)],
            bounds=[("p99", 150)],
        )
    )
    return out


def _quote(q: str) -> str:
    from urllib.parse import quote

    return quote(q, safe="")
