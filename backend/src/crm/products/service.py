"""Products: the catalogue deal lines pick from. Everyone reads; admins and managers write."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.core import listing
from crm.core.errors import Conflict, Forbidden, NotFound
from crm.core.events import emit
from crm.core.history import diff, record_change
from crm.core.money import quantize
from crm.core.search import escape_like, normalize, search_blob
from crm.core.security import Principal, Role
from crm.db import utcnow
from crm.products.models import Product
from crm.products.schemas import ProductCreate, ProductUpdate

OBJECT = "product"
WHAT = "Product"
TRACKED = ("name", "sku", "category", "description", "prices", "active")
WRITERS = (Role.admin, Role.manager)


def _search(q: str) -> tuple[Any, Any]:
    needle = normalize(q)
    escaped = escape_like(needle)
    contains = Product.search_text.like(f"%{escaped}%", escape="\\")
    starts = func.lower(Product.name).like(f"{escaped}%", escape="\\")
    sku_exact = func.lower(func.coalesce(Product.sku, "")) == needle
    rank = case((sku_exact, 3.0), else_=0.0) + case((starts, 2.0), else_=0.0) + case((contains, 1.0), else_=0.0)
    return contains, rank


LIST_SPEC = listing.ListSpec(
    model=Product,
    fields={
        "name": listing.Field(Product.name),
        "sku": listing.Field(Product.sku, nullable=True, sort_default=""),
        "category": listing.Field(Product.category, nullable=True, sort_default=""),
        "active": listing.Field(Product.active, bool, sortable=False),
        "created_at": listing.Field(Product.created_at, listing.datetime),
        "updated_at": listing.Field(Product.updated_at, listing.datetime),
    },
    default_sort="name",
    search=_search,
)


def ensure_writer(principal: Principal) -> None:
    if principal.role not in WRITERS:
        raise Forbidden("Only admins and managers can change products.")


def snapshot(p: Product) -> dict[str, Any]:
    return {k: getattr(p, k) for k in TRACKED}


def price_for(p: Product, currency: str) -> Decimal | None:
    """The product's unit price in `currency`, or None when it has none in that currency."""
    for item in p.prices or []:
        if item.get("currency") == currency:
            return Decimal(str(item["unit_price"]))
    return None


async def get(session: AsyncSession, product_id: uuid.UUID, *, deleted: bool | None = False) -> Product:
    """`deleted`: False live only, True trash only, None both."""
    p = await session.get(Product, product_id)
    if p is None or (deleted is False and p.deleted_at is not None) or (deleted is True and p.deleted_at is None):
        raise NotFound(f"{WHAT} not found.")
    return p


async def _ensure_sku_free(session: AsyncSession, sku: str | None, self_id: uuid.UUID | None) -> None:
    if sku is None:
        return
    query = select(Product.id).where(Product.sku == sku, Product.deleted_at.is_(None))
    if self_id is not None:
        query = query.where(Product.id != self_id)
    if (await session.execute(query.limit(1))).first() is not None:
        raise Conflict(f"Another product already has the SKU {sku!r}.")


def _apply(p: Product, values: dict[str, Any]) -> None:
    for key, value in values.items():
        if key == "prices":
            value = [
                {"currency": item["currency"], "unit_price": str(quantize(Decimal(item["unit_price"])))}
                for item in value or []
            ]
        setattr(p, key, value)
    p.search_text = search_blob(p.name, p.sku)


async def create(session: AsyncSession, principal: Principal, data: ProductCreate) -> Product:
    ensure_writer(principal)
    values = data.changes(mode="python")
    await _ensure_sku_free(session, values.get("sku"), None)
    p = Product(name=data.name, prices=[], active=True)
    _apply(p, {k: v for k, v in values.items() if not (k == "active" and v is None)})
    session.add(p)
    await session.flush()
    record_change(
        session,
        principal,
        OBJECT,
        p.id,
        "created",
        {k: (None, v) for k, v in snapshot(p).items() if v not in (None, [], "")},
    )
    emit(session, "product.created", OBJECT, p.id, {"id": str(p.id), "name": p.name, "sku": p.sku}, principal)
    return p


async def update(session: AsyncSession, principal: Principal, p: Product, data: ProductUpdate) -> Product:
    ensure_writer(principal)
    values = data.changes(mode="python")
    for key in ("name", "active"):
        if key in values and values[key] is None:
            values.pop(key)
    if values.get("prices", []) is None:
        values["prices"] = []
    if "sku" in values and values["sku"] != p.sku:
        await _ensure_sku_free(session, values["sku"], p.id)
    before = snapshot(p)
    _apply(p, values)
    changes = diff(before, snapshot(p))
    if not changes:
        return p
    await session.flush()
    record_change(session, principal, OBJECT, p.id, "updated", changes)
    emit(session, "product.updated", OBJECT, p.id, {"id": str(p.id), "fields": sorted(changes)}, principal)
    return p


async def delete(session: AsyncSession, principal: Principal, p: Product) -> None:
    ensure_writer(principal)
    p.deleted_at = utcnow()
    p.deleted_by_id = principal.user_id
    await session.flush()
    record_change(session, principal, OBJECT, p.id, "deleted")
    emit(session, "product.deleted", OBJECT, p.id, {"id": str(p.id)}, principal)


async def restore(session: AsyncSession, principal: Principal, p: Product) -> Product:
    ensure_writer(principal)
    if p.deleted_at is None:
        raise Conflict("This product is not in the trash.")
    await _ensure_sku_free(session, p.sku, p.id)
    p.deleted_at = None
    p.deleted_by_id = None
    await session.flush()
    record_change(session, principal, OBJECT, p.id, "restored")
    emit(session, "product.restored", OBJECT, p.id, {"id": str(p.id)}, principal)
    return p


async def list_products(session: AsyncSession, params: listing.ListParams) -> listing.ListResult:
    return await listing.paginate(session, LIST_SPEC, params)
