"""Predictive lead scoring: a logistic regression trained on the organisation's own closed leads.

Like Odoo's predictive lead scoring it learns from per-attribute outcomes, but it fits all attributes
jointly (so correlated attributes are not counted twice) and reports held-out ranking quality and
calibration next to the admin's rule scores, so an admin can see whether the model is worth using.

Training uses scikit-learn; the stored model is plain JSON (vocabulary, coefficients, column means and
scales) and prediction is pure Python, so scoring a lead never unpickles anything or imports sklearn.
No database and no web framework here: the leads service feeds rows in and stores what comes out.
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import numpy as np

MIN_PER_CLASS = 20
MIN_DF = 5
HOLDOUT_FRACTION = 0.25
MODEL_VERSION = 1
# Regularisation strengths tried by cross-validation (sklearn's C: larger = weaker penalty).
CS = tuple(float(c) for c in np.logspace(-3, 2, 11))
CV_FOLDS = 5
CALIBRATION_BINS = 10
TOP_FACTORS = 10

NUMERIC = ("submissions", "interactions")
# Open-ended categories: values too rare to learn from are pooled into "<prefix>=other" rather than
# dropped, so a lead from a rare country still gets the (shrunk) effect of "some other country".
FOLDABLE = ("country", "industry")

FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "naver.com",
        "daum.net",
        "hanmail.net",
        "kakao.com",
        "nate.com",
        "empas.com",
        "paran.com",
        "korea.com",
        "dreamwiz.com",
        "hanmir.com",
        "chol.com",
        "yahoo.com",
        "hotmail.com",
        "outlook.com",
        "live.com",
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "protonmail.com",
        "proton.me",
        "gmx.com",
        "gmx.de",
        "web.de",
        "mail.ru",
        "yandex.ru",
        "yandex.com",
        "qq.com",
        "163.com",
        "126.com",
        "zoho.com",
    }
)
# Big providers run the same service under many country domains (yahoo.co.kr, hotmail.co.uk, outlook.jp).
FREE_MAIL_BRANDS = frozenset({"gmail", "naver", "daum", "hanmail", "kakao", "yahoo", "hotmail", "outlook", "live"})

_EXECUTIVE_EN = re.compile(
    r"\b(ceo|cto|cfo|coo|cmo|cio|ciso|cro|cpo|chief|founder|co-?founder|president|vp|svp|evp|"
    r"director|head|chairman|chairwoman|(?<!product )owner|c-level)\b"
)
_MANAGER_EN = re.compile(r"\b(manager|mgr|lead|leader|supervisor|product owner)\b")
# Hangul and kana are word characters to `\b`, so CJK titles are matched as substrings ("대표이사").
_EXECUTIVE_CJK = (
    "대표",
    "사장",
    "회장",
    "전무",
    "상무",
    "이사",
    "본부장",
    "임원",
    "창업",
    "社長",
    "取締役",
    "役員",
    "代表",
)
_MANAGER_CJK = (
    "부장",
    "차장",
    "과장",
    "팀장",
    "실장",
    "파트장",
    "그룹장",
    "센터장",
    "지점장",
    "매니저",
    "部長",
    "課長",
)

_PREFIX_LABELS = {
    "source": "Source",
    "country": "Country",
    "industry": "Industry",
    "size": "Company size",
    "seniority": "Seniority",
    "email": "Email",
    "campaign": "Campaign",
}
_NAME_LABELS = {
    "has_website": "Has website",
    "no_website": "No website",
    "has_phone": "Has phone",
    "no_phone": "No phone",
    "campaign=yes": "Came from a campaign",
    "campaign=none": "No campaign",
    "email=free": "Email: free-mail address",
    "email=business": "Email: business domain",
    "email=none": "Email: none",
    "submissions": "Form submissions",
    "interactions": "Recent interactions",
}
# Binary flags are only present when true; an explanation still needs a name for their absence.
_ABSENT_NAMES = {"has_website": "no_website", "has_phone": "no_phone", "campaign": "campaign=none"}


# --- features -------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _count(value: Any) -> int:
    try:
        return max(0, int(value or 0))
    except (TypeError, ValueError):
        return 0


def _size_bucket(value: Any) -> str:
    try:
        size = int(value)
    except (TypeError, ValueError):
        return "unknown"
    if size <= 0:
        return "unknown"
    if size <= 10:
        return "1-10"
    if size <= 50:
        return "11-50"
    if size <= 200:
        return "51-200"
    if size <= 1000:
        return "201-1000"
    return "1000+"


@lru_cache(maxsize=4096)
def seniority(title: str) -> str:
    """executive, manager, staff or unknown from a free-text job title (English, Korean, a little Japanese)."""
    text = title.strip().lower()
    if not text:
        return "unknown"
    # Executive first: "Managing Director" and "대표이사 겸 팀장" are executives.
    if _EXECUTIVE_EN.search(text) or any(k in text for k in _EXECUTIVE_CJK):
        return "executive"
    if _MANAGER_EN.search(text) or any(k in text for k in _MANAGER_CJK):
        return "manager"
    return "staff"


@lru_cache(maxsize=4096)
def email_kind(email: str) -> str:
    """free, business or none: a free-mail address says little about the company behind the lead."""
    local, at, domain = email.strip().lower().rpartition("@")
    domain = domain.rstrip(".")
    if not at or not local or "." not in domain:
        return "none"
    if domain in FREE_MAIL_DOMAINS:
        return "free"
    labels = domain.split(".")
    # brand + short public suffix only: "yahoo.co.kr" is free mail, "mail.yahoo-partner.com" is not.
    if labels[0] in FREE_MAIL_BRANDS and len(labels) <= 3 and all(len(part) <= 3 for part in labels[1:]):
        return "free"
    return "business"


def featurize(lead: Mapping[str, Any]) -> dict[str, float]:
    """Named sparse features of one lead; every categorical attribute emits exactly one value."""
    source = _text(lead.get("source")).lower() or "unknown"
    country = _text(lead.get("country")).upper() or "unknown"
    industry = _text(lead.get("industry")).lower() or "unknown"
    features: dict[str, float] = {
        f"source={source}": 1.0,
        f"country={country}": 1.0,
        f"industry={industry}": 1.0,
        f"size={_size_bucket(lead.get('company_size'))}": 1.0,
        f"seniority={seniority(_text(lead.get('job_title')))}": 1.0,
        f"email={email_kind(_text(lead.get('email')))}": 1.0,
    }
    if _text(lead.get("website")):
        features["has_website"] = 1.0
    if lead.get("phone"):
        features["has_phone"] = 1.0
    if _text(lead.get("campaign")):
        features["campaign=yes"] = 1.0
    # log1p: the third submission says less than the second, the tenth barely more than the fifth.
    features["submissions"] = math.log1p(_count(lead.get("submission_count")))
    features["interactions"] = math.log1p(_count(lead.get("interaction_count")))
    return features


def feature_label(name: str) -> str:
    """Human label for a feature name, e.g. "size=51-200" -> "Company size: 51-200"."""
    if name in _NAME_LABELS:
        return _NAME_LABELS[name]
    prefix, sep, value = name.partition("=")
    if not sep:
        return name.replace("_", " ").capitalize()
    return f"{_PREFIX_LABELS.get(prefix, prefix.replace('_', ' ').capitalize())}: {value.replace('_', ' ')}"


def _group(name: str) -> str:
    """The attribute a feature belongs to: its one-hot siblings share the same group."""
    prefix, sep, _ = name.partition("=")
    return prefix if sep else name


# --- model ----------------------------------------------------------------------------------


@dataclass
class ScoringModel:
    vocabulary: list[str]
    coefficients: list[float]
    intercept: float
    # Column j enters the linear predictor as x_j / scales[j] (scale 1 for one-hots, the training
    # standard deviation for numeric columns); means[j] is the training mean of the raw x_j.
    means: list[float]
    scales: list[float]
    # Prefixes whose rare training values were pooled into "<prefix>=other"; unseen values go there too.
    other_buckets: list[str] = field(default_factory=list)
    min_df: int = MIN_DF
    version: int = MODEL_VERSION

    def __post_init__(self) -> None:
        n = len(self.vocabulary)
        if not (len(self.coefficients) == len(self.means) == len(self.scales) == n):
            raise ValueError("vocabulary, coefficients, means and scales must have the same length")
        # Derived lookups; the fields are not meant to be mutated after construction.
        self._index = {name: j for j, name in enumerate(self.vocabulary)}
        self._weights = [c / s for c, s in zip(self.coefficients, self.scales, strict=True)]

    @property
    def average_logit(self) -> float:
        """Log-odds of the average training lead: the reference the factors' impacts are measured from."""
        return self.intercept + sum(w * m for w, m in zip(self._weights, self.means, strict=True))

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "vocabulary": list(self.vocabulary),
            "coefficients": [float(c) for c in self.coefficients],
            "intercept": float(self.intercept),
            "means": [float(m) for m in self.means],
            "scales": [float(s) for s in self.scales],
            "other_buckets": list(self.other_buckets),
            "min_df": self.min_df,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ScoringModel:
        version = int(data.get("version", 1))
        if version != MODEL_VERSION:
            raise ValueError(f"Unsupported scoring model version {version}")
        return cls(
            vocabulary=[str(v) for v in data["vocabulary"]],
            coefficients=[float(c) for c in data["coefficients"]],
            intercept=float(data["intercept"]),
            means=[float(m) for m in data["means"]],
            scales=[float(s) for s in data["scales"]],
            other_buckets=[str(p) for p in data.get("other_buckets", [])],
            min_df=int(data.get("min_df", MIN_DF)),
            version=version,
        )

    def column(self, name: str) -> int | None:
        """Column of a raw feature name: rare/unseen open categories map to their "other" bucket."""
        j = self._index.get(name)
        if j is None:
            prefix, sep, value = name.partition("=")
            if sep and value != "unknown" and prefix in self.other_buckets:
                j = self._index.get(f"{prefix}=other")
        return j

    def encode(self, features: Mapping[str, float]) -> dict[int, float]:
        """Raw features -> {column: value}; features outside the vocabulary are ignored."""
        row: dict[int, float] = {}
        for name, value in features.items():
            j = self.column(name)
            if j is not None and value:
                row[j] = row.get(j, 0.0) + float(value)
        return row

    def logit(self, features: Mapping[str, float]) -> float:
        return self._linear(self.encode(features))

    def _linear(self, row: Mapping[int, float]) -> float:
        return self.intercept + sum(self._weights[j] * v for j, v in row.items())

    def predict(self, lead: Mapping[str, Any], top: int = 5) -> tuple[float, list[dict[str, Any]]]:
        """Conversion probability and the attributes that moved it most against the average lead.

        An attribute's impact sums coef * (x - mean) over its one-hot siblings: being a referral also means
        *not* being an ads lead, and showing only one half would misstate the effect. The impacts add up to
        logit(lead) - logit(average lead). Each is reported under the lead's own value ("country=VN" even
        when VN is scored through the "other" bucket), or "no_website"-style names for absent flags.
        """
        features = featurize(lead)
        row = self.encode(features)
        logit = self._linear(row)
        impacts: dict[str, float] = {}
        for j, name in enumerate(self.vocabulary):
            group = _group(name)
            impacts[group] = impacts.get(group, 0.0) + self._weights[j] * (row.get(j, 0.0) - self.means[j])
        own = {_group(name): name for name in features}
        factors = []
        for group, impact in impacts.items():
            rounded = round(impact, 3)
            if rounded == 0:
                continue
            name = own.get(group) or _ABSENT_NAMES.get(group, group)
            factors.append({"feature": name, "label": feature_label(name), "impact": rounded})
        factors.sort(key=lambda f: (-abs(f["impact"]), f["feature"]))
        return _sigmoid(logit), factors[: max(0, top)]

    def predict_many(self, rows: Sequence[Mapping[str, float]]) -> np.ndarray:
        """Probabilities for many featurized leads at once (the same arithmetic as predict)."""
        matrix = _matrix([self.encode(r) for r in rows], len(self.vocabulary))
        logits = self.intercept + matrix @ np.asarray(self._weights, dtype=float)
        return 1.0 / (1.0 + np.exp(-logits))


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _matrix(rows: Sequence[Mapping[int, float]], width: int) -> Any:
    from scipy import sparse

    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indices: list[int] = []
    data: list[float] = []
    for i, row in enumerate(rows):
        indices.extend(row.keys())
        data.extend(row.values())
        indptr[i + 1] = len(indices)
    return sparse.csr_matrix(
        (np.asarray(data, dtype=float), np.asarray(indices, dtype=np.int64), indptr), shape=(len(rows), width)
    )


# --- training -------------------------------------------------------------------------------


@dataclass
class TrainingReport:
    status: Literal["trained", "insufficient_data"]
    message: str
    training_size: int
    positives: int
    negatives: int
    holdout_size: int
    holdout_auc: float | None
    rule_holdout_auc: float | None
    brier: float | None
    calibration: list[dict[str, float]]
    top_factors: list[dict[str, Any]]
    model: ScoringModel | None
    seconds: float = 0.0


def _vocabulary(rows: Sequence[Mapping[str, float]], min_df: int) -> tuple[list[str], list[str]]:
    """Columns worth a coefficient: seen in at least min_df rows, rare open categories pooled."""
    counts: Counter[str] = Counter(name for row in rows for name, value in row.items() if value)
    kept = {name for name, n in counts.items() if n >= min_df}
    pooled: Counter[str] = Counter()
    for name, n in counts.items():
        prefix, sep, value = name.partition("=")
        if name not in kept and sep and prefix in FOLDABLE and value != "unknown":
            pooled[prefix] += n
    buckets = []
    for prefix in FOLDABLE:
        if f"{prefix}=other" in kept or pooled[prefix] >= min_df:
            kept.add(f"{prefix}=other")
            buckets.append(prefix)
    return sorted(kept), buckets


def _design(
    rows: Sequence[Mapping[str, float]], min_df: int
) -> tuple[list[str], list[str], Any, np.ndarray, np.ndarray]:
    """Vocabulary, pooled prefixes, scaled design matrix, raw column means and scales for these rows."""
    vocabulary, buckets = _vocabulary(rows, min_df)
    width = len(vocabulary)
    shell = ScoringModel(vocabulary, [0.0] * width, 0.0, [0.0] * width, [1.0] * width, buckets)
    raw = _matrix([shell.encode(r) for r in rows], width)
    # Constant numeric columns (interaction_count is 0 everywhere today) carry no information.
    keep = [j for j, name in enumerate(vocabulary) if name not in NUMERIC or raw[:, j].nnz >= min_df]
    vocabulary = [vocabulary[j] for j in keep]
    raw = raw[:, keep].tocsc()
    means = np.asarray(raw.mean(axis=0)).ravel()
    scales = np.ones(len(vocabulary))
    for j, name in enumerate(vocabulary):
        if name in NUMERIC:
            # Numeric columns on a unit scale so one L2 penalty treats them like the one-hots.
            scales[j] = float(raw[:, j].toarray().std()) or 1.0
    scaled = (raw @ _diag(1.0 / scales)).tocsr()
    return vocabulary, buckets, scaled, means, scales


def _diag(values: np.ndarray) -> Any:
    from scipy import sparse

    return sparse.diags(values, format="csr")


def _choose_c(x: Any, y: np.ndarray, seed: int) -> float:
    """C with the best cross-validated log loss: probabilities matter here, not just ranking."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss
    from sklearn.model_selection import StratifiedKFold

    folds = min(CV_FOLDS, int(np.bincount(y, minlength=2).min()))
    losses = np.zeros(len(CS))
    for train_idx, test_idx in StratifiedKFold(folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y):
        # Warm start along the regularisation path: each C starts from the previous solution.
        clf = LogisticRegression(max_iter=2000, warm_start=True)
        for k, c in enumerate(CS):
            clf.set_params(C=c)
            clf.fit(x[train_idx], y[train_idx])
            losses[k] += log_loss(y[test_idx], clf.predict_proba(x[test_idx])[:, 1], labels=[0, 1])
    return CS[int(np.argmin(losses))]


def _fit(rows: Sequence[Mapping[str, float]], y: np.ndarray, c: float | None, seed: int) -> tuple[ScoringModel, float]:
    """A fitted model, with C chosen by cross-validation unless given."""
    from sklearn.linear_model import LogisticRegression

    vocabulary, buckets, x, means, scales = _design(rows, MIN_DF)
    if c is None:
        c = _choose_c(x, y, seed)
    clf = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    model = ScoringModel(
        vocabulary=vocabulary,
        coefficients=[float(v) for v in clf.coef_[0]],
        intercept=float(clf.intercept_[0]),
        means=[float(m) for m in means],
        scales=[float(s) for s in scales],
        other_buckets=buckets,
    )
    return model, c


def _calibration(p: np.ndarray, y: np.ndarray) -> list[dict[str, float]]:
    bins = np.minimum((p * CALIBRATION_BINS).astype(int), CALIBRATION_BINS - 1)
    out: list[dict[str, float]] = []
    for b in range(CALIBRATION_BINS):
        mask = bins == b
        n = int(mask.sum())
        if n:
            out.append(
                {"predicted": round(float(p[mask].mean()), 4), "observed": round(float(y[mask].mean()), 4), "count": n}
            )
    return out


def _insufficient(n: int, positives: int, negatives: int) -> TrainingReport:
    def few(count: int, what: str) -> str:
        return f"No {what} leads" if count == 0 else f"Only {count} {what} lead{'s' if count != 1 else ''}"

    if positives < MIN_PER_CLASS and negatives < MIN_PER_CLASS:
        short = f"{few(positives, 'converted')} and {negatives} unqualified"
    elif positives < MIN_PER_CLASS:
        short = f"{few(positives, 'converted')} (and {negatives} unqualified)"
    else:
        short = f"{few(negatives, 'unqualified')} (and {positives} converted)"
    message = f"{short}; at least {MIN_PER_CLASS} of each outcome are needed. Scores use the rules."
    return TrainingReport(
        status="insufficient_data",
        message=message,
        training_size=n,
        positives=positives,
        negatives=negatives,
        holdout_size=0,
        holdout_auc=None,
        rule_holdout_auc=None,
        brier=None,
        calibration=[],
        top_factors=[],
        model=None,
    )


def train(
    leads: Sequence[Mapping[str, Any]],
    outcomes: Sequence[int],
    rule_scores: Sequence[float],
    *,
    seed: int = 0,
) -> TrainingReport:
    """Fit on closed leads (1 converted, 0 unqualified); evaluate on a stratified holdout; refit on all.

    The holdout figures describe a model fitted without the holdout rows; the stored model is then refit
    on every row with the same regularisation, so it is (slightly) better than what was measured.
    """
    started = time.monotonic()
    if not (len(leads) == len(outcomes) == len(rule_scores)):
        raise ValueError("leads, outcomes and rule_scores must have the same length")
    if any(o not in (0, 1) for o in outcomes):
        raise ValueError("outcomes must be 1 (converted) or 0 (unqualified)")
    y = np.asarray([int(o) for o in outcomes], dtype=np.int64)
    positives = int(y.sum())
    negatives = len(y) - positives
    if positives < MIN_PER_CLASS or negatives < MIN_PER_CLASS:
        return _insufficient(len(y), positives, negatives)

    from sklearn.metrics import brier_score_loss, roc_auc_score
    from sklearn.model_selection import train_test_split

    rows = [featurize(lead) for lead in leads]
    rules = np.asarray([float(s) if s is not None else 0.0 for s in rule_scores], dtype=float)
    train_idx, test_idx = train_test_split(np.arange(len(y)), test_size=HOLDOUT_FRACTION, stratify=y, random_state=seed)
    split_model, c = _fit([rows[i] for i in train_idx], y[train_idx], None, seed)
    p = split_model.predict_many([rows[i] for i in test_idx])
    y_test = y[test_idx]
    auc = round(float(roc_auc_score(y_test, p)), 4)
    rule_auc = round(float(roc_auc_score(y_test, rules[test_idx])), 4)
    brier = round(float(brier_score_loss(y_test, p)), 4)

    model, _ = _fit(rows, y, c, seed)
    order = sorted(range(len(model.vocabulary)), key=lambda j: (-abs(model.coefficients[j]), model.vocabulary[j]))
    top_factors = [
        {
            "feature": model.vocabulary[j],
            "label": feature_label(model.vocabulary[j]),
            "weight": round(model.coefficients[j], 3),
        }
        for j in order[:TOP_FACTORS]
    ]
    verdict = (
        "ranks leads better than the rules"
        if auc > rule_auc + 0.01
        else "does not rank leads better than the rules"
        if auc < rule_auc - 0.01
        else "ranks leads about as well as the rules"
    )
    message = (
        f"Trained on {len(y)} closed leads ({positives} converted, {negatives} unqualified). "
        f"On {len(test_idx)} held-out leads the model {verdict} (AUC {auc:.2f} vs {rule_auc:.2f})."
    )
    return TrainingReport(
        status="trained",
        message=message,
        training_size=len(y),
        positives=positives,
        negatives=negatives,
        holdout_size=len(test_idx),
        holdout_auc=auc,
        rule_holdout_auc=rule_auc,
        brier=brier,
        calibration=_calibration(p, y_test),
        top_factors=top_factors,
        model=model,
        seconds=round(time.monotonic() - started, 3),
    )
