"""No N+1: a list request costs a fixed number of queries, whatever the page size."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import event, select

from crm.customers.models import Customer
from crm.datasets.seed import Size, seed
from crm.users.models import User
from tests.api.factories import auth

# Today's counts plus a little room: the principal, the access level, the page, one lookup per
# related kind (owners, companies, stages …). A timeline reads each kind of event separately.
MAX_QUERIES = 10
TIMELINE_QUERIES = 22
DATA = Size(customers=240, leads=120, deals=120, interactions=400, users=8)


@contextmanager
def counting() -> Any:
    from crm.db import get_engine

    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    engine = get_engine().sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def test_list_queries_do_not_grow_with_the_page(client, session):
    await seed("query-count", 3, date(2026, 6, 1), DATA)
    admin = (await session.execute(select(User).where(User.role == "admin"))).scalar_one()
    rep = (await session.execute(select(User).where(User.role == "sales").limit(1))).scalar_one()
    company = (
        await session.execute(select(Customer).where(Customer.type == "company").order_by(Customer.id).limit(1))
    ).scalar_one()
    paths = [
        "/customers?",
        "/customers?type=person&",
        "/customers?q=kim&",
        "/leads?",
        "/leads?status=new&sort=-score&",
        "/deals?",
        "/interactions?",
        f"/customers/{company.id}/timeline?",
        "/tasks?",
    ]
    for user in (admin, rep):  # admins skip the access filter; reps go through it
        h = auth(user)
        for path in paths:
            counts = []
            for limit in (5, 50):
                with counting() as statements:
                    r = await client.get(f"{path}limit={limit}", headers=h)
                assert r.status_code == 200, (path, r.text)
                counts.append(len(statements))
            assert counts[0] == counts[1], f"{path}: {counts[0]} queries for 5 rows, {counts[1]} for 50"
            budget = TIMELINE_QUERIES if "/timeline" in path else MAX_QUERIES
            assert counts[1] <= budget, f"{path}: {counts[1]} queries, budget {budget}"
