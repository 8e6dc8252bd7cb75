"""Predictive lead scoring model: features, training on a synthetic closed-lead history, calibration,
explanations, JSON round trip, determinism, too little data, unknown categories. No database needed."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

from crm.leads.scoring_model import (
    MIN_PER_CLASS,
    ScoringModel,
    TrainingReport,
    feature_label,
    featurize,
    train,
)
from crm.leads.synthetic import closed_lead_history

HOT = {
    "source": "referral",
    "country": "KR",
    "industry": "software",
    "company_size": 5000,
    "job_title": "대표이사",
    "email": "minjun.kim@hanbitsoft.co.kr",
    "website": "https://www.hanbitsoft.co.kr",
    "campaign": None,
    "submission_count": 0,
    "interaction_count": 0,
    "phone": True,
}
COLD = {
    "source": "ads",
    "country": "US",
    "industry": "retail",
    "company_size": 4,
    "job_title": "Intern",
    "email": "jsmith1987@gmail.com",
    "website": None,
    "campaign": "Search Ads Q2",
    "submission_count": 0,
    "interaction_count": 0,
    "phone": False,
}


@pytest.fixture(autouse=True)
def _clean() -> Iterator[None]:
    """Replaces the suite's async table cleanup: these tests touch no database, and pytest refuses an
    async autouse fixture on a plain (sync) test."""
    yield


def rule_score(lead: dict[str, Any]) -> float:
    """What an admin would plausibly configure: referrals, bigger companies, home markets."""
    points = 0
    if lead["source"] == "referral":
        points += 30
    if (lead["company_size"] or 0) >= 50:
        points += 20
    if lead["country"] in ("KR", "JP"):
        points += 10
    return float(points)


def outcomes(history: list[dict[str, Any]]) -> list[int]:
    return [1 if lead["outcome"] == "converted" else 0 for lead in history]


def calibration_error(report: TrainingReport) -> float:
    bins = report.calibration
    return sum(abs(b["predicted"] - b["observed"]) * b["count"] for b in bins) / sum(b["count"] for b in bins)


@pytest.fixture(scope="module")
def trained() -> TrainingReport:
    history = closed_lead_history(4000, seed=1)
    # Training imports scikit-learn lazily; load it first so the printed time is the training itself.
    import sklearn.linear_model  # noqa: F401
    import sklearn.metrics  # noqa: F401
    import sklearn.model_selection  # noqa: F401

    started = time.monotonic()
    report = train(history, outcomes(history), [rule_score(lead) for lead in history])
    print(
        f"\n4000 leads: trained in {time.monotonic() - started:.2f}s; holdout AUC model {report.holdout_auc} "
        f"vs rules {report.rule_holdout_auc}; Brier {report.brier}; calibration error {calibration_error(report):.4f}"
    )
    return report


# --- features -------------------------------------------------------------------------------


def test_featurize_names_every_attribute() -> None:
    lead = {
        "source": "Referral",
        "country": "kr",
        "industry": " Software ",
        "company_size": 75,
        "job_title": "영업부장",
        "email": "Minjun.Kim@Naver.com",
        "website": "https://example.kr",
        "campaign": "Spring webinar",
        "submission_count": 3,
        "interaction_count": 0,
        "phone": True,
        "status": "new",  # attributes the model does not know are ignored
    }
    assert featurize(lead) == {
        "source=referral": 1.0,
        "country=KR": 1.0,
        "industry=software": 1.0,
        "size=51-200": 1.0,
        "seniority=manager": 1.0,
        "email=free": 1.0,
        "has_website": 1.0,
        "has_phone": 1.0,
        "campaign=yes": 1.0,
        "submissions": math.log1p(3),
        "interactions": 0.0,
    }


@pytest.mark.parametrize("lead", [{}, dict.fromkeys(HOT)])
def test_featurize_missing_everything(lead: dict[str, Any]) -> None:
    assert featurize(lead) == {
        "source=unknown": 1.0,
        "country=unknown": 1.0,
        "industry=unknown": 1.0,
        "size=unknown": 1.0,
        "seniority=unknown": 1.0,
        "email=none": 1.0,
        "submissions": 0.0,
        "interactions": 0.0,
    }


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("CEO", "executive"),
        ("Co-founder & CTO", "executive"),
        ("VP of Sales", "executive"),
        ("Head of Procurement", "executive"),
        ("Managing Director", "executive"),
        ("대표이사", "executive"),
        ("이사", "executive"),
        ("영업본부장", "executive"),
        ("부장", "manager"),
        ("마케팅팀장", "manager"),
        ("과장", "manager"),
        ("Sales Manager", "manager"),
        ("Team Lead", "manager"),
        ("Product Owner", "manager"),
        ("Software Engineer", "staff"),
        ("대리", "staff"),
        ("선임연구원", "staff"),
        ("   ", "unknown"),
    ],
)
def test_seniority_from_title(title: str, level: str) -> None:
    assert featurize({"job_title": title})[f"seniority={level}"] == 1.0


@pytest.mark.parametrize(
    ("email", "kind"),
    [
        ("a@naver.com", "free"),
        ("a@hanmail.net", "free"),
        ("a@kakao.com", "free"),
        ("a@yahoo.co.kr", "free"),
        ("a@Gmail.com", "free"),
        ("a@hotmail.co.uk", "free"),
        ("a@samsung.com", "business"),
        ("a@hanbitsoft.co.kr", "business"),
        ("a@mail.naverpartners.com", "business"),
        ("not-an-email", "none"),
        ("", "none"),
        (None, "none"),
    ],
)
def test_email_kind(email: str | None, kind: str) -> None:
    assert featurize({"email": email})[f"email={kind}"] == 1.0


@pytest.mark.parametrize(
    ("size", "bucket"),
    [(1, "1-10"), (10, "1-10"), (11, "11-50"), (75, "51-200"), (1000, "201-1000"), (1001, "1000+"), (0, "unknown")],
)
def test_company_size_buckets(size: int, bucket: str) -> None:
    assert featurize({"company_size": size})[f"size={bucket}"] == 1.0


def test_feature_labels() -> None:
    assert feature_label("source=referral") == "Source: referral"
    assert feature_label("source=web_form") == "Source: web form"
    assert feature_label("size=51-200") == "Company size: 51-200"
    assert feature_label("country=KR") == "Country: KR"
    assert feature_label("seniority=executive") == "Seniority: executive"
    assert feature_label("submissions") == "Form submissions"
    assert feature_label("has_phone") == "Has phone"
    assert feature_label("no_website") == "No website"


# --- synthetic history ----------------------------------------------------------------------


def test_synthetic_history_is_deterministic_and_plausible() -> None:
    history = closed_lead_history(4000, seed=1)
    assert history == closed_lead_history(4000, seed=1)
    assert history != closed_lead_history(4000, seed=2)
    rate = sum(outcomes(history)) / len(history)
    assert 0.25 <= rate <= 0.35
    assert {lead["outcome"] for lead in history} == {"converted", "unqualified"}
    assert all(lead["interaction_count"] == 0 for lead in history)
    assert {"김", "박", "Smith", "Garcia"} <= {lead["last_name"] for lead in history}
    assert {"대표이사", "부장", "CEO", "Sales Manager"} <= {lead["job_title"] for lead in history}
    referral = [lead for lead in history if lead["source"] == "referral"]
    ads = [lead for lead in history if lead["source"] == "ads"]
    assert sum(outcomes(referral)) / len(referral) > sum(outcomes(ads)) / len(ads) + 0.2


# --- training -------------------------------------------------------------------------------


def test_model_beats_the_rules_and_is_calibrated(trained: TrainingReport) -> None:
    report = trained
    assert report.status == "trained" and report.model is not None
    assert report.training_size == 4000 and report.positives + report.negatives == 4000
    assert report.holdout_size == 1000
    assert report.holdout_auc is not None and report.rule_holdout_auc is not None and report.brier is not None
    assert report.holdout_auc > 0.70
    assert report.holdout_auc > report.rule_holdout_auc + 0.05
    assert report.brier < 0.22
    assert sum(b["count"] for b in report.calibration) == report.holdout_size
    assert calibration_error(report) < 0.08
    assert "AUC" in report.message


def test_top_factors(trained: TrainingReport) -> None:
    factors = trained.top_factors
    assert len(factors) == 10
    weights = [abs(f["weight"]) for f in factors]
    assert weights == sorted(weights, reverse=True)
    by_name = {f["feature"]: f for f in factors}
    assert by_name["source=referral"]["weight"] > 0 and by_name["source=referral"]["label"] == "Source: referral"
    assert by_name["source=import"]["weight"] < 0


def test_predict_ranks_and_explains(trained: TrainingReport) -> None:
    model = trained.model
    assert model is not None
    hot, hot_factors = model.predict(HOT)
    cold, cold_factors = model.predict(COLD)
    assert 0.0 <= cold < hot <= 1.0
    assert hot > 0.6 and cold < 0.1
    assert len(hot_factors) == 5
    impacts = {f["feature"]: f["impact"] for f in hot_factors}
    assert impacts["source=referral"] > 0
    assert {f["feature"] for f in cold_factors} >= {"source=ads", "email=free", "size=1-10"}
    assert all(f["impact"] < 0 for f in cold_factors if f["feature"] in ("source=ads", "email=free", "size=1-10"))
    assert [abs(f["impact"]) for f in hot_factors] == sorted((abs(f["impact"]) for f in hot_factors), reverse=True)
    assert all(f["label"] == feature_label(f["feature"]) for f in hot_factors)
    # All factors together explain the distance from the average lead (up to rounding).
    _, everything = model.predict(HOT, top=100)
    logit = math.log(hot / (1 - hot))
    assert sum(f["impact"] for f in everything) == pytest.approx(logit - model.average_logit, abs=0.01)
    # A lead without a phone or website is explained by their absence.
    _, cold_all = model.predict(COLD, top=100)
    assert {"no_phone", "no_website"} & {f["feature"] for f in cold_all}


def test_json_round_trip_predicts_identically(trained: TrainingReport) -> None:
    model = trained.model
    assert model is not None
    data = json.loads(json.dumps(model.to_json()))
    again = ScoringModel.from_json(data)
    assert again.vocabulary == model.vocabulary and again.coefficients == model.coefficients
    for lead in [HOT, COLD, {}, *closed_lead_history(200, seed=9)]:
        assert again.predict(lead, top=100) == model.predict(lead, top=100)


def test_prediction_needs_neither_sklearn_nor_scipy(trained: TrainingReport) -> None:
    assert trained.model is not None
    script = (
        "import json, sys\n"
        "sys.modules['sklearn'] = None\n"
        "sys.modules['scipy'] = None\n"
        "from crm.leads.scoring_model import ScoringModel\n"
        "model = ScoringModel.from_json(json.loads(sys.stdin.read()))\n"
        f"print(json.dumps(model.predict({HOT!r})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(trained.model.to_json()),
        capture_output=True,
        text=True,
        check=True,
    )
    probability, factors = json.loads(out.stdout)
    assert [probability, factors] == json.loads(json.dumps(trained.model.predict(HOT)))


def test_training_is_deterministic() -> None:
    history = closed_lead_history(1500, seed=3)
    y, rules = outcomes(history), [rule_score(lead) for lead in history]
    first = train(history, y, rules, seed=7)
    second = train(history, y, rules, seed=7)
    assert first.model is not None and second.model is not None
    assert first.holdout_auc == second.holdout_auc and first.calibration == second.calibration
    assert first.model.coefficients == second.model.coefficients
    assert first.model.intercept == second.model.intercept


def test_rare_categories_are_pooled_or_dropped() -> None:
    history = [dict(lead) for lead in closed_lead_history(600, seed=4)]
    for lead, industry in zip(
        history, ["aerospace", "mining", "fishing", "textiles", "gaming", "tobacco"], strict=False
    ):
        lead["industry"] = industry
    history[10]["source"] = "carrier_pigeon"
    report = train(history, outcomes(history), [rule_score(lead) for lead in history])
    model = report.model
    assert model is not None
    assert "industry=other" in model.vocabulary and "industry=aerospace" not in model.vocabulary
    assert "source=carrier_pigeon" not in model.vocabulary
    assert model.column("industry=aerospace") == model.column("industry=other")


def test_unknown_categories_at_predict_time(trained: TrainingReport) -> None:
    model = trained.model
    assert model is not None
    # A source nobody configured is ignored: same as a lead without a (known) source.
    assert "source=carrier_pigeon" not in model.vocabulary and "source=unknown" not in model.vocabulary
    odd, odd_factors = model.predict({**HOT, "source": "carrier_pigeon"}, top=100)
    plain, plain_factors = model.predict({**HOT, "source": None}, top=100)
    assert odd == plain
    assert [f["impact"] for f in odd_factors] == [f["impact"] for f in plain_factors]
    # An unseen country is scored like the pooled rare countries.
    assert "country" in model.other_buckets and "country=ZZ" not in model.vocabulary
    assert model.predict({**HOT, "country": "ZZ"})[0] == model.predict({**HOT, "country": "other"})[0]
    assert "country=ZZ" in {f["feature"] for f in model.predict({**HOT, "country": "ZZ"}, top=100)[1]}


# --- not enough data ------------------------------------------------------------------------


def test_too_few_converted_leads() -> None:
    history = closed_lead_history(30, seed=5)
    y = [1] * 5 + [0] * 25
    report = train(history, y, [rule_score(lead) for lead in history])
    assert report.status == "insufficient_data" and report.model is None
    assert report.positives == 5 and report.negatives == 25 and report.training_size == 30
    assert "5 converted" in report.message and "25 unqualified" in report.message
    assert str(MIN_PER_CLASS) in report.message
    assert report.holdout_auc is None and report.calibration == [] and report.top_factors == []


def test_single_class() -> None:
    history = closed_lead_history(200, seed=6)
    report = train(history, [0] * 200, [0.0] * 200)
    assert report.status == "insufficient_data" and report.model is None
    assert report.message.startswith("No converted leads")


def test_smallest_trainable_history_and_blank_leads() -> None:
    # Exactly MIN_PER_CLASS of each outcome, all attributes missing: trains, predicts the base rate.
    leads: list[dict[str, Any]] = [{} for _ in range(2 * MIN_PER_CLASS)]
    y = [1, 0] * MIN_PER_CLASS
    report = train(leads, y, [0.0] * len(leads))
    assert report.status == "trained" and report.model is not None
    assert report.holdout_size == 10 and report.holdout_auc == 0.5
    probability, factors = report.model.predict({})
    assert probability == pytest.approx(0.5, abs=1e-6) and factors == []


def test_mismatched_inputs_are_rejected() -> None:
    with pytest.raises(ValueError):
        train([{}], [1, 0], [0.0])
    with pytest.raises(ValueError):
        train([{}], [2], [0.0])
