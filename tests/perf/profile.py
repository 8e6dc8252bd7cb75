"""Profile one benchmark workload in-process with pyinstrument.

`make profile BENCH_SIZE=M PROFILE_WORKLOAD="list customers, first page"` sends the workload's
requests straight to the ASGI app (no socket, no second process) against the seeded
`crm_bench_<size>` database, one after another, and prints where the time went; the HTML report
goes to var/bench/profile-<slug>.html.
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.perf import bench  # noqa: E402  (sets the benchmark's environment)

WORKLOAD = os.environ.get("PROFILE_WORKLOAD", "list customers, first page")
COUNT = int(os.environ.get("PROFILE_REQUESTS", "300"))


async def main() -> int:
    import httpx
    from pyinstrument import Profiler

    for key, value in bench.ENV.items():
        os.environ[key] = value
    from crm.main import create_app

    built, token = await bench._context()
    chosen = [w for w in built if w.name == WORKLOAD]
    if not chosen:
        print(f"no workload named {WORKLOAD!r}; one of:", *(w.name for w in built), sep="\n  ", file=sys.stderr)
        return 2
    requests = chosen[0].requests
    app = create_app()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://127.0.0.1") as client,
    ):

        async def run(n: int) -> float:
            start = time.perf_counter()
            for i in range(n):
                method, path, body = requests[i % len(requests)]
                r = await client.request(method, path, content=body, headers=headers)
                if r.status_code >= 400:
                    raise SystemExit(f"{method} {path} -> {r.status_code} {r.text[:300]}")
            return time.perf_counter() - start

        await run(min(COUNT, 30))  # warm caches and the connection pool
        profiler = Profiler(interval=0.0005, async_mode="enabled")
        profiler.start()
        took = await run(COUNT)
        profiler.stop()
    print(f"{WORKLOAD}: {COUNT} requests in {took:.2f} s, {took / COUNT * 1000:.2f} ms each (under the profiler)")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    slug = re.sub(r"[^a-z0-9]+", "-", WORKLOAD.lower()).strip("-")
    out = bench.OUT / f"profile-{slug}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(profiler.output_html())
    print(f"HTML report: {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
