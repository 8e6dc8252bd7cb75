"""Small async factories: each makes one committed record with sensible defaults."""

from __future__ import annotations

import uuid
from typing import Any

from crm.core.security import Principal, Role, create_access_token, hash_password
from crm.customers import service as customers_service
from crm.customers.models import Customer
from crm.customers.schemas import CustomerCreate
from crm.users.models import User

PASSWORD = "correct-horse-battery"
_HASH = hash_password(PASSWORD)


async def make_user(
    session: Any,
    role: str = "sales",
    manager: User | None = None,
    email: str | None = None,
    name: str | None = None,
    active: bool = True,
) -> User:
    user = User(
        email=email or f"{role}-{uuid.uuid4().hex[:8]}@example.com",
        full_name=name or f"{role} user",
        password_hash=_HASH,
        role=role,
        manager_id=manager.id if manager else None,
        is_active=active,
    )
    session.add(user)
    await session.commit()
    return user


def auth(user: User) -> dict[str, str]:
    token, _ = create_access_token(user.id)
    return {"Authorization": f"Bearer {token}"}


async def make_customer(session: Any, owner: User, **fields: Any) -> Customer:
    data = dict(fields)
    data.setdefault("type", "company")
    if data["type"] == "company":
        data.setdefault("name", f"Company {uuid.uuid4().hex[:6]}")
    elif "name" in data:
        data["first_name"] = data.pop("name")
    data.setdefault("owner_id", str(owner.id))
    principal = Principal(user_id=owner.id, role=Role.admin, name=owner.full_name)
    customer = await customers_service.create(session, principal, CustomerCreate.model_validate(data))
    await session.commit()
    return customer


def assert_problem(r: Any, status: int, *, loc: list[Any] | None = None) -> dict[str, Any]:
    """A problem+json response with this status (and this error location, when given)."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status
    assert body["title"] and body["detail"]
    assert body["request_id"] == r.headers["x-request-id"]
    if loc is not None:
        assert loc in [e["loc"] for e in body["errors"]], body
    return body
