"""Demo data for `make run`: companies with their people, Korean and English, spread over a small team."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import func, select

from crm.core.security import Principal, Role
from crm.customers import service as customers_service
from crm.customers.models import Customer
from crm.customers.schemas import CustomerCreate
from crm.db import dispose_engine, get_sessionmaker
from crm.pipelines import service as pipelines_service
from crm.settings import generate_password
from crm.users import service as users_service
from crm.users.models import User
from crm.users.schemas import UserCreate

KO_SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권"]
KO_GIVEN = [
    "민준",
    "서연",
    "지우",
    "하은",
    "도윤",
    "서준",
    "지민",
    "수아",
    "예준",
    "지호",
    "채원",
    "현우",
    "유진",
    "승민",
    "다은",
    "준영",
    "소율",
    "태윤",
    "하린",
    "시우",
]
EN_FIRST = [
    "James",
    "Emma",
    "Oliver",
    "Sophia",
    "Liam",
    "Ava",
    "Noah",
    "Mia",
    "Ethan",
    "Grace",
    "Lucas",
    "Chloe",
    "Henry",
    "Isla",
    "Jack",
    "Zoe",
    "Samuel",
    "Ella",
    "Daniel",
    "Hannah",
    "John",
    "Olivia",
]
EN_LAST = [
    "Smith",
    "Johnson",
    "Brown",
    "Taylor",
    "Wilson",
    "Clark",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Carter",
    "Mitchell",
    "Parker",
    "Evans",
]
KO_COMPANY_A = ["한빛", "푸른", "새솔", "가온", "다온", "미래", "누리", "하늘", "바른", "큰별", "온새미", "라온"]
KO_COMPANY_B = ["소프트", "물산", "테크", "바이오", "유통", "건설", "제약", "식품", "에너지", "로지스"]
EN_COMPANY_A = [
    "Northwind",
    "Bluefin",
    "Acme",
    "Silverline",
    "Redwood",
    "Brightpath",
    "Ironclad",
    "Evergreen",
    "Summit",
    "Harbor",
    "Pioneer",
    "Crescent",
]
EN_COMPANY_B = [
    "Analytics",
    "Traders",
    "Systems",
    "Logistics",
    "Health",
    "Foods",
    "Energy",
    "Labs",
    "Retail",
    "Robotics",
]
INDUSTRIES = ["software", "manufacturing", "retail", "healthcare", "logistics", "finance", "food", "energy"]
KO_TITLES = ["대표이사", "영업팀장", "구매담당", "마케팅 매니저", "개발팀장", "재무이사", "인사담당"]
EN_TITLES = ["CEO", "Head of Sales", "Procurement Lead", "Marketing Manager", "CTO", "CFO", "Operations Manager"]
TAGS = ["vip", "newsletter", "partner", "trade-show", "renewal", "enterprise", "smb"]
STAGES = ["subscriber", "lead", "prospect", "customer", "customer", "customer", "evangelist", "churned"]
KO_CITIES = [("서울", "서울특별시"), ("부산", "부산광역시"), ("성남", "경기도"), ("대전", "대전광역시")]
EN_CITIES = [("San Francisco", "CA", "US"), ("London", None, "GB"), ("Berlin", None, "DE"), ("Toronto", "ON", "CA")]

TEAM = [
    ("manager@example.com", "박지훈", Role.manager, None),
    ("rep1@example.com", "Emily Clark", Role.sales, 0),
    ("rep2@example.com", "이서윤", Role.sales, 0),
    ("marketing@example.com", "Ryan Cole", Role.marketing, None),
]


def _ko_mobile(rng: random.Random) -> str:
    return f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}"


def _us_phone(rng: random.Random) -> str:
    return f"+1 415-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}"


async def _team(session, admin: User) -> list[User]:  # type: ignore[no-untyped-def]
    users: list[User] = []
    for email, name, role, manager_index in TEAM:
        existing = (await session.execute(select(User).where(User.email == email))).scalar_one_or_none()
        if existing is None:
            existing = await users_service.create(
                session,
                None,
                UserCreate(
                    email=email,
                    full_name=name,
                    password=generate_password(),
                    role=role,
                    manager_id=users[manager_index].id if manager_index is not None else None,
                ),
            )
        users.append(existing)
    return [admin, *users[:3]]


async def seed_demo(target: int = 300, seed: int = 42, force: bool = False) -> int:
    rng = random.Random(seed)
    async with get_sessionmaker()() as session:
        count = (await session.execute(select(func.count()).select_from(Customer))).scalar_one()
        if count and not force:
            await dispose_engine()
            return 0
        admin = (
            (await session.execute(select(User).where(User.role == Role.admin).order_by(User.created_at)))
            .scalars()
            .first()
        )
        if admin is None:
            raise RuntimeError("create an admin first (crm setup)")
        owners = await _team(session, admin)
        made = 0
        while made < target:
            korean = rng.random() < 0.5
            owner = rng.choice(owners)
            principal = Principal(user_id=admin.id, role=Role.admin, name=admin.full_name)
            if korean:
                cname = rng.choice(KO_COMPANY_A) + rng.choice(KO_COMPANY_B)
                domain = f"company{made}.co.kr"
                city, region = rng.choice(KO_CITIES)
                address = {
                    "label": "hq",
                    "street": f"테헤란로 {rng.randint(1, 500)}",
                    "city": city,
                    "region": region,
                    "postal_code": f"{rng.randint(10000, 63999)}",
                    "country": "KR",
                }
                phone = f"02-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
            else:
                cname = f"{rng.choice(EN_COMPANY_A)} {rng.choice(EN_COMPANY_B)}"
                domain = f"{cname.lower().replace(' ', '')}{made}.com"
                city, region, country = rng.choice(EN_CITIES)
                address = {
                    "label": "hq",
                    "street": f"{rng.randint(1, 900)} Market Street",
                    "city": city,
                    "region": region,
                    "postal_code": f"{rng.randint(10000, 99999)}",
                    "country": country,
                }
                phone = _us_phone(rng)
            company = await customers_service.create(
                session,
                principal,
                CustomerCreate.model_validate(
                    {
                        "type": "company",
                        "name": cname,
                        "website": f"https://www.{domain}",
                        "industry": rng.choice(INDUSTRIES),
                        "emails": [{"label": "work", "value": f"info@{domain}"}],
                        "phones": [{"label": "work", "value": phone}],
                        "addresses": [address],
                        "tags": rng.sample(TAGS, rng.randint(0, 2)),
                        "owner_id": str(owner.id),
                        "lifecycle_stage": rng.choice(STAGES),
                    }
                ),
            )
            made += 1
            for _ in range(rng.randint(2, 6)):
                if made >= target:
                    break
                if korean:
                    first, last = rng.choice(KO_GIVEN), rng.choice(KO_SURNAMES)
                    local = f"user{made}"
                    title, mobile = rng.choice(KO_TITLES), _ko_mobile(rng)
                else:
                    first, last = rng.choice(EN_FIRST), rng.choice(EN_LAST)
                    local = f"{first}.{last}{made}".lower()
                    title, mobile = rng.choice(EN_TITLES), _us_phone(rng)
                birthday = (
                    date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28))
                    if rng.random() < 0.6
                    else None
                )
                await customers_service.create(
                    session,
                    principal,
                    CustomerCreate.model_validate(
                        {
                            "type": "person",
                            "first_name": first,
                            "last_name": last,
                            "company_id": str(company.id),
                            "job_title": title,
                            "emails": [{"label": "work", "value": f"{local}@{domain}"}],
                            "phones": [{"label": "mobile", "value": mobile}],
                            "birthday": birthday.isoformat() if birthday else None,
                            "tags": rng.sample(TAGS, rng.randint(0, 2)),
                            "owner_id": str(owner.id),
                            "lifecycle_stage": rng.choice(STAGES),
                        }
                    ),
                )
                made += 1
        await _demo_deals(session, rng, principal, owners)
        await _demo_leads(session, rng, principal, owners)
        await _demo_activity(session, rng, principal, owners)
        await _demo_documents(session, rng, owners)
        await session.commit()
    await dispose_engine()
    return made


DEAL_WORDS = [
    "CRM rollout",
    "Annual licence",
    "Pilot",
    "Support renewal",
    "Expansion",
    "Hardware refresh",
    "Consulting",
    "Training package",
]


async def _demo_deals(session, rng: random.Random, principal: Principal, owners: list[User]) -> None:  # type: ignore[no-untyped-def]
    """Deals spread over the default pipeline, some won, some lost with reasons, with stage history."""
    from crm.deals import service as deals_service
    from crm.deals.models import LostReason
    from crm.deals.schemas import DealCreate, DealMove

    await deals_service.ensure_defaults(session)
    pipeline = await pipelines_service.ensure_default(session)
    stages = pipelines_service.active_stages(pipeline)
    reasons = list((await session.execute(select(LostReason))).scalars())
    companies = list((await session.execute(select(Customer).where(Customer.type == "company"))).scalars())
    for company in rng.sample(companies, min(len(companies), 60)):
        owner = rng.choice(owners)
        amount = rng.choice([5, 8, 12, 20, 35, 50, 80, 120]) * 1_000_000
        deal = await deals_service.create(
            session,
            principal,
            DealCreate.model_validate(
                {
                    "name": f"{company.name} – {rng.choice(DEAL_WORDS)}",
                    "customer_id": str(company.id),
                    "amount": str(amount),
                    "owner_id": str(owner.id),
                    "source": rng.choice(["referral", "web", "event"]),
                    "expected_close_date": date(2027, rng.randint(1, 6), rng.randint(1, 28)).isoformat(),
                }
            ),
        )
        target = rng.choice(stages)
        for stage in stages:
            if stage.kind != "open" and stage.id != target.id:
                continue
            if stage.id == deal.stage_id:
                continue
            move = {"stage_id": str(stage.id)}
            if stage.kind == "lost":
                move["lost_reason_id"] = str(rng.choice(reasons).id)
            await deals_service.move(session, principal, deal, DealMove.model_validate(move))
            if stage.id == target.id:
                break


async def _demo_leads(session, rng: random.Random, principal: Principal, owners: list[User]) -> None:  # type: ignore[no-untyped-def]
    """Scoring and assignment rules, a web form, two years of closed leads (so the model has something
    to learn) and an open queue per rep; then the model is trained on that history."""
    from datetime import timedelta

    from crm.db import utcnow
    from crm.leads import rules, scoring
    from crm.leads import web_forms as forms_service
    from crm.leads.models import Lead
    from crm.leads.schemas import (
        AssignmentRuleCreate,
        FormField,
        ScoringRuleCreate,
        WebFormCreate,
    )
    from crm.leads.service import finish
    from crm.leads.synthetic import STARTER_SCORING_RULES, closed_lead_history

    for name, field, op, value, points in STARTER_SCORING_RULES:
        await rules.create_scoring_rule(
            session, principal, ScoringRuleCreate(name=name, field=field, op=op, value=value, points=points)
        )
    reps = owners[1:] or owners
    await rules.create_assignment_rule(
        session,
        principal,
        AssignmentRuleCreate(
            name="Korea and Japan team",
            conditions=[{"field": "country", "op": "in", "value": "KR,JP"}],  # type: ignore[list-item]
            user_ids=[u.id for u in reps],
        ),
    )
    await forms_service.create(
        session,
        principal,
        WebFormCreate(
            name="Website contact form",
            fields=[
                FormField(name="first_name", label="First name"),
                FormField(name="last_name", label="Last name", required=True),
                FormField(name="email", label="Work email", required=True),
                FormField(name="company_name", label="Company"),
                FormField(name="company_size", label="Employees"),
                FormField(name="message", label="How can we help?"),
            ],
            default_campaign="website",
        ),
    )
    history = closed_lead_history(900, seed=rng.randint(0, 10_000))
    open_count = 150
    now = utcnow()
    rule_set = await scoring.active_rules(session)
    for i, row in enumerate(history):
        closed = i >= open_count
        created = now - timedelta(days=rng.randint(30, 720) if closed else rng.randint(0, 29), minutes=i)
        phone = f"+8210{rng.randint(10_000_000, 99_999_999)}" if row["phone"] else None
        lead = Lead(
            first_name=row["first_name"],
            last_name=row["last_name"],
            company_name=row["company_name"],
            job_title=row["job_title"],
            emails=[{"label": "work", "value": row["email"], "primary": True}] if row["email"] else [],
            phones=[{"label": "mobile", "value": phone, "primary": True}] if phone else [],
            website=row["website"],
            country=row["country"],
            industry=row["industry"],
            company_size=row["company_size"],
            source=row["source"],
            campaign=row["campaign"],
            status=(row["outcome"] if closed else rng.choice(["new", "new", "new", "contacted", "qualified"])),
            unqualified_reason=(
                rng.choice(["No budget", "Not the decision maker", "Student", "Competitor", "No response"])
                if closed and row["outcome"] == "unqualified"
                else None
            ),
            owner_id=rng.choice(reps).id,
            submission_count=row["submission_count"] if row["source"] == "web_form" else 0,
            tags=[],
            custom_fields={},
            created_at=created,
            updated_at=created,
            converted_at=created + timedelta(days=rng.randint(3, 40))
            if closed and row["outcome"] == "converted"
            else None,
        )
        finish(lead)
        scoring.apply_score(lead, rule_set, None)
        session.add(lead)
    await session.flush()
    await scoring.train(session, principal, trigger="setup")


CALL_SUBJECTS = [
    "Intro call",
    "Pricing questions",
    "Demo follow-up",
    "견적 관련 통화",
    "도입 일정 협의",
    "Renewal check-in",
]
MEETING_SUBJECTS = ["Onsite demo", "Quarterly review", "계약 검토 미팅", "Kick-off meeting"]
NOTE_BODIES = [
    "Budget approved for next quarter.",
    "Decision maker is the CFO; send the ROI sheet.",
    "경쟁사 제품과 비교 중. 다음 주에 다시 연락.",
    "Asked for a trial licence for 10 users.",
]
TASK_TITLES = ["Send the proposal", "Call back about pricing", "Prepare the demo", "견적서 발송", "계약서 검토 요청"]


async def _demo_activity(session, rng: random.Random, principal: Principal, owners: list[User]) -> None:  # type: ignore[no-untyped-def]
    """Two months of calls, meetings, e-mails and notes on customers and deals, open tasks for every
    rep (some overdue), a few comments, and the usual reminder rules (run once)."""
    from datetime import UTC, datetime, timedelta

    from crm.comments import service as comments_service
    from crm.comments.schemas import CommentCreate
    from crm.deals.models import Deal
    from crm.interactions import service as interactions_service
    from crm.interactions.schemas import InteractionCreate
    from crm.reminders import service as reminders_service
    from crm.reminders.models import ReminderRule
    from crm.tasks import service as tasks_service
    from crm.tasks.schemas import TaskCreate

    now = datetime.now(UTC).replace(second=0, microsecond=0)
    people = list((await session.execute(select(Customer).where(Customer.type == "person").limit(150))).scalars())
    deals = list((await session.execute(select(Deal).where(Deal.status == "open"))).scalars())
    for person in people:
        for _ in range(rng.randint(1, 3)):
            kind = rng.choice(["call", "call", "email", "meeting", "note"])
            subject = rng.choice(MEETING_SUBJECTS if kind == "meeting" else CALL_SUBJECTS)
            await interactions_service.create(
                session,
                principal,
                InteractionCreate.model_validate(
                    {
                        "type": kind,
                        "direction": None if kind in ("note", "meeting") else rng.choice(["inbound", "outbound"]),
                        "occurred_at": (now - timedelta(days=rng.randint(0, 60), hours=rng.randint(0, 8))).isoformat(),
                        "duration_seconds": rng.choice([300, 600, 1200, 1800]) if kind in ("call", "meeting") else None,
                        "subject": subject,
                        "body": rng.choice(NOTE_BODIES),
                        "customer_id": str(person.company_id or person.id),
                        "participants": [{"kind": "contact", "id": str(person.id)}],
                        "owner_id": str(person.owner_id),
                    }
                ),
            )
    for deal in deals[: len(deals) // 2]:
        await interactions_service.create(
            session,
            principal,
            InteractionCreate.model_validate(
                {
                    "type": "meeting",
                    "occurred_at": (now + timedelta(days=rng.randint(1, 20), hours=rng.randint(1, 6))).isoformat(),
                    "duration_seconds": 3600,
                    "subject": rng.choice(MEETING_SUBJECTS),
                    "deal_id": str(deal.id),
                    "customer_id": str(deal.customer_id),
                    "owner_id": str(deal.owner_id),
                }
            ),
        )
        if rng.random() < 0.3:
            await comments_service.create(
                session,
                principal,
                CommentCreate(record_type="deal", record_id=deal.id, body=rng.choice(NOTE_BODIES)),
            )
    for owner in owners:
        for n in range(6):
            deal = rng.choice(deals) if deals else None
            await tasks_service.create(
                session,
                principal,
                TaskCreate.model_validate(
                    {
                        "title": rng.choice(TASK_TITLES),
                        "due_at": (now + timedelta(days=n - 2, hours=rng.randint(1, 6))).isoformat(),
                        "priority": rng.choice(["low", "normal", "normal", "high"]),
                        "assignee_id": str(owner.id),
                        "record_type": "deal" if deal else None,
                        "record_id": str(deal.id) if deal else None,
                    }
                ),
            )
    for rule in (
        ReminderRule(name="Follow up quiet deals", kind="followup", days=14, days_before=0),
        ReminderRule(name="Birthdays", kind="birthday", days_before=3),
        ReminderRule(
            name="Expected close coming up",
            kind="date_field",
            object_type="deal",
            field="expected_close_date",
            days_before=7,
        ),
    ):
        session.add(rule)
    await session.flush()
    await reminders_service.generate(session)


def _proposal_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF in Hangul when the machine has a CJK font (see quotes.pdf), else Latin only."""
    from fpdf import FPDF

    from crm.quotes.pdf import unicode_font

    pdf = FPDF()
    pdf.add_page()
    font = unicode_font()
    family = "helvetica"
    if font is not None:
        pdf.add_font("body", "", font[0], collection_font_number=font[1])
        family = "body"
    else:
        title = title.encode("latin-1", "replace").decode("latin-1")
        lines = [line.encode("latin-1", "replace").decode("latin-1") for line in lines]
    pdf.set_font(family, size=18)
    pdf.cell(text=title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=11)
    for line in lines:
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


async def _demo_documents(session, rng: random.Random, owners: list[User]) -> None:  # type: ignore[no-untyped-def]
    """Proposals and contracts (PDF) on open deals and meeting notes (text) on companies, some with
    a second version, so the Documents tab and search have something to show."""
    import io

    from crm.deals.models import Deal
    from crm.documents import service as documents_service
    from crm.documents.schemas import DocumentKind, DocumentLinkRef, LinkType

    deals = list((await session.execute(select(Deal).where(Deal.status == "open").limit(25))).scalars())
    for n, deal in enumerate(deals):
        owner = next((u for u in owners if u.id == deal.owner_id), owners[0])
        actor = Principal(
            user_id=owner.id, role=Role(owner.role), name=owner.full_name, managed_ids=frozenset({owner.id})
        )
        kind = DocumentKind.proposal if n % 3 else DocumentKind.contract
        label = "제안서" if kind is DocumentKind.proposal else "계약서"
        body = [
            f"{deal.name}",
            f"Amount: {deal.amount:,.0f} {deal.currency}",
            f"Prepared by {owner.full_name}",
            rng.choice(["Annual licence and onboarding", "Maintenance and support renewal", "Pilot for two teams"]),
        ]
        links = [DocumentLinkRef(record_type=LinkType.deal, record_id=deal.id)]
        if deal.customer_id:
            links.append(DocumentLinkRef(record_type=LinkType.customer, record_id=deal.customer_id))
        doc = await documents_service.create(
            session,
            actor,
            documents_service.Upload(io.BytesIO(_proposal_pdf(f"{label} – {deal.name}", body)), f"{label}-{n + 1}.pdf"),
            title=f"{label}: {deal.name}",
            kind=kind,
            tags=["2026"] + (["signed"] if kind is DocumentKind.contract else []),
            description=None,
            links=links,
        )
        if n % 4 == 0:
            revised = _proposal_pdf(f"{label} v2 – {deal.name}", [*body, "Revised after the pricing call"])
            upload = documents_service.Upload(io.BytesIO(revised), f"{label}-{n + 1}-v2.pdf")
            await documents_service.add_version(session, actor, doc, upload, "Revised pricing")
