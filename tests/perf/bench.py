"""`make bench`: the API served the production way, driven by wrk, every workload next to /health.

BENCH_SIZE=S|M|L (default M), BENCH_SECONDS per workload (default 10), BENCH_CONNECTIONS (32).
The dataset lives in its own database (crm_bench_<size>) and is seeded when missing. Output: a
table on stdout and var/bench/bench-<size>-<time>.json (and latest-<size>.json). Fails on a
sequential scan of a large table in any workload's reads (see explain.py).
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import secrets
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.perf import pg  # noqa: E402

OUT = ROOT / "var" / "bench"
SIZE = os.environ.get("BENCH_SIZE", "M").upper()
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
THREADS = min(2, CONNECTIONS)
SEED = int(os.environ.get("BENCH_SEED", "42"))
# A substring of workload names to run only those (and the reference), e.g. BENCH_ONLY=timeline.
ONLY = os.environ.get("BENCH_ONLY", "")
PG_ADMIN = os.environ.get("CRM_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
DB_NAME = f"crm_bench_{SIZE.lower()}"
DB_URL = pg.database_url(PG_ADMIN, DB_NAME)
CRM = str(Path(sys.executable).with_name("crm"))

ENV = {
    **os.environ,
    "CRM_ENV": "production",
    "CRM_DATABASE_URL": DB_URL,
    "CRM_DATA_DIR": str(OUT / "data"),
    "CRM_SECRET_KEY": os.environ.get("CRM_SECRET_KEY") or secrets.token_urlsafe(48),
    # A benchmark measures the server, not the rate limiter's refusals.
    "CRM_API_RATE_LIMIT": "100000000/minute",
    "CRM_ACCESS_TOKEN_MINUTES": "240",
    # The scaled deployment runs `crm worker` separately; the API processes serve only.
    "CRM_EMBEDDED_WORKER": "false",
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


async def _customers() -> int | None:
    import asyncpg

    try:
        conn = await asyncpg.connect(DB_URL)
    except asyncpg.InvalidCatalogNameError:
        return None
    try:
        return await conn.fetchval("SELECT count(*) FROM customer")
    except asyncpg.UndefinedTableError:
        return 0
    finally:
        await conn.close()


def prepare() -> float | None:
    """Creates, migrates and seeds the benchmark database when it is missing; the seed's seconds."""
    count = asyncio.run(_customers())
    if count is None:
        log(f"creating database {DB_NAME}")
        asyncio.run(pg.admin(PG_ADMIN, pg.CREATE.format(DB_NAME)))
    subprocess.run([CRM, "migrate"], env=ENV, check=True, stdout=subprocess.DEVNULL)
    if count:
        log(f"{DB_NAME}: {count:,} customers already there, not reseeding")
        return None
    log(f"seeding size {SIZE} into {DB_NAME} (seed {SEED})")
    started = time.perf_counter()
    subprocess.run([CRM, "seed", "--size", SIZE, "--seed", str(SEED)], env=ENV, check=True)
    return time.perf_counter() - started


def start_server() -> subprocess.Popen[bytes]:
    OUT.mkdir(parents=True, exist_ok=True)
    logfile = open(OUT / "server.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [CRM, "serve", "--host", "127.0.0.1", "--port", str(PORT), "--workers", "2"],
        env=ENV,
        stdout=logfile,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    import httpx

    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited ({proc.returncode}); see {OUT / 'server.log'}")
        try:
            if httpx.get(f"http://127.0.0.1:{PORT}/api/v1/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    stop_server(proc)
    raise SystemExit("server did not answer /api/v1/health within 60 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    # The server runs in its own session: its group is uvicorn's master and its two workers, no more.
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def wrk(requests_file: Path, token: str, seconds: int, offset: int = 0) -> dict[str, Any]:
    cmd = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(Path(__file__).with_name("requests.lua")),
        f"http://127.0.0.1:{PORT}",
        "--",
        str(requests_file),
        token,
        str(THREADS),
        str(offset - offset % THREADS),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=seconds + 30).stdout
    line = next(line for line in reversed(out.splitlines()) if line.startswith("{"))
    return json.loads(line)


async def _busy() -> int:
    import asyncpg

    conn = await asyncpg.connect(DB_URL)
    try:
        return await conn.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'crm' AND state = 'active'"
        )
    finally:
        await conn.close()


def drain(limit: float = 120.0) -> float:
    """Waits until the server has finished what wrk left in flight (wrk stops reading, the server
    does not stop working), so one workload's stragglers don't slow the next one down."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit and asyncio.run(_busy()):
        time.sleep(0.5)
    time.sleep(0.5)
    return time.perf_counter() - started


def evaluate(w: Any, row: dict[str, Any], first_p99: dict[str, float], health_rps: float) -> list[str]:
    """Each QUALITY.md bound of the workload, as 'ok …' or 'MISS …'."""
    if not row["requests"]:
        return [f"MISS none answered within {SECONDS} s"]
    verdicts = []
    for kind, bound in w.bounds:
        if kind in ("p99", "p95"):
            value = row[f"{kind}_ms"]
            verdicts.append(f"{'ok' if value < bound else 'MISS'} {kind}<{bound:g}ms")
        elif kind == "deep":
            base = first_p99.get(w.name.split(",")[0])
            if base:
                ratio = row["p99_ms"] / base
                verdicts.append(f"{'ok' if ratio <= bound else 'MISS'} deep {ratio:.2f}x")
        elif kind == "ratio" and health_rps:
            verdicts.append(f"{'ok' if row['rps'] / health_rps >= bound else 'MISS'} >={bound:.0%} of health")
    return verdicts


async def _context() -> tuple[list[Any], str]:
    import asyncpg

    from crm.core.security import create_access_token
    from tests.perf import workloads

    raw = await asyncpg.connect(DB_URL)
    try:
        built = await workloads.build(raw, SEED)
        admin = await raw.fetchval("SELECT id FROM user_account WHERE role = 'admin' ORDER BY created_at, id LIMIT 1")
    finally:
        await raw.close()
    token, _ = create_access_token(admin)
    return built, token


async def explain_all(built: list[Any], token: str) -> tuple[list[Any], int]:
    import asyncpg

    from crm.db import dispose_engine
    from tests.perf import explain

    raw = await asyncpg.connect(DB_URL)
    try:
        return await explain.check(raw, built, token, per_workload=20)
    finally:
        await raw.close()
        await dispose_engine()


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {mem:.0f} GB RAM, {platform.system()} {platform.release()}"


def main() -> int:
    for key, value in ENV.items():
        os.environ[key] = value
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (make bench installs it: apt-get install wrk)")
    seed_seconds = prepare()
    built, token = asyncio.run(_context())
    built = [w for w in built if w.kind == "reference" or ONLY.lower() in w.name.lower()]
    counts = {w.name: len(w.requests) for w in built}
    # Planned before the load: the writes below leave pages the visibility map no longer covers,
    # and until autovacuum catches up the board's totals read the deal table instead of its index.
    log("EXPLAIN of every workload's reads")
    findings, planned = asyncio.run(explain_all(built, token))
    log(f"{len(built)} workloads, {SECONDS}s each after {WARMUP}s warm-up, {CONNECTIONS} connections")
    server = start_server()
    rows: list[dict[str, Any]] = []
    try:
        for w in built:
            requests_file = OUT / f"requests-{len(rows):02d}.tsv"
            requests_file.write_text(w.lua_lines())
            if WARMUP:
                wrk(requests_file, token, WARMUP)
                drain()
            result = wrk(requests_file, token, SECONDS, offset=len(w.requests) // 2)
            drained = drain()
            seconds = result["duration_us"] / 1e6
            row = {
                "workload": w.name,
                "target": w.target,
                "kind": w.kind,
                "distinct_requests": counts[w.name],
                "requests": result["requests"],
                "rps": result["requests"] / seconds if seconds else 0.0,
                "p50_ms": result["p50_us"] / 1000,
                "p95_ms": result["p95_us"] / 1000,
                "p99_ms": result["p99_us"] / 1000,
                "errors": result["errors"] + result["non_2xx"],
                "error_statuses": result.get("statuses", {}),
                # Requests still running when wrk stopped took this long to finish on the server.
                "drain_seconds": round(drained, 1),
            }
            rows.append(row)
            log(
                f"  {w.name}: {row['rps']:.0f} req/s, p99 {row['p99_ms']:.1f} ms, "
                f"errors {row['errors']} {row['error_statuses'] or ''}"
            )
    finally:
        stop_server(server)
    health_rps = rows[0]["rps"]
    first_p99 = {r["workload"].split(",")[0]: r["p99_ms"] for r in rows if r["workload"].endswith("first page")}
    for w, row in zip(built, rows, strict=True):
        row["ratio_to_health"] = row["rps"] / health_rps if health_rps else None
        row["verdicts"] = evaluate(w, row, first_p99, health_rps)

    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "size": SIZE,
        "seconds_per_workload": SECONDS,
        "connections": CONNECTIONS,
        "server": "crm serve --workers 2, PostgreSQL on the same machine",
        "seed_seconds": seed_seconds,
        "workloads": rows,
        "explain": {"statements": planned, "seq_scans": [f.__dict__ for f in findings]},
    }
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    tag = SIZE if CONNECTIONS == 32 else f"{SIZE}-c{CONNECTIONS}"
    if ONLY:  # a partial run never stands in for the latest full table
        tag += "-only"
    for name in (f"bench-{tag}-{stamp}.json", f"latest-{tag}.json"):
        (OUT / name).write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(table(report))
    print(f"\nEXPLAIN: {planned} statements planned, {len(findings)} sequential scans of large tables")
    for f in findings:
        print(f"  SEQ SCAN {f.table} ({f.rows:,} rows) in {f.workload}: {f.statement[:200]}")
    print(f"written: {OUT / name}")
    return 1 if findings else 0


def table(report: dict[str, Any]) -> str:
    lines = [
        f"Benchmark, size {report['size']}, {report['date']}, {report['machine']}; "
        f"{report['connections']} connections, {report['seconds_per_workload']} s per workload",
        "",
        "| workload | target | req/s | p50 ms | p95 ms | p99 ms | errors | vs health | verdict |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in report["workloads"]:
        ratio = r["ratio_to_health"]
        lines.append(
            f"| {r['workload']} | {r['target']} | {r['rps']:,.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
            f"{r['p99_ms']:.1f} | "
            f"{r['errors']} | {ratio:.0%} | {', '.join(r['verdicts']) or '-'} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
