"""The contract and the schema: openapi.yaml matches the app; migrations have one head and round-trip."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


async def test_openapi_yaml_matches_the_app():
    from crm.main import create_app

    committed = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    assert committed == create_app().openapi(), "openapi.yaml is stale: run `make openapi`"


async def test_served_openapi_equals_committed(client):
    r = await client.get("/openapi.json")
    assert r.json() == yaml.safe_load((ROOT / "openapi.yaml").read_text())


async def test_every_operation_has_stable_id_and_documents_errors():
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    seen = set()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op["operationId"] not in seen
            seen.add(op["operationId"])
            if path not in ("/api/v1/health",) and method != "get" or "{" in path:
                assert any(code.startswith("4") for code in op["responses"]), (
                    method,
                    path,
                )


async def test_migrations_have_one_head():
    from alembic.script import ScriptDirectory

    from crm.cli import _alembic_config

    heads = ScriptDirectory.from_config(_alembic_config()).get_heads()
    assert len(heads) == 1


async def test_migrations_match_the_models(database):
    """Autogenerate against the migrated database finds nothing to do."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from crm.db import PG_ONLY_INDEXES, make_engine
    from crm.models import metadata

    async def run():
        engine = make_engine()
        async with engine.connect() as conn:
            diff = await conn.run_sync(lambda c: compare_metadata(MigrationContext.configure(c), metadata))
        await engine.dispose()
        return diff

    diff = [d for d in await run() if not (d[0] == "remove_index" and d[1].name in PG_ONLY_INDEXES)]
    assert diff == []


async def test_downgrade_and_upgrade_round_trip(tmp_path):
    """Runs in a thread: Alembic's env starts its own event loop."""
    import anyio
    from alembic import command

    from crm.cli import _alembic_config

    url = f"sqlite+aiosqlite:///{tmp_path / 'rt.sqlite3'}"
    cfg = _alembic_config(url)

    def cycle() -> None:
        command.upgrade(cfg, "head")
        command.downgrade(cfg, "base")
        command.upgrade(cfg, "head")

    await anyio.to_thread.run_sync(cycle)
