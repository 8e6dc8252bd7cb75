from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import EmailStr, HttpUrl, TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.core import listing
from crm.core.errors import Conflict, Invalid, NotFound
from crm.core.history import record_change
from crm.core.security import Principal
from crm.custom_fields.models import CustomFieldDefinition
from crm.custom_fields.schemas import CustomFieldCreate, CustomFieldUpdate, FieldType

LIST_SPEC = listing.ListSpec(
    model=CustomFieldDefinition,
    fields={
        "object_type": listing.Field(CustomFieldDefinition.object_type),
        "key": listing.Field(CustomFieldDefinition.key),
        "position": listing.Field(CustomFieldDefinition.position, int),
        "created_at": listing.Field(CustomFieldDefinition.created_at, listing.datetime),
    },
    default_sort="position",
)

_email = TypeAdapter(EmailStr)
_url = TypeAdapter(HttpUrl)


async def definitions(session: AsyncSession, object_type: str) -> dict[str, CustomFieldDefinition]:
    rows = await session.execute(
        select(CustomFieldDefinition).where(
            CustomFieldDefinition.object_type == object_type, CustomFieldDefinition.deleted_at.is_(None)
        )
    )
    return {d.key: d for d in rows.scalars()}


def _coerce(defn: CustomFieldDefinition, value: Any) -> Any:
    t = FieldType(defn.type)
    if t is FieldType.text:
        if not isinstance(value, str) or len(value) > 10_000:
            raise ValueError("must be text")
        return value
    if t is FieldType.number:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValueError("must be a number")
        try:
            number = Decimal(str(value))
        except InvalidOperation as exc:
            raise ValueError("must be a number") from exc
        if not number.is_finite():
            raise ValueError("must be a finite number")
        return str(number)
    if t is FieldType.date:
        if not isinstance(value, str):
            raise ValueError("must be a date (YYYY-MM-DD)")
        return date.fromisoformat(value).isoformat()
    if t is FieldType.boolean:
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if t is FieldType.select:
        if value not in (defn.options or []):
            raise ValueError(f"must be one of {', '.join(defn.options or [])}")
        return value
    if t is FieldType.multiselect:
        if not isinstance(value, list) or any(v not in (defn.options or []) for v in value):
            raise ValueError(f"must be a list of {', '.join(defn.options or [])}")
        return list(dict.fromkeys(value))
    if t is FieldType.url:
        return str(_url.validate_python(value))
    if t is FieldType.email:
        return str(_email.validate_python(value)).lower()
    raise ValueError("unsupported type")


async def validate_values(
    session: AsyncSession, object_type: str, values: dict[str, Any], current: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Merges `values` onto `current` (null removes a key) and checks them against the definitions."""
    defs = await definitions(session, object_type)
    merged = dict(current or {})
    errors = []
    for key, value in values.items():
        loc: list[str | int] = ["body", "custom_fields", key]
        defn = defs.get(key)
        if defn is None:
            errors.append({"loc": loc, "msg": f"Unknown custom field {key!r}.", "type": "unknown_field"})
            continue
        if value is None:
            merged.pop(key, None)
            continue
        try:
            merged[key] = _coerce(defn, value)
        except (ValueError, ValidationError) as exc:
            msg = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            errors.append({"loc": loc, "msg": f"{defn.label}: {msg}", "type": "custom_field_type"})
    for key, defn in defs.items():
        if defn.required and merged.get(key) in (None, "", []) and not any(e["loc"][-1] == key for e in errors):
            errors.append(
                {"loc": ["body", "custom_fields", key], "msg": f"{defn.label} is required.", "type": "missing"}
            )
    if errors:
        raise Invalid("Some custom fields are not valid.", errors=errors)
    return merged


async def get(session: AsyncSession, field_id: uuid.UUID) -> CustomFieldDefinition:
    row = await session.get(CustomFieldDefinition, field_id)
    if row is None or row.deleted_at is not None:
        raise NotFound("Custom field not found.")
    return row


async def create(session: AsyncSession, principal: Principal, data: CustomFieldCreate) -> CustomFieldDefinition:
    if (await definitions(session, data.object_type)).get(data.key):
        raise Conflict(f"A custom field {data.key!r} already exists for {data.object_type}.")
    row = CustomFieldDefinition(**data.model_dump(mode="json"))
    session.add(row)
    await session.flush()
    record_change(session, principal, "custom_field", row.id, "created")
    return row


async def update(
    session: AsyncSession, principal: Principal, row: CustomFieldDefinition, data: CustomFieldUpdate
) -> CustomFieldDefinition:
    values = data.changes()
    if "options" in values and row.type not in (FieldType.select, FieldType.multiselect):
        raise Invalid.at(["body", "options"], "Only select and multiselect fields take options.")
    changes = {}
    for key, value in values.items():
        if value is not None and getattr(row, key) != value:
            changes[key] = (getattr(row, key), value)
            setattr(row, key, value)
    await session.flush()
    if changes:
        record_change(session, principal, "custom_field", row.id, "updated", changes)
    return row


async def delete(session: AsyncSession, principal: Principal, row: CustomFieldDefinition) -> None:
    from crm.db import utcnow

    row.deleted_at = utcnow()
    row.deleted_by_id = principal.user_id
    # Free the key so a new definition may take it; stored values stay in records' history.
    row.key = f"{row.key[:30]}~{row.id.hex}"
    await session.flush()
    record_change(session, principal, "custom_field", row.id, "deleted")


async def list_defs(session: AsyncSession, params: listing.ListParams) -> listing.ListResult:
    return await listing.paginate(session, LIST_SPEC, params)
