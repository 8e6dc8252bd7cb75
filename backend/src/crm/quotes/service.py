"""Deal lines and quotes: priced lines on a deal, and numbered, versioned quotes made from them.

Access follows the deal: whoever sees the deal sees its lines and quotes; whoever may edit it
changes them. Approval of a large discount is for the deal owner's managers or an admin.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm.core import listing
from crm.core.errors import Conflict, Forbidden, Invalid, NotFound
from crm.core.events import emit
from crm.core.history import diff, record_change
from crm.core.money import quantize
from crm.core.security import Principal, hash_token, new_opaque_token
from crm.db import utcnow
from crm.deals import service as deals_service
from crm.deals.models import Deal
from crm.products import service as products_service
from crm.quotes.models import DealLine, Quote, QuoteCounter
from crm.quotes.schemas import (
    Approval,
    DealLineCreate,
    DealLineRead,
    DealLines,
    DealLineUpdate,
    PublicQuote,
    QuoteCreate,
    QuoteRead,
    QuoteRevise,
    QuoteStatus,
)
from crm.settings import get_settings
from crm.users import service as users_service

LINE = "deal_line"
QUOTE = "quote"
MAX_LINES = 200
HUNDRED = Decimal(100)
LINE_TRACKED = ("product_id", "description", "quantity", "unit_price", "discount_percent", "tax_percent", "position")
# Statuses that turn into `expired` once `valid_until` has passed.
OPEN_STATUSES = {QuoteStatus.draft, QuoteStatus.pending_approval, QuoteStatus.approved, QuoteStatus.sent}


# ---------------------------------------------------------------------------------------------
# Line math


def line_amounts(
    quantity: Decimal, unit_price: Decimal, discount_percent: Decimal, tax_percent: Decimal
) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(gross, net, tax, total), each rounded half-up to cents: net = qty × price × (1 − d/100)."""
    gross = quantity * unit_price
    net = quantize(gross * (HUNDRED - discount_percent) / HUNDRED)
    tax = quantize(net * tax_percent / HUNDRED)
    return quantize(gross), net, tax, net + tax


def _price_line(line: DealLine) -> None:
    _gross, line.net_amount, line.tax_amount, line.total_amount = line_amounts(
        Decimal(line.quantity), Decimal(line.unit_price), Decimal(line.discount_percent), Decimal(line.tax_percent)
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


def _line_snapshot(line: DealLine) -> dict[str, Any]:
    out = {k: _jsonable(getattr(line, k)) for k in LINE_TRACKED}
    for key in ("quantity", "unit_price", "discount_percent", "tax_percent"):
        out[key] = _fmt(key, Decimal(getattr(line, key)))
    return out


def _fmt(key: str, value: Decimal) -> str:
    if key == "quantity":
        return format(value.normalize(), "f")
    return f"{value:.2f}"


# ---------------------------------------------------------------------------------------------
# Deal lines


async def lines_of(session: AsyncSession, deal_id: uuid.UUID) -> list[DealLine]:
    query = select(DealLine).where(DealLine.deal_id == deal_id).order_by(DealLine.position, DealLine.id)
    return list((await session.execute(query)).scalars())


async def get_line(session: AsyncSession, deal: Deal, line_id: uuid.UUID) -> DealLine:
    line = await session.get(DealLine, line_id)
    if line is None or line.deal_id != deal.id:
        raise NotFound("Line not found.")
    return line


def lines_page(deal: Deal, lines: Sequence[DealLine]) -> DealLines:
    net = sum((Decimal(li.net_amount) for li in lines), Decimal("0.00"))
    tax = sum((Decimal(li.tax_amount) for li in lines), Decimal("0.00"))
    return DealLines(
        items=[DealLineRead.model_validate(li) for li in lines],
        currency=deal.currency,
        net_total=net,
        tax_total=tax,
        total=net + tax,
    )


async def _product_line_values(session: AsyncSession, deal: Deal, product_id: uuid.UUID) -> tuple[str, Decimal | None]:
    try:
        product = await products_service.get(session, product_id)
    except NotFound:
        product = None
    if product is None or not product.active:
        raise Invalid.at(["body", "product_id"], "Unknown or inactive product.")
    return product.name, products_service.price_for(product, deal.currency)


def _reorder(lines: list[DealLine], moved: DealLine, position: int | None) -> None:
    """Puts `moved` at `position` (end when None) and numbers every line 0..n-1."""
    others = [li for li in lines if li is not moved]
    index = len(others) if position is None else min(position, len(others))
    others.insert(index, moved)
    for i, li in enumerate(others):
        if li.position != i:
            li.position = i


async def _sync_deal_amount(session: AsyncSession, principal: Principal, deal: Deal) -> None:
    lines = await lines_of(session, deal.id)
    amount = sum((Decimal(li.net_amount) for li in lines), Decimal("0.00"))
    await deals_service.set_amount_from_lines(session, principal, deal, quantize(amount))


async def add_line(session: AsyncSession, principal: Principal, deal: Deal, data: DealLineCreate) -> DealLine:
    await deals_service.ensure_editable(session, principal, deal)
    lines = await lines_of(session, deal.id)
    if len(lines) >= MAX_LINES:
        raise Conflict(f"A deal has at most {MAX_LINES} lines.")
    description, unit_price = data.description, data.unit_price
    if data.product_id is not None:
        name, price = await _product_line_values(session, deal, data.product_id)
        description = description or name
        if unit_price is None:
            unit_price = price
        if unit_price is None:
            raise Invalid.at(
                ["body", "unit_price"], f"The product has no price in {deal.currency}; give unit_price.", "missing"
            )
    if description is None:
        raise Invalid.at(["body", "description"], "A line without a product needs a description.", "missing")
    if unit_price is None:
        raise Invalid.at(["body", "unit_price"], "A line without a product needs a unit price.", "missing")
    line = DealLine(
        deal_id=deal.id,
        product_id=data.product_id,
        description=description,
        quantity=data.quantity,
        unit_price=unit_price,
        discount_percent=data.discount_percent,
        tax_percent=data.tax_percent,
        position=len(lines),
    )
    _price_line(line)
    _reorder([*lines, line], line, data.position)
    session.add(line)
    await session.flush()
    record_change(session, principal, LINE, line.id, "created", {k: (None, v) for k, v in _line_snapshot(line).items()})
    emit(session, "deal_line.created", LINE, line.id, {"id": str(line.id), "deal_id": str(deal.id)}, principal)
    await _sync_deal_amount(session, principal, deal)
    return line


async def update_line(
    session: AsyncSession, principal: Principal, deal: Deal, line: DealLine, data: DealLineUpdate
) -> DealLine:
    await deals_service.ensure_editable(session, principal, deal)
    values = data.changes(mode="python")
    for key in ("description", "quantity", "discount_percent", "tax_percent"):
        if key in values and values[key] is None:
            raise Invalid.at(["body", key], "This field cannot be null.", "missing")
    before = _line_snapshot(line)
    # Loaded before any change, so the line is written once (one version bump per request).
    siblings = await lines_of(session, deal.id) if values.get("position") is not None else []
    if "product_id" in values and values["product_id"] != line.product_id:
        if values["product_id"] is not None:
            name, price = await _product_line_values(session, deal, values["product_id"])
            values.setdefault("description", name)
            if values.get("unit_price") is None:
                if price is None:
                    raise Invalid.at(
                        ["body", "unit_price"],
                        f"The product has no price in {deal.currency}; give unit_price.",
                        "missing",
                    )
                values["unit_price"] = price
        line.product_id = values["product_id"]
    if "unit_price" in values:
        if values["unit_price"] is None:
            raise Invalid.at(["body", "unit_price"], "This field cannot be null.", "missing")
        line.unit_price = values["unit_price"]
    for key in ("description", "quantity", "discount_percent", "tax_percent"):
        if key in values:
            setattr(line, key, values[key])
    if values.get("position") is not None:
        _reorder(siblings, line, values["position"])
    _price_line(line)
    changes = diff(before, _line_snapshot(line))
    if not changes:
        return line
    await session.flush()
    record_change(session, principal, LINE, line.id, "updated", changes)
    emit(
        session,
        "deal_line.updated",
        LINE,
        line.id,
        {"id": str(line.id), "deal_id": str(deal.id), "fields": sorted(changes)},
        principal,
    )
    await _sync_deal_amount(session, principal, deal)
    return line


async def delete_line(session: AsyncSession, principal: Principal, deal: Deal, line: DealLine) -> None:
    await deals_service.ensure_editable(session, principal, deal)
    await session.delete(line)
    await session.flush()
    for i, li in enumerate(await lines_of(session, deal.id)):
        if li.position != i:
            li.position = i
    record_change(session, principal, LINE, line.id, "deleted", {"description": (line.description, None)})
    emit(session, "deal_line.deleted", LINE, line.id, {"id": str(line.id), "deal_id": str(deal.id)}, principal)
    await _sync_deal_amount(session, principal, deal)


# ---------------------------------------------------------------------------------------------
# Quotes: numbering, content, reading


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


async def next_number(session: AsyncSession, year: int) -> str:
    """`Q-<year>-<0001>`: the year's counter row is created if missing, then bumped under its row
    lock (UPDATE … RETURNING locks like SELECT … FOR UPDATE), so concurrent creators queue and a
    rolled-back quote gives its number back: no gaps, no duplicates."""
    insert = pg_insert if _dialect(session) == "postgresql" else sqlite_insert
    await session.execute(insert(QuoteCounter).values(year=year, last_number=0).on_conflict_do_nothing())
    result = await session.execute(
        update(QuoteCounter)
        .where(QuoteCounter.year == year)
        .values(last_number=QuoteCounter.last_number + 1)
        .returning(QuoteCounter.last_number)
    )
    return f"Q-{year}-{result.scalar_one():04d}"


def effective_status(q: Quote, today: date | None = None) -> QuoteStatus:
    status = QuoteStatus(q.status)
    if status in OPEN_STATUSES and q.valid_until < (today or utcnow().date()):
        return QuoteStatus.expired
    return status


def content(q: Quote) -> dict[str, Any]:
    return {
        "number": q.number,
        "version": q.revision,
        "currency": q.currency,
        "lines": q.lines,
        "subtotal": f"{Decimal(q.subtotal):.2f}",
        "discount_total": f"{Decimal(q.discount_total):.2f}",
        "tax_total": f"{Decimal(q.tax_total):.2f}",
        "total": f"{Decimal(q.total):.2f}",
    }


def content_sha256(q: Quote) -> str:
    """SHA-256 of the quote's canonical JSON (sorted keys, no spaces, decimals as strings)."""
    return hashlib.sha256(orjson.dumps(content(q), option=orjson.OPT_SORT_KEYS)).hexdigest()


def _freeze_lines(lines: Sequence[DealLine]) -> tuple[list[dict[str, Any]], dict[str, Decimal]]:
    frozen: list[dict[str, Any]] = []
    subtotal = net_total = tax_total = Decimal("0.00")
    max_discount = Decimal("0")
    for li in lines:
        gross, net, tax, total = line_amounts(
            Decimal(li.quantity), Decimal(li.unit_price), Decimal(li.discount_percent), Decimal(li.tax_percent)
        )
        subtotal += gross
        net_total += net
        tax_total += tax
        max_discount = max(max_discount, Decimal(li.discount_percent))
        frozen.append(
            {
                "product_id": str(li.product_id) if li.product_id else None,
                "description": li.description,
                "quantity": _fmt("quantity", Decimal(li.quantity)),
                "unit_price": _fmt("unit_price", Decimal(li.unit_price)),
                "discount_percent": _fmt("discount_percent", Decimal(li.discount_percent)),
                "tax_percent": _fmt("tax_percent", Decimal(li.tax_percent)),
                "net_amount": f"{net:.2f}",
                "tax_amount": f"{tax:.2f}",
                "total_amount": f"{total:.2f}",
            }
        )
    totals = {
        "subtotal": subtotal,
        "discount_total": subtotal - net_total,
        "tax_total": tax_total,
        "total": net_total + tax_total,
        "max_discount_percent": max_discount,
    }
    return frozen, totals


async def get_quote(session: AsyncSession, principal: Principal, quote_id: uuid.UUID) -> tuple[Quote, Deal]:
    """The quote and its deal if the caller may see the deal; 404 otherwise."""
    q = await session.get(Quote, quote_id)
    if q is None:
        raise NotFound("Quote not found.")
    try:
        deal = await deals_service.get_visible(session, principal, q.deal_id)
    except NotFound:
        raise NotFound("Quote not found.") from None
    return q, deal


QUOTE_LIST_SPEC = listing.ListSpec(
    model=Quote,
    fields={
        "number": listing.Field(Quote.number),
        "revision": listing.Field(Quote.revision, int),
        "status": listing.Field(Quote.status, QuoteStatus, sortable=False),
        "is_latest": listing.Field(Quote.is_latest, bool, sortable=False),
        "valid_until": listing.Field(Quote.valid_until, date),
        "created_at": listing.Field(Quote.created_at, listing.datetime),
        "updated_at": listing.Field(Quote.updated_at, listing.datetime),
    },
    default_sort="-created_at",
)


async def list_quotes(session: AsyncSession, deal: Deal, params: listing.ListParams) -> listing.ListResult:
    return await listing.paginate(session, QUOTE_LIST_SPEC, params, search=False, where=[Quote.deal_id == deal.id])


async def to_read(session: AsyncSession, quotes: Sequence[Quote]) -> list[QuoteRead]:
    names = await users_service.names(session, {q.approval_decided_by_id for q in quotes if q.approval_decided_by_id})
    now = utcnow()
    out = []
    for q in quotes:
        approval = None
        if q.approval_requested_at or q.approval_decision:
            approval = Approval(
                requested_at=q.approval_requested_at,
                decided_by_id=q.approval_decided_by_id,
                decided_by_name=names.get(q.approval_decided_by_id) if q.approval_decided_by_id else None,
                decided_at=q.approval_decided_at,
                decision=q.approval_decision,
                comment=q.approval_comment,
            )
        out.append(
            QuoteRead(
                id=q.id,
                created_at=q.created_at,
                updated_at=q.updated_at,
                version=q.version,
                deal_id=q.deal_id,
                number=q.number,
                revision=q.revision,
                is_latest=q.is_latest,
                status=effective_status(q),
                valid_until=q.valid_until,
                currency=q.currency,
                lines=q.lines,
                subtotal=q.subtotal,
                discount_total=q.discount_total,
                tax_total=q.tax_total,
                total=q.total,
                max_discount_percent=q.max_discount_percent,
                notes=q.notes,
                created_by_id=q.created_by_id,
                approval=approval,
                sent_at=q.sent_at,
                link_expires_at=q.token_expires_at,
                link_active=_link_active(q, now),
                accepted_name=q.accepted_name,
                accepted_at=q.accepted_at,
                accepted_ip=q.accepted_ip,
                content_sha256=q.content_sha256,
                declined_reason=q.declined_reason,
                declined_at=q.declined_at,
            )
        )
    return out


def _link_active(q: Quote, now: datetime) -> bool:
    return bool(
        q.token_hash
        and q.is_latest
        and q.token_revoked_at is None
        and q.token_expires_at is not None
        and q.token_expires_at > now
    )


# ---------------------------------------------------------------------------------------------
# Quotes: lifecycle


def _valid_until(value: date | None, fallback: date | None) -> date:
    today = utcnow().date()
    result = value or fallback or today + timedelta(days=get_settings().quote_valid_days)
    if result < today:
        raise Invalid.at(["body", "valid_until"], "valid_until cannot be in the past.")
    return result


def _event_data(q: Quote, **extra: Any) -> dict[str, Any]:
    return {
        "id": str(q.id),
        "deal_id": str(q.deal_id),
        "number": q.number,
        "version": q.revision,
        "total": f"{Decimal(q.total):.2f}",
        "currency": q.currency,
        **extra,
    }


async def _new_revision(
    session: AsyncSession,
    principal: Principal,
    deal: Deal,
    number: str | None,
    revision: int,
    valid_until: date,
    notes: str | None,
) -> Quote:
    lines = await lines_of(session, deal.id)
    if not lines:
        raise Conflict("The deal has no lines to quote. Add lines first.")
    frozen, totals = _freeze_lines(lines)
    if number is None:
        number = await next_number(session, utcnow().year)
    q = Quote(
        deal_id=deal.id,
        number=number,
        revision=revision,
        is_latest=True,
        status=QuoteStatus.draft.value,
        valid_until=valid_until,
        currency=deal.currency,
        lines=frozen,
        notes=notes,
        created_by_id=principal.user_id,
        **totals,
    )
    session.add(q)
    await session.flush()
    return q


async def create_quote(session: AsyncSession, principal: Principal, deal: Deal, data: QuoteCreate) -> Quote:
    await deals_service.ensure_editable(session, principal, deal)
    q = await _new_revision(session, principal, deal, None, 1, _valid_until(data.valid_until, None), data.notes)
    record_change(session, principal, QUOTE, q.id, "created", {"number": (None, q.number), "version": (None, 1)})
    emit(session, "quote.created", QUOTE, q.id, _event_data(q), principal)
    return q


def _ensure_latest(q: Quote) -> None:
    if not q.is_latest:
        raise Conflict("This is an older version of the quote and is read-only. Use the latest version.")


async def revise(session: AsyncSession, principal: Principal, q: Quote, deal: Deal, data: QuoteRevise) -> Quote:
    """A new version with the deal's current lines; the old one stays, read-only, its link revoked."""
    await deals_service.ensure_editable(session, principal, deal)
    _ensure_latest(q)
    if q.status == QuoteStatus.accepted:
        raise Conflict("An accepted quote cannot be revised.")
    values = data.changes()
    valid_until = _valid_until(values.get("valid_until"), None)
    notes = values["notes"] if "notes" in values else q.notes
    q.is_latest = False
    if q.token_hash and q.token_revoked_at is None:
        q.token_revoked_at = utcnow()
    await session.flush()
    new = await _new_revision(session, principal, deal, q.number, q.revision + 1, valid_until, notes)
    record_change(
        session, principal, QUOTE, new.id, "created", {"number": (None, new.number), "version": (None, new.revision)}
    )
    emit(session, "quote.revised", QUOTE, new.id, _event_data(new, previous_id=str(q.id)), principal)
    return new


def needs_approval(q: Quote) -> bool:
    return Decimal(q.max_discount_percent) > get_settings().quote_discount_approval_percent


def _ensure_status(q: Quote, *allowed: QuoteStatus) -> QuoteStatus:
    status = effective_status(q)
    if status is QuoteStatus.expired and QuoteStatus.expired not in allowed:
        raise Conflict("The quote has expired. Revise it with a new validity date.")
    if status not in allowed:
        raise Conflict(f"Not possible while the quote is {status.value}.")
    return status


async def _set_status(session: AsyncSession, principal: Principal | None, q: Quote, status: QuoteStatus) -> None:
    old = q.status
    q.status = status.value
    await session.flush()
    record_change(session, principal, QUOTE, q.id, "updated", {"status": (old, status.value)})


async def submit(session: AsyncSession, principal: Principal, q: Quote, deal: Deal) -> Quote:
    """Draft → pending_approval when a line's discount is above the threshold, else approved."""
    await deals_service.ensure_editable(session, principal, deal)
    _ensure_latest(q)
    _ensure_status(q, QuoteStatus.draft)
    if needs_approval(q):
        q.approval_requested_at = utcnow()
        q.approval_decided_by_id = q.approval_decided_at = q.approval_decision = q.approval_comment = None
        await _set_status(session, principal, q, QuoteStatus.pending_approval)
        emit(
            session,
            "quote.approval_requested",
            QUOTE,
            q.id,
            _event_data(q, max_discount_percent=f"{Decimal(q.max_discount_percent):.2f}", owner_id=str(deal.owner_id)),
            principal,
        )
    else:
        await _set_status(session, principal, q, QuoteStatus.approved)
        emit(session, "quote.approved", QUOTE, q.id, _event_data(q, automatic=True), principal)
    return q


def can_approve(principal: Principal, deal: Deal) -> bool:
    """The deal owner's managers (anyone above them in the chain) or an admin; not the owner."""
    if principal.is_admin:
        return True
    return principal.user_id != deal.owner_id and deal.owner_id in principal.managed_ids and principal.can_write


async def decide(
    session: AsyncSession, principal: Principal, q: Quote, deal: Deal, approve: bool, comment: str | None
) -> Quote:
    if not can_approve(principal, deal):
        raise Forbidden("Only the deal owner's manager or an admin can approve or reject this quote.")
    _ensure_latest(q)
    _ensure_status(q, QuoteStatus.pending_approval)
    q.approval_decided_by_id = principal.user_id
    q.approval_decided_at = utcnow()
    q.approval_decision = "approved" if approve else "rejected"
    q.approval_comment = comment
    # Rejected: back to draft; the owner revises (new lines, new version) and submits again.
    await _set_status(session, principal, q, QuoteStatus.approved if approve else QuoteStatus.draft)
    emit(
        session,
        "quote.approved" if approve else "quote.approval_rejected",
        QUOTE,
        q.id,
        _event_data(q, comment=comment),
        principal,
    )
    return q


async def send(session: AsyncSession, principal: Principal, q: Quote, deal: Deal) -> tuple[Quote, str, datetime]:
    """Issues a fresh public link (any earlier one stops working). A draft that needs no approval
    is approved on the way; one that does, or one awaiting approval, can't be sent (409)."""
    await deals_service.ensure_editable(session, principal, deal)
    _ensure_latest(q)
    status = _ensure_status(q, QuoteStatus.draft, QuoteStatus.approved, QuoteStatus.sent)
    if status is QuoteStatus.draft:
        if needs_approval(q):
            raise Conflict("This quote's discount needs approval: submit it and wait for a manager.")
        emit(session, "quote.approved", QUOTE, q.id, _event_data(q, automatic=True), principal)
    token = new_opaque_token()
    now = utcnow()
    expires = now + timedelta(days=get_settings().quote_link_days)
    q.token_hash = hash_token(token)
    q.token_expires_at = expires
    q.token_revoked_at = None
    q.sent_at = now
    await _set_status(session, principal, q, QuoteStatus.sent)
    emit(session, "quote.sent", QUOTE, q.id, _event_data(q, link_expires_at=expires.isoformat()), principal)
    return q, token, expires


async def revoke_link(session: AsyncSession, principal: Principal, q: Quote, deal: Deal) -> Quote:
    await deals_service.ensure_editable(session, principal, deal)
    if q.token_hash is None or q.token_revoked_at is not None:
        raise Conflict("The quote has no active link.")
    q.token_revoked_at = utcnow()
    await session.flush()
    record_change(
        session, principal, QUOTE, q.id, "updated", {"link_revoked_at": (None, q.token_revoked_at.isoformat())}
    )
    emit(session, "quote.link_revoked", QUOTE, q.id, _event_data(q), principal)
    return q


# ---------------------------------------------------------------------------------------------
# The customer's side: no login, the token is the key


async def by_token(session: AsyncSession, token: str) -> Quote:
    """The quote behind a live link; unknown, revoked, expired or superseded links are all 404."""
    if not token or len(token) > 200:
        raise NotFound("Quote not found.")
    q = (await session.execute(select(Quote).where(Quote.token_hash == hash_token(token)))).scalar_one_or_none()
    if q is None or not _link_active(q, utcnow()):
        raise NotFound("Quote not found.")
    deal = await session.get(Deal, q.deal_id)
    if deal is None or deal.deleted_at is not None:  # a trashed deal's quotes are not shown either
        raise NotFound("Quote not found.")
    return q


def to_public(q: Quote) -> PublicQuote:
    return PublicQuote(
        number=q.number,
        revision=q.revision,
        status=effective_status(q),
        valid_until=q.valid_until,
        currency=q.currency,
        lines=q.lines,
        subtotal=q.subtotal,
        discount_total=q.discount_total,
        tax_total=q.tax_total,
        total=q.total,
        notes=q.notes,
        sent_at=q.sent_at,
        content_sha256=content_sha256(q),
        accepted_name=q.accepted_name,
        accepted_at=q.accepted_at,
        declined_at=q.declined_at,
    )


async def accept(session: AsyncSession, q: Quote, name: str, ip: str | None) -> Quote:
    _ensure_status(q, QuoteStatus.sent)
    q.accepted_name = name
    q.accepted_at = utcnow()
    q.accepted_ip = ip
    q.content_sha256 = content_sha256(q)
    await _set_status(session, None, q, QuoteStatus.accepted)
    emit(
        session,
        "quote.accepted",
        QUOTE,
        q.id,
        _event_data(q, accepted_name=name, accepted_ip=ip, content_sha256=q.content_sha256),
    )
    return q


async def decline(session: AsyncSession, q: Quote, reason: str, ip: str | None) -> Quote:
    _ensure_status(q, QuoteStatus.sent)
    q.declined_reason = reason
    q.declined_at = utcnow()
    await _set_status(session, None, q, QuoteStatus.rejected)
    emit(session, "quote.declined", QUOTE, q.id, _event_data(q, reason=reason, ip=ip))
    return q


async def deal_ids_with_lines(session: AsyncSession, deal_ids: set[uuid.UUID]) -> set[uuid.UUID]:
    """For the deals domain's `has_lines`: which of these deals have at least one line."""
    if not deal_ids:
        return set()
    query = select(DealLine.deal_id).where(DealLine.deal_id.in_(deal_ids)).distinct()
    return set((await session.execute(query)).scalars())
