"""`crm seed`: deterministic, and the rows are what the services would have written."""

from __future__ import annotations

import itertools
from datetime import date
from types import SimpleNamespace

import phonenumbers
from sqlalchemy import func, select

from crm.customers.models import Customer
from crm.customers.service import derive_search_fields
from crm.datasets import names
from crm.datasets.seed import Generator, Size, seed
from crm.deals.models import Deal, DealStageChange
from crm.interactions.models import Interaction
from crm.leads.models import Lead
from crm.users.models import User
from tests.api.factories import auth

TINY = Size(customers=300, leads=200, deals=60, interactions=400, users=12)
DAY = date(2026, 6, 1)


def _first_rows(seed_value: int) -> list[dict]:
    gen = Generator(TINY, seed_value, DAY)
    gen.make_users()
    return list(itertools.islice(gen.customers(), 50))


async def test_same_seed_same_rows_other_seed_other_rows():
    assert _first_rows(7) == _first_rows(7)
    assert [r["id"] for r in _first_rows(7)] != [r["id"] for r in _first_rows(8)]


async def test_phones_are_valid_e164_in_every_country():
    import random

    rng = random.Random(3)
    for country in {c for loc in names.LOCALES for c in loc.countries}:
        for _ in range(50):
            number = names.mobile(rng, country)
            parsed = phonenumbers.parse(number)
            assert phonenumbers.is_valid_number(parsed), (country, number)
            assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == number


async def test_seeded_rows_read_through_the_api_like_created_ones(client, session):
    report = await seed("tiny", 5, DAY, TINY)
    assert report.counts["customers"] == TINY.customers and report.counts["interactions"] == TINY.interactions
    for model, expected in ((Customer, 300), (Lead, 200), (Deal, 60), (Interaction, 400), (User, 12)):
        assert (await session.execute(select(func.count()).select_from(model))).scalar_one() == expected
    # Every deal entered its first stage with nothing before it.
    firsts = select(func.count()).select_from(DealStageChange).where(DealStageChange.from_stage_id.is_(None))
    assert (await session.execute(firsts)).scalar_one() == 60

    admin = (await session.execute(select(User).where(User.role == "admin"))).scalar_one()
    h = auth(admin)
    person = (await session.execute(select(Customer).where(Customer.type == "person").limit(1))).scalar_one()
    company = await session.get(Customer, person.company_id)
    again = SimpleNamespace(**{k: getattr(person, k) for k in ("name", "first_name", "last_name", "emails", "phones")})
    derive_search_fields(again, company.name)  # type: ignore[arg-type]
    assert (again.search_text, again.primary_email) == (person.search_text, person.primary_email)

    r = await client.get(f"/customers/{person.id}", headers=h)
    assert r.status_code == 200, r.text
    assert r.json()["company_name"] == company.name and r.json()["version"] == 1
    assert person.id.version == 7
    for path in ("/customers", "/leads?sort=-score", "/deals", "/interactions"):
        r = await client.get(path, headers=h)
        assert r.status_code == 200 and len(r.json()["items"]) == 50, (path, r.text)
    lead = (await client.get("/leads?sort=-score&limit=1", headers=h)).json()["items"][0]
    assert lead["score"] == sum(reason["points"] for reason in lead["score_reasons"]) or lead["score"] in (0, 100)
    r = await client.get(f"/customers/{company.id}/timeline", headers=h)
    assert r.status_code == 200, r.text
