"""Typo-tolerant search: pg_trgm on PostgreSQL, the same trigram measure as a SQLite function."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"\w+", re.UNICODE)


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


@lru_cache(maxsize=4096)
def _trigrams(word: str) -> frozenset[str]:
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def word_similarity(query: str, text: str) -> float:
    """Close to pg_trgm's word_similarity: the best match of the query against a run of words."""
    if not query or not text:
        return 0.0
    q_words = _WORD.findall(normalize(query))
    t_words = _WORD.findall(normalize(text))
    if not q_words or not t_words:
        return 0.0
    q_tris = frozenset().union(*(_trigrams(w) for w in q_words))
    best = 0.0
    n = len(q_words)
    for size in {max(1, n - 1), n, n + 1}:
        for i in range(0, max(1, len(t_words) - size + 1)):
            window = frozenset().union(*(_trigrams(w) for w in t_words[i : i + size]))
            shared = len(q_tris & window)
            score = shared / len(q_tris | window) if window else 0.0
            # pg_trgm's word_similarity measures against the query's trigrams only
            score = max(score, shared / len(q_tris) if len(window) <= len(q_tris) * 2 else score)
            if score > best:
                best = score
    return best


def register_sqlite_functions(dbapi_conn: Any) -> None:
    # aiosqlite's adapter hands us a wrapper; the sqlite3 connection sits underneath.
    raw = getattr(dbapi_conn, "driver_connection", None) or dbapi_conn
    raw = getattr(raw, "_conn", raw)
    create = getattr(raw, "create_function", None)
    if create is None:
        return
    create("crm_word_similarity", 2, lambda q, t: word_similarity(q or "", t or ""), deterministic=True)


def search_blob(*parts: str | None) -> str:
    return normalize(" ".join(p for p in parts if p))


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)


SIMILARITY_THRESHOLD = 0.3
# A query of several words matches as a whole when it is close (the threshold) and either every
# word is near (NEAR_WORD) or the whole is very close. "Ktarin Wagenr" finds Katrin Wagner
# (words 0.29 and 0.43) and "Hanbit Sfot" Hanbit Soft (whole 0.67), while "Jane Smiht" finds
# neither Jane Doe ("smiht" 0.0 from any word of it) nor John Smith ("jane" 0.2 from "john").
WHOLE_QUERY_SIMILARITY = 0.6
NEAR_WORD = 0.25
# A ranked search takes at most this many matches of each tier (substring, every word close,
# the whole query close), reading the next tier only while it has fewer than this many:
# relevance is computed per row, and ranking the 200,000 customers a common surname matches at
# 1M would take seconds. Past that a search asks for more precise terms.
SEARCH_CANDIDATES = 200
_PHONEISH = re.compile(r"^[\d\s()+\-.]{4,}$")


def escape_like(text: str) -> str:
    """`text` taken literally inside a LIKE pattern whose escape character is a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(col: Any, text: str) -> Any:
    return col.like(f"%{escape_like(text)}%", escape="\\")


def fuzzy(search_col: Any, name_col: Any, dialect: str) -> Any:
    """A list search hook over a `search_text` column: substring, phone digits or trigram match,
    ranked by similarity with name prefixes and exact substrings first.

    Tiers of candidates: the whole query as a substring; rows where every word of the query is
    either a substring or close (trigram word similarity); and, for several words, rows the
    whole query is close to with every word near, or very close to. Requiring every word, or a
    high bar for the whole, keeps "Jane Smiht" from matching every Jane, which the query's
    trigrams at the usual threshold would."""
    from sqlalchemy import and_, case, func, literal, or_

    def close(word: str) -> Any:
        if dialect == "postgresql":
            return literal(word).op("<%")(search_col)
        return func.crm_word_similarity(word, search_col) >= SIMILARITY_THRESHOLD

    def hook(q: str) -> tuple[list[Any], Any]:
        phone = _PHONEISH.match(q) and len(digits(q)) >= 4
        needle = digits(q) if phone else normalize(q)
        contains = _like(search_col, needle)
        sim_of = func.word_similarity if dialect == "postgresql" else func.crm_word_similarity
        sim = sim_of(needle, search_col)
        starts = func.lower(name_col).like(f"{escape_like(needle)}%", escape="\\")
        rank = sim + case((starts, 2.0), else_=0.0) + case((contains, 1.0), else_=0.0)
        words = [] if phone else list(dict.fromkeys(_WORD.findall(needle)))
        if not words:
            return [contains], rank
        # A word under three characters (Korean and Japanese given names often are) has no
        # trigram a LIKE could use an index with; its word similarity does.
        word_hits = [or_(_like(search_col, w), close(w)) if len(w) >= 3 else close(w) for w in words]
        every_word = and_(*word_hits)
        if len(words) == 1:
            return [contains, every_word], rank
        # Typos can leave a word short of the threshold on its own ("ktarin" is 0.29 from
        # "katrin", "sfot" 0.2 from "soft") while the query as a whole is close: such a row
        # matches when every word is at least near, or the whole query very close.
        whole = and_(
            close(needle),
            or_(sim >= WHOLE_QUERY_SIMILARITY, and_(*(sim_of(w, search_col) >= NEAR_WORD for w in words))),
        )
        return [contains, every_word, whole], rank

    return hook


async def set_threshold(session: Any, q: str | None) -> None:
    """pg_trgm's `<%` reads its threshold from the session; set it for this transaction only.

    Sequential scans go off with it: each search tier is a LIMITed query, and the planner,
    pricing a trigram comparison like an integer one, would rather read the table until it
    has enough rows than use the trigram index, which at 1M rows is a hundred times slower."""
    if q and session.get_bind().dialect.name == "postgresql":
        from sqlalchemy import text

        await session.execute(
            text(
                "SELECT set_config('pg_trgm.word_similarity_threshold', :threshold, true),"
                " set_config('enable_seqscan', 'off', true)"
            ),
            {"threshold": str(SIMILARITY_THRESHOLD)},
        )


def json_array_contains(dialect: str) -> Any:
    """`tags[contains]=x` on a JSON list column: jsonb containment on PostgreSQL, json_each on SQLite."""
    from sqlalchemy import exists, func, literal, select, type_coerce
    from sqlalchemy.dialects.postgresql import JSONB

    def pg(col: Any, value: str) -> Any:
        return type_coerce(col, JSONB).contains([value])

    def sqlite(col: Any, value: str) -> Any:
        each = func.json_each(col).table_valued("value")
        return exists(select(literal(1)).select_from(each).where(each.c.value == value))

    return pg if dialect == "postgresql" else sqlite
