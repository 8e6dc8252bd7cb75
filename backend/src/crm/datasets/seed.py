"""`crm seed --size S|M|L`: the reference datasets of QUALITY.md, generated deterministically and bulk-loaded.

The same `--seed` and `--as-of` day give the same rows (ids included: UUIDv7s are built from the
record's own timestamp and the seeded random stream). Derived columns (names, primary emails,
search text, lead scores, board ranks) come from the same functions the services use, so a seeded
record is indistinguishable from one made through the API. What the load does not write: per-field
"created" history rows and outbox events (a bulk load is not a million user actions, and nobody
wants a million webhooks), and orders (the CRM has no orders table).
"""

from __future__ import annotations

import math
import random
import uuid
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm.core.security import Principal, Role, hash_password
from crm.customers.models import Customer
from crm.customers.service import derive_name, derive_search_fields
from crm.datasets import names
from crm.datasets.bulk import Clock, Writer, human_duration, progress
from crm.deals import service as deals_service
from crm.deals.models import Deal, DealStageChange, LostReason
from crm.demo import CALL_SUBJECTS, DEAL_WORDS, MEETING_SUBJECTS, NOTE_BODIES, STAGES, TAGS
from crm.interactions.models import Interaction
from crm.interactions.service import finish as finish_interaction
from crm.leads import rules as rules_service
from crm.leads import scoring, synthetic
from crm.leads.models import Lead
from crm.leads.schemas import ScoringRuleCreate
from crm.leads.service import finish as finish_lead
from crm.pipelines import service as pipelines_service
from crm.pipelines.models import Pipeline
from crm.pipelines.schemas import PipelineCreate
from crm.settings import generate_password
from crm.users.models import User


@dataclass(frozen=True)
class Size:
    customers: int
    leads: int
    deals: int
    interactions: int
    users: int


SIZES = {
    "S": Size(customers=10_000, leads=10_000, deals=3_000, interactions=30_000, users=20),
    "M": Size(customers=100_000, leads=100_000, deals=30_000, interactions=300_000, users=50),
    "L": Size(customers=1_000_000, leads=1_000_000, deals=300_000, interactions=3_000_000, users=200),
}
HISTORY_DAYS = 730
# Leads younger than this are still being worked; older ones have mostly reached an outcome.
OPEN_LEAD_DAYS = 30
LEAD_COUNTRIES = (*synthetic.COUNTRIES, ("AE", 1.5), ("SA", 1.0))
EXTRA_PIPELINES = (("Enterprise", "USD"), ("Renewals", None))
PIPELINE_WEIGHTS = (70.0, 18.0, 12.0)
USD_RATE = Decimal("1380")
INTERACTION_TYPES = (
    ("call", 34.0),
    ("email", 30.0),
    ("meeting", 12.0),
    ("note", 10.0),
    ("video", 5.0),
    ("visit", 3.0),
    ("sms", 3.0),
    ("chat", 3.0),
)
CALL_OUTCOMES = ("Connected", "Left voicemail", "No answer", "Call back requested", "통화 완료", "부재중")
EMAIL_SUBJECTS = (
    "Re: Proposal",
    "Quote attached",
    "Follow-up on our meeting",
    "견적서 송부드립니다",
    "お見積りの件",
    "Angebot für Ihr Projekt",
    "Votre devis",
    "عرض السعر",
)
NEXT_STEPS = ("Send the proposal", "Book a demo", "Call the CFO", "견적서 발송", "Legal review")
UNQUALIFIED = ("No budget", "Not the decision maker", "Student", "Competitor", "No response")
DEAL_SOURCES = ("referral", "web", "event", "partner", "outbound")


@dataclass
class Report:
    size: str
    seconds: float
    counts: dict[str, int]

    def line(self) -> str:
        parts = ", ".join(f"{n:,} {what}" for what, n in self.counts.items())
        return f"seeded size {self.size} in {human_duration(self.seconds)}: {parts}"


class Ids:
    """Ids (and an owner index) of many records in flat arrays: 18 bytes a record, not ~100."""

    def __init__(self) -> None:
        self._ids = bytearray()
        self.owner = array("H")

    def add(self, record_id: uuid.UUID, owner: int) -> int:
        self._ids += record_id.bytes
        self.owner.append(owner)
        return len(self.owner) - 1

    def __len__(self) -> int:
        return len(self.owner)

    def __getitem__(self, i: int) -> uuid.UUID:
        return uuid.UUID(bytes=bytes(self._ids[16 * i : 16 * i + 16]))


def _pick(rng: random.Random, options: tuple[tuple[Any, float], ...]) -> Any:
    return synthetic._pick(rng, options)


class Generator:
    def __init__(self, size: Size, seed: int, as_of: date) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.now = datetime.combine(as_of, datetime.min.time(), UTC)
        self.start = self.now - timedelta(days=HISTORY_DAYS)
        self.users: list[dict[str, Any]] = []
        self.owners: list[int] = []  # indexes into users of who owns records (reps mostly)
        self.companies = Ids()
        self.company_names: list[str] = []
        self.company_people = array("I")  # index of the company's first person in self.people
        self.company_people_count = array("B")
        self.people = Ids()
        self.leads = Ids()
        self.deals = Ids()
        self.deal_customer = array("I")  # company index

    # --- ids and times --------------------------------------------------------------------

    def uuid7(self, when: datetime) -> uuid.UUID:
        """A UUIDv7 whose timestamp is the record's creation time, random bits from the seeded stream."""
        ms = int(when.timestamp() * 1000) & ((1 << 48) - 1)
        value = ms << 80 | 0x7 << 76 | self.rng.getrandbits(12) << 64 | 0b10 << 62 | self.rng.getrandbits(62)
        return uuid.UUID(int=value)

    def moment(self, i: int, n: int) -> datetime:
        """The i-th of n creation times over the history, denser towards today (the book grows)."""
        fraction = math.sqrt(min(1.0, (i + self.rng.random()) / max(1, n)))
        return self.start + timedelta(seconds=fraction * HISTORY_DAYS * 86400)

    def later(self, when: datetime, p: float) -> datetime:
        """With probability p, a time between `when` and now (the record was edited since)."""
        if self.rng.random() >= p:
            return when
        return when + (self.now - when) * self.rng.random()

    def locale(self) -> names.Locale:
        return self.rng.choices(names.LOCALES, weights=names.LOCALE_WEIGHTS)[0]

    def owner(self) -> int:
        return self.rng.choice(self.owners)

    # --- users ----------------------------------------------------------------------------

    def make_users(self) -> list[dict[str, Any]]:
        """One admin, a manager per ten people, the rest reps reporting to a manager."""
        rng = self.rng
        managers = max(2, self.size.users // 10)
        # Nobody logs in as a generated user; one argon2 hash keeps 200 users from taking 20 s.
        password_hash = hash_password(generate_password())
        created = self.start - timedelta(days=30)
        manager_ids: list[uuid.UUID] = []
        for i in range(self.size.users):
            loc = self.locale()
            (first, first_r), (last, last_r) = rng.choice(loc.given), rng.choice(loc.family)
            role = Role.admin if i == 0 else Role.manager if i <= managers else Role.sales
            user_id = self.uuid7(created + timedelta(minutes=i))
            manager = rng.choice(manager_ids) if role is Role.sales else None
            if role is Role.manager:
                manager_ids.append(user_id)
            self.users.append(
                {
                    "id": user_id,
                    "email": f"{first_r}.{last_r}.{i:03d}@sales.example.com",
                    "full_name": derive_name(first, last),
                    "password_hash": password_hash,
                    "role": role.value,
                    "manager_id": manager,
                    "is_active": True,
                    "locale": "ko" if loc.code == "ko" else "en",
                    "created_at": created,
                    "updated_at": created,
                }
            )
            if role is not Role.admin:
                # Reps own most records; managers keep a few accounts of their own.
                self.owners.extend([i] * (1 if role is Role.manager else 6))
        return self.users

    # --- customers ------------------------------------------------------------------------

    def customers(self) -> Iterator[dict[str, Any]]:
        """Companies, each followed by its two to six people, created together."""
        rng, n = self.rng, self.size.customers
        made = 0
        while made < n:
            when = self.moment(made, n)
            loc = self.locale()
            company = self._company(loc, when)
            made += 1
            yield company
            people = min(n - made, rng.randint(2, 6))
            self.company_people.append(len(self.people))
            self.company_people_count.append(people)
            for _ in range(people):
                yield self._person(loc if rng.random() < 0.9 else self.locale(), when, company)
                made += 1

    def _company(self, loc: names.Locale, when: datetime) -> dict[str, Any]:
        rng = self.rng
        (stem, stem_r), (kind, kind_r) = rng.choice(loc.company_stems), rng.choice(loc.company_kinds)
        name = loc.company_pattern.format(stem=stem, kind=kind)
        if loc.code == "en":
            name += rng.choice(("", "", " Inc.", " Ltd.", " LLC"))
        elif loc.code == "ko" and rng.random() < 0.4:
            name = "(주)" + name
        domain = f"{stem_r}{kind_r}{rng.randint(1, 999) if rng.random() < 0.8 else ''}.{rng.choice(loc.tlds)}"
        city, region, country = rng.choice(loc.cities)
        owner = self.owner()
        c = SimpleNamespace(
            id=self.uuid7(when),
            type="company",
            name=name,
            first_name=None,
            last_name=None,
            company_id=None,
            job_title=None,
            emails=[{"label": "work", "value": f"info@{domain}", "primary": True}],
            phones=[{"label": "work", "value": names.mobile(rng, country), "primary": True}],
            addresses=[
                {
                    "label": "hq",
                    "street": loc.street.format(n=rng.randint(1, 500), street=rng.choice(loc.streets)),
                    "city": city,
                    "region": region,
                    "postal_code": names.postal_code(rng, loc),
                    "country": country,
                }
            ],
            website=f"https://www.{domain}",
            industry=_pick(rng, synthetic.INDUSTRIES),
            birthday=None,
            tags=rng.sample(TAGS, rng.randint(0, 2)),
            owner_id=self.users[owner]["id"],
            lifecycle_stage=rng.choice(STAGES),
            created_at=when,
            updated_at=self.later(when, 0.3),
        )
        derive_search_fields(c, None)  # type: ignore[arg-type]
        self.companies.add(c.id, owner)
        self.company_names.append(name)
        return _row(c)

    def _person(self, loc: names.Locale, when: datetime, company: dict[str, Any]) -> dict[str, Any]:
        rng = self.rng
        (first, first_r), (last, last_r) = rng.choice(loc.given), rng.choice(loc.family)
        domain = company["emails"][0]["value"].split("@", 1)[1]
        local = f"{first_r}.{last_r}" if rng.random() < 0.7 else f"{first_r[0]}{last_r}{rng.randint(1, 99)}"
        emails = [{"label": "work", "value": f"{local}@{domain}", "primary": True}]
        if rng.random() < 0.2:
            emails.append(
                {
                    "label": "home",
                    "value": f"{first_r}{last_r}{rng.randint(1, 999)}@{rng.choice(loc.free_mail)}",
                    "primary": False,
                }
            )
        country = company["addresses"][0]["country"]
        owner = self.companies.owner[-1] if rng.random() < 0.85 else self.owner()
        p = SimpleNamespace(
            id=self.uuid7(when),
            type="person",
            name=derive_name(first, last),
            first_name=first,
            last_name=last,
            company_id=company["id"],
            job_title=rng.choice(loc.titles),
            emails=emails,
            phones=[{"label": "mobile", "value": names.mobile(rng, country), "primary": True}],
            addresses=[],
            website=None,
            industry=None,
            birthday=date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28))
            if rng.random() < 0.5
            else None,
            tags=rng.sample(TAGS, rng.randint(0, 1)),
            owner_id=self.users[owner]["id"],
            lifecycle_stage=rng.choice(STAGES),
            created_at=when,
            updated_at=self.later(when, 0.3),
        )
        derive_search_fields(p, company["name"])  # type: ignore[arg-type]
        self.people.add(p.id, owner)
        return _row(p)

    # --- leads ----------------------------------------------------------------------------

    def lead_rows(self, rules: list[Any]) -> Iterator[dict[str, Any]]:
        """Leads whose outcome is drawn from synthetic.conversion_logit, so scoring has signal to learn."""
        rng, n = self.rng, self.size.leads
        for i in range(n):
            when = self.moment(i, n)
            source = _pick(rng, synthetic.SOURCES)
            country = _pick(rng, LEAD_COUNTRIES)
            industry = _pick(rng, synthetic.INDUSTRIES)
            size_range = _pick(rng, synthetic.SIZES)
            level = _pick(rng, synthetic.SENIORITIES)
            loc = names.BY_COUNTRY.get(country or "") or self.locale()
            (first, first_r), (last, last_r) = rng.choice(loc.given), rng.choice(loc.family)
            (stem, stem_r), (kind, kind_r) = rng.choice(loc.company_stems), rng.choice(loc.company_kinds)
            domain = f"{stem_r}{kind_r}.{rng.choice(loc.tlds)}"
            titles = synthetic.TITLES_KO if loc.code == "ko" and rng.random() < 0.8 else synthetic.TITLES_EN
            free_mail = rng.random() < synthetic.FREE_MAIL_RATE[size_range]
            email = None
            if rng.random() < 0.93:
                email = (
                    f"{first_r}{last_r}{rng.randint(1, 999)}@{rng.choice(loc.free_mail)}"
                    if free_mail
                    else f"{first_r}.{last_r}@{domain}"
                )
            phone = names.mobile(rng, country or loc.countries[0]) if rng.random() < 0.55 else None
            submissions = (
                _pick(rng, ((1, 60.0), (2, 25.0), (3, 10.0), (4, 5.0)))
                if source == "web_form"
                else 1
                if source == "api"
                else 0
            )
            campaign_rate = 0.85 if source in synthetic.CAMPAIGN_SOURCES else 0.1
            attrs = {
                "source": source,
                "country": country,
                "industry": industry,
                "free_mail": free_mail,
                "phone": phone is not None,
                "submission_count": submissions,
            }
            converts = rng.random() < 1.0 / (1.0 + math.exp(-synthetic.conversion_logit(attrs, size_range, level)))
            age_days = (self.now - when).days
            if age_days > OPEN_LEAD_DAYS and rng.random() < 0.9:
                status = "converted" if converts else "unqualified"
            else:
                status = _pick(rng, (("new", 55.0), ("contacted", 30.0), ("qualified", 15.0)))
            owner = self.owner()
            updated = when + timedelta(days=rng.randint(1, 40)) if status in ("converted", "unqualified") else when
            updated = min(updated, self.now)
            lead = SimpleNamespace(
                id=self.uuid7(when),
                first_name=first,
                last_name=last,
                company_name=loc.company_pattern.format(stem=stem, kind=kind),
                job_title=rng.choice(titles[level]) if level else None,
                emails=[{"label": "work", "value": email, "primary": True}] if email else [],
                phones=[{"label": "mobile", "value": phone, "primary": True}] if phone else [],
                website=f"https://www.{domain}" if rng.random() < (0.35 if free_mail else 0.85) else None,
                country=country,
                industry=industry,
                company_size=None if size_range is None else synthetic._company_size(rng, size_range),
                source=source,
                campaign=rng.choice(synthetic.CAMPAIGNS) if rng.random() < campaign_rate else None,
                status=status,
                unqualified_reason=rng.choice(UNQUALIFIED) if status == "unqualified" else None,
                owner_id=self.users[owner]["id"],
                tags=[],
                submission_count=submissions,
                last_submitted_at=when if submissions else None,
                converted_at=updated if status == "converted" else None,
                created_at=when,
                updated_at=updated,
            )
            finish_lead(lead)  # type: ignore[arg-type]
            scoring.apply_score(lead, rules, None)  # type: ignore[arg-type]
            # Scored when it was last written, not when the generator ran: the same seed, the same rows.
            lead.scored_at = updated
            self.leads.add(lead.id, owner)
            yield _row(lead)

    # --- deals ----------------------------------------------------------------------------

    def deal_rows(
        self, pipelines: list[Pipeline], reasons: list[uuid.UUID], deal_t: Table, change_t: Table
    ) -> Iterator[tuple[Table, dict[str, Any]]]:
        """Deals with their stage history: each passed the open stages in order up to where it is,
        closed ones won (40%) or lost after a log-normal sales cycle."""
        rng, n = self.rng, self.size.deals
        ranks: dict[uuid.UUID, float] = {}
        stages = []
        for p in pipelines:
            active = pipelines_service.active_stages(p)
            stages.append(
                (
                    p,
                    [s for s in active if s.kind == "open"],
                    next(s for s in active if s.kind == "won"),
                    next(s for s in active if s.kind == "lost"),
                )
            )
        for i in range(n):
            when = self.moment(i, n)
            pipeline, open_stages, won, lost = stages[
                rng.choices(range(len(stages)), PIPELINE_WEIGHTS[: len(stages)])[0]
            ]
            company = rng.randrange(len(self.companies))
            owner = self.companies.owner[company] if rng.random() < 0.8 else self.owner()
            cycle = timedelta(days=min(400.0, rng.lognormvariate(math.log(45), 0.7)))
            closes = when + cycle
            # Most deals stall early: the k-th open stage is reached with weight 1/(k+1).
            reached = rng.choices(range(len(open_stages)), [1.0 / (k + 1) for k in range(len(open_stages))])[0]
            if closes >= self.now:
                path, end = open_stages[: reached + 1], when + (self.now - when) * rng.random()
            elif rng.random() < 0.4:
                path, end = [*open_stages, won], closes
            else:
                path, end = [*open_stages[: reached + 1], lost], closes
            steps = len(path)
            times = [when + (end - when) * (k / max(1, steps - 1)) for k in range(steps)] if steps > 1 else [when]
            stage = path[-1]
            deal_id = self.uuid7(when)
            ranks[stage.id] = ranks.get(stage.id, 0.0) + 1.0
            usd = pipeline.currency == "USD"
            median = 20_000 if usd else 15_000_000
            step = 100 if usd else 100_000
            amount = max(step, round(rng.lognormvariate(math.log(median), 1.0) / step) * step)
            name = f"{self.company_names[company]} – {rng.choice(DEAL_WORDS)}"
            first_person, people = self.company_people[company], self.company_people_count[company]
            contacts = [str(self.people[first_person + k]) for k in range(min(people, rng.randint(0, 2)))]
            last = times[-1]
            deal = {
                "id": deal_id,
                "name": name,
                "customer_id": self.companies[company],
                "contact_ids": contacts,
                "pipeline_id": pipeline.id,
                "stage_id": stage.id,
                "status": stage.kind,
                "amount": Decimal(amount).quantize(Decimal("0.01")),
                "currency": pipeline.currency,
                "expected_close_date": closes.date(),
                "probability_override": None,
                "owner_id": self.users[owner]["id"],
                "source": rng.choice(DEAL_SOURCES),
                "lead_id": None,
                "next_step": rng.choice(NEXT_STEPS) if stage.kind == "open" and rng.random() < 0.5 else None,
                "lost_reason_id": rng.choice(reasons) if stage.kind == "lost" else None,
                "lost_reason_note": None,
                "won_at": last if stage.kind == "won" else None,
                "lost_at": last if stage.kind == "lost" else None,
                "closed_at": last if stage.kind != "open" else None,
                "stage_entered_at": last,
                "board_rank": ranks[stage.id],
                "search_text": deals_service.search_text(name, self.company_names[company]),
                "created_at": when,
                "updated_at": last,
            }
            yield deal_t, deal
            for k, (s, at) in enumerate(zip(path, times, strict=True)):
                yield (
                    change_t,
                    {
                        "id": self.uuid7(at),
                        "deal_id": deal_id,
                        "from_stage_id": path[k - 1].id if k else None,
                        "to_stage_id": s.id,
                        "changed_by_id": self.users[owner]["id"],
                        "changed_at": at,
                    },
                )
            self.deals.add(deal_id, owner)
            self.deal_customer.append(company)

    # --- interactions ---------------------------------------------------------------------

    def interaction_rows(self) -> Iterator[dict[str, Any]]:
        """Two years of calls, e-mails, meetings and notes on companies (with a contact), people,
        deals and leads; the newest meetings lie a little in the future."""
        rng, n = self.rng, self.size.interactions
        for i in range(n):
            when = self.moment(i, n)
            kind = _pick(rng, INTERACTION_TYPES)
            if kind == "meeting" and i > n * 0.99:
                when = self.now + timedelta(days=rng.randint(1, 20), hours=rng.randint(8, 17))
            target = rng.random()
            customer_id = lead_id = deal_id = None
            participants: list[dict[str, Any]] = []
            if target < 0.75 or not (self.deals and self.leads):
                company = rng.randrange(len(self.companies))
                customer_id, owner = self.companies[company], self.companies.owner[company]
                people = self.company_people_count[company]
                if people:
                    person = self.company_people[company] + rng.randrange(people)
                    participants.append({"kind": "contact", "id": str(self.people[person])})
            elif target < 0.9:
                deal = rng.randrange(len(self.deals))
                deal_id, owner = self.deals[deal], self.deals.owner[deal]
                customer_id = self.companies[self.deal_customer[deal]]
            else:
                lead = rng.randrange(len(self.leads))
                lead_id, owner = self.leads[lead], self.leads.owner[lead]
            if kind == "email":
                subject = rng.choice(EMAIL_SUBJECTS)
            else:
                subject = rng.choice(MEETING_SUBJECTS if kind in ("meeting", "visit", "video") else CALL_SUBJECTS)
            created = min(when, self.now)
            row = SimpleNamespace(
                id=self.uuid7(created),
                type=kind,
                direction=rng.choice(("inbound", "outbound")) if kind in ("call", "email", "sms", "chat") else None,
                occurred_at=when,
                duration_seconds=rng.choice((300, 600, 900, 1800, 3600))
                if kind in ("call", "meeting", "video", "visit")
                else None,
                subject=subject,
                body=rng.choice(NOTE_BODIES) if rng.random() < 0.7 else None,
                outcome=rng.choice(CALL_OUTCOMES) if kind == "call" else None,
                owner_id=self.users[owner]["id"],
                customer_id=customer_id,
                lead_id=lead_id,
                deal_id=deal_id,
                participants=participants,
                created_at=created,
                updated_at=created,
            )
            finish_interaction(row)  # type: ignore[arg-type]
            yield _row(row)


def _row(ns: SimpleNamespace) -> dict[str, Any]:
    return dict(vars(ns))


async def _reference_data(session: AsyncSession, admin: Principal) -> tuple[list[Pipeline], list[uuid.UUID], list[Any]]:
    """Pipelines, lost reasons, scoring rules and a USD rate, through the services (they are few)."""
    from crm.exchange_rates.models import ExchangeRate

    await deals_service.ensure_defaults(session)
    default = await pipelines_service.ensure_default(session)
    existing = {p.name for p in (await session.execute(select(Pipeline))).scalars()}
    for name, currency in EXTRA_PIPELINES:
        if name not in existing:
            await pipelines_service.create(session, admin, PipelineCreate(name=name, currency=currency))
    pipelines = [default] + [
        p
        for p in (
            await session.execute(select(Pipeline).where(Pipeline.deleted_at.is_(None)).order_by(Pipeline.position))
        ).scalars()
        if p.id != default.id
    ]
    if not await scoring.active_rules(session):
        for name, field, op, value, points in synthetic.STARTER_SCORING_RULES:
            await rules_service.create_scoring_rule(
                session, admin, ScoringRuleCreate(name=name, field=field, op=op, value=value, points=points)
            )
    if not (await session.execute(select(ExchangeRate.id).where(ExchangeRate.currency == "USD"))).first():
        session.add(ExchangeRate(currency="USD", rate=USD_RATE, valid_from=date(2000, 1, 1)))
    await session.flush()
    reasons = list((await session.execute(select(LostReason.id).order_by(LostReason.position))).scalars())
    return pipelines, reasons, await scoring.active_rules(session)


_LABELS = {"deal_stage_change": "stage changes"}


class NotEmpty(Exception):
    pass


async def seed(size_name: str, seed: int, as_of: date | None = None, size: Size | None = None) -> Report:
    """Loads one dataset into an empty database in one transaction; raises NotEmpty otherwise."""
    from crm.db import get_engine

    size = size or SIZES[size_name]
    gen = Generator(size, seed, as_of or datetime.now(UTC).date())
    clock = Clock()
    engine = get_engine()
    tables = [t.__table__ for t in (User, Customer, Lead, Deal, DealStageChange, Interaction)]
    user_t, customer_t, lead_t, deal_t, change_t, interaction_t = tables
    with progress() as bar:
        async with engine.connect() as conn, conn.begin():
            session = AsyncSession(bind=conn, expire_on_commit=False)
            if (await session.execute(select(func.count()).select_from(Customer))).scalar_one():
                raise NotEmpty("the database already holds customers; seed an empty one")
            writer = Writer(conn, bar)
            users = gen.make_users()
            await writer.write("users", len(users), ((user_t, u) for u in users))
            admin = Principal(user_id=users[0]["id"], role=Role.admin, name=users[0]["full_name"])
            pipelines, reasons, rules = await _reference_data(session, admin)
            for table in tables[1:]:
                await writer.park(table)
            counts = {"users": len(users)}
            loads = (
                ("customers", size.customers, ((customer_t, r) for r in gen.customers())),
                ("leads", size.leads, ((lead_t, r) for r in gen.lead_rows(rules))),
                ("deals", size.deals, gen.deal_rows(pipelines, reasons, deal_t, change_t)),
                ("interactions", size.interactions, ((interaction_t, r) for r in gen.interaction_rows())),
            )
            for label, total, rows in loads:
                counts.update(
                    (_LABELS.get(name, label), n) for name, n in (await writer.write(label, total, rows)).items()
                )
            await writer.restore()
            await session.close()
        async with engine.connect() as conn:
            await Writer(conn, None).analyze(tables)
    return Report(size_name, clock.elapsed(), counts)
