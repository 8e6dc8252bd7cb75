"""Name, company, address and phone material per locale, with the romanised forms e-mails are made of."""

from __future__ import annotations

import random
from dataclasses import dataclass

from crm.leads import synthetic


@dataclass(frozen=True)
class Locale:
    code: str
    countries: tuple[str, ...]
    given: tuple[tuple[str, str], ...]  # (as written, romanised)
    family: tuple[tuple[str, str], ...]
    company_stems: tuple[tuple[str, str], ...]
    company_kinds: tuple[tuple[str, str], ...]
    company_pattern: str  # {stem} {kind}
    tlds: tuple[str, ...]
    free_mail: tuple[str, ...]
    cities: tuple[tuple[str, str | None, str], ...]  # (city, region, country)
    street: str  # {n} {street}
    streets: tuple[str, ...]
    postal: str  # digits to draw: "5" -> 5 digits, "3-4" -> 123-4567
    titles: tuple[str, ...]


KO = Locale(
    code="ko",
    countries=("KR",),
    given=(*synthetic.KO_GIVEN, ("채원", "chaewon"), ("승민", "seungmin"), ("다은", "daeun"), ("준영", "junyoung")),
    family=(*synthetic.KO_SURNAMES, ("서", "seo"), ("신", "shin"), ("권", "kwon")),
    company_stems=(*synthetic.KO_COMPANY_STEMS, ("푸른", "pureun"), ("라온", "raon"), ("큰별", "keunbyul")),
    company_kinds=(*synthetic.KO_COMPANY_SUFFIXES, ("식품", "foods"), ("에너지", "energy")),
    company_pattern="{stem}{kind}",
    tlds=("co.kr", "co.kr", "com", "kr"),
    free_mail=("naver.com", "naver.com", "gmail.com", "daum.net", "hanmail.net", "kakao.com", "nate.com"),
    cities=(
        ("서울", "서울특별시", "KR"),
        ("부산", "부산광역시", "KR"),
        ("성남", "경기도", "KR"),
        ("대전", "대전광역시", "KR"),
        ("인천", "인천광역시", "KR"),
        ("대구", "대구광역시", "KR"),
    ),
    street="{street} {n}",
    streets=("테헤란로", "세종대로", "판교역로", "해운대로", "강남대로", "디지털로"),
    postal="5",
    titles=("대표이사", "영업팀장", "구매담당", "마케팅 매니저", "개발팀장", "재무이사", "과장", "대리"),
)

JA = Locale(
    code="ja",
    countries=("JP",),
    given=(
        ("翔太", "shota"),
        ("陽菜", "hina"),
        ("蓮", "ren"),
        ("結衣", "yui"),
        ("大翔", "hiroto"),
        ("さくら", "sakura"),
        ("健太", "kenta"),
        ("美咲", "misaki"),
        ("拓海", "takumi"),
        ("葵", "aoi"),
        ("直樹", "naoki"),
        ("優子", "yuko"),
    ),
    family=(
        ("佐藤", "sato"),
        ("鈴木", "suzuki"),
        ("高橋", "takahashi"),
        ("田中", "tanaka"),
        ("伊藤", "ito"),
        ("渡辺", "watanabe"),
        ("山本", "yamamoto"),
        ("中村", "nakamura"),
        ("小林", "kobayashi"),
        ("加藤", "kato"),
    ),
    company_stems=(
        ("山田", "yamada"),
        ("東洋", "toyo"),
        ("日本", "nihon"),
        ("大和", "yamato"),
        ("富士", "fuji"),
        ("桜", "sakura"),
        ("北斗", "hokuto"),
        ("旭", "asahi"),
    ),
    company_kinds=(
        ("製作所", "seisakusho"),
        ("商事", "shoji"),
        ("電機", "denki"),
        ("システム", "system"),
        ("物産", "bussan"),
        ("工業", "kogyo"),
    ),
    company_pattern="株式会社{stem}{kind}",
    tlds=("co.jp", "co.jp", "jp", "com"),
    free_mail=("gmail.com", "yahoo.co.jp", "docomo.ne.jp", "outlook.jp"),
    cities=(("東京", "東京都", "JP"), ("大阪", "大阪府", "JP"), ("横浜", "神奈川県", "JP"), ("名古屋", "愛知県", "JP")),
    street="{street}{n}",
    streets=("丸の内1-", "西新宿2-", "梅田3-", "栄4-"),
    postal="3-4",
    titles=("代表取締役", "営業部長", "課長", "主任", "エンジニア", "購買担当"),
)

EN = Locale(
    code="en",
    countries=("US", "US", "US", "GB", "CA", "AU", "SG"),
    given=(
        ("James", "james"),
        ("Emma", "emma"),
        ("Olivia", "olivia"),
        ("Liam", "liam"),
        ("Noah", "noah"),
        ("Sophia", "sophia"),
        ("Michael", "michael"),
        ("Sarah", "sarah"),
        ("David", "david"),
        ("Emily", "emily"),
        ("Daniel", "daniel"),
        ("Grace", "grace"),
        ("Ethan", "ethan"),
        ("Chloe", "chloe"),
    ),
    family=(
        ("Smith", "smith"),
        ("Johnson", "johnson"),
        ("Brown", "brown"),
        ("Taylor", "taylor"),
        ("Wilson", "wilson"),
        ("Clark", "clark"),
        ("Walker", "walker"),
        ("Garcia", "garcia"),
        ("Miller", "miller"),
        ("Nguyen", "nguyen"),
        ("Chen", "chen"),
        ("Patel", "patel"),
    ),
    company_stems=(
        ("Northwind", "northwind"),
        ("Bluefin", "bluefin"),
        ("Granite", "granite"),
        ("Brightpath", "brightpath"),
        ("Summit", "summit"),
        ("Cedar", "cedar"),
        ("Ironclad", "ironclad"),
        ("Lumen", "lumen"),
        ("Harbor", "harbor"),
        ("Redwood", "redwood"),
    ),
    company_kinds=(
        ("Labs", "labs"),
        ("Systems", "systems"),
        ("Logistics", "logistics"),
        ("Retail", "retail"),
        ("Health", "health"),
        ("Analytics", "analytics"),
        ("Foods", "foods"),
        ("Robotics", "robotics"),
    ),
    company_pattern="{stem} {kind}",
    tlds=("com", "com", "io", "co"),
    free_mail=("gmail.com", "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com"),
    cities=(
        ("San Francisco", "CA", "US"),
        ("New York", "NY", "US"),
        ("Austin", "TX", "US"),
        ("London", None, "GB"),
        ("Toronto", "ON", "CA"),
        ("Sydney", "NSW", "AU"),
        ("Singapore", None, "SG"),
    ),
    street="{n} {street}",
    streets=("Market Street", "Main Street", "Oak Avenue", "King Street", "Harbour Road"),
    postal="5",
    titles=("CEO", "Head of Sales", "Procurement Lead", "Marketing Manager", "CTO", "CFO", "Operations Manager"),
)

DE = Locale(
    code="de",
    countries=("DE", "DE", "DE", "AT", "CH"),
    given=(
        ("Lukas", "lukas"),
        ("Anna", "anna"),
        ("Jonas", "jonas"),
        ("Lea", "lea"),
        ("Felix", "felix"),
        ("Marie", "marie"),
        ("Jürgen", "juergen"),
        ("Katrin", "katrin"),
        ("Stefan", "stefan"),
        ("Sabine", "sabine"),
    ),
    family=(
        ("Müller", "mueller"),
        ("Schmidt", "schmidt"),
        ("Schneider", "schneider"),
        ("Fischer", "fischer"),
        ("Weber", "weber"),
        ("Meyer", "meyer"),
        ("Wagner", "wagner"),
        ("Becker", "becker"),
        ("Schäfer", "schaefer"),
        ("Hoffmann", "hoffmann"),
    ),
    company_stems=(
        ("Müller", "mueller"),
        ("Rheintal", "rheintal"),
        ("Nordstern", "nordstern"),
        ("Bergmann", "bergmann"),
        ("Alpen", "alpen"),
        ("Hansa", "hansa"),
    ),
    company_kinds=(
        ("Maschinenbau GmbH", "maschinenbau"),
        ("Logistik AG", "logistik"),
        ("Software GmbH", "software"),
        ("Elektrotechnik KG", "elektro"),
        ("Handel GmbH", "handel"),
    ),
    company_pattern="{stem} {kind}",
    tlds=("de", "de", "com"),
    free_mail=("gmx.de", "web.de", "gmail.com", "t-online.de"),
    cities=(("Berlin", None, "DE"), ("München", "Bayern", "DE"), ("Hamburg", None, "DE"), ("Wien", None, "AT")),
    street="{street} {n}",
    streets=("Hauptstraße", "Bahnhofstraße", "Friedrichstraße", "Königsallee"),
    postal="5",
    titles=("Geschäftsführer", "Vertriebsleiter", "Einkaufsleiterin", "IT-Leiter", "Projektmanagerin"),
)

FR = Locale(
    code="fr",
    countries=("FR", "FR", "FR", "BE"),
    given=(
        ("Jean", "jean"),
        ("Camille", "camille"),
        ("Léa", "lea"),
        ("Hugo", "hugo"),
        ("Chloé", "chloe"),
        ("Louis", "louis"),
        ("Élodie", "elodie"),
        ("Mathieu", "mathieu"),
        ("Inès", "ines"),
        ("Théo", "theo"),
    ),
    family=(
        ("Martin", "martin"),
        ("Bernard", "bernard"),
        ("Dubois", "dubois"),
        ("Thomas", "thomas"),
        ("Robert", "robert"),
        ("Richard", "richard"),
        ("Petit", "petit"),
        ("Durand", "durand"),
        ("Lefèvre", "lefevre"),
        ("Moreau", "moreau"),
    ),
    company_stems=(
        ("Dupont", "dupont"),
        ("Lumière", "lumiere"),
        ("Atlantique", "atlantique"),
        ("Provence", "provence"),
        ("Horizon", "horizon"),
        ("Azur", "azur"),
    ),
    company_kinds=(
        ("Conseil SARL", "conseil"),
        ("Industries SA", "industries"),
        ("Distribution", "distribution"),
        ("Informatique SAS", "informatique"),
        ("Transports", "transports"),
    ),
    company_pattern="{stem} {kind}",
    tlds=("fr", "fr", "com"),
    free_mail=("orange.fr", "free.fr", "gmail.com", "laposte.net"),
    cities=(("Paris", "Île-de-France", "FR"), ("Lyon", None, "FR"), ("Marseille", None, "FR"), ("Lille", None, "FR")),
    street="{n} {street}",
    streets=("rue de Rivoli", "avenue des Champs-Élysées", "boulevard Haussmann", "rue de la République"),
    postal="5",
    titles=("Directeur général", "Responsable commercial", "Acheteuse", "Directrice marketing", "Ingénieur"),
)

AR = Locale(
    code="ar",
    countries=("AE", "AE", "SA", "EG"),
    given=(
        ("محمد", "mohammed"),
        ("فاطمة", "fatima"),
        ("أحمد", "ahmed"),
        ("مريم", "maryam"),
        ("علي", "ali"),
        ("نور", "nour"),
        ("خالد", "khaled"),
        ("ليلى", "layla"),
        ("عمر", "omar"),
        ("سارة", "sara"),
    ),
    family=(
        ("العلي", "alali"),
        ("الحسن", "alhassan"),
        ("المنصوري", "almansouri"),
        ("الشمري", "alshammari"),
        ("حداد", "haddad"),
        ("نصار", "nassar"),
        ("الزهراني", "alzahrani"),
        ("السيد", "elsayed"),
    ),
    company_stems=(
        ("النور", "alnoor"),
        ("الخليج", "gulf"),
        ("الصحراء", "sahara"),
        ("الأمل", "alamal"),
        ("الريادة", "riyada"),
    ),
    company_kinds=(
        ("للتجارة", "trading"),
        ("للمقاولات", "contracting"),
        ("للتقنية", "tech"),
        ("للخدمات اللوجستية", "logistics"),
    ),
    company_pattern="شركة {stem} {kind}",
    tlds=("ae", "com", "sa", "com"),
    free_mail=("gmail.com", "hotmail.com", "yahoo.com", "outlook.com"),
    cities=(("دبي", None, "AE"), ("أبوظبي", None, "AE"), ("الرياض", None, "SA"), ("القاهرة", None, "EG")),
    street="{street} {n}",
    streets=("شارع الشيخ زايد", "طريق الملك فهد", "شارع التحرير", "شارع الوصل"),
    postal="5",
    titles=("المدير العام", "مدير المبيعات", "مسؤول المشتريات", "مهندس", "مديرة التسويق"),
)

LOCALES = (KO, JA, EN, DE, FR, AR)
# How a customer base of a Seoul-based vendor with an international book of business is spread.
LOCALE_WEIGHTS = (40.0, 12.0, 26.0, 8.0, 7.0, 7.0)
BY_COUNTRY = {c: loc for loc in LOCALES for c in loc.countries}


def mobile(rng: random.Random, country: str) -> str:
    """A valid E.164 mobile number (what the API stores after parsing whatever people type)."""
    n = rng.randint
    match country:
        case "KR":
            # 010-59xx is not in the numbering plan's mobile ranges.
            return f"+8210{rng.choice('2346789')}{n(100, 999)}{n(1000, 9999)}"
        case "JP":
            return f"+81{rng.choice('789')}0{n(1000, 9999)}{n(1000, 9999)}"
        case "US" | "CA":
            return f"+1{rng.choice(('415', '212', '646', '512', '416', '604'))}{n(200, 999)}{n(1000, 9999)}"
        case "GB":
            return f"+447{rng.choice('4579')}{n(10, 99)}{n(100000, 999999)}"
        case "AU":
            return f"+614{rng.choice('0123')}{n(0, 9)}{n(100000, 999999)}"
        case "SG":
            return f"+658{n(1000000, 9999999)}"
        case "DE":
            return f"+4915{rng.choice('127')}{n(10000000, 99999999)}"
        case "AT":
            return f"+43664{n(1000000, 9999999)}"
        case "CH":
            return f"+417{rng.choice('6789')}{n(1000000, 9999999)}"
        case "FR":
            return f"+33{rng.choice(('61', '75', '76', '77', '78'))}{n(1000000, 9999999)}"
        case "BE":
            return f"+324{rng.choice('789')}{n(1000000, 9999999)}"
        case "AE":
            return f"+9715{rng.choice('0256')}{n(1000000, 9999999)}"
        case "SA":
            return f"+9665{rng.choice('0345')}{n(1000000, 9999999)}"
        case "EG":
            return f"+201{rng.choice('0125')}{n(10000000, 99999999)}"
    return f"+1415{n(200, 999)}{n(1000, 9999)}"


def postal_code(rng: random.Random, locale: Locale) -> str:
    if "-" in locale.postal:
        a, b = (int(x) for x in locale.postal.split("-"))
        return f"{rng.randint(10 ** (a - 1), 10**a - 1)}-{rng.randint(10 ** (b - 1), 10**b - 1)}"
    size = int(locale.postal)
    return str(rng.randint(10 ** (size - 1), 10**size - 1))
