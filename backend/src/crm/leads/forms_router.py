"""Web forms (admin) and the public endpoint their pages post to."""

from __future__ import annotations

import html
import uuid
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from crm.auth.deps import AdminPrincipal, CurrentPrincipal, client_ip
from crm.core import listing
from crm.core.errors import Invalid, responses
from crm.db import SessionDep
from crm.leads import web_forms
from crm.leads.models import WebForm
from crm.leads.schemas import SubmissionAccepted, WebFormCreate, WebFormRead, WebFormUpdate

router = APIRouter(prefix="/web-forms", tags=["web-forms"])
public_router = APIRouter(prefix="/public/forms", tags=["public"])
ListParamsDep = Annotated[listing.ListParams, Depends(listing.list_params)]


def _read(request: Request, form: WebForm) -> WebFormRead:
    return web_forms.to_read(form, str(request.base_url))


@router.get("", operation_id="web_forms_list", response_model=listing.Page[WebFormRead], responses=responses(401, 422))
async def list_forms(
    request: Request, response: Response, _: CurrentPrincipal, session: SessionDep, params: ListParamsDep
) -> listing.Page[WebFormRead]:
    result = await web_forms.list_forms(session, params)
    return listing.respond(request, response, result, [_read(request, f) for f in result.rows])


@router.post(
    "",
    operation_id="web_forms_create",
    status_code=status.HTTP_201_CREATED,
    response_model=WebFormRead,
    responses=responses(401, 403, 422),
    description="The answer carries `submit_url` and `embed_html`, a plain HTML form to paste on an allowed site.",
)
async def create_form(
    data: WebFormCreate, request: Request, response: Response, principal: AdminPrincipal, session: SessionDep
) -> WebFormRead:
    form = await web_forms.create(session, principal, data)
    response.headers["Location"] = f"/api/v1/web-forms/{form.id}"
    return _read(request, form)


@router.get("/{form_id}", operation_id="web_forms_get", response_model=WebFormRead, responses=responses(401, 404))
async def get_form(form_id: uuid.UUID, request: Request, _: CurrentPrincipal, session: SessionDep) -> WebFormRead:
    return _read(request, await web_forms.get(session, form_id))


@router.patch(
    "/{form_id}", operation_id="web_forms_update", response_model=WebFormRead, responses=responses(401, 403, 404, 422)
)
async def update_form(
    form_id: uuid.UUID, data: WebFormUpdate, request: Request, principal: AdminPrincipal, session: SessionDep
) -> WebFormRead:
    form = await web_forms.get(session, form_id)
    return _read(request, await web_forms.update_form(session, principal, form, data))


@router.delete(
    "/{form_id}",
    operation_id="web_forms_delete",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 403, 404),
)
async def delete_form(form_id: uuid.UUID, principal: AdminPrincipal, session: SessionDep) -> Response:
    await web_forms.delete_form(session, principal, await web_forms.get(session, form_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- public ---------------------------------------------------------------------------------

_SUBMISSION_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"type": "object", "additionalProperties": {"type": "string"}}},
            "application/x-www-form-urlencoded": {
                "schema": {"type": "object", "additionalProperties": {"type": "string"}}
            },
        },
    }
}


def _cors(form: WebForm, origin: str | None) -> dict[str, str]:
    """CORS for this form only: its allowed origins may post from their pages' scripts."""
    if origin and form.allowed_origins and web_forms.origin_allowed(form, origin):
        return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
    return {"Vary": "Origin"}


async def _payload(request: Request) -> tuple[dict[str, Any], bool]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        try:
            data = orjson.loads(await request.body())
        except orjson.JSONDecodeError as exc:
            raise Invalid.at(["body"], "The body is not valid JSON.") from exc
        if not isinstance(data, dict):
            raise Invalid.at(["body"], "Send a JSON object of field names to values.")
        return data, True
    if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        return {k: v for k, v in form.items() if isinstance(v, str)}, False
    raise Invalid.at(["body"], "Send JSON or form data (application/x-www-form-urlencoded).")


@public_router.options("/{form_key}/submissions", include_in_schema=False)
async def preflight(form_key: str, request: Request, session: SessionDep) -> Response:
    form = await web_forms.public_form(session, form_key)
    headers = _cors(form, request.headers.get("origin"))
    if "Access-Control-Allow-Origin" in headers:
        headers |= {
            "Access-Control-Allow-Methods": "POST",
            "Access-Control-Allow-Headers": "Content-Type",
            "Access-Control-Max-Age": "600",
        }
    return Response(status_code=status.HTTP_204_NO_CONTENT, headers=headers)


@public_router.post(
    "/{form_key}/submissions",
    operation_id="public_form_submit",
    status_code=status.HTTP_201_CREATED,
    response_model=SubmissionAccepted,
    responses={**responses(403, 404, 422, 429), 303: {"description": "Form posts: on to the form's redirect URL."}},
    openapi_extra=_SUBMISSION_BODY,
    description="No login. JSON (answers 201) or form data from a page (answers 303 to the form's redirect URL, "
    "or a thank-you page). A resubmission with the same email inside the form's window updates that lead. "
    "Limited per IP; only the form's allowed origins may post from a browser.",
)
async def submit(form_key: str, request: Request, session: SessionDep) -> Response:
    form = await web_forms.public_form(session, form_key)
    origin = request.headers.get("origin")
    payload, is_json = await _payload(request)
    await web_forms.submit(
        session,
        form,
        payload,
        ip=client_ip(request),
        origin=origin,
        user_agent=request.headers.get("user-agent"),
    )
    headers = _cors(form, origin)
    # Bots get the same answer as people, so the honeypot doesn't teach them anything.
    if is_json:
        return JSONResponse({"status": "received"}, status_code=status.HTTP_201_CREATED, headers=headers)
    if form.redirect_url:
        return RedirectResponse(form.redirect_url, status_code=status.HTTP_303_SEE_OTHER, headers=headers)
    page = (
        "<!doctype html><meta charset='utf-8'><title>Thank you</title>"
        f"<p>Thank you. {html.escape(form.name)} received your message.</p>"
    )
    return HTMLResponse(page, status_code=status.HTTP_200_OK, headers=headers)
