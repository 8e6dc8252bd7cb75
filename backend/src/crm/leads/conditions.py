"""Rule conditions over a lead in the list filter language (`country in KR,JP`, `company_size gte 50`).

Scoring and assignment rules run in Python on one lead at a time (on every change), so the
conditions are checked here with the same fields, operators and value parsing as `?field[op]=`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from crm.core import listing
from crm.core.errors import Invalid
from crm.leads.schemas import LeadSource, LeadStatus

FREE_MAIL = frozenset(
    "gmail.com googlemail.com naver.com daum.net hanmail.net kakao.com nate.com yahoo.com yahoo.co.jp "
    "hotmail.com outlook.com live.com icloud.com me.com aol.com proton.me protonmail.com gmx.de web.de "
    "qq.com 163.com".split()
)


def email_domain(email: str | None) -> str | None:
    return email.rsplit("@", 1)[1].lower() if email and "@" in email else None


def email_kind(email: str | None) -> str:
    domain = email_domain(email)
    if domain is None:
        return "none"
    return "free" if domain in FREE_MAIL else "business"


def _phone(lead: Mapping[str, Any]) -> str | None:
    phones = lead.get("phones") or []
    return phones[0]["value"] if phones else None


# name -> (list filter declaration, how to read the value off a lead dict)
FIELDS: dict[str, tuple[listing.Field, Callable[[Mapping[str, Any]], Any]]] = {
    "source": (listing.Field(None, LeadSource), lambda lead: lead.get("source")),
    "status": (listing.Field(None, LeadStatus), lambda lead: lead.get("status")),
    "country": (listing.Field(None, nullable=True), lambda lead: lead.get("country")),
    "industry": (listing.Field(None, nullable=True), lambda lead: lead.get("industry")),
    "company_size": (listing.Field(None, int, nullable=True), lambda lead: lead.get("company_size")),
    "job_title": (listing.Field(None, nullable=True), lambda lead: lead.get("job_title")),
    "campaign": (listing.Field(None, nullable=True), lambda lead: lead.get("campaign")),
    "company_name": (listing.Field(None, nullable=True), lambda lead: lead.get("company_name")),
    "email": (listing.Field(None, nullable=True), lambda lead: lead.get("primary_email")),
    "email_domain": (listing.Field(None, nullable=True), lambda lead: email_domain(lead.get("primary_email"))),
    "email_kind": (listing.Field(None), lambda lead: email_kind(lead.get("primary_email"))),
    "phone": (listing.Field(None, nullable=True), _phone),
    "website": (listing.Field(None, nullable=True), lambda lead: lead.get("website")),
    "submission_count": (listing.Field(None, int), lambda lead: lead.get("submission_count") or 0),
    "tags": (listing.Field(None, array=True), lambda lead: lead.get("tags") or []),
}


def _loc(loc: list[str | int], key: str) -> list[str | int]:
    return [*loc, key]


def validate(field: str, op: str, value: str, loc: list[str | int]) -> Any:
    """Checks a condition like a list filter and returns its parsed value (a list for in/nin)."""
    entry = FIELDS.get(field)
    if entry is None:
        raise Invalid.at(_loc(loc, "field"), f"Unknown field {field!r}; use one of {', '.join(FIELDS)}.")
    fld = entry[0]
    if op not in fld.allowed_ops():
        raise Invalid.at(_loc(loc, "op"), f"Operator {op!r} is not allowed on {field!r}.")
    vloc = _loc(loc, "value")
    if op == "isnull":
        return listing.convert_value(field, listing.Field(None, bool), value, vloc)
    if fld.array or op == "contains":
        if not value.strip():
            raise Invalid.at(vloc, "Give a value.")
        return value.strip().lower()
    if op in ("in", "nin"):
        values = [listing.convert_value(field, fld, v.strip(), vloc) for v in value.split(",") if v.strip()]
        if not values:
            raise Invalid.at(vloc, "Give at least one value.")
        return [_norm(field, v) for v in values]
    return _norm(field, listing.convert_value(field, fld, value, vloc))


def _norm(field: str, v: Any) -> Any:
    if field == "country" and isinstance(v, str):
        return v.upper()
    if isinstance(v, str):
        return str(getattr(v, "value", v))
    return v


def describe(field: str, op: str, value: str) -> str:
    return f"{field} {op} {value}"


def matches(field: str, op: str, value: str, lead: Mapping[str, Any]) -> bool:
    """Whether the lead meets the condition; a condition that no longer validates never matches."""
    try:
        expected = validate(field, op, value, [])
    except Invalid:
        return False
    fld, read = FIELDS[field]
    actual = read(lead)
    if isinstance(actual, str) and field == "country":
        actual = actual.upper()
    if op == "isnull":
        empty = actual is None or actual == "" or actual == []
        return empty if expected else not empty
    if fld.array:
        return expected in {str(t).lower() for t in actual}
    if op == "contains":
        return actual is not None and expected in str(actual).lower()
    if actual is None:
        # Like SQL: a missing value matches no comparison except "not in" / "not equal".
        return op in ("ne", "nin")
    if isinstance(actual, str):
        actual_cmp: Any = actual
        if fld.type is str and field != "country":
            actual_cmp = actual.lower()
            expected = [e.lower() for e in expected] if isinstance(expected, list) else str(expected).lower()
    else:
        actual_cmp = actual
    if op == "in":
        return actual_cmp in expected
    if op == "nin":
        return actual_cmp not in expected
    try:
        return {
            "eq": lambda: actual_cmp == expected,
            "ne": lambda: actual_cmp != expected,
            "gt": lambda: actual_cmp > expected,
            "gte": lambda: actual_cmp >= expected,
            "lt": lambda: actual_cmp < expected,
            "lte": lambda: actual_cmp <= expected,
        }[op]()
    except TypeError:
        return False
