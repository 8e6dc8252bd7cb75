"""`GET /stream`: server-sent events for the records the user can see and their notifications."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import StreamingResponse

from crm.auth.deps import CurrentPrincipal
from crm.core.errors import responses
from crm.stream.hub import hub

router = APIRouter(prefix="/stream", tags=["stream"])
KEEPALIVE_SECONDS = 15.0


def _frame(message: dict[str, Any]) -> str:
    body = {k: v for k, v in message.items() if k != "event_id"}
    return f"id: {message['event_id']}\nevent: {message['type']}\ndata: {orjson.dumps(body).decode()}\n\n"


def _parse_id(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


@router.get(
    "",
    operation_id="stream_events",
    response_class=StreamingResponse,
    responses={
        **responses(401),
        200: {
            "content": {
                "text/event-stream": {
                    # One server-sent event; `data` is the JSON text described in the operation.
                    "schema": {
                        "type": "object",
                        "properties": {
                            "id": {"type": "string"},
                            "event": {"type": "string"},
                            "data": {"type": "string"},
                            "retry": {"type": "integer"},
                        },
                    }
                }
            },
            "description": "Event stream.",
        },
    },
    description="Server-sent events: `id` (resume with `Last-Event-ID`), `event` (e.g. `customer.updated`, "
    "`notification.created`), `data` JSON {type, record_type, record_id, data, actor_id, at}. Only changes to "
    "records the caller may see, and the caller's own notifications. After a gap too long to replay the "
    "server sends `event: reset` (reload what you show).",
)
async def stream(
    request: Request,
    principal: CurrentPrincipal,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
    since: Annotated[str | None, Query(alias="last_event_id", description="Same as the Last-Event-ID header.")] = None,
) -> StreamingResponse:
    resume = _parse_id(last_event_id or since)
    h = hub()
    sub = h.subscribe(principal)

    async def events() -> AsyncIterator[str]:
        replayed: set[uuid.UUID] = set()
        try:
            yield "retry: 3000\n: connected\n\n"
            if resume is not None:
                replay = await h.replay(principal, resume)
                if replay is None:
                    yield "event: reset\ndata: {}\n\n"
                else:
                    for message in replay:
                        replayed.add(message["event_id"])
                        yield _frame(message)
            while True:
                if sub.overflowed:
                    yield "event: reset\ndata: {}\n\n"
                    return
                try:
                    message = await asyncio.wait_for(sub.queue.get(), KEEPALIVE_SECONDS)
                except TimeoutError:
                    if await request.is_disconnected():
                        return
                    yield ": keep-alive\n\n"
                    continue
                if message["event_id"] not in replayed:
                    yield _frame(message)
        finally:
            h.unsubscribe(sub)

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no", "Connection": "keep-alive"},
    )
