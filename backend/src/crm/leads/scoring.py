"""Lead scores: admin rules (condition -> points) plus engagement, and a predictive model trained on
the organisation's own closed leads. With a trained model the score is its probability x 100."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crm.core.history import audit
from crm.core.security import Principal
from crm.db import utcnow
from crm.leads import conditions
from crm.leads.models import Lead, ScoringModelRun, ScoringRule
from crm.leads.schemas import LeadStatus, ScoringModelRead

# Each form submission after the first shows renewed interest.
SUBMISSION_POINTS = 5
SUBMISSION_CAP = 15
BATCH = 1000

_model_cache: dict[uuid.UUID, Any] = {}


def features(lead: Lead) -> dict[str, Any]:
    """The attributes rules and the model look at, as plain values."""
    return {
        "source": lead.source,
        "status": lead.status,
        "country": lead.country,
        "industry": lead.industry,
        "company_size": lead.company_size,
        "job_title": lead.job_title,
        "campaign": lead.campaign,
        "company_name": lead.company_name,
        "primary_email": lead.primary_email,
        "email": lead.primary_email,
        "phones": lead.phones or [],
        "phone": bool(lead.phones),
        "website": lead.website,
        "tags": lead.tags or [],
        "submission_count": lead.submission_count or 0,
        "interaction_count": 0,
    }


def rule_points(rules: Sequence[ScoringRule], attrs: Mapping[str, Any]) -> tuple[int, list[dict[str, Any]]]:
    reasons: list[dict[str, Any]] = []
    total = 0
    for rule in rules:
        if conditions.matches(rule.field, rule.op, rule.value, attrs):
            total += rule.points
            reasons.append({"label": rule.name, "points": rule.points, "kind": "rule"})
    extra = min(SUBMISSION_CAP, SUBMISSION_POINTS * max(0, (attrs.get("submission_count") or 0) - 1))
    if extra:
        total += extra
        reasons.append(
            {"label": f"Form submissions: {attrs.get('submission_count')}", "points": extra, "kind": "engagement"}
        )
    reasons.sort(key=lambda r: -abs(r["points"]))
    return max(0, min(100, total)), reasons


async def active_rules(session: AsyncSession) -> list[ScoringRule]:
    stmt = select(ScoringRule).where(ScoringRule.active.is_(True)).order_by(ScoringRule.created_at, ScoringRule.id)
    return list((await session.execute(stmt)).scalars())


async def latest_run(session: AsyncSession) -> ScoringModelRun | None:
    stmt = select(ScoringModelRun).order_by(ScoringModelRun.trained_at.desc(), ScoringModelRun.id.desc()).limit(1)
    return (await session.execute(stmt)).scalar_one_or_none()


async def active_model(session: AsyncSession) -> Any | None:
    """The newest run's model when that run trained; a run without enough data switches back to rules."""
    from crm.leads.scoring_model import ScoringModel

    run = await latest_run(session)
    if run is None or run.status != "trained" or not run.model:
        return None
    model = _model_cache.get(run.id)
    if model is None:
        _model_cache.clear()
        model = _model_cache[run.id] = ScoringModel.from_json(run.model)
    return model


def apply_score(lead: Lead, rules: Sequence[ScoringRule], model: Any | None) -> None:
    attrs = features(lead)
    lead.rule_score, lead.score_reasons = rule_points(rules, attrs)
    if model is not None:
        probability, factors = model.predict(attrs)
        lead.conversion_probability = round(float(probability), 4)
        lead.probability_factors = factors
        lead.score = max(0, min(100, round(probability * 100)))
    else:
        lead.conversion_probability = None
        lead.probability_factors = []
        lead.score = lead.rule_score
    lead.scored_at = utcnow()


async def score(session: AsyncSession, lead: Lead) -> None:
    # No autoflush: the lead's pending edit and its new score go out as one UPDATE (one version).
    with session.no_autoflush:
        rules, model = await active_rules(session), await active_model(session)
    apply_score(lead, rules, model)


async def rescore_all(session: AsyncSession) -> int:
    """Re-scores every live lead in batches; scores are derived, so versions and updated_at stay."""
    rules = await active_rules(session)
    model = await active_model(session)
    table = Lead.__table__
    stmt = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values(
            score=bindparam("b_score"),
            rule_score=bindparam("b_rule_score"),
            score_reasons=bindparam("b_reasons"),
            conversion_probability=bindparam("b_probability"),
            probability_factors=bindparam("b_factors"),
            scored_at=bindparam("b_scored_at"),
        )
        .execution_options(synchronize_session=False)
    )
    count = 0
    last_id: uuid.UUID | None = None
    while True:
        query = select(Lead).where(Lead.deleted_at.is_(None)).order_by(Lead.id).limit(BATCH)
        if last_id is not None:
            query = query.where(Lead.id > last_id)
        rows = list((await session.execute(query)).scalars())
        if not rows:
            return count
        params = []
        for lead in rows:
            apply_score(lead, rules, model)
            params.append(
                {
                    "b_id": lead.id,
                    "b_score": lead.score,
                    "b_rule_score": lead.rule_score,
                    "b_reasons": lead.score_reasons,
                    "b_probability": lead.conversion_probability,
                    "b_factors": lead.probability_factors,
                    "b_scored_at": lead.scored_at,
                }
            )
        # The ORM objects were only a vehicle; forget them so the UPDATE isn't repeated at flush.
        for lead in rows:
            session.expunge(lead)
        await session.execute(stmt, params)
        count += len(rows)
        last_id = rows[-1].id


async def closed_history(session: AsyncSession) -> tuple[list[dict[str, Any]], list[int], list[float]]:
    """Converted (1) and unqualified (0) leads, with today's rule score of each for comparison."""
    rules = await active_rules(session)
    leads, outcomes, rule_scores = [], [], []
    last_id: uuid.UUID | None = None
    closed = (LeadStatus.converted.value, LeadStatus.unqualified.value)
    while True:
        query = select(Lead).where(Lead.status.in_(closed)).order_by(Lead.id).limit(BATCH)
        if last_id is not None:
            query = query.where(Lead.id > last_id)
        rows = list((await session.execute(query)).scalars())
        if not rows:
            break
        for lead in rows:
            attrs = features(lead)
            leads.append(attrs)
            outcomes.append(1 if lead.status == LeadStatus.converted else 0)
            rule_scores.append(float(rule_points(rules, attrs)[0]))
            session.expunge(lead)
        last_id = rows[-1].id
    return leads, outcomes, rule_scores


async def train(session: AsyncSession, principal: Principal | None, trigger: str = "manual") -> ScoringModelRun:
    from crm.leads.scoring_model import train as train_model

    started = time.monotonic()
    leads, outcomes, rule_scores = await closed_history(session)
    # CPU-bound: keep the event loop (and the API in embedded mode) responsive meanwhile.
    report = await asyncio.to_thread(train_model, leads, outcomes, rule_scores)
    run = ScoringModelRun(
        trained_at=utcnow(),
        status=report.status,
        message=report.message,
        training_size=report.training_size,
        positives=report.positives,
        negatives=report.negatives,
        holdout_size=report.holdout_size,
        holdout_auc=report.holdout_auc,
        rule_holdout_auc=report.rule_holdout_auc,
        brier=report.brier,
        calibration=list(report.calibration),
        top_factors=list(report.top_factors),
        model=report.model.to_json() if report.model is not None else None,
        trigger=trigger,
    )
    session.add(run)
    await session.flush()
    rescored = await rescore_all(session)
    audit(
        session,
        principal,
        "scoring_model.trained",
        "scoring_model",
        run.id,
        {
            "status": run.status,
            "training_size": run.training_size,
            "holdout_auc": run.holdout_auc,
            "rescored": rescored,
            "seconds": round(time.monotonic() - started, 2),
        },
    )
    return run


def to_read(run: ScoringModelRun | None) -> ScoringModelRead:
    if run is None:
        return ScoringModelRead(
            status="untrained",
            message="No model has been trained yet. Scores use the rules.",
            in_use=False,
            trained_at=None,
            trigger=None,
            training_size=0,
            positives=0,
            negatives=0,
            holdout_size=0,
            holdout_auc=None,
            rule_holdout_auc=None,
            brier=None,
            calibration=[],
            top_factors=[],
        )
    return ScoringModelRead.model_validate(run).model_copy(update={"in_use": run.status == "trained"})
