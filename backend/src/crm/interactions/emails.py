"""Logging a raw e-mail (.eml): parsed into an email interaction, its people matched by address."""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
import uuid
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.access import service as access_service
from crm.core import access
from crm.core.errors import Conflict, Invalid
from crm.core.security import Principal
from crm.customers.models import Customer
from crm.db import utcnow
from crm.interactions import service
from crm.interactions.models import Interaction
from crm.interactions.schemas import InteractionCreate
from crm.leads.models import Lead
from crm.settings import get_settings

_BLANK_RUNS = re.compile(r"\n{3,}")
_SAFE_NAME = re.compile(r"[^\w.\- ]+", re.UNICODE)


def html_to_text(markup: str) -> str:
    """HTML mail reduced to readable text: no tags, scripts, styles or remote content survive."""
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "head", "title", "meta", "noscript", "template"]):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    text = soup.get_text("\n")
    lines = [line.strip() for line in text.splitlines()]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def _content(part: Any) -> str:
    try:
        return str(part.get_content())
    except (LookupError, UnicodeDecodeError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", errors="replace")


def _body(msg: EmailMessage) -> str:
    """The plain-text part, or the HTML part as text when the plain one is missing or empty."""
    plain = msg.get_body(preferencelist=("plain",))
    text = _content(plain).strip() if plain is not None else ""
    if text:
        return text
    html = msg.get_body(preferencelist=("html",))
    return html_to_text(_content(html)) if html is not None else ""


def _addresses(msg: EmailMessage, header: str) -> list[tuple[str, str]]:
    values = msg.get_all(header, [])
    return [(name, addr.lower()) for name, addr in getaddresses([str(v) for v in values]) if "@" in addr]


def safe_filename(name: str | None) -> str:
    base = Path((name or "").replace("\\", "/")).name
    cleaned = _SAFE_NAME.sub("_", base).strip(" .")
    return (cleaned or "attachment")[:150]


def attachments_dir() -> Path:
    return get_settings().data_dir / "attachments"


def _store(data: bytes) -> str:
    """Content-addressed, so the same file sent twice is kept once."""
    digest = hashlib.sha256(data).hexdigest()
    path = attachments_dir() / digest[:2] / digest
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp-" + uuid.uuid4().hex)
        tmp.write_bytes(data)
        tmp.replace(path)
    return digest


def attachment_path(sha256: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ValueError("bad attachment key")
    return attachments_dir() / sha256[:2] / sha256


def parse(raw: bytes) -> EmailMessage:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    if not isinstance(msg, EmailMessage) or (not msg.get("From") and not msg.get("Message-ID")):
        raise Invalid.at(["body", "file"], "This is not an e-mail message (.eml).")
    return msg


async def log_email(
    session: AsyncSession,
    principal: Principal,
    raw: bytes,
    *,
    customer_id: uuid.UUID | None,
    lead_id: uuid.UUID | None,
    deal_id: uuid.UUID | None,
) -> tuple[Interaction, bool]:
    """(interaction, created). The same Message-ID logged again returns the first interaction."""
    msg = parse(raw)
    message_id = (msg.get("Message-ID") or "").strip()[:500] or None
    if message_id:
        existing = (
            await session.execute(select(Interaction).where(Interaction.message_id == message_id))
        ).scalar_one_or_none()
        if existing is not None:
            if existing.deleted_at is None and await service.can_read(session, principal, existing):
                return existing, False
            raise Conflict("This message has already been logged.")

    senders = _addresses(msg, "From")
    to, cc = _addresses(msg, "To"), _addresses(msg, "Cc")
    everyone = {addr for _, addr in senders + to + cc}
    users = await service.users_by_email(session, everyone)
    customer_level = await access_service.level_for(session, "customer")
    lead_level = await access_service.level_for(session, "lead")
    contacts = {
        c.primary_email: c
        for c in (
            await session.execute(
                select(Customer).where(
                    Customer.primary_email.in_(everyone), Customer.deleted_at.is_(None), Customer.type == "person"
                )
            )
        ).scalars()
        if c.primary_email and access.can_read(principal, customer_level, c.owner_id)
    }
    leads = {
        lead.primary_email: lead
        for lead in (
            await session.execute(select(Lead).where(Lead.primary_email.in_(everyone), Lead.deleted_at.is_(None)))
        ).scalars()
        if lead.primary_email and access.can_read(principal, lead_level, lead.owner_id)
    }

    participants: list[dict[str, Any]] = []
    for role, people in (("from", senders), ("to", to), ("cc", cc)):
        for name, addr in people:
            known: Any = users.get(addr) or contacts.get(addr) or leads.get(addr)
            if known is None:
                participants.append({"kind": "email", "email": addr, "name": name or None, "role": role})
                continue
            kind = "user" if addr in users else "contact" if addr in contacts else "lead"
            label = known.full_name if kind == "user" else known.name
            participants.append({"kind": kind, "id": known.id, "name": label, "role": role})

    # Unless told where it belongs, the message goes with the first contact (else lead) in it.
    if customer_id is None and lead_id is None and deal_id is None:
        first_contact = next((p for p in participants if p["kind"] == "contact"), None)
        first_lead = next((p for p in participants if p["kind"] == "lead"), None)
        if first_contact is not None:
            customer_id = first_contact["id"]
        elif first_lead is not None:
            lead_id = first_lead["id"]
        else:
            raise Invalid.at(
                ["body", "customer_id"],
                "Nobody in this message is a customer or lead you can see; choose the record to log it on.",
                "missing",
            )
    outbound = any(addr in users for _, addr in senders)
    try:
        occurred = parsedate_to_datetime(str(msg["Date"])) if msg.get("Date") else utcnow()
        if occurred.tzinfo is None:
            raise ValueError
    except (TypeError, ValueError):
        occurred = utcnow()

    files = []
    for part in msg.iter_attachments():
        data = part.get_payload(decode=True) or b""
        files.append(
            {
                "name": safe_filename(part.get_filename()),
                "content_type": part.get_content_type(),
                "size": len(data),
                "sha256": _store(data),
            }
        )
    data = InteractionCreate.model_validate(
        {
            "type": "email",
            "direction": "outbound" if outbound else "inbound",
            "occurred_at": occurred.isoformat(),
            "subject": str(msg.get("Subject") or "")[:300] or None,
            "body": _body(msg)[:100_000],
            "participants": [{k: (str(v) if k == "id" else v) for k, v in p.items()} for p in participants][:100],
            "customer_id": str(customer_id) if customer_id else None,
            "lead_id": str(lead_id) if lead_id else None,
            "deal_id": str(deal_id) if deal_id else None,
        }
    )
    interaction = await service.create(session, principal, data, message_id=message_id, attachments=files)
    return interaction, True
