"""Lead capture and scoring: web forms, assignment rules, scoring rules, the predictive model, the worker."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import anyio
import pytest
from sqlalchemy import func, select

from crm.core.models import OutboxEvent
from crm.leads.models import Lead, WebForm, WebFormSubmission

from .factories import assert_problem, auth, make_user

ORIGIN = "https://www.acme.example"


@pytest.fixture
async def admin(session):
    return await make_user(session, role="admin", name="Admin")


@pytest.fixture
async def reps(session):
    boss = await make_user(session, role="manager", name="Boss")
    return [await make_user(session, role="sales", manager=boss, name=f"Rep {i}") for i in range(3)], boss


async def make_form(client, admin, **over):
    body = {
        "name": "Contact us",
        "fields": [
            {"name": "first_name", "label": "First name"},
            {"name": "last_name", "label": "Last name", "required": True},
            {"name": "email", "label": "Email", "required": True},
            {"name": "company_name", "label": "Company"},
            {"name": "company_size", "label": "Employees"},
            {"name": "message", "label": "Message"},
        ],
        "allowed_origins": [ORIGIN],
        "redirect_url": "https://www.acme.example/thanks",
        "default_campaign": "website",
    }
    body.update(over)
    r = await client.post("/web-forms", headers=auth(admin), json=body)
    assert r.status_code == 201, r.text
    return r.json()


def submit_path(form):
    return f"/public/forms/{form['form_key']}/submissions"


async def leads(session):
    stmt = select(Lead).order_by(Lead.created_at).execution_options(populate_existing=True)
    return list((await session.execute(stmt)).scalars())


# --- web forms ------------------------------------------------------------------------------


async def test_form_admin_crud_and_snippet(client, session, admin):
    form = await make_form(client, admin, default_owner_id=str(admin.id))
    assert len(form["form_key"]) >= 20
    assert form["submit_url"] == f"http://test/api/v1/public/forms/{form['form_key']}/submissions"
    html = form["embed_html"]
    assert f'action="{form["submit_url"]}"' in html and 'method="post"' in html
    assert 'name="hp_website"' in html and 'name="last_name" type="text" required' in html
    assert '<textarea id="crm-message" name="message"' in html
    rep = await make_user(session, role="sales")
    assert_problem(await client.post("/web-forms", headers=auth(rep), json={"name": "x"}), 403)
    listed = (await client.get("/web-forms", headers=auth(rep))).json()["items"]
    assert [f["id"] for f in listed] == [form["id"]]
    r = await client.patch(f"/web-forms/{form['id']}", headers=auth(admin), json={"active": False, "name": "Old"})
    assert r.status_code == 200 and (r.json()["active"], r.json()["name"]) == (False, "Old")
    assert_problem(await client.post(submit_path(form), json={"email": "a@b.io", "last_name": "A"}), 404)
    assert (await client.delete(f"/web-forms/{form['id']}", headers=auth(admin))).status_code == 204
    assert_problem(await client.get(f"/web-forms/{form['id']}", headers=auth(admin)), 404)


@pytest.mark.parametrize(
    ("over", "loc"),
    [
        ({"fields": [{"name": "last_name", "label": "Name"}]}, ["body", "fields"]),
        ({"fields": [{"name": "email", "label": "E"}, {"name": "email", "label": "E2"}]}, ["body", "fields"]),
        ({"fields": [{"name": "password", "label": "P"}]}, ["body", "fields", 0, "name"]),
        ({"allowed_origins": ["javascript:alert(1)"]}, ["body", "allowed_origins", 0]),
        ({"allowed_origins": ["https://a.example/path"]}, ["body", "allowed_origins", 0]),
        ({"redirect_url": "ftp://x"}, ["body", "redirect_url"]),
        ({"default_owner_id": "01900000-0000-7000-8000-000000000000"}, ["body", "default_owner_id"]),
    ],
)
async def test_form_validation(client, session, admin, over, loc):
    body = {"name": "F", "fields": [{"name": "email", "label": "Email"}], **over}
    assert_problem(await client.post("/web-forms", headers=auth(admin), json=body), 422, loc=loc)
    assert (await session.execute(select(func.count()).select_from(WebForm))).scalar_one() == 0


async def test_json_submission_creates_a_scored_lead(client, session, admin):
    await client.post(
        "/scoring/rules",
        headers=auth(admin),
        json={"name": "Big company", "field": "company_size", "op": "gte", "value": "50", "points": 30},
    )
    form = await make_form(client, admin)
    r = await client.post(
        submit_path(form),
        headers={"Origin": ORIGIN},
        json={
            "first_name": "Sora",
            "last_name": "Lee",
            "email": "Sora@Acme.example",
            "company_name": "Acme",
            "company_size": "250",
            "message": "Call me",
            "utm_campaign": "autumn",
        },
    )
    assert r.status_code == 201, r.text
    assert r.json() == {"status": "received"}
    assert r.headers["access-control-allow-origin"] == ORIGIN
    [lead] = await leads(session)
    assert (lead.name, lead.primary_email, lead.company_size, lead.notes) == (
        "Sora Lee",
        "sora@acme.example",
        250,
        "Call me",
    )
    assert (lead.source, lead.campaign, lead.web_form_id, lead.submission_count) == (
        "web_form",
        "autumn",
        uuid.UUID(form["id"]),
        1,
    )
    assert lead.owner_id == admin.id  # no rule, no default owner: the oldest admin
    assert lead.score == 30 and lead.score_reasons == [{"label": "Big company", "points": 30, "kind": "rule"}]
    sub = (await session.execute(select(WebFormSubmission))).scalar_one()
    assert (sub.outcome, sub.origin, sub.ip, sub.lead_id) == ("created", ORIGIN, "10.1.2.3", lead.id)
    got = (await client.get(f"/web-forms/{form['id']}", headers=auth(admin))).json()
    assert (got["submission_count"], got["spam_count"]) == (1, 0)
    kinds = [e.type for e in (await session.execute(select(OutboxEvent).order_by(OutboxEvent.id))).scalars()]
    assert kinds[-3:] == ["lead.created", "lead.assigned", "web_form.submitted"]


async def test_form_post_redirects_and_resubmission_updates_the_same_lead(client, session, admin):
    form = await make_form(client, admin)
    data = {"last_name": "Park", "email": "park@acme.example", "company_size": "10"}
    r = await client.post(submit_path(form), headers={"Origin": ORIGIN}, data=data)
    assert r.status_code == 303 and r.headers["location"] == "https://www.acme.example/thanks"
    r = await client.post(
        submit_path(form),
        headers={"Origin": ORIGIN},
        data={"last_name": "Park", "first_name": "Jisu", "email": "PARK@acme.example", "company_name": ""},
    )
    assert r.status_code == 303
    [lead] = await leads(session)
    assert (lead.name, lead.company_size, lead.submission_count) == ("Jisu Park", 10, 2)
    assert lead.score_reasons == [{"label": "Form submissions: 2", "points": 5, "kind": "engagement"}]
    outcomes = [s.outcome for s in (await session.execute(select(WebFormSubmission))).scalars()]
    assert sorted(outcomes) == ["created", "updated"]
    hist = (await client.get(f"/leads/{lead.id}/history", headers=auth(admin))).json()["items"]
    assert ("first_name", None, "Jisu") in [(h["field"], h["old_value"], h["new_value"]) for h in hist]


async def test_resubmission_outside_the_window_or_after_conversion_is_a_new_lead(client, session, admin):
    form = await make_form(client, admin, dedupe_window_hours=1)
    body = {"last_name": "Choi", "email": "choi@acme.example"}
    assert (await client.post(submit_path(form), json=body)).status_code == 201
    [lead] = await leads(session)
    old = lead.created_at - timedelta(hours=2)
    lead.created_at, lead.last_submitted_at = old, old
    await session.commit()
    assert (await client.post(submit_path(form), json=body)).status_code == 201
    assert len(await leads(session)) == 2


async def test_bots_are_rejected_quietly(client, session, admin):
    form = await make_form(client, admin)
    r = await client.post(
        submit_path(form),
        headers={"Origin": ORIGIN},
        data={"last_name": "Bot", "email": "bot@spam.example", "hp_website": "http://spam.example"},
    )
    # The same answer as a person gets, so the bot learns nothing; nothing is stored.
    assert r.status_code == 303 and r.headers["location"] == "https://www.acme.example/thanks"
    assert await leads(session) == []
    assert (await session.execute(select(func.count()).select_from(WebFormSubmission))).scalar_one() == 0
    assert (await client.get(f"/web-forms/{form['id']}", headers=auth(admin))).json()["spam_count"] == 1


async def test_per_ip_rate_limit(client, session, admin, monkeypatch):
    from crm.settings import get_settings

    monkeypatch.setattr(get_settings(), "form_rate_limit", "3/minute")
    form = await make_form(client, admin)
    codes = [
        (await client.post(submit_path(form), json={"last_name": f"P{i}", "email": f"p{i}@x.example"})).status_code
        for i in range(4)
    ]
    assert codes == [201, 201, 201, 429]
    assert len(await leads(session)) == 3


async def test_origins_and_cors(client, session, admin):
    form = await make_form(client, admin)
    body = {"last_name": "Evil", "email": "e@evil.example"}
    assert_problem(await client.post(submit_path(form), headers={"Origin": "https://evil.example"}, json=body), 403)
    assert await leads(session) == []
    pre = await client.options(
        submit_path(form),
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert pre.status_code == 204
    assert pre.headers["access-control-allow-origin"] == ORIGIN
    assert pre.headers["access-control-allow-methods"] == "POST"
    bad = await client.options(
        submit_path(form), headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in bad.headers


@pytest.mark.parametrize(
    ("payload", "loc"),
    [
        ({"email": "a@b.example"}, ["body", "last_name"]),
        ({"last_name": "A"}, ["body", "email"]),
        ({"last_name": "A", "email": "not-an-email"}, ["body", "email"]),
        ({"last_name": "A", "email": "a@b.example", "company_size": "many"}, ["body", "company_size"]),
        ({"last_name": "A", "email": "a@b.example", "company_size": "0"}, ["body", "company_size"]),
    ],
)
async def test_submission_validation(client, session, admin, payload, loc):
    form = await make_form(client, admin)
    assert_problem(await client.post(submit_path(form), json=payload), 422, loc=loc)
    assert await leads(session) == []


async def test_submission_body_errors(client, session, admin):
    form = await make_form(client, admin)
    assert_problem(
        await client.post(submit_path(form), content=b"[1]", headers={"Content-Type": "application/json"}), 422
    )
    assert_problem(await client.post(submit_path(form), content=b"x", headers={"Content-Type": "text/plain"}), 422)
    assert_problem(await client.post("/public/forms/nope/submissions", json={"email": "a@b.io"}), 404)


# --- assignment -----------------------------------------------------------------------------


async def test_round_robin_rule_by_country_and_fallbacks(client, session, admin, reps):
    users, boss = reps
    r = await client.post(
        "/assignment-rules",
        headers=auth(admin),
        json={
            "name": "Korea",
            "conditions": [{"field": "country", "op": "in", "value": "KR,JP"}],
            "user_ids": [str(users[0].id), str(users[1].id)],
        },
    )
    assert r.status_code == 201, r.text
    rule = r.json()
    assert rule["conditions"] == [{"field": "country", "op": "in", "value": "KR,JP", "text": "country in KR,JP"}]
    team = await client.post(
        "/assignment-rules",
        headers=auth(admin),
        json={
            "name": "Referrals",
            "conditions": [{"field": "source", "op": "eq", "value": "referral"}],
            "team_manager_id": str(boss.id),
        },
    )
    assert team.status_code == 201 and team.json()["position"] == 1
    creator = await make_user(session, role="marketing", name="Marketer")
    owners = []
    for country in ("KR", "JP", "kr"):
        r = await client.post("/leads", headers=auth(creator), json={"last_name": "L", "country": country})
        owners.append((r.json()["owner_id"], r.json()["assignment_rule_name"]))
    assert owners == [(str(users[0].id), "Korea"), (str(users[1].id), "Korea"), (str(users[0].id), "Korea")]
    refs = []
    for _ in range(4):
        r = await client.post("/leads", headers=auth(creator), json={"last_name": "R", "source": "referral"})
        refs.append(r.json()["owner_id"])
    assert refs == [str(u.id) for u in (users[0], users[1], users[2], users[0])]
    # No rule matches: the creator keeps it; an explicit owner is never overridden.
    r = await client.post("/leads", headers=auth(creator), json={"last_name": "U", "country": "US"})
    assert (r.json()["owner_id"], r.json()["assignment_rule_name"]) == (str(creator.id), None)
    r = await client.post(
        "/leads", headers=auth(admin), json={"last_name": "K", "country": "KR", "owner_id": str(admin.id)}
    )
    assert r.json()["owner_id"] == str(admin.id)
    listed = (await client.get("/assignment-rules", headers=auth(creator))).json()["items"]
    assert [(x["name"], x["assigned_count"]) for x in listed] == [("Korea", 3), ("Referrals", 4)]
    assigned = [
        e.data
        for e in (
            await session.execute(
                select(OutboxEvent)
                .where(OutboxEvent.type == "lead.assigned")
                .order_by(OutboxEvent.created_at, OutboxEvent.id)
            )
        ).scalars()
    ]
    assert assigned[0]["rule_name"] == "Korea" and assigned[0]["rule_id"] == rule["id"]


async def test_rules_skip_inactive_people_and_respect_order(client, session, admin, reps):
    users, _ = reps
    users[0].is_active = False
    session.add(users[0])
    await session.commit()
    await client.post("/assignment-rules", headers=auth(admin), json={"name": "Gone", "user_ids": [str(users[0].id)]})
    await client.post(
        "/assignment-rules", headers=auth(admin), json={"name": "Fallback", "user_ids": [str(users[2].id)]}
    )
    r = await client.post("/leads", headers=auth(admin), json={"last_name": "X"})
    assert (r.json()["owner_id"], r.json()["assignment_rule_name"]) == (str(users[2].id), "Fallback")


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"name": "x"}, ["body", "user_ids"]),
        ({"name": "x", "user_ids": ["01900000-0000-7000-8000-000000000000"]}, ["body", "user_ids", 0]),
        (
            {"name": "x", "user_ids": [], "conditions": [{"field": "salary", "op": "eq", "value": "1"}]},
            ["body", "conditions", 0, "field"],
        ),
        (
            {"name": "x", "conditions": [{"field": "company_size", "op": "gte", "value": "big"}]},
            ["body", "conditions", 0, "value"],
        ),
        ({"name": "x", "conditions": [{"field": "tags", "op": "gte", "value": "a"}]}, ["body", "conditions", 0, "op"]),
    ],
)
async def test_assignment_rule_validation(client, admin, body, loc):
    assert_problem(await client.post("/assignment-rules", headers=auth(admin), json=body), 422, loc=loc)


async def test_only_admins_change_rules(client, session, admin):
    rep = await make_user(session, role="manager")
    body = {"name": "x", "user_ids": [str(rep.id)]}
    assert_problem(await client.post("/assignment-rules", headers=auth(rep), json=body), 403)
    score = {"name": "x", "field": "source", "op": "eq", "value": "ads", "points": 5}
    assert_problem(await client.post("/scoring/rules", headers=auth(rep), json=score), 403)
    assert_problem(await client.post("/scoring/model/train", headers=auth(rep)), 403)
    assert_problem(await client.get("/scoring/rules"), 401)


# --- scoring rules --------------------------------------------------------------------------


async def test_rule_changes_rescore_every_lead(client, session, admin):
    h = auth(admin)
    kr = (
        await client.post(
            "/leads", headers=h, json={"last_name": "K", "country": "KR", "emails": [{"value": "k@naver.com"}]}
        )
    ).json()
    us = (await client.post("/leads", headers=h, json={"last_name": "U", "country": "US", "company_size": 500})).json()
    assert kr["score"] == us["score"] == 0
    r1 = (
        await client.post(
            "/scoring/rules",
            headers=h,
            json={"name": "Asia", "field": "country", "op": "in", "value": "KR,JP", "points": 20},
        )
    ).json()
    assert r1["text"] == "country in KR,JP"
    await client.post(
        "/scoring/rules",
        headers=h,
        json={"name": "Free mail", "field": "email_kind", "op": "eq", "value": "free", "points": -5},
    )
    await client.post(
        "/scoring/rules",
        headers=h,
        json={"name": "Large", "field": "company_size", "op": "gte", "value": "100", "points": 70},
    )
    await client.post(
        "/scoring/rules",
        headers=h,
        json={"name": "Big spender", "field": "company_size", "op": "gte", "value": "200", "points": 50},
    )
    got = {x["last_name"]: x for x in (await client.get("/leads", headers=h)).json()["items"]}
    assert got["K"]["score"] == 15 and got["K"]["score_reasons"] == [
        {"label": "Asia", "points": 20, "kind": "rule"},
        {"label": "Free mail", "points": -5, "kind": "rule"},
    ]
    assert got["U"]["score"] == 100  # capped
    # A rule edit re-scores; the leads' versions don't move (scores are derived).
    r = await client.patch(f"/scoring/rules/{r1['id']}", headers=h, json={"points": 40})
    assert r.status_code == 200 and r.json()["points"] == 40
    k = await client.get(f"/leads/{kr['id']}", headers=h)
    assert k.json()["score"] == 35 and k.headers["etag"] == '"1"'
    assert (await client.delete(f"/scoring/rules/{r1['id']}", headers=h)).status_code == 204
    assert (await client.get(f"/leads/{kr['id']}", headers=h)).json()["score"] == 0
    # A lead edit re-scores that lead.
    r = await client.patch(f"/leads/{kr['id']}", headers=h, json={"company_size": 150})
    assert r.json()["score"] == 65


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"field": "salary", "op": "eq", "value": "1"}, ["body", "field"]),
        ({"field": "source", "op": "eq", "value": "pigeon"}, ["body", "value"]),
        ({"field": "source", "op": "gtx", "value": "ads"}, ["body", "op"]),
        ({"field": "company_size", "op": "in", "value": " , "}, ["body", "value"]),
        ({"field": "country", "op": "eq", "value": "KR", "points": 101}, ["body", "points"]),
        ({"field": "country", "op": "eq", "value": "KR", "points": "5"}, ["body", "points"]),
    ],
)
async def test_scoring_rule_validation(client, admin, body, loc):
    payload = {"name": "r", "points": 10, **body}
    assert_problem(await client.post("/scoring/rules", headers=auth(admin), json=payload), 422, loc=loc)
    assert (await client.get("/scoring/rules", headers=auth(admin))).json()["items"] == []


# --- predictive model -----------------------------------------------------------------------


async def seed_history(session, admin, n, seed=3):
    from crm.leads import scoring
    from crm.leads.service import finish
    from crm.leads.synthetic import closed_lead_history

    rules = await scoring.active_rules(session)
    for row in closed_lead_history(n, seed=seed):
        lead = Lead(
            first_name=row["first_name"],
            last_name=row["last_name"],
            company_name=row["company_name"],
            job_title=row["job_title"],
            emails=[{"label": "work", "value": row["email"], "primary": True}] if row["email"] else [],
            phones=[{"label": "mobile", "value": "+821012345678", "primary": True}] if row["phone"] else [],
            website=row["website"],
            country=row["country"],
            industry=row["industry"],
            company_size=row["company_size"],
            source=row["source"],
            campaign=row["campaign"],
            status=row["outcome"],
            owner_id=admin.id,
            submission_count=row["submission_count"],
            tags=[],
            custom_fields={},
        )
        finish(lead)
        scoring.apply_score(lead, rules, None)
        session.add(lead)
    await session.commit()


async def test_model_with_too_little_history_keeps_the_rules(client, session, admin):
    h = auth(admin)
    model = (await client.get("/scoring/model", headers=h)).json()
    assert (model["status"], model["in_use"], model["training_size"]) == ("untrained", False, 0)
    await seed_history(session, admin, 30)
    r = await client.post("/scoring/model/train", headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "insufficient_data" and not body["in_use"] and body["holdout_auc"] is None
    assert body["training_size"] == 30 and "Scores use the rules" in body["message"]
    lead = (await client.post("/leads", headers=h, json={"last_name": "New"})).json()
    assert lead["score_source"] == "rules" and lead["conversion_probability"] is None


async def test_model_beats_the_rules_and_explains_each_lead(client, session, admin):
    h = auth(admin)
    for name, field, op, value, points in (
        ("Referral", "source", "eq", "referral", 30),
        ("Mid-size+", "company_size", "gte", "50", 20),
        ("Asia", "country", "in", "KR,JP", 10),
    ):
        await client.post(
            "/scoring/rules", headers=h, json={"name": name, "field": field, "op": op, "value": value, "points": points}
        )
    await seed_history(session, admin, 2500)
    open_lead = (
        await client.post(
            "/leads",
            headers=h,
            json={
                "last_name": "Open",
                "source": "referral",
                "company_size": 300,
                "job_title": "CEO",
                "emails": [{"value": "ceo@corp.example"}],
            },
        )
    ).json()
    r = await client.post("/scoring/model/train", headers=h)
    model = r.json()
    assert model["status"] == "trained" and model["in_use"] and model["trigger"] == "manual"
    assert model["training_size"] == 2500 and model["positives"] + model["negatives"] == 2500
    assert model["holdout_auc"] > model["rule_holdout_auc"] + 0.03, model
    assert model["holdout_auc"] > 0.68 and 0 < model["brier"] < 0.25
    assert sum(b["count"] for b in model["calibration"]) == model["holdout_size"]
    weighted = (
        sum(abs(b["predicted"] - b["observed"]) * b["count"] for b in model["calibration"]) / model["holdout_size"]
    )
    assert weighted < 0.1
    assert any(f["feature"] == "source=referral" and f["weight"] > 0 for f in model["top_factors"])
    # Every lead is re-scored by the model: score = probability x 100, with the factors.
    got = (await client.get(f"/leads/{open_lead['id']}", headers=h)).json()
    assert got["score_source"] == "model" and 0 < got["conversion_probability"] < 1
    assert got["score"] == round(got["conversion_probability"] * 100)
    assert got["rule_score"] == 50
    factors = {f["feature"]: f["impact"] for f in got["probability_factors"]}
    assert factors["source=referral"] > 0
    ads = (
        await client.post(
            "/leads",
            headers=h,
            json={"last_name": "Cold", "source": "ads", "company_size": 3, "emails": [{"value": "x@gmail.com"}]},
        )
    ).json()
    assert ads["score_source"] == "model" and ads["conversion_probability"] < got["conversion_probability"]
    assert (await client.get("/scoring/model", headers=h)).json()["holdout_auc"] == model["holdout_auc"]
    # The queue sorts by the model's score.
    top = (await client.get("/leads", headers=h, params={"status": "new", "sort": "-score"})).json()["items"]
    assert [x["last_name"] for x in top] == ["Open", "Cold"]


async def test_cli_prints_model_and_rule_auc(session, admin, database):
    await seed_history(session, admin, 1200, seed=5)
    from crm.core.security import Principal, Role
    from crm.leads import rules as rules_service
    from crm.leads.schemas import ScoringRuleCreate

    principal = Principal(user_id=admin.id, role=Role.admin, name="Admin")
    await rules_service.create_scoring_rule(
        session, principal, ScoringRuleCreate(name="Referral", field="source", op="eq", value="referral", points=30)
    )
    await session.commit()
    crm = Path(sys.executable).with_name("crm")
    result = await anyio.to_thread.run_sync(
        lambda: subprocess.run(
            [str(crm), "train-scoring"], capture_output=True, text=True, env=dict(os.environ), timeout=300
        )
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines() if ":" in line)
    model_auc = float(lines["model AUC"].strip())
    rule_auc = float(lines["rule score AUC"].split("(")[0].strip())
    assert lines["status"].strip() == "trained"
    assert model_auc > rule_auc + 0.03, result.stdout


# --- the worker -----------------------------------------------------------------------------


async def test_scheduled_retrain_runs_once_per_turn(session, admin, monkeypatch):
    from crm.leads.models import ScoringModelRun
    from crm.worker import service as worker
    from crm.worker.models import JobRun

    await seed_history(session, admin, 40)
    monkeypatch.setattr(worker, "JOBS", tuple(j for j in worker.JOBS if j.name == "scoring.retrain"))
    assert await worker.run_due() == []  # first sight books the first turn one interval ahead
    job = await session.get(JobRun, "scoring.retrain")
    job.next_run_at = job.next_run_at - timedelta(days=2)
    await session.commit()
    ran = await worker.run_due()
    assert ran == ["scoring.retrain"]
    assert await worker.run_due() == []  # not due again until the next interval
    session.expire_all()
    runs = list((await session.execute(select(ScoringModelRun))).scalars())
    assert [(r.trigger, r.status) for r in runs] == [("schedule", "insufficient_data")]
    job = await session.get(JobRun, "scoring.retrain")
    assert job.last_status == "ok" and job.last_error is None
    monkeypatch.setattr("crm.worker.service.get_settings", lambda: type("S", (), {"scoring_retrain_hours": 0})())
    assert await worker.run_due() == []


async def test_form_cors_works_beside_the_app_allow_list(session, admin, monkeypatch):
    """With an app-wide CORS allow-list, a form's own origins still get their preflight."""
    import httpx

    from crm.main import create_app
    from crm.settings import get_settings

    monkeypatch.setattr(get_settings(), "cors_origins", ["https://app.example"])
    app = create_app()
    transport = httpx.ASGITransport(app=app, client=("10.9.9.9", 5000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test/api/v1") as c:
        form = await make_form(c, admin)
        pre = await c.options(submit_path(form), headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
        assert pre.status_code == 204 and pre.headers["access-control-allow-origin"] == ORIGIN
        app_pre = await c.options(
            "/leads", headers={"Origin": "https://app.example", "Access-Control-Request-Method": "GET"}
        )
        assert app_pre.status_code == 200 and app_pre.headers["access-control-allow-origin"] == "https://app.example"
        other = await c.options("/leads", headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"})
        assert other.status_code == 400


async def test_custom_fields_on_leads(client, session, admin):
    h = auth(admin)
    r = await client.post(
        "/custom-fields",
        headers=h,
        json={"object_type": "lead", "key": "budget", "label": "Budget", "type": "select", "options": ["<10k", "10k+"]},
    )
    assert r.status_code == 201, r.text
    ok = await client.post("/leads", headers=h, json={"last_name": "C", "custom_fields": {"budget": "10k+"}})
    assert ok.status_code == 201 and ok.json()["custom_fields"] == {"budget": "10k+"}
    bad = await client.post("/leads", headers=h, json={"last_name": "C", "custom_fields": {"budget": "lots"}})
    assert_problem(bad, 422, loc=["body", "custom_fields", "budget"])
    unknown = await client.post("/leads", headers=h, json={"last_name": "C", "custom_fields": {"nope": 1}})
    assert_problem(unknown, 422, loc=["body", "custom_fields", "nope"])


async def test_patch_fields_keep_their_defaults(client, admin):
    """A field sent without `required` is stored as not required, not without the key."""
    form = await make_form(client, admin)
    r = await client.patch(
        f"/web-forms/{form['id']}", headers=auth(admin), json={"fields": [{"label": "Your e-mail", "name": "email"}]}
    )
    assert r.status_code == 200, r.text
    assert r.json()["fields"] == [{"name": "email", "label": "Your e-mail", "required": False}]
    r = await client.get(f"/web-forms/{form['id']}", headers=auth(admin))
    assert r.json()["fields"] == [{"name": "email", "label": "Your e-mail", "required": False}]
