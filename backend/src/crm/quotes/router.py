from __future__ import annotations

import uuid
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Header, Request, Response, status

from crm.auth.deps import CurrentPrincipal, client_ip
from crm.core import listing, ratelimit
from crm.core.concurrency import check_if_match, set_etag
from crm.core.errors import NotFound, TooManyRequests, responses
from crm.customers import service as customers_service
from crm.db import SessionDep
from crm.deals import service as deals_service
from crm.quotes import pdf, service
from crm.quotes.schemas import (
    ApprovalDecision,
    DealLineCreate,
    DealLineRead,
    DealLines,
    DealLineUpdate,
    PublicAccept,
    PublicDecline,
    PublicQuote,
    QuoteCreate,
    QuoteRead,
    QuoteRevise,
    QuoteSent,
)
from crm.settings import get_settings

lines_router = APIRouter(prefix="/deals/{deal_id}", tags=["deal-lines"])
router = APIRouter(prefix="/quotes", tags=["quotes"])
public_router = APIRouter(prefix="/public/quotes", tags=["public"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]
IfMatch = Annotated[str | None, Header(description='Version from the ETag, e.g. "3"; stale -> 412.')]
PUBLIC_PREFIX = "/api/v1/public/quotes/"


# ---------------------------------------------------------------------------------------------
# Deal lines


@lines_router.get("/lines", operation_id="deal_lines_list", response_model=DealLines, responses=responses(401, 404))
async def list_lines(deal_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep) -> DealLines:
    """Every line in order, with the totals; the deal's amount is `net_total` once it has lines."""
    deal = await deals_service.get_visible(session, principal, deal_id)
    return service.lines_page(deal, await service.lines_of(session, deal.id))


@lines_router.post(
    "/lines",
    operation_id="deal_lines_create",
    status_code=status.HTTP_201_CREATED,
    response_model=DealLineRead,
    responses=responses(401, 403, 404, 409, 422),
)
async def create_line(
    deal_id: uuid.UUID, data: DealLineCreate, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> DealLineRead:
    """With `product_id`, `description` and `unit_price` default to the product's name and its price in the
    deal's currency. net = quantity × unit_price × (1 − discount/100), tax = net × tax/100, rounded half-up."""
    deal = await deals_service.get_visible(session, principal, deal_id)
    line = await service.add_line(session, principal, deal, data)
    response.headers["Location"] = f"/api/v1/deals/{deal.id}/lines/{line.id}"
    set_etag(response, line.version)
    return DealLineRead.model_validate(line)


@lines_router.patch(
    "/lines/{line_id}",
    operation_id="deal_lines_update",
    response_model=DealLineRead,
    responses=responses(401, 403, 404, 412, 422),
)
async def update_line(
    deal_id: uuid.UUID,
    line_id: uuid.UUID,
    data: DealLineUpdate,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> DealLineRead:
    deal = await deals_service.get_visible(session, principal, deal_id)
    line = await service.get_line(session, deal, line_id)
    check_if_match(if_match, line.version)
    line = await service.update_line(session, principal, deal, line, data)
    set_etag(response, line.version)
    return DealLineRead.model_validate(line)


@lines_router.delete(
    "/lines/{line_id}",
    operation_id="deal_lines_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404, 412),
)
async def delete_line(
    deal_id: uuid.UUID, line_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep, if_match: IfMatch = None
) -> Response:
    deal = await deals_service.get_visible(session, principal, deal_id)
    line = await service.get_line(session, deal, line_id)
    check_if_match(if_match, line.version)
    await service.delete_line(session, principal, deal, line)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------------------------------------
# Quotes of a deal


@lines_router.get(
    "/quotes",
    operation_id="deal_quotes_list",
    response_model=listing.Page[QuoteRead],
    responses=responses(401, 404, 422),
    description="Every version of every quote of the deal. Filters: `number`, `revision`, `status`, `is_latest`, "
    "`valid_until`, `created_at`, `updated_at`. Sort by `number`, `revision`, `valid_until`, `created_at` "
    "(default `-created_at`), `updated_at`.",
)
async def list_quotes(
    deal_id: uuid.UUID,
    request: Request,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: ListParamsDep,
) -> listing.Page[QuoteRead]:
    deal = await deals_service.get_visible(session, principal, deal_id)
    result = await service.list_quotes(session, deal, params)
    return listing.respond(request, response, result, await service.to_read(session, result.rows))


@lines_router.post(
    "/quotes",
    operation_id="deal_quotes_create",
    status_code=status.HTTP_201_CREATED,
    response_model=QuoteRead,
    responses=responses(401, 403, 404, 409, 422),
)
async def create_quote(
    deal_id: uuid.UUID, data: QuoteCreate, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> QuoteRead:
    """A draft numbered `Q-<year>-<0001>` with the deal's lines frozen into it (409 when it has none)."""
    deal = await deals_service.get_visible(session, principal, deal_id)
    q = await service.create_quote(session, principal, deal, data)
    return await _quote_response(session, response, q, created=True)


# ---------------------------------------------------------------------------------------------
# One quote


async def _quote_response(session: SessionDep, response: Response, q: object, *, created: bool = False) -> QuoteRead:
    read = (await service.to_read(session, [q]))[0]  # type: ignore[list-item]
    if created:
        response.headers["Location"] = f"/api/v1/quotes/{read.id}"
    set_etag(response, read.version)
    return read


@router.get("/{quote_id}", operation_id="quotes_get", response_model=QuoteRead, responses=responses(401, 404))
async def get_quote(
    quote_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> QuoteRead:
    q, _deal = await service.get_quote(session, principal, quote_id)
    return await _quote_response(session, response, q)


@router.post(
    "/{quote_id}/revise",
    operation_id="quotes_revise",
    status_code=status.HTTP_201_CREATED,
    response_model=QuoteRead,
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def revise_quote(
    quote_id: uuid.UUID,
    data: QuoteRevise,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> QuoteRead:
    """A new version (same number, `revision` + 1) with the deal's current lines, as a draft. The old version
    stays read-only and its public link stops working."""
    q, deal = await service.get_quote(session, principal, quote_id)
    check_if_match(if_match, q.version)
    new = await service.revise(session, principal, q, deal, data)
    return await _quote_response(session, response, new, created=True)


@router.post(
    "/{quote_id}/submit",
    operation_id="quotes_submit",
    response_model=QuoteRead,
    responses=responses(401, 403, 404, 409, 412),
)
async def submit_quote(
    quote_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep, if_match: IfMatch = None
) -> QuoteRead:
    """Draft → `pending_approval` when a line's discount is above the approval threshold
    (`CRM_QUOTE_DISCOUNT_APPROVAL_PERCENT`, default 20), else `approved`."""
    q, deal = await service.get_quote(session, principal, quote_id)
    check_if_match(if_match, q.version)
    q = await service.submit(session, principal, q, deal)
    return await _quote_response(session, response, q)


@router.post(
    "/{quote_id}/approve",
    operation_id="quotes_approve",
    response_model=QuoteRead,
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def approve_quote(
    quote_id: uuid.UUID,
    data: ApprovalDecision,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> QuoteRead:
    """The deal owner's manager or an admin approves a quote awaiting approval."""
    q, deal = await service.get_quote(session, principal, quote_id)
    check_if_match(if_match, q.version)
    q = await service.decide(session, principal, q, deal, True, data.comment)
    return await _quote_response(session, response, q)


@router.post(
    "/{quote_id}/reject",
    operation_id="quotes_reject",
    response_model=QuoteRead,
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def reject_quote(
    quote_id: uuid.UUID,
    data: ApprovalDecision,
    response: Response,
    principal: CurrentPrincipal,
    session: SessionDep,
    if_match: IfMatch = None,
) -> QuoteRead:
    """The approver turns the discount down: the quote goes back to `draft` with the comment."""
    q, deal = await service.get_quote(session, principal, quote_id)
    check_if_match(if_match, q.version)
    q = await service.decide(session, principal, q, deal, False, data.comment)
    return await _quote_response(session, response, q)


@router.post(
    "/{quote_id}/send",
    operation_id="quotes_send",
    response_model=QuoteSent,
    responses=responses(401, 403, 404, 409, 412),
)
async def send_quote(
    quote_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep, if_match: IfMatch = None
) -> QuoteSent:
    """Marks the quote sent and returns a fresh public link (shown only here; an earlier link stops working).
    A quote awaiting approval, or a draft whose discount needs it, is a 409."""
    q, deal = await service.get_quote(session, principal, quote_id)
    check_if_match(if_match, q.version)
    q, token, expires = await service.send(session, principal, q, deal)
    read = await _quote_response(session, response, q)
    base = get_settings().public_base_url.rstrip("/")
    return QuoteSent(quote=read, public_url=f"{base}/q/{token}", api_url=PUBLIC_PREFIX + token, expires_at=expires)


@router.post(
    "/{quote_id}/revoke-link",
    operation_id="quotes_revoke_link",
    response_model=QuoteRead,
    responses=responses(401, 403, 404, 409),
)
async def revoke_link(
    quote_id: uuid.UUID, response: Response, principal: CurrentPrincipal, session: SessionDep
) -> QuoteRead:
    q, deal = await service.get_quote(session, principal, quote_id)
    q = await service.revoke_link(session, principal, q, deal)
    return await _quote_response(session, response, q)


PDF_RESPONSE = {200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}


@router.get(
    "/{quote_id}/pdf",
    operation_id="quotes_pdf",
    response_class=Response,
    responses={**PDF_RESPONSE, **responses(401, 404)},
)
async def quote_pdf(quote_id: uuid.UUID, principal: CurrentPrincipal, session: SessionDep) -> Response:
    q, deal = await service.get_quote(session, principal, quote_id)
    try:
        customer_name: str | None = (await customers_service.get_visible(session, principal, deal.customer_id)).name
    except NotFound:
        customer_name = None
    status_ = service.effective_status(q).value
    body = await anyio.to_thread.run_sync(
        lambda: pdf.render(q, deal_name=deal.name, customer_name=customer_name, status=status_)
    )
    filename = f"{q.number}-v{q.revision}.pdf"
    return Response(
        body, media_type="application/pdf", headers={"Content-Disposition": f'inline; filename="{filename}"'}
    )


# ---------------------------------------------------------------------------------------------
# Public: the customer's link, no login


async def public_rate_limit(request: Request, response: Response) -> str | None:
    """Per client IP; the token is the credential, so guessing is throttled too."""
    ip = client_ip(request)
    allowed, limit, remaining, reset = await ratelimit.hit(
        get_settings().public_rate_limit, "public-quote", ip or "unknown"
    )
    headers = {"RateLimit-Limit": str(limit), "RateLimit-Remaining": str(remaining), "RateLimit-Reset": str(reset)}
    if not allowed:
        raise TooManyRequests("Rate limit exceeded.", headers={**headers, "Retry-After": str(max(reset, 1))})
    response.headers.update(headers)
    return ip


ClientIp = Annotated[str | None, Depends(public_rate_limit)]


@public_router.get(
    "/{token}", operation_id="public_quotes_get", response_model=PublicQuote, responses=responses(404, 429)
)
async def public_get(token: str, _ip: ClientIp, session: SessionDep) -> PublicQuote:
    """The quote behind a link. Unknown, revoked, expired or superseded links are 404."""
    return service.to_public(await service.by_token(session, token))


@public_router.post(
    "/{token}/accept",
    operation_id="public_quotes_accept",
    response_model=PublicQuote,
    responses=responses(404, 409, 422, 429),
)
async def public_accept(token: str, data: PublicAccept, ip: ClientIp, session: SessionDep) -> PublicQuote:
    """Accepts with the typed name; the time, client IP and the SHA-256 of the quote's content are recorded.
    A quote past its validity date (or already answered) is a 409."""
    q = await service.by_token(session, token)
    q = await service.accept(session, q, data.name, ip)
    return service.to_public(q)


@public_router.post(
    "/{token}/decline",
    operation_id="public_quotes_decline",
    response_model=PublicQuote,
    responses=responses(404, 409, 422, 429),
)
async def public_decline(token: str, data: PublicDecline, ip: ClientIp, session: SessionDep) -> PublicQuote:
    q = await service.by_token(session, token)
    q = await service.decline(session, q, data.reason, ip)
    return service.to_public(q)
