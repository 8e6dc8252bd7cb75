"""Outgoing e-mail: composing the plain-text message and the worker's delivery pass.

Mail is written to `outgoing_email` in the change's transaction (see `service.notify`) and sent
later by the worker, so a rolled-back change never mails anyone and a slow SMTP server never
holds up a request.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.db import utcnow
from crm.notifications.models import OutgoingEmail
from crm.settings import Settings, get_settings

log = logging.getLogger("crm.mail")

BATCH = 100
MAX_ATTEMPTS = 5
SMTP_TIMEOUT = 30
FOOTER = (
    "-- \n"
    "You received this because of your notification settings in the CRM.\n"
    "Choose which notifications reach you by e-mail under Notifications > Preferences."
)


def compose_body(title: str, body: str, record_type: str | None, record_id: uuid.UUID | None) -> str:
    """The text of a notification e-mail: what happened, the excerpt, a link when the CRM has a
    public address, and the footer that says why it came."""
    parts = [title]
    if body and body != title:
        parts.append(body)
    base = get_settings().public_base_url.rstrip("/")
    if base and record_type and record_id:
        parts.append(f"Open it: {base}/{record_type}s/{record_id}")
    parts.append(FOOTER)
    return "\n\n".join(parts)


@dataclass
class DeliveryResult:
    sent: int = 0
    stored: int = 0
    retried: int = 0
    failed: int = 0


def build_message(settings: Settings, mail: OutgoingEmail) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = settings.mail_from
    msg["To"] = mail.to_address
    msg["Subject"] = mail.subject
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    domain = parseaddr(settings.mail_from)[1].rpartition("@")[2] or "localhost"
    msg["Message-ID"] = make_msgid(idstring=str(mail.id), domain=domain)
    msg.set_content(mail.body_text)  # text/plain; utf-8 (quoted-printable/base64 as needed)
    return msg


def _send_all(settings: Settings, messages: list[EmailMessage]) -> list[str | None]:
    """Sends over one SMTP connection (runs in a thread); one error text or None per message.
    A connection-level failure is every message's error: all are retried next pass."""
    assert settings.smtp_host
    results: list[str | None] = []
    try:
        smtp_cls = smtplib.SMTP_SSL if settings.smtp_port == 465 else smtplib.SMTP
        with smtp_cls(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT) as smtp:
            if settings.smtp_starttls and smtp_cls is smtplib.SMTP:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_username:
                smtp.login(settings.smtp_username, settings.smtp_password or "")
            for msg in messages:
                try:
                    smtp.send_message(msg)
                    results.append(None)
                except smtplib.SMTPServerDisconnected:
                    raise
                except (smtplib.SMTPException, OSError) as exc:
                    # This recipient or message was refused; the connection is still good.
                    results.append(_error_text(exc))
    except (smtplib.SMTPException, OSError) as exc:
        error = _error_text(exc)
        results.extend(error for _ in range(len(messages) - len(results)))
    return results


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


async def deliver_pending(session: AsyncSession) -> DeliveryResult:
    """One delivery pass over the oldest queued mail (up to BATCH); the caller commits.

    On PostgreSQL the rows are claimed with FOR UPDATE SKIP LOCKED, so two workers never send the
    same mail; the locks are held until the caller's commit records the outcome."""
    settings = get_settings()
    stmt = (
        select(OutgoingEmail)
        .where(OutgoingEmail.status == "queued")
        .order_by(OutgoingEmail.created_at, OutgoingEmail.id)
        .limit(BATCH)
    )
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    rows = list((await session.execute(stmt)).scalars().all())
    result = DeliveryResult()
    if not rows:
        return result
    if not settings.smtp_host:
        # No SMTP server configured: the local mailbox is the destination (admins read it).
        for row in rows:
            row.status = "stored"
        result.stored = len(rows)
        await session.flush()
        return result

    messages = [build_message(settings, row) for row in rows]
    errors = await asyncio.to_thread(_send_all, settings, messages)
    now = utcnow()
    for row, error in zip(rows, errors, strict=True):
        row.attempts += 1
        if error is None:
            row.status, row.sent_at, row.error = "sent", now, None
            result.sent += 1
            continue
        row.error = error
        if row.attempts >= MAX_ATTEMPTS:
            row.status = "failed"
            result.failed += 1
        else:
            result.retried += 1
    if result.failed or result.retried:
        log.warning("mail delivery: %s failed for good, %s to retry", result.failed, result.retried)
    await session.flush()
    return result
