"""Every list endpoint: keyset pagination over (sort keys, id), typed filters, search, sync.

A domain declares which fields may be sorted and filtered (`ListSpec`); this module parses
`limit`, `cursor`, `sort`, `q`, `field[op]=value`, `include_total`, `updated_since` and
`include_deleted` against that declaration. Anything undeclared is a 422, never ignored.
"""

from __future__ import annotations

import base64
import enum
import math
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime  # noqa: F401  (re-exported for specs)
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Generic, TypeVar

import orjson
from fastapi import Query, Request, Response
from pydantic import BaseModel
from sqlalchemy import Select, and_, func, literal, or_, select, true, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from crm.core.errors import Invalid
from crm.core.search import SEARCH_CANDIDATES, escape_like

T = TypeVar("T")

MAX_LIMIT = 200
RESERVED = {"limit", "cursor", "sort", "q", "include_total", "updated_since", "include_deleted"}
OPS = ("eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "contains", "isnull")
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
ORDERED_OPS = {"eq", "ne", "gt", "gte", "lt", "lte", "in", "nin", "isnull"}


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None
    total: int | None = None


# Parametrising a generic model is a class lookup that costs more than building the page.
_AnyPage = Page[Any]


class Tombstone(BaseModel):
    """What a sync client sees of a record deleted after its `updated_since`."""

    id: uuid.UUID
    deleted_at: datetime


@dataclass(frozen=True)
class Field:
    column: Any  # a column or SQL expression
    type: type = str
    sortable: bool = True
    filterable: bool = True
    nullable: bool = False
    array: bool = False  # a JSON list of strings: only `contains` / `isnull`
    sort_default: Any = None  # sentinel that stands in for NULL in keyset comparisons

    def allowed_ops(self) -> set[str]:
        if self.array:
            return {"contains", "isnull"}
        ops = set(ORDERED_OPS)
        if self.type is str:
            ops.add("contains")
        if not self.nullable:
            ops.discard("isnull")
        return ops


ArrayContains = Callable[[Any, str], ColumnElement[bool]]
# (match, rank): `match` is one condition, or a list of tiers of candidates (best first) of
# which paginate ranks at most SEARCH_CANDIDATES each, and reads a tier only while the earlier
# ones found fewer than that.
SearchHook = Callable[[str], tuple[ColumnElement[bool] | list[ColumnElement[bool]], ColumnElement[Any]]]


@dataclass
class ListSpec:
    model: Any
    fields: dict[str, Field]
    default_sort: str = "-created_at"
    search: SearchHook | None = None
    array_contains: ArrayContains | None = None


@dataclass
class ListParams:
    limit: int
    cursor: str | None
    sort: str | None
    q: str | None
    include_total: bool
    updated_since: datetime | None
    include_deleted: bool
    filters: list[tuple[str, str, str]] = field(default_factory=list)  # (field, op, raw value)


def list_params(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size, 1-200.")] = 50,
    cursor: Annotated[str | None, Query(description="Opaque cursor from `next_cursor`.")] = None,
    sort: Annotated[str | None, Query(description="Comma-separated fields, `-` for descending.")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Typo-tolerant search.")] = None,
    include_total: Annotated[bool, Query(description="Add `total` to the page.")] = False,
    updated_since: Annotated[
        str | None,
        Query(
            description="RFC 3339 timestamp with zone: only records changed after it.",
            json_schema_extra={"format": "date-time"},
        ),
    ] = None,
    include_deleted: Annotated[bool, Query(description="With `updated_since`: tombstones too.")] = False,
) -> ListParams:
    """Common list parameters; `field=value` and `field[op]=value` filters are read from the query."""
    filters: list[tuple[str, str, str]] = []
    for key, value in request.query_params.multi_items():
        if key in RESERVED:
            continue
        if key.endswith("]") and "[" in key:
            name, op = key[:-1].split("[", 1)
        else:
            name, op = key, "eq"
        filters.append((name, op, value))
    since = None
    if updated_since is not None:
        since = convert_value("updated_since", Field(None, datetime), updated_since, ["query", "updated_since"])
    return ListParams(limit, cursor, sort, (q or "").strip() or None, include_total, since, include_deleted, filters)


# A calendar date in a query string: YYYY-MM-DD only (no timestamps, no numbers).
DateParam = Annotated[str, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"})]


def parse_date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise Invalid.at(["query", name], f"{value!r} is not a date.") from exc


def encode_cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(values, default=str)).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = orjson.loads(raw)
    except (ValueError, orjson.JSONDecodeError) as exc:
        raise Invalid.at(["query", "cursor"], "Malformed cursor.") from exc
    if not isinstance(values, list):
        raise Invalid.at(["query", "cursor"], "Malformed cursor.")
    return values


def convert_value(name: str, fld: Field, raw: str, loc: list[str | int]) -> Any:
    t = fld.type
    try:
        if t is str:
            return raw
        if t is bool:
            if raw.lower() in ("true", "1", "yes"):
                return True
            if raw.lower() in ("false", "0", "no"):
                return False
            raise ValueError
        if t is int:
            value = int(raw)
            if not -(2**63) <= value < 2**63:
                raise ValueError
            return value
        if t is float:
            number = float(raw)
            if not math.isfinite(number):
                raise ValueError
            return number
        if t is Decimal:
            return Decimal(raw)
        if t is uuid.UUID:
            return uuid.UUID(raw)
        if t is date:
            return date.fromisoformat(raw)
        if t is datetime:
            # RFC 3339 only: a date, a time and a zone (no bare numbers, no naive times).
            if not _RFC3339.match(raw):
                raise ValueError
            return datetime.fromisoformat(raw.replace("z", "Z").replace("Z", "+00:00"))
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return t(raw)
    except (ValueError, InvalidOperation) as exc:
        raise Invalid.at(loc, f"Invalid value {raw!r} for {name}.") from exc
    return raw


def _filter_clause(spec: ListSpec, name: str, op: str, raw: str) -> ColumnElement[bool]:
    loc: list[str | int] = ["query", f"{name}[{op}]" if op != "eq" else name]
    fld = spec.fields.get(name)
    if fld is None or not fld.filterable:
        raise Invalid.at(loc, f"Unknown filter field {name!r}.", "unknown_field")
    if op not in OPS:
        raise Invalid.at(loc, f"Unknown operator {op!r}.", "unknown_operator")
    if op not in fld.allowed_ops():
        raise Invalid.at(loc, f"Operator {op!r} is not allowed on {name!r}.", "unknown_operator")
    col = fld.column
    if op == "isnull":
        flag = convert_value(name, Field(None, bool), raw, loc)
        if fld.array:
            empty = (
                or_(col.is_(None), func.coalesce(func.json_array_length(col), 0) == 0)
                if spec.array_contains is None
                else col.is_(None)
            )
            return empty if flag else ~empty
        return col.is_(None) if flag else col.is_not(None)
    if fld.array:
        assert spec.array_contains is not None
        return spec.array_contains(col, raw)
    if op == "contains":
        escaped = escape_like(raw)
        return col.ilike(f"%{escaped}%", escape="\\")
    if op in ("in", "nin"):
        values = [convert_value(name, fld, v.strip(), loc) for v in raw.split(",") if v.strip()]
        if not values:
            raise Invalid.at(loc, "Give at least one value.")
        return col.in_(values) if op == "in" else col.not_in(values)
    value = convert_value(name, fld, raw, loc)
    return {
        "eq": lambda: col == value,
        "ne": lambda: col != value,
        "gt": lambda: col > value,
        "gte": lambda: col >= value,
        "lt": lambda: col < value,
        "lte": lambda: col <= value,
    }[op]()


def _parse_sort(spec: ListSpec, sort: str | None) -> list[tuple[str, Field, bool]]:
    keys: list[tuple[str, Field, bool]] = []
    for part in (sort or spec.default_sort).split(","):
        part = part.strip()
        if not part:
            continue
        desc = part.startswith("-")
        name = part.lstrip("-+")
        fld = spec.fields.get(name)
        if fld is None or not fld.sortable:
            raise Invalid.at(["query", "sort"], f"Cannot sort by {name!r}.", "unknown_field")
        keys.append((name, fld, desc))
    if not keys:
        raise Invalid.at(["query", "sort"], "Empty sort.")
    return keys


def _sort_expr(fld: Field) -> Any:
    return func.coalesce(fld.column, fld.sort_default) if fld.nullable else fld.column


def _to_cursor_value(fld: Field, value: Any) -> Any:
    if value is None:
        value = fld.sort_default
    if isinstance(value, datetime | date | Decimal | uuid.UUID):
        return value.isoformat() if isinstance(value, datetime | date) else str(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _keyset_clause(
    keys: list[tuple[str, Field, bool]], id_col: Any, id_desc: bool, values: list[Any]
) -> ColumnElement[bool]:
    exprs = [
        (_sort_expr(f), d, convert_value(n, f, str(v), ["query", "cursor"]) if v is not None else None)
        for (n, f, d), v in zip(keys, values[:-1], strict=True)
    ]
    last_id = convert_value("id", Field(None, uuid.UUID), str(values[-1]), ["query", "cursor"])
    exprs.append((id_col, id_desc, last_id))
    if all(d == id_desc and v is not None for _, d, v in exprs) and not any(f.nullable for _, f, _ in keys):
        # One direction, plain columns: a row-value comparison is a range the index seeks to, where
        # the equivalent OR of prefixes makes the database walk every row before the cursor.
        row = tuple_(*(e for e, _, _ in exprs))
        bound = tuple_(*(literal(v, e.type) for e, _, v in exprs))
        return row < bound if id_desc else row > bound
    ors = []
    for i, (expr, desc, value) in enumerate(exprs):
        eqs = [e == v for e, _, v in exprs[:i]]
        ors.append(and_(*eqs, expr < value if desc else expr > value))
    return or_(*ors)


@dataclass
class ListResult:
    rows: Sequence[Any]
    next_cursor: str | None
    total: int | None


async def paginate(
    session: AsyncSession,
    spec: ListSpec,
    params: ListParams,
    *,
    base: Select[Any] | None = None,
    where: Sequence[ColumnElement[bool]] = (),
    search: bool = True,
    scalars: bool = True,
) -> ListResult:
    """Runs the list query. `where` carries the caller's access rules and fixed scopes."""
    model = spec.model
    stmt = base if base is not None else select(model)
    conds: list[ColumnElement[bool]] = list(where)
    deleted_col = getattr(model, "deleted_at", None)
    sync_tombstones = params.include_deleted and params.updated_since is not None
    if params.include_deleted and params.updated_since is None:
        raise Invalid.at(["query", "include_deleted"], "include_deleted needs updated_since.")
    if params.updated_since is not None:
        if getattr(model, "updated_at", None) is None:
            raise Invalid.at(["query", "updated_since"], "This list does not support updated_since.")
        conds.append(model.updated_at > params.updated_since)
    if deleted_col is not None and not sync_tombstones:
        conds.append(deleted_col.is_(None))
    for name, op, raw in params.filters:
        conds.append(_filter_clause(spec, name, op, raw))

    rank = None
    tiers: list[ColumnElement[bool]] = []
    if params.q and search:
        if spec.search is None:
            raise Invalid.at(["query", "q"], "This list cannot be searched.")
        match, rank = spec.search(params.q)
        tiers = match if isinstance(match, list) else [match]
        conds.append(or_(*tiers))

    cond = and_(true(), *conds)
    total = None
    if params.include_total:
        count_stmt = select(func.count()).select_from(stmt.where(cond).order_by(None).subquery())
        total = (await session.execute(count_stmt)).scalar_one()

    id_col = model.id
    if rank is not None and params.sort is None:
        # Ranked search: relevance is computed per row, so the cursor is a position, not a key.
        offset = 0
        if params.cursor:
            values = decode_cursor(params.cursor)
            if len(values) != 2 or values[0] != "o" or not isinstance(values[1], int) or values[1] < 0:
                raise Invalid.at(["query", "cursor"], "Malformed cursor.")
            offset = values[1]
        if isinstance(match, list):
            candidates = await _candidates(session, id_col, and_(true(), *conds[:-1]), tiers)
            if not candidates:
                return ListResult([], None, total)
            query = stmt.where(id_col.in_(candidates))
        else:
            query = stmt.where(cond)
        query = query.order_by(rank.desc(), id_col).offset(offset).limit(params.limit + 1)
        rows = await _fetch(session, query, scalars)
        more = len(rows) > params.limit
        rows = rows[: params.limit]
        nxt = encode_cursor(["o", offset + params.limit]) if more else None
        return ListResult(rows, nxt, total)

    keys = _parse_sort(spec, params.sort)
    id_desc = keys[0][2]
    order = [(_sort_expr(f).desc() if d else _sort_expr(f).asc()) for _, f, d in keys]
    order.append(id_col.desc() if id_desc else id_col.asc())
    query = stmt.where(cond)
    if params.cursor:
        values = decode_cursor(params.cursor)
        if len(values) != len(keys) + 1:
            raise Invalid.at(["query", "cursor"], "The cursor does not match this sort.")
        query = query.where(_keyset_clause(keys, id_col, id_desc, values))
    query = query.order_by(*order).limit(params.limit + 1)
    rows = await _fetch(session, query, scalars)
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    nxt = cursor_after(spec, params.sort, rows[-1]) if more and rows else None
    return ListResult(rows, nxt, total)


def cursor_after(spec: ListSpec, sort: str | None, row: Any) -> str:
    """The cursor of the page that follows `row` in this list sorted by `sort`."""
    keys = _parse_sort(spec, sort)
    return encode_cursor([_to_cursor_value(f, _attr_value(row, n, f)) for n, f, _ in keys] + [str(row.id)])


async def _candidates(session: AsyncSession, id_col: Any, scope: Any, tiers: list[Any]) -> list[Any]:
    """Up to SEARCH_CANDIDATES ids from each tier, best kind of match first, stopping once the
    earlier tiers have found that many: a search past that many asks for more precise terms
    anyway, and a later tier's condition (trigram similarity rechecked over thousands of rows) is
    what a search spends its time on. A whole-query substring match, the first tier, outranks
    every row only a later tier finds."""
    found: dict[Any, None] = {}
    for tier in tiers:
        rows = await session.execute(select(id_col).where(scope, tier).limit(SEARCH_CANDIDATES))
        found.update(dict.fromkeys(rows.scalars()))
        if len(found) >= SEARCH_CANDIDATES:
            break
    return list(found)


async def _fetch(session: AsyncSession, query: Select[Any], scalars: bool) -> list[Any]:
    result = await session.execute(query)
    return list(result.scalars().all() if scalars else result.all())


def _attr_value(row: Any, name: str, fld: Field) -> Any:
    key = getattr(fld.column, "key", name)
    return getattr(row, key, getattr(row, name, None))


def respond(request: Request, response: Response, result: ListResult, items: list[Any]) -> Page[Any]:
    """The page body and its `Link` header, the same for every list."""
    set_link_header(request, response, result.next_cursor)
    return _AnyPage(items=items, next_cursor=result.next_cursor, total=result.total)


def set_link_header(request: Request, response: Response, next_cursor: str | None) -> None:
    if next_cursor:
        url = request.url.include_query_params(cursor=next_cursor)
        response.headers["Link"] = f'<{url}>; rel="next"'


def page_items(rows: Sequence[Any], to_read: Callable[[Any], Any]) -> list[Any]:
    """Live rows through `to_read`; rows deleted since `updated_since` as tombstones."""
    return [Tombstone(id=r.id, deleted_at=r.deleted_at) if getattr(r, "deleted_at", None) else to_read(r) for r in rows]
