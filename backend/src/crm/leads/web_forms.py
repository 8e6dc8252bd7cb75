"""Web forms: admins describe a form, paste its HTML on their site, and submissions become leads."""

from __future__ import annotations

import html
import secrets
import uuid
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crm.core import listing, ratelimit
from crm.core.errors import Forbidden, Invalid, NotFound, TooManyRequests
from crm.core.events import emit
from crm.core.history import audit
from crm.core.security import Principal
from crm.db import utcnow
from crm.leads import service as leads_service
from crm.leads.models import Lead, WebForm, WebFormSubmission
from crm.leads.schemas import FormFieldName, LeadCreate, LeadSource, WebFormCreate, WebFormRead, WebFormUpdate
from crm.settings import get_settings
from crm.users import service as users_service

# A field people never see (hidden with CSS) but form-filling bots do; anything in it is spam.
HONEYPOT = "hp_website"
# Form field -> where it lands in a lead (and back, for error locations).
_TARGET = {
    FormFieldName.email: ("emails", 0, "value"),
    FormFieldName.phone: ("phones", 0, "value"),
    FormFieldName.message: ("notes",),
}
_INPUT_TYPES = {
    FormFieldName.email: "email",
    FormFieldName.phone: "tel",
    FormFieldName.website: "url",
    FormFieldName.company_size: "number",
}

LIST_SPEC = listing.ListSpec(
    model=WebForm,
    fields={
        "name": listing.Field(WebForm.name),
        "active": listing.Field(WebForm.active, bool, sortable=False),
        "created_at": listing.Field(WebForm.created_at, listing.datetime),
    },
    default_sort="name",
)


def submit_url(form: WebForm, base_url: str) -> str:
    base = (get_settings().public_base_url or base_url).rstrip("/")
    return f"{base}/api/v1/public/forms/{form.form_key}/submissions"


def embed_html(form: WebForm, url: str) -> str:
    """Plain HTML that works without JavaScript: the browser posts the form and follows the redirect."""
    lines = [f'<form action="{html.escape(url)}" method="post" accept-charset="utf-8">']
    for f in form.fields:
        name = f["name"]
        label = html.escape(f["label"])
        required = " required" if f.get("required") else ""
        lines.append("  <p>")
        lines.append(f'    <label for="crm-{name}">{label}</label>')
        if name == FormFieldName.message:
            lines.append(f'    <textarea id="crm-{name}" name="{name}" rows="4"{required}></textarea>')
        else:
            kind = _INPUT_TYPES.get(FormFieldName(name), "text")
            lines.append(f'    <input id="crm-{name}" name="{name}" type="{kind}"{required}>')
        lines.append("  </p>")
    lines.append(
        f'  <input name="{HONEYPOT}" type="text" tabindex="-1" autocomplete="off" aria-hidden="true"'
        ' style="position:absolute;left:-10000px" value="">'
    )
    lines.append('  <button type="submit">Send</button>')
    lines.append("</form>")
    return "\n".join(lines)


def to_read(form: WebForm, base_url: str) -> WebFormRead:
    url = submit_url(form, base_url)
    return WebFormRead.model_validate(form).model_copy(update={"submit_url": url, "embed_html": embed_html(form, url)})


async def get(session: AsyncSession, form_id: uuid.UUID) -> WebForm:
    form = await session.get(WebForm, form_id)
    if form is None:
        raise NotFound("Web form not found.")
    return form


def _check_fields(fields: list[dict[str, Any]]) -> None:
    names = [f["name"] for f in fields]
    if len(set(names)) != len(names):
        raise Invalid.at(["body", "fields"], "Each field can appear once.")
    if FormFieldName.email not in names:
        raise Invalid.at(["body", "fields"], "A web form needs an email field (it keeps resubmissions together).")


async def _check_owner(session: AsyncSession, owner_id: uuid.UUID | None) -> None:
    if owner_id is not None and await users_service.get_active(session, owner_id) is None:
        raise Invalid.at(["body", "default_owner_id"], "Unknown or inactive user.")


async def create(session: AsyncSession, principal: Principal, data: WebFormCreate) -> WebForm:
    values = data.model_dump(mode="json")
    _check_fields(values["fields"])
    await _check_owner(session, data.default_owner_id)
    form = WebForm(
        name=data.name,
        form_key=secrets.token_urlsafe(18),
        fields=values["fields"],
        allowed_origins=list(dict.fromkeys(o.rstrip("/").lower() for o in data.allowed_origins)),
        redirect_url=data.redirect_url,
        default_owner_id=data.default_owner_id,
        default_campaign=data.default_campaign,
        dedupe_window_hours=data.dedupe_window_hours,
        active=data.active,
        submission_count=0,
        spam_count=0,
    )
    session.add(form)
    await session.flush()
    audit(session, principal, "web_form.created", "web_form", form.id, {"name": form.name})
    return form


async def update_form(session: AsyncSession, principal: Principal, form: WebForm, data: WebFormUpdate) -> WebForm:
    values = data.changes(mode="json")
    for key in ("name", "fields", "active", "dedupe_window_hours"):
        if key in values and values[key] is None:
            raise Invalid.at(["body", key], f"{key} cannot be null.")
    if "fields" in values:
        _check_fields(values["fields"])
    if "default_owner_id" in values:
        await _check_owner(session, data.default_owner_id)
    if "allowed_origins" in values:
        values["allowed_origins"] = list(dict.fromkeys(o.rstrip("/").lower() for o in values["allowed_origins"] or []))
    if "default_owner_id" in values:
        values["default_owner_id"] = data.default_owner_id
    for key, value in values.items():
        setattr(form, key, value)
    await session.flush()
    audit(session, principal, "web_form.updated", "web_form", form.id, {"fields": sorted(values)})
    return form


async def delete_form(session: AsyncSession, principal: Principal, form: WebForm) -> None:
    await session.delete(form)
    await session.flush()
    audit(session, principal, "web_form.deleted", "web_form", form.id, {"name": form.name})


async def list_forms(session: AsyncSession, params: listing.ListParams) -> listing.ListResult:
    return await listing.paginate(session, LIST_SPEC, params, search=False)


# --- public submissions ---------------------------------------------------------------------


async def public_form(session: AsyncSession, form_key: str) -> WebForm:
    form = (await session.execute(select(WebForm).where(WebForm.form_key == form_key))).scalar_one_or_none()
    if form is None or not form.active:
        raise NotFound("This form does not exist or no longer takes submissions.")
    return form


def origin_allowed(form: WebForm, origin: str | None) -> bool:
    """Browsers name the page's origin; a form limited to some origins refuses others."""
    if origin is None or not form.allowed_origins:
        return True
    return origin.rstrip("/").lower() in form.allowed_origins


def _lead_values(form: WebForm, payload: dict[str, Any]) -> dict[str, Any]:
    sent: dict[str, str] = {}
    for f in form.fields:
        raw = payload.get(f["name"])
        value = str(raw).strip() if raw is not None and not isinstance(raw, dict | list) else ""
        if not value and f.get("required"):
            raise Invalid.at(["body", f["name"]], f"{f['label']} is required.", "missing")
        if value:
            sent[f["name"]] = value
    body: dict[str, Any] = {"source": LeadSource.web_form.value}
    for name, value in sent.items():
        if name == FormFieldName.email:
            body["emails"] = [{"value": value}]
        elif name == FormFieldName.phone:
            body["phones"] = [{"value": value}]
        elif name == FormFieldName.message:
            body["notes"] = value
        elif name == FormFieldName.company_size:
            try:
                body["company_size"] = int(value)
            except ValueError as exc:
                raise Invalid.at(["body", name], "Give a whole number of employees.") from exc
        else:
            body[name] = value
    campaign = payload.get("utm_campaign")
    body["campaign"] = str(campaign)[:150] if isinstance(campaign, str) and campaign else form.default_campaign
    try:
        data = LeadCreate.model_validate(body)
    except ValidationError as exc:
        errors = []
        for e in exc.errors():
            loc = tuple(e["loc"])
            field = next((n.value for n, target in _TARGET.items() if loc[: len(target)] == target), str(loc[0]))
            errors.append({"loc": ["body", field], "msg": e["msg"], "type": e["type"]})
        raise Invalid("The form has invalid answers.", errors=errors) from exc
    values = data.changes(mode="python")
    for key in ("emails", "phones"):
        if key in values:
            values[key] = [item.model_dump(mode="python") for item in getattr(data, key)]
    return values


async def submit(
    session: AsyncSession,
    form: WebForm,
    payload: dict[str, Any],
    *,
    ip: str | None,
    origin: str | None,
    user_agent: str | None,
) -> tuple[str, Lead | None]:
    """Returns (outcome, lead): created, updated, or spam (nothing stored but a counter)."""
    if not origin_allowed(form, origin):
        raise Forbidden("Submissions from this site are not allowed.")
    allowed, _, _, reset = await ratelimit.hit(get_settings().form_rate_limit, "form", form.form_key, ip or "-")
    if not allowed:
        raise TooManyRequests("Too many submissions. Try again later.", headers={"Retry-After": str(max(1, reset))})
    table = WebForm.__table__
    if str(payload.get(HONEYPOT) or "").strip():
        # Counters move in SQL so concurrent posts don't collide on the form's version.
        await session.execute(update(table).where(table.c.id == form.id).values(spam_count=table.c.spam_count + 1))
        return "spam", None
    values = _lead_values(form, payload)
    email = values["emails"][0]["value"].lower() if values.get("emails") else None
    lead = None
    if email and form.dedupe_window_hours:
        lead = await leads_service.find_recent_duplicate(
            session, email, leads_service.window_start(form.dedupe_window_hours)
        )
    if lead is not None:
        values.pop("source", None)
        lead = await leads_service.resubmitted(session, lead, values)
        outcome = "updated"
    else:
        values.pop("source", None)
        lead = Lead(
            source=LeadSource.web_form.value,
            status="new",
            custom_fields={},
            emails=[],
            phones=[],
            tags=[],
            web_form_id=form.id,
            submission_count=1,
            last_submitted_at=utcnow(),
            score=0,
            rule_score=0,
            score_reasons=[],
            probability_factors=[],
        )
        leads_service.apply_values(lead, values)
        default_owner = form.default_owner_id
        if default_owner is not None and await users_service.get_active(session, default_owner) is None:
            default_owner = None
        lead = await leads_service.insert(session, None, lead, explicit_owner=None, default_owner=default_owner)
        outcome = "created"
    now = utcnow()
    session.add(
        WebFormSubmission(
            form_id=form.id,
            lead_id=lead.id,
            outcome=outcome,
            ip=ip,
            origin=(origin or "")[:300] or None,
            user_agent=(user_agent or "")[:300] or None,
            payload={k: v for k, v in payload.items() if k != HONEYPOT and isinstance(v, str)},
            submitted_at=now,
        )
    )
    await session.execute(
        update(table)
        .where(table.c.id == form.id)
        .values(submission_count=table.c.submission_count + 1, last_submission_at=now)
    )
    emit(
        session,
        "web_form.submitted",
        "web_form",
        form.id,
        {"form_id": str(form.id), "lead_id": str(lead.id), "outcome": outcome},
    )
    return outcome, lead
