from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response, status

from crm.auth.deps import CurrentPrincipal, client_ip
from crm.calendar import service
from crm.calendar.schemas import CalendarFeedRead
from crm.core import ratelimit
from crm.core.errors import TooManyRequests, responses
from crm.db import SessionDep
from crm.settings import get_settings

router = APIRouter(prefix="/calendar", tags=["calendar"])
public_router = APIRouter(prefix="/public/calendar", tags=["public"])


def _base_url(request: Request) -> str:
    """Where calendar apps and links reach this server: the configured public URL, else this request's."""
    return (get_settings().public_base_url or str(request.base_url)).rstrip("/")


@router.get("/feed", operation_id="calendar_feed_get", response_model=CalendarFeedRead, responses=responses(401))
async def get_feed(principal: CurrentPrincipal, session: SessionDep) -> CalendarFeedRead:
    """Whether the caller has a feed URL. The URL itself is shown only when made (`POST`)."""
    feed = await service.get(session, principal.user_id)
    if feed is None:
        return CalendarFeedRead(active=False)
    return CalendarFeedRead(active=True, created_at=feed.created_at, last_used_at=feed.last_used_at)


@router.post(
    "/feed",
    operation_id="calendar_feed_rotate",
    response_model=CalendarFeedRead,
    responses=responses(401, 403),
)
async def rotate_feed(request: Request, principal: CurrentPrincipal, session: SessionDep) -> CalendarFeedRead:
    """Makes the caller's secret iCalendar URL, or a new one: the old URL stops working. The full URL is in
    this response only; subscribe to it in a calendar app. Anyone with the URL sees the caller's open tasks
    and meetings, so treat it like a password."""
    feed, token = await service.rotate(session, principal)
    url = _base_url(request) + service.PUBLIC_PATH.format(token=token)
    return CalendarFeedRead(active=True, url=url, created_at=feed.created_at, last_used_at=None)


@router.delete(
    "/feed", operation_id="calendar_feed_revoke", status_code=status.HTTP_204_NO_CONTENT, responses=responses(401)
)
async def revoke_feed(principal: CurrentPrincipal, session: SessionDep) -> Response:
    """The caller's feed URL stops working (also when there was none)."""
    await service.revoke(session, principal)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ---------------------------------------------------------------------------------------------
# Public: the calendar app's subscription, no login


async def public_rate_limit(request: Request, response: Response) -> None:
    """Per client IP; the token is the credential, so guessing is throttled too."""
    allowed, limit, remaining, reset = await ratelimit.hit(
        get_settings().public_rate_limit, "public-calendar", client_ip(request) or "unknown"
    )
    headers = {"RateLimit-Limit": str(limit), "RateLimit-Remaining": str(remaining), "RateLimit-Reset": str(reset)}
    if not allowed:
        raise TooManyRequests("Rate limit exceeded.", headers={**headers, "Retry-After": str(max(reset, 1))})
    response.headers.update(headers)


ICS_RESPONSE = {200: {"content": {"text/calendar": {"schema": {"type": "string"}}}, "description": "iCalendar"}}


@public_router.get(
    "/{token}.ics",
    operation_id="public_calendar_feed",
    response_class=Response,
    responses={**ICS_RESPONSE, **responses(404, 429)},
    dependencies=[Depends(public_rate_limit)],
)
async def public_feed(token: str, request: Request, response: Response, session: SessionDep) -> Response:
    """The user's open tasks with a due time and their meetings and visits (90 days back, a year ahead) as
    iCalendar. Unknown or revoked URLs are 404."""
    _feed, principal = await service.by_token(session, token)
    body = await service.render(session, principal, _base_url(request))
    # A returned Response replaces the injected one, so carry its rate-limit headers over.
    headers = {k: v for k, v in response.headers.items() if k.lower().startswith("ratelimit-")}
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={**headers, "Cache-Control": "private, max-age=300"},
    )
