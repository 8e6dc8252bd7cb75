"""A deterministic, realistic-looking history of closed leads, for demos and for testing the scoring model.

Conversion depends on the attributes through a known logistic model. Part of it is easy to write as
admin rules (referrals and mid-size companies convert), part is not (free-mail addresses, seniority,
repeated form submissions, a software x 51-200 employees interaction), so a model trained on the history
should rank leads better than a plausible rule set, but not perfectly.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")

BASE_LOGIT = -1.5
SOURCES = (
    ("web_form", 30.0),
    ("ads", 14.0),
    ("import", 8.0),
    ("email", 8.0),
    ("referral", 8.0),
    ("event", 7.0),
    ("social", 7.0),
    ("partner", 6.0),
    ("phone", 5.0),
    ("other", 4.0),
    ("api", 3.0),
)
SOURCE_EFFECT = {"referral": 1.4, "partner": 0.9, "event": 0.5, "ads": -0.6, "social": -0.8, "import": -1.0}
# A long tail of rare countries, so that training has to pool them.
COUNTRIES: tuple[tuple[str | None, float], ...] = (
    ("KR", 45.0),
    ("US", 14.0),
    ("JP", 8.0),
    (None, 6.0),
    ("DE", 4.0),
    ("GB", 4.0),
    ("SG", 3.0),
    ("VN", 3.0),
    ("CN", 3.0),
    ("FR", 2.0),
    ("IN", 2.0),
    ("AU", 2.0),
    ("CA", 2.0),
    ("TW", 1.5),
    ("BR", 1.0),
    ("NZ", 0.3),
    ("TH", 0.3),
    ("MX", 0.2),
    ("IS", 0.05),
)
COUNTRY_EFFECT = {"KR": 0.4, "JP": 0.4, "US": 0.2}
INDUSTRIES: tuple[tuple[str | None, float], ...] = (
    ("software", 22.0),
    ("manufacturing", 16.0),
    ("retail", 14.0),
    ("finance", 9.0),
    ("healthcare", 7.0),
    ("education", 6.0),
    ("logistics", 6.0),
    ("construction", 5.0),
    ("media", 4.0),
    (None, 11.0),
)
INDUSTRY_EFFECT = {"software": 0.5, "manufacturing": 0.3, "retail": -0.4}
# (low, high) employee ranges; None: size not given.
SIZES: tuple[tuple[tuple[int, int] | None, float], ...] = (
    ((1, 10), 25.0),
    ((11, 50), 25.0),
    ((51, 200), 20.0),
    ((201, 1000), 12.0),
    ((1001, 50000), 6.0),
    (None, 12.0),
)
# Small companies use free mail far more often, which is what makes free mail and size entangled.
FREE_MAIL_RATE = {(1, 10): 0.6, (11, 50): 0.35, (51, 200): 0.15, (201, 1000): 0.08, (1001, 50000): 0.05, None: 0.45}
SENIORITIES = (("executive", 15.0), ("manager", 30.0), ("staff", 40.0), (None, 15.0))
SENIORITY_EFFECT = {"executive": 0.6, "manager": 0.3}
TITLES_EN = {
    "executive": ("CEO", "CTO", "Founder", "VP of Sales", "Director of Operations", "Head of Procurement", "COO"),
    "manager": ("Sales Manager", "IT Manager", "Team Lead", "Procurement Manager", "Marketing Manager"),
    "staff": ("Software Engineer", "Sales Associate", "Analyst", "Buyer", "Marketing Specialist", "Accountant"),
}
TITLES_KO = {
    "executive": ("대표이사", "대표", "이사", "상무", "전무", "본부장"),
    "manager": ("부장", "팀장", "과장", "차장", "실장", "영업팀장"),
    "staff": ("대리", "사원", "주임", "연구원", "선임연구원"),
}
KO_SURNAMES = (
    ("김", "kim"),
    ("이", "lee"),
    ("박", "park"),
    ("최", "choi"),
    ("정", "jung"),
    ("강", "kang"),
    ("조", "cho"),
    ("윤", "yoon"),
    ("장", "jang"),
    ("임", "lim"),
    ("한", "han"),
    ("오", "oh"),
)
KO_GIVEN = (
    ("민준", "minjun"),
    ("서연", "seoyeon"),
    ("도윤", "doyun"),
    ("지우", "jiwoo"),
    ("서준", "seojun"),
    ("하은", "haeun"),
    ("예준", "yejun"),
    ("지민", "jimin"),
    ("현우", "hyunwoo"),
    ("수아", "sua"),
    ("지호", "jiho"),
    ("유진", "yujin"),
)
EN_FIRST = (
    "James",
    "Emma",
    "Olivia",
    "Liam",
    "Noah",
    "Sophia",
    "Michael",
    "Sarah",
    "David",
    "Emily",
    "Daniel",
    "Grace",
)
EN_LAST = ("Smith", "Johnson", "Brown", "Kim", "Lee", "Garcia", "Miller", "Davis", "Wilson", "Taylor", "Nguyen", "Chen")
KO_COMPANY_STEMS = (
    ("한빛", "hanbit"),
    ("대성", "daesung"),
    ("새롬", "saerom"),
    ("미래", "mirae"),
    ("동방", "dongbang"),
    ("세진", "sejin"),
    ("청림", "chungrim"),
    ("누리", "nuri"),
    ("가온", "gaon"),
)
KO_COMPANY_SUFFIXES = (
    ("소프트", "soft"),
    ("정밀", "precision"),
    ("테크", "tech"),
    ("물산", "trading"),
    ("유통", "retail"),
    ("시스템즈", "systems"),
    ("바이오", "bio"),
    ("건설", "const"),
)
EN_COMPANY_STEMS = ("Northwind", "Bluefin", "Granite", "Brightpath", "Summit", "Cedar", "Ironclad", "Lumen", "Harbor")
EN_COMPANY_SUFFIXES = ("Labs", "Systems", "Logistics", "Retail", "Health", "Manufacturing", "Analytics", "Media")
KO_FREE_MAIL = ("naver.com", "naver.com", "gmail.com", "daum.net", "hanmail.net", "kakao.com", "nate.com")
EN_FREE_MAIL = ("gmail.com", "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com")
CAMPAIGNS = ("2025 Spring Webinar", "Search Ads Q2", "Newsletter May", "SaaS Expo Seoul", "Retargeting Q3")
CAMPAIGN_SOURCES = frozenset({"ads", "email", "social", "event"})
# A plausible first rule set an admin would write: (name, field, op, value, points).
STARTER_SCORING_RULES = (
    ("Referral", "source", "eq", "referral", 25),
    ("Mid-size or larger company", "company_size", "gte", "50", 20),
    ("Korea or Japan", "country", "in", "KR,JP", 10),
    ("Free e-mail address", "email_kind", "eq", "free", -10),
)


def _pick(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def conversion_logit(lead: dict[str, Any], size_range: tuple[int, int] | None, level: str | None) -> float:
    """The true log-odds of conversion the generator draws outcomes from."""
    logit = BASE_LOGIT + SOURCE_EFFECT.get(lead["source"], 0.0)
    logit += COUNTRY_EFFECT.get(lead["country"] or "", 0.0) + INDUSTRY_EFFECT.get(lead["industry"] or "", 0.0)
    if size_range is not None:
        low = size_range[0]
        logit += 0.7 if 51 <= low <= 1000 else 0.3 if low > 1000 else -0.7 if low <= 10 else 0.0
    if lead["free_mail"]:
        logit -= 0.9
    logit += SENIORITY_EFFECT.get(level or "", 0.0)
    if lead["phone"]:
        logit += 0.3
    logit += 0.35 * max(0, min(lead["submission_count"], 4) - 1)
    # Mid-size software companies buy more than the two effects alone say: not additive on purpose.
    if lead["industry"] == "software" and size_range == (51, 200):
        logit += 0.5
    return logit


def closed_lead_history(n: int, seed: int = 0) -> list[dict[str, Any]]:
    """n closed leads (outcome "converted" or "unqualified"), the same list for the same seed."""
    rng = random.Random(seed)
    leads: list[dict[str, Any]] = []
    for _ in range(n):
        source = _pick(rng, SOURCES)
        country = _pick(rng, COUNTRIES)
        industry = _pick(rng, INDUSTRIES)
        size_range = _pick(rng, SIZES)
        company_size = None if size_range is None else _company_size(rng, size_range)
        level = _pick(rng, SENIORITIES)
        korean = rng.random() < (0.92 if country == "KR" else 0.1)

        if korean:
            (last_name, last_roman), (first_name, first_roman) = rng.choice(KO_SURNAMES), rng.choice(KO_GIVEN)
            stem, stem_roman = rng.choice(KO_COMPANY_STEMS)
            suffix, suffix_roman = rng.choice(KO_COMPANY_SUFFIXES)
            company_name = f"(주){stem}{suffix}" if rng.random() < 0.4 else f"{stem}{suffix}"
            domain = f"{stem_roman}{suffix_roman}." + ("co.kr" if rng.random() < 0.6 else "com")
            free_domains = KO_FREE_MAIL
        else:
            first_name, last_name = rng.choice(EN_FIRST), rng.choice(EN_LAST)
            first_roman, last_roman = first_name.lower(), last_name.lower()
            stem, suffix = rng.choice(EN_COMPANY_STEMS), rng.choice(EN_COMPANY_SUFFIXES)
            company_name = f"{stem} {suffix}" + rng.choice(("", "", " Inc.", " Ltd."))
            domain = f"{stem}{suffix}".lower() + rng.choice((".com", ".com", ".io"))
            free_domains = EN_FREE_MAIL

        job_title = None
        if level is not None:
            titles = TITLES_KO if korean and rng.random() < 0.8 else TITLES_EN
            job_title = rng.choice(titles[level])

        free_mail = False
        email = None
        if rng.random() < 0.93:
            free_mail = rng.random() < FREE_MAIL_RATE[size_range]
            if free_mail:
                email = f"{first_roman}{last_roman}{rng.randint(1, 999)}@{rng.choice(free_domains)}"
            else:
                email = f"{first_roman}.{last_roman}@{domain}"

        if source == "web_form":
            submissions = _pick(rng, ((1, 60.0), (2, 25.0), (3, 10.0), (4, 5.0)))
        else:
            submissions = 1 if source == "api" else 0
        lead: dict[str, Any] = {
            "first_name": first_name,
            "last_name": last_name,
            "company_name": company_name,
            "job_title": job_title,
            "email": email,
            "phone": rng.random() < 0.55,
            "website": f"https://www.{domain}" if rng.random() < (0.35 if free_mail else 0.85) else None,
            "source": source,
            "country": country,
            "industry": industry,
            "company_size": company_size,
            "campaign": rng.choice(CAMPAIGNS) if rng.random() < (0.85 if source in CAMPAIGN_SOURCES else 0.1) else None,
            "submission_count": submissions,
            "interaction_count": 0,
            "free_mail": free_mail,
        }
        p = 1.0 / (1.0 + math.exp(-conversion_logit(lead, size_range, level)))
        lead["outcome"] = "converted" if rng.random() < p else "unqualified"
        del lead["free_mail"]
        leads.append(lead)
    return leads


def _company_size(rng: random.Random, size_range: tuple[int, int]) -> int:
    low, high = size_range
    # Log-uniform: within a bucket, smaller companies are more common.
    return min(high, max(low, round(math.exp(rng.uniform(math.log(low), math.log(high + 1))))))
