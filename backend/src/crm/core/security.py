"""Tokens, password hashing, roles and the principal every request acts as."""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any

from jose import JWTError, jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from crm.core.errors import Unauthorized
from crm.settings import get_settings

_password_hash = PasswordHash((Argon2Hasher(),))
# A real hash to verify against when the user doesn't exist, so timing doesn't reveal which emails exist.
_DUMMY_HASH = _password_hash.hash("not-a-real-password")


API_KEY_PREFIX = "crm_"
# Resources an API key can be scoped to, as `<resource>:read` / `<resource>:write`. New resources add theirs.
SCOPED_RESOURCES = (
    "customers",
    "custom_fields",
    "users",
    "access_policies",
    "trash",
    "pipelines",
    "deals",
    "lost_reasons",
    "exchange_rates",
    "reports",
    "products",
    "quotes",
    "leads",
    "scoring",
    "assignment_rules",
    "web_forms",
    "interactions",
    "comments",
    "notifications",
    "mailbox",
    "tasks",
    "reminder_rules",
    "calendar",
    "stream",
    "documents",
)


def required_scope(method: str, path: str) -> str | None:
    """`GET /api/v1/custom-fields/…` needs `custom_fields:read`; writes need `:write`."""
    parts = path.split("/")
    if len(parts) < 4 or parts[1] != "api":
        return None
    resource = parts[3].replace("-", "_")
    if resource == "users" and len(parts) > 4 and parts[4] == "me":
        return None
    action = "read" if method in ("GET", "HEAD", "OPTIONS") else "write"
    return f"{resource}:{action}"


class Role(StrEnum):
    admin = "admin"
    manager = "manager"
    sales = "sales"
    marketing = "marketing"
    support = "support"
    viewer = "viewer"


def hash_password(password: str) -> str:
    return _password_hash.hash(password)


def verify_password(password: str, hashed: str | None) -> bool:
    if hashed is None:
        _password_hash.verify(password, _DUMMY_HASH)
        return False
    try:
        return _password_hash.verify(password, hashed)
    except Exception:
        return False


def create_access_token(subject: uuid.UUID, *, extra: dict[str, Any] | None = None) -> tuple[str, int]:
    settings = get_settings()
    now = datetime.now(UTC)
    ttl = timedelta(minutes=settings.access_token_minutes)
    claims: dict[str, Any] = {
        "sub": str(subject),
        "iat": int(now.timestamp()),
        "exp": int((now + ttl).timestamp()),
        "jti": secrets.token_hex(8),
        "typ": "access",
    }
    if extra:
        claims.update(extra)
    token = jwt.encode(claims, settings.secret_key, algorithm=settings.jwt_algorithm)
    return token, int(ttl.total_seconds())


def decode_access_token(token: str) -> uuid.UUID:
    """Only the configured algorithm is accepted: `alg: none` and algorithm swaps fail here."""
    settings = get_settings()
    subject, expires = _verified(token, settings.secret_key, settings.jwt_algorithm)
    if expires <= time.time():
        raise Unauthorized("Invalid or expired token.")
    return subject


@lru_cache(maxsize=4096)
def _verified(token: str, secret: str, algorithm: str) -> tuple[uuid.UUID, float]:
    """A token's subject and expiry once its signature checked out. Cached: a client sends the
    same token with every request for its lifetime, and verifying it each time cost more than
    the database lookup of its user. Refusals raise, so they are never cached."""
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != algorithm:
            raise Unauthorized("Invalid token.")
        claims = jwt.decode(
            token,
            secret,
            algorithms=[algorithm],
            options={"require_exp": True, "require_iat": True, "require_sub": True},
        )
    except JWTError as exc:
        raise Unauthorized("Invalid or expired token.") from exc
    if claims.get("typ") != "access":
        raise Unauthorized("Invalid token.")
    try:
        return uuid.UUID(str(claims["sub"])), float(claims["exp"])
    except (ValueError, KeyError, TypeError) as exc:
        raise Unauthorized("Invalid token.") from exc


def new_opaque_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Refresh tokens and API keys are high-entropy, so a plain SHA-256 is the right stored form."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(slots=True)
class Principal:
    """Who a request acts as, resolved once per request."""

    user_id: uuid.UUID
    role: Role
    name: str
    # Users whose records this principal may manage: itself plus everyone below it in the manager chain.
    managed_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    api_key_id: uuid.UUID | None = None
    scopes: frozenset[str] | None = None  # None: a person's session, every scope of the role
    ip: str | None = None
    request_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.admin

    @property
    def can_write(self) -> bool:
        return self.role is not Role.viewer

    def manages(self, owner_id: uuid.UUID | None) -> bool:
        return self.is_admin or (owner_id is not None and owner_id in self.managed_ids)
