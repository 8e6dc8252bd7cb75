"""Live updates over server-sent events, with two real API processes sharing one database."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator

import anyio
import httpx
import pytest

from .factories import auth, make_user
from .servers import crm_servers


@pytest.fixture(scope="module")
def servers(database) -> Iterator[list[str]]:
    """Two `crm serve` processes on the test database."""
    with crm_servers(2) as started:
        yield [url for url, _ in started]


class Listener:
    """Reads an SSE stream in the background and keeps what arrives."""

    def __init__(self) -> None:
        self.events: list[dict] = []
        self.comments: list[str] = []
        self.changed = anyio.Event()

    async def read(self, response: httpx.Response) -> None:
        fields: dict[str, str] = {}
        async for line in response.aiter_lines():
            if line == "":
                if "data" in fields:
                    self.events.append(
                        {"id": fields.get("id"), "event": fields.get("event"), **json.loads(fields["data"])}
                    )
                    self.changed.set()
                    self.changed = anyio.Event()
                fields = {}
            elif line.startswith(":"):
                self.comments.append(line)
            elif ":" in line:
                key, value = line.split(":", 1)
                fields[key] = value.lstrip()

    async def wait_for(self, predicate, timeout: float = 15.0) -> dict:  # type: ignore[no-untyped-def]
        with anyio.fail_after(timeout):
            while True:
                for ev in self.events:
                    if predicate(ev):
                        return ev
                await self.changed.wait()


async def _listen(url: str, headers: dict[str, str], listener: Listener, task_status=anyio.TASK_STATUS_IGNORED) -> None:  # type: ignore[no-untyped-def]
    async with httpx.AsyncClient(timeout=httpx.Timeout(5, read=60)) as c:
        async with c.stream("GET", f"{url}/stream", headers=headers) as r:
            assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
            task_status.started()
            await listener.read(r)


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as c:
        yield c


async def test_a_change_through_one_process_reaches_a_client_of_the_other(session, servers, http):
    one, two = servers
    a = await make_user(session, role="sales", name="Rep A")
    b = await make_user(session, role="sales", name="Rep B")
    listener = Listener()
    async with anyio.create_task_group() as tg:
        await tg.start(_listen, one, auth(b), listener)
        # A's deal is private (the default for deals): B must never hear of it.
        company = (
            await http.post(f"{two}/customers", headers=auth(a), json={"type": "company", "name": "Live Co"})
        ).json()
        deal = await http.post(f"{two}/deals", headers=auth(a), json={"name": "Hidden", "customer_id": company["id"]})
        assert deal.status_code == 201, deal.text
        patched = await http.patch(f"{two}/customers/{company['id']}", headers=auth(a), json={"industry": "robots"})
        assert patched.status_code == 200
        got = await listener.wait_for(lambda e: e["event"] == "customer.updated")
        assert got["record_id"] == company["id"] and got["data"]["fields"] == ["industry"]
        assert got["actor_id"] == str(a.id)
        kinds = [e["event"] for e in listener.events]
        assert "customer.created" in kinds
        assert not any(e["record_type"] == "deal" for e in listener.events)
        tg.cancel_scope.cancel()

    # Reconnecting with Last-Event-ID replays what was missed (and still nothing private).
    last = listener.events[-1]["id"]
    await http.post(f"{two}/customers", headers=auth(a), json={"type": "company", "name": "While Away"})
    await http.post(f"{two}/deals", headers=auth(a), json={"name": "Hidden 2", "customer_id": company["id"]})
    again = Listener()
    async with anyio.create_task_group() as tg:
        await tg.start(_listen, two, {**auth(b), "Last-Event-ID": last}, again)
        missed = await again.wait_for(lambda e: e["event"] == "customer.created")
        assert missed["data"]["name"] == "While Away"
        assert not any(e["record_type"] == "deal" for e in again.events)
        tg.cancel_scope.cancel()


async def test_notifications_reach_only_their_user(session, servers, http):
    from crm.notifications.service import notify

    one, _ = servers
    a = await make_user(session, role="sales", name="Rep A")
    b = await make_user(session, role="sales", name="Rep B")
    to_a, to_b = Listener(), Listener()
    async with anyio.create_task_group() as tg:
        await tg.start(_listen, one, auth(a), to_a)
        await tg.start(_listen, one, auth(b), to_b)
        # Written by another process altogether (this test), like the worker would.
        await notify(session, b.id, "mention", "Rep A mentioned you")
        await session.commit()
        got = await to_b.wait_for(lambda e: e["event"] == "notification.created")
        assert got["data"]["title"] == "Rep A mentioned you"
        await anyio.sleep(1)
        assert not any(e["event"] == "notification.created" for e in to_a.events)
        tg.cancel_scope.cancel()


async def test_stream_needs_a_login(servers, http):
    r = await http.get(f"{servers[0]}/stream")
    assert r.status_code == 401 and r.headers["content-type"].startswith("application/problem+json")
