"""In-app notifications (and their e-mails): one call, `notify`, for every feature that tells a user something."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crm.core import listing
from crm.core.errors import NotFound
from crm.core.events import emit
from crm.core.history import audit
from crm.core.security import Principal
from crm.db import utcnow
from crm.notifications.mail import compose_body
from crm.notifications.models import Notification, NotificationPreference, OutgoingEmail
from crm.notifications.schemas import MailStatus, NotificationKind, NotificationRead
from crm.users import service as users_service
from crm.users.models import User

KINDS = tuple(k.value for k in NotificationKind)  # mention, reminder, assignment, task, system
# E-mailed unless the user turns it off.
DEFAULT_EMAIL_KINDS = ("mention", "reminder", "assignment")


async def email_kinds(session: AsyncSession, user_id: uuid.UUID) -> list[str]:
    pref = await session.get(NotificationPreference, user_id)
    return list(pref.email_kinds) if pref is not None else list(DEFAULT_EMAIL_KINDS)


async def notify(
    session: AsyncSession,
    user_id: uuid.UUID,
    kind: str,
    title: str,
    body: str = "",
    *,
    record_type: str | None = None,
    record_id: uuid.UUID | None = None,
    actor: Principal | None = None,
) -> Notification | None:
    """Creates the notification (and an e-mail when the user wants that kind by mail) in the
    caller's transaction; the live stream picks it up from the outbox. Inactive users get nothing."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    user = await session.get(User, user_id)
    if user is None or not user.is_active:
        return None
    note = Notification(
        user_id=user_id,
        kind=kind,
        title=title[:300],
        body=body,
        record_type=record_type,
        record_id=record_id,
        actor_id=actor.user_id if actor else None,
    )
    session.add(note)
    await session.flush()
    emit(
        session,
        "notification.created",
        "notification",
        note.id,
        {
            "id": str(note.id),
            "user_id": str(user_id),
            "kind": kind,
            "title": note.title,
            "record_type": record_type,
            "record_id": str(record_id) if record_id else None,
        },
        actor,
    )
    if kind in await email_kinds(session, user_id):
        session.add(
            OutgoingEmail(
                to_address=user.email,
                subject=note.title,
                body_text=compose_body(note.title, body, record_type, record_id),
                status="queued",
                attempts=0,
                notification_id=note.id,
            )
        )
    return note


# --- the caller's notifications -------------------------------------------------------------


@lru_cache
def list_spec() -> listing.ListSpec:
    F = listing.Field
    return listing.ListSpec(
        model=Notification,
        fields={
            "kind": F(Notification.kind, NotificationKind, sortable=False),
            "record_type": F(Notification.record_type, nullable=True, sortable=False),
            "record_id": F(Notification.record_id, uuid.UUID, nullable=True, sortable=False),
            "actor_id": F(Notification.actor_id, uuid.UUID, nullable=True, sortable=False),
            "read_at": F(Notification.read_at, listing.datetime, nullable=True, sortable=False),
            "created_at": F(Notification.created_at, listing.datetime),
        },
        default_sort="-created_at",
    )


async def list_notifications(
    session: AsyncSession, principal: Principal, params: listing.ListParams, unread: bool | None
) -> listing.ListResult:
    where = [Notification.user_id == principal.user_id]
    if unread is not None:
        where.append(Notification.read_at.is_(None) if unread else Notification.read_at.is_not(None))
    return await listing.paginate(session, list_spec(), params, where=where)


async def to_read(session: AsyncSession, rows: Sequence[Notification]) -> list[NotificationRead]:
    actors = await users_service.names(session, {r.actor_id for r in rows if r.actor_id})
    return [
        NotificationRead.model_validate(r).model_copy(
            update={"actor_name": actors.get(r.actor_id) if r.actor_id else None}
        )
        for r in rows
    ]


async def unread_count(session: AsyncSession, principal: Principal) -> int:
    stmt = select(func.count()).where(Notification.user_id == principal.user_id, Notification.read_at.is_(None))
    return (await session.execute(stmt)).scalar_one()


async def get_own(session: AsyncSession, principal: Principal, notification_id: uuid.UUID) -> Notification:
    """The caller's own notification; anyone else's is a 404 like a missing one."""
    note = await session.get(Notification, notification_id)
    if note is None or note.user_id != principal.user_id:
        raise NotFound("Notification not found.")
    return note


async def mark_read(session: AsyncSession, principal: Principal, note: Notification) -> Notification:
    if note.read_at is None:  # the first read time stays: reading twice changes nothing
        note.read_at = utcnow()
        await session.flush()
        emit(
            session,
            "notification.read",
            "notification",
            note.id,
            {"ids": [str(note.id)], "user_id": str(principal.user_id)},
            principal,
        )
    return note


async def mark_all_read(session: AsyncSession, principal: Principal) -> int:
    result = await session.execute(
        update(Notification)
        .where(Notification.user_id == principal.user_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    count: int = result.rowcount  # type: ignore[attr-defined]
    if count:
        # One event for the lot: the live stream only needs to reset the caller's badge.
        emit(
            session,
            "notification.read_all",
            "notification",
            None,
            {"user_id": str(principal.user_id), "count": count},
            principal,
        )
    return count


async def get_preferences(session: AsyncSession, principal: Principal) -> list[str]:
    return await email_kinds(session, principal.user_id)


async def set_preferences(session: AsyncSession, principal: Principal, kinds: Sequence[str]) -> list[str]:
    wanted = [k for k in KINDS if k in set(kinds)]  # one order everywhere, no duplicates
    pref = await session.get(NotificationPreference, principal.user_id)
    before = list(pref.email_kinds) if pref is not None else list(DEFAULT_EMAIL_KINDS)
    if pref is None:
        pref = NotificationPreference(user_id=principal.user_id, email_kinds=wanted)
        session.add(pref)
    else:
        pref.email_kinds = wanted
    await session.flush()
    if before != wanted:
        audit(
            session,
            principal,
            "notification_preference.updated",
            "user",
            principal.user_id,
            {"email_kinds": {"from": before, "to": wanted}},
        )
    return wanted


# --- the mailbox (admins) -------------------------------------------------------------------


@lru_cache
def mailbox_spec() -> listing.ListSpec:
    F = listing.Field
    return listing.ListSpec(
        model=OutgoingEmail,
        fields={
            "status": F(OutgoingEmail.status, MailStatus, sortable=False),
            "to_address": F(OutgoingEmail.to_address, sortable=False),
            "notification_id": F(OutgoingEmail.notification_id, uuid.UUID, nullable=True, sortable=False),
            "sent_at": F(OutgoingEmail.sent_at, listing.datetime, nullable=True, sortable=False),
            "created_at": F(OutgoingEmail.created_at, listing.datetime),
        },
        default_sort="-created_at",
    )


async def list_mail(session: AsyncSession, params: listing.ListParams) -> listing.ListResult:
    return await listing.paginate(session, mailbox_spec(), params)


async def get_mail(session: AsyncSession, mail_id: uuid.UUID) -> OutgoingEmail:
    mail = await session.get(OutgoingEmail, mail_id)
    if mail is None:
        raise NotFound("E-mail not found.")
    return mail
