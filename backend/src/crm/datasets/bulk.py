"""Bulk writes for dataset loads: COPY on PostgreSQL, executemany on SQLite, with a progress bar.

Rows are plain dicts keyed by column name, already holding what the app would have written;
columns a generator leaves out get the model's default, exactly as an ORM insert would.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import orjson
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text
from sqlalchemy import JSON, Table, text
from sqlalchemy.ext.asyncio import AsyncConnection

BATCH = 5000


class _Rate(ProgressColumn):
    def render(self, task: Any) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} rows/s" if speed else "", style="cyan")


def progress() -> Progress:
    return Progress(
        TextColumn("{task.description:<22}"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(file=sys.stderr),
        transient=False,
    )


def _take(rows: Iterator[tuple[Table, dict[str, Any]]]) -> list[tuple[Table, dict[str, Any]]]:
    return list(itertools.islice(rows, BATCH))


def _defaults(table: Table, present: Iterable[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    have = set(present)
    for col in table.columns:
        if col.name in have:
            continue
        default = col.default
        if default is None:
            out[col.name] = None
        elif getattr(default, "is_callable", False):
            out[col.name] = default.arg(None)  # type: ignore[attr-defined]
        else:
            out[col.name] = default.arg  # type: ignore[attr-defined]
    return out


class Writer:
    """Writes batches into one open transaction; PostgreSQL loads also rebuild the big tables' indexes."""

    def __init__(self, conn: AsyncConnection, bar: Progress | None) -> None:
        self.conn = conn
        self.bar = bar
        self.postgres = conn.dialect.name == "postgresql"
        self._parked: list[str] = []

    async def _raw(self) -> Any:
        return (await self.conn.get_raw_connection()).driver_connection

    async def park(self, table: Table) -> None:
        """Drops a table's secondary indexes and foreign keys for the load: building an index once and
        checking a key with one join afterwards is several times faster than doing both row by row.
        `restore` puts them back in the same transaction, so an interrupted load changes nothing."""
        if not self.postgres:
            return
        raw = await self._raw()
        indexes = await raw.fetch(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
            "AND i.tablename = $1 AND i.indexname NOT IN (SELECT conname FROM pg_constraint)",
            table.name,
        )
        keys = await raw.fetch(
            "SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint "
            "WHERE conrelid = $1::regclass AND contype = 'f'",
            table.name,
        )
        for row in indexes:
            await raw.execute(f'DROP INDEX "{row["indexname"]}"')
        for row in keys:
            await raw.execute(f'ALTER TABLE "{table.name}" DROP CONSTRAINT "{row["conname"]}"')
        self._parked.extend(row["indexdef"] for row in indexes)
        self._parked.extend(
            f'ALTER TABLE "{table.name}" ADD CONSTRAINT "{row["conname"]}" {row["definition"]}' for row in keys
        )

    async def restore(self) -> None:
        if not self.postgres:
            return
        raw = await self._raw()
        await raw.execute("SET LOCAL maintenance_work_mem = '512MB'")
        task = self.bar.add_task("indexes and keys", total=len(self._parked)) if self.bar else None
        for statement in self._parked:
            await raw.execute(statement)
            if self.bar is not None and task is not None:
                self.bar.advance(task)
        self._parked.clear()

    async def write(self, label: str, total: int, rows: Iterator[tuple[Table, dict[str, Any]]]) -> Counter[str]:
        """Loads (table, row) pairs in order; the first table's rows are what the bar counts. The next
        batch is generated in a thread while this one is copied, so the database works meanwhile."""
        task = self.bar.add_task(label, total=total) if self.bar else None
        counts: Counter[str] = Counter()
        batch = await asyncio.to_thread(_take, rows)
        main = batch[0][0].name if batch else None
        while batch:
            upcoming = asyncio.ensure_future(asyncio.to_thread(_take, rows))
            by_table: dict[Table, list[dict[str, Any]]] = {}
            for table, row in batch:
                by_table.setdefault(table, []).append(row)
            for table, table_rows in by_table.items():
                counts[table.name] += await self.copy(table, table_rows)
            if self.bar is not None and task is not None:
                self.bar.update(task, completed=counts[main or ""])
            batch = await upcoming
        if self.bar is not None and task is not None:
            self.bar.update(task, completed=counts[main or ""], total=max(total, counts[main or ""]))
        return counts

    async def copy(self, table: Table, batch: list[dict[str, Any]]) -> int:
        defaults = _defaults(table, batch[0].keys())
        if defaults:
            batch = [{**defaults, **row} for row in batch]
        if not self.postgres:
            await self.conn.execute(table.insert(), batch)
            return len(batch)
        columns = [c.name for c in table.columns]
        json_cols = {c.name for c in table.columns if isinstance(c.type, JSON)}
        records = [
            tuple(orjson.dumps(row[c]).decode() if c in json_cols and row[c] is not None else row[c] for c in columns)
            for row in batch
        ]
        raw = await self._raw()
        await raw.copy_records_to_table(table.name, records=records, columns=columns)
        return len(batch)

    async def analyze(self, tables: Iterable[Table]) -> None:
        """Statistics for the planner and, on PostgreSQL, the visibility map that index-only scans
        need (VACUUM runs outside a transaction, hence autocommit)."""
        conn = await self.conn.execution_options(isolation_level="AUTOCOMMIT")
        command = "VACUUM (ANALYZE)" if self.postgres else "ANALYZE"
        for table in tables:
            await conn.execute(text(f'{command} "{table.name}"'))


class Clock:
    def __init__(self) -> None:
        self.started = time.perf_counter()

    def elapsed(self) -> float:
        return time.perf_counter() - self.started


def human_duration(seconds: float) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{int(minutes)}m{secs:04.1f}s" if minutes else f"{secs:.1f}s"
