"""The search and novelty index: one `SearchEntry` per initiative, full text on both databases.

Writes: `search_index_mark` (called by every service that changes a dossier's text or
state, in its transaction: it notes the initiative in the index's outbox, `SearchStale`, and
`search_catch_up` writes the entry once the transaction commits, or from the worker if the
process died in between), `search_index_refresh` (the entries at once),
`search_index_rebuild` (the whole table in batches), and
`search_terms_refresh` (term document counts for the novelty check; on PostgreSQL also the
rare terms' postings, `SearchPosting`, which every entry refresh writes for its entries).
Recognitions reach the index through a database trigger (migration 0002_search_fulltext), so
a council's seal or reopening needs no call here; on PostgreSQL triggers on the entries keep
the narrow copy of the recognised ones that a public search reads (migration 0004).

Reads: `search_ranked_ids` (public search, BM25 on SQLite FTS5, `ts_rank` on PostgreSQL) and
`similar_initiatives` (the novelty check: rare-term candidates, then tf-idf cosine).
"""

import html
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import reduce

from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString, mark_safe

from sangtao.core.public_pages import public_pages_changed
from sangtao.orgs.selectors import subtree_q

from . import novelty
from . import text as vtext
from .models import Initiative, SearchEntry, SearchPosting, SearchStale, SearchTerm

TOTAL = "#"  # the SearchTerm row holding the number of indexed initiatives
CANDIDATES = 200  # ranked matches kept for a public search (relevance pages stop there)
RECENT_WINDOW = 1000  # a very common query ranks only its most recent matches
SAMPLE = 5 * RECENT_WINDOW  # PostgreSQL: rows a common public query walks first (_pg_ranked)
# The novelty check's candidates: the draft's rarest terms alone (at most MAX_TERMS, each held
# by at most CANDIDATE_ROWS entries), its commoner ones together (`_term_sets`).
MAX_TERMS = 6
CANDIDATE_ROWS = 4_000
# PostgreSQL: the terms held by at most POSTED_ROWS entries at the last count (and those not
# counted yet) are kept in SearchPosting too, so that a rare term's lookup reads the ids from
# an index alone (the GIN index of `tsv` gives row addresses, and each row is then read for its
# id: on a cold cache, a disk page per candidate). Every term looked up alone is one of them.
POSTED_ROWS = CANDIDATE_ROWS
# Commoner terms are looked up together: the COMMON_TERMS rarest of them, two or three at a
# time, at most MAX_SETS such sets; terms that co-occur are assumed CORRELATION times likelier
# together than apart when estimating a set's rows, and on PostgreSQL terms of one phrase (at
# most PHRASE_GAP syllables apart in the draft, or held by as many dossiers within
# PHRASE_COUNTS) as one term (`_estimated_rows`). The dictionary's other forms of the draft's
# phrases add at most MAX_VARIANT_TERMS rare terms.
COMMON_TERMS = 6
MAX_SETS = 3
MIN_SETS = 3
CORRELATION = 8
PHRASE_GAP = 1
PHRASE_COUNTS = 0.999
MAX_VARIANT_TERMS = 3
# The ranking: the duplicate probability and the cosine, weighted so.
RANK_PROBABILITY = 0.6
_REFRESH_FACETS = None


def _refresh_sql() -> str:
    global _REFRESH_FACETS
    if _REFRESH_FACETS is None:
        from importlib import import_module

        module = import_module("sangtao.initiatives.migrations.0002_search_fulltext")
        _REFRESH_FACETS = module.REFRESH
    return _REFRESH_FACETS


# --- writes -------------------------------------------------------------------------------


def _entry(row: dict) -> SearchEntry:
    body = vtext.terms(row["summary"] or "")
    return SearchEntry(
        initiative_id=row["id"],
        title_terms=" ".join(vtext.terms(row["title"])),
        body_terms=" ".join(body),
        title_key=vtext.key(row["title"]),
        kind=row["kind"],
        field_id=row["field_id"],
        year=row["round__year"] or row["created_at"].year,
    )


_ROW_FIELDS = ("id", "title", "summary", "kind", "field_id", "round__year", "created_at")


def search_index_mark(*, initiatives: Iterable[Initiative]) -> None:
    """Note, in the service's transaction, that these initiatives' entries must be written
    again; they are, once it commits (`search_catch_up`), so a search straight after the save
    finds the change. A note already waiting is given the new time, so a catch-up that read
    the initiative before this write committed leaves it for the next one."""
    ids = [initiative.pk for initiative in initiatives]
    SearchStale.objects.bulk_create(
        [SearchStale(initiative_id=pk) for pk in ids],
        update_conflicts=True,
        unique_fields=["initiative"],
        update_fields=["noted_at"],
    )

    def catch_up() -> None:  # named: a robust on_commit logs the callback's name if it fails
        search_catch_up(ids=ids)

    transaction.on_commit(catch_up, robust=True)


def search_catch_up(*, ids: Iterable[int] | None = None, limit: int = 500) -> int:
    """Write the entries noted in the outbox (of `ids` only, when given; at most `limit`) and
    clear the notes as they were read, in one transaction; returns how many. It locks no
    note while it writes: a save holds its initiative and then notes it, so a catch-up that
    held the note and waited for the initiative would deadlock with it. A note rewritten
    meanwhile (a newer time) is not cleared, and its own catch-up writes it. Run after each
    save's commit and by the worker's catch-up; two at once write the same entry twice."""
    stale = SearchStale.objects.order_by("noted_at")
    if ids is not None:
        stale = stale.filter(initiative_id__in=list(ids))
    noted = dict(stale.values_list("initiative_id", "noted_at")[:limit])
    if not noted:
        return 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The entries' foreign keys are checked at commit, against the initiatives: take
            # that lock first, so a save holding its initiative finishes before this touches
            # its note, and never waits for this while this waits for it.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT id FROM initiatives_initiative WHERE id = ANY(%s) ORDER BY id "
                    "FOR KEY SHARE",
                    [sorted(noted)],
                )
        search_index_refresh(initiatives=[Initiative(pk=pk) for pk in sorted(noted)])
        # One OR of (id, time) pairs: SQLite parses it 1 deep per pair and refuses 1,000
        # deep, so `limit` stays at 500 or the clearing is cut into chunks.
        read = [Q(initiative_id=pk, noted_at=at) for pk, at in noted.items()]
        SearchStale.objects.filter(reduce(operator.or_, read)).delete()
    return len(noted)


def search_index_catching_up() -> bool:
    """Whether some saved change has not reached the index yet."""
    return SearchStale.objects.exists()


def search_index_refresh(*, initiatives: Iterable[Initiative]) -> None:
    """Write the index rows of these initiatives again, at once (in the caller's transaction)."""
    ids = [initiative.pk for initiative in initiatives]
    # in id order: two refreshes of overlapping ids lock their entries in the same order
    rows = Initiative.objects.filter(pk__in=ids).order_by("pk").values(*_ROW_FIELDS)
    entries = [_entry(row) for row in rows]
    SearchEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["initiative"],
        update_fields=["title_terms", "body_terms", "title_key", "kind", "field_id", "year"],
    )
    sql = _refresh_sql().format(x="%s")
    with connection.cursor() as cursor:
        for pk in ids:
            cursor.execute(sql, [pk] * sql.count("%s"))
        if connection.vendor == "postgresql":
            mine = "initiative_id = ANY(%s)"
            cursor.execute(f"DELETE FROM initiatives_searchposting WHERE {mine}", [ids])
            cursor.execute(_POSTINGS.format(where="e." + mine), [ids, POSTED_ROWS])
    if SearchEntry.objects.filter(initiative_id__in=ids, is_public=True).exists():
        public_pages_changed()  # a recognised initiative's text or facets changed


# The postings of the entries `where` selects: each term of their `tsv` (as the GIN index holds
# it) but those counted in more than POSTED_ROWS entries.
_POSTINGS = (
    "INSERT INTO initiatives_searchposting (term, initiative_id) "
    "SELECT l.lexeme, e.initiative_id FROM initiatives_searchentry e CROSS JOIN unnest(e.tsv) l "
    "WHERE {where} AND length(l.lexeme) <= 100 AND NOT EXISTS (SELECT 1 FROM "
    "initiatives_searchterm t WHERE t.term = l.lexeme AND t.documents > %s)"
)


def search_index_rebuild(
    *, batch: int = 20_000, progress: Callable[[int, int], None] | None = None
) -> int:
    """Rebuild every entry from the initiatives, in batches of `batch` rows by id (one
    transaction)."""
    total = Initiative.objects.count()
    with transaction.atomic(), _fts_written_once(total):
        SearchPosting.objects.all().delete()  # written again with the counts, below
        SearchEntry.objects.all().delete()
        SearchStale.objects.all().delete()  # every entry is written from the rows below
        done, last = 0, 0
        while True:
            rows = list(
                Initiative.objects.filter(pk__gt=last).order_by("pk").values(*_ROW_FIELDS)[:batch]
            )
            if not rows:
                break
            SearchEntry.objects.bulk_create([_entry(row) for row in rows], batch_size=2000)
            done += len(rows)
            last = rows[-1]["id"]
            if progress:
                progress(done, total)
        with connection.cursor() as cursor:
            cursor.execute(
                _refresh_sql().format(x="initiatives_searchentry.initiative_id")
                + " AND initiative_id IN (SELECT initiative_id FROM appraisal_recognition)"
            )
        public_pages_changed()
    search_terms_refresh(postings="all")
    return done


_FTS_TRIGGERS = ("initiatives_search_ai", "initiatives_search_ad", "initiatives_search_au")


@contextmanager
def _fts_written_once(rows: int):
    """SQLite: while the entries are written again, the FTS5 table's triggers are set aside
    (inside the caller's transaction) and the table is built once from them at the end
    ('rebuild', then 'optimize' into one segment), instead of a row-by-row insert and, for
    every recognised row, a delete and an insert again when its facets are set. The page
    cache is raised meanwhile (about 1 KiB an entry, 64 MiB to 2 GiB) so the entries' indexes
    are not spilled and read back. Then the planner's statistics of the entries. PostgreSQL:
    nothing to do (the tsvector is a column; autovacuum analyses)."""
    if connection.vendor != "sqlite":
        yield
        return
    marks = ", ".join(["%s"] * len(_FTS_TRIGGERS))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
            _FTS_TRIGGERS,
        )
        triggers = [row[0] for row in cursor.fetchall()]
        cursor.execute("PRAGMA cache_size")
        cache = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size=-{min(2 << 20, max(64 << 10, rows))}")
        for name in _FTS_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    try:
        yield
        with connection.cursor() as cursor:
            for command in ("rebuild", "optimize"):
                cursor.execute(
                    "INSERT INTO initiatives_search_fts(initiatives_search_fts) VALUES (%s)",
                    [command],
                )
            for sql in triggers:
                cursor.execute(sql)
            # Statistics of the entries' indexes (about 1 s for a million): without them the
            # planner finds an exact title by reading a whole year's recognised rows.
            cursor.execute("ANALYZE initiatives_searchentry")
    finally:
        if not transaction.get_rollback():
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size={int(cache)}")


def search_terms_refresh(*, postings: str = "changed") -> int:
    """Count, for every term, the initiatives that hold it (read by the novelty check). On
    PostgreSQL the rare terms' postings (SearchPosting) follow the new counts: those of the
    terms now held by more than POSTED_ROWS entries go, those of terms counted so no longer
    come (`postings="changed"`, a few terms a night, so no save waits on the refresh's
    locks); `postings="all"` writes every posting again (after a rebuild)."""
    common = set()
    if connection.vendor == "postgresql":
        common = set(
            SearchTerm.objects.filter(documents__gt=POSTED_ROWS)
            .exclude(term=TOTAL)
            .values_list("term", flat=True)
        )
    SearchTerm.objects.all().delete()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.initiatives_search_vocab "
                "USING fts5vocab(main, initiatives_search_fts, 'row')"
            )
            cursor.execute(
                "INSERT INTO initiatives_searchterm (term, documents) "
                "SELECT term, doc FROM temp.initiatives_search_vocab WHERE length(term) <= 100"
            )
        else:
            cursor.execute(
                "INSERT INTO initiatives_searchterm (term, documents) "
                "SELECT word, ndoc FROM ts_stat('SELECT tsv FROM initiatives_searchentry') "
                "WHERE length(word) <= 100"
            )
            if postings == "all":
                cursor.execute("DELETE FROM initiatives_searchposting")
                cursor.execute(_POSTINGS.format(where="TRUE"), [POSTED_ROWS])
            else:
                _postings_follow(cursor, common)
    total = SearchEntry.objects.count()
    SearchTerm.objects.create(term=TOTAL, documents=total)
    return total


def _postings_follow(cursor, common: set[str]) -> None:
    """The postings after a count, when the terms `common` were the common ones before it."""
    now = set(SearchTerm.objects.filter(documents__gt=POSTED_ROWS).values_list("term", flat=True))
    if now - common:  # held by too many now: looked up with other terms, in `tsv`
        cursor.execute(
            "DELETE FROM initiatives_searchposting WHERE term = ANY(%s)", [sorted(now - common)]
        )
    fallen = sorted(common - now)
    if fallen:  # the entries holding them, found by the GIN index
        cursor.execute(
            "INSERT INTO initiatives_searchposting (term, initiative_id) "
            "SELECT l.lexeme, e.initiative_id FROM initiatives_searchentry e "
            "CROSS JOIN unnest(e.tsv) l WHERE e.tsv @@ to_tsquery('simple', %s) "
            "AND l.lexeme = ANY(%s) ON CONFLICT DO NOTHING",
            [" | ".join(fallen), fallen],
        )


# --- public search ------------------------------------------------------------------------


def _fts_match(required: list[str], boost: list[str]) -> str:
    """A query for the vendor's parser: every syllable, and any of the bigrams to rank
    (SQLite: every syllable only; `_sqlite_ranked` finds the bigrams in the window's entries,
    and an OR that the first syllable always satisfies costs FTS5 a third of its time)."""
    if connection.vendor == "sqlite":
        return "(" + " AND ".join(f'"{word}"' for word in required) + ")"
    must = " & ".join(required)
    extra = " | ".join(boost + required[:1])
    return f"({must}) & ({extra})"


FACETS = ("is_public", "kind", "field_id", "year", "level_id", "grade_id")


def search_ranked_ids(
    *, query: str, facets: dict | None = None, unit_path: str | None = None
) -> list[int]:
    """Initiative ids matching every syllable of `query` and the `facets` (SearchEntry column
    -> value, e.g. {"is_public": True, "year": 2024}), under the unit `unit_path`; best first.

    The exact title comes first; then BM25 (SQLite, facets inside the FTS5 query) or ts_rank
    (PostgreSQL, facets beside the tsvector), the title weighted above the summary. A query
    matching more than RECENT_WINDOW rows is ranked among its most recent matches, so its cost
    does not grow with the table.
    """
    words = list(dict.fromkeys(vtext.syllables(query)))
    if not words:
        return []
    facets = {name: value for name, value in (facets or {}).items() if value not in (None, "")}
    if set(facets) - set(FACETS):
        raise ValueError(f"unknown facets: {set(facets) - set(FACETS)}")
    bigrams = list(dict.fromkeys(a + b for a, b in zip(words, words[1:], strict=False)))
    entries = SearchEntry.objects.filter(title_key=vtext.key(query), **facets)
    if unit_path:
        entries = entries.filter(subtree_q(unit_path, prefix="initiative__unit__"))
    exact = list(entries.values_list("initiative_id", flat=True)[:5])
    match = _fts_match(words, bigrams)
    args: list = []
    subtree = ""
    if unit_path:
        subtree = (
            "AND EXISTS (SELECT 1 FROM initiatives_initiative i JOIN orgs_orgunit u "
            "ON u.id = i.unit_id WHERE i.id = {id} AND u.path >= %s AND u.path < %s) "
        )
        args = [unit_path, unit_path[:-1] + "0"]
    if connection.vendor == "sqlite":
        for name, value in facets.items():
            match += f' AND {name} : "{int(value) if isinstance(value, bool) else value}"'
        ranked = _sqlite_ranked(match, list(dict.fromkeys(words + bigrams)), subtree, args)
    else:
        ranked = _pg_ranked(match, words, facets, subtree, args)
    return list(dict.fromkeys(exact + ranked))


# BM25's constants (those of FTS5's bm25()) and the title's weight over the summary's.
_K1, _B, _TITLE_WEIGHT = 1.2, 0.75, 5


def _sqlite_ranked(match: str, phrases: list[str], subtree: str, args: list) -> list[int]:
    """SQLite's ranked ids: the RECENT_WINDOW newest matches of the FTS5 query `match`, ranked
    by BM25 over `phrases` computed in the statement, the title weighted 5 to 1.

    Not FTS5's bm25(): for its idf it counts the rows holding every phrase of the query, the
    facets' too, in every statement; for common syllables at 1,000,000 initiatives that is two
    thirds of the statement (40 to 60 ms). Here the idf comes from the rebuild's term counts
    (SearchTerm, as the novelty check's), a phrase counts once per column (as in bm25() over a
    detail=column index), and the length is the entry's terms' against the window's mean.
    The window's entries and the idf are read once (MATERIALIZED), then each entry is scored
    by a subquery over the phrases (no join of entries and phrases to group and sort)."""
    values = ", ".join(["(%s)"] * len(phrases))
    f = f"{_TITLE_WEIGHT} * (instr(e.t, idf.pattern) > 0) + (instr(e.b, idf.pattern) > 0)"
    sql = (
        "WITH w AS (SELECT f.rowid AS id FROM initiatives_search_fts f "
        "WHERE initiatives_search_fts MATCH %s "
        + subtree.format(id="f.rowid")
        + f"ORDER BY f.rowid DESC LIMIT {RECENT_WINDOW}), "
        "e AS MATERIALIZED (SELECT initiative_id AS id, ' ' || title_terms || ' ' AS t, "
        "' ' || body_terms || ' ' AS b, length(title_terms) + length(body_terms) + 2 "
        "- length(replace(title_terms, ' ', '')) - length(replace(body_terms, ' ', '')) AS n "
        "FROM initiatives_searchentry WHERE initiative_id IN (SELECT id FROM w)), "
        "mean AS MATERIALIZED (SELECT max(avg(n), 1) AS n FROM e), "
        f"p(term) AS (VALUES {values}), "
        "total AS MATERIALIZED (SELECT coalesce(max(documents), 0) AS n "
        f"FROM initiatives_searchterm WHERE term = '{TOTAL}'), "
        "idf AS MATERIALIZED (SELECT ' ' || p.term || ' ' AS pattern, max(1e-6, "
        "ln((total.n - coalesce(t.documents, 0) + 0.5) / (coalesce(t.documents, 0) + 0.5))) "
        "AS idf FROM p LEFT JOIN initiatives_searchterm t ON t.term = p.term, total) "
        "SELECT e.id FROM e, mean ORDER BY (SELECT sum(h.idf * h.f * "
        f"{_K1 + 1} / (h.f + {_K1} * ({1 - _B} + {_B} * e.n / mean.n))) "
        f"FROM (SELECT idf.idf, {f} AS f FROM idf) h) DESC, e.id DESC LIMIT {CANDIDATES}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, *args, *phrases])
        return [row[0] for row in cursor.fetchall()]


def _pg_ranked(match: str, words: list[str], facets: dict, subtree: str, args: list) -> list[int]:
    """PostgreSQL's ranked ids; only the window is ranked (ts_rank reads RECENT_WINDOW
    tsvectors, not every match).

    A public search reads the narrow copy of the recognised entries (`_Recognised`, migration
    0004): the GIN index gives its newest months' matches first, and only those rows are read.
    Walking the recognised rows of the facets newest recognition first, and testing each,
    costs a row per row walked: about RECENT_WINDOW / d for a query matching the share d of
    them. So a public search whose syllables are all common (their rebuild counts) first walks
    SAMPLE rows; if that does not fill the window, the matches found there estimate d, and the
    walk goes on from where it stopped, as far as that estimate needs, only when that costs
    less than the narrow copy would. A walk that does not fill the window is followed by the
    narrow copy's steps, which are always complete."""
    # Rows are matched on every syllable alone (what the bigrams add to `match` is for the
    # rank: the GIN index then reads fewer posting lists), ranked on the whole `match`.
    public = facets.get("is_public") is True
    rank = (
        "SELECT id, ts_rank(w.tsv, q) AS s, count(*) OVER () {more} FROM ({window}) w, "
        f"to_tsquery('simple', %s) q ORDER BY s DESC, id DESC LIMIT {CANDIDATES}"
    )
    if public:
        documents, total, newest = _public_counts(words)
        share = min(documents.get(word, 0) for word in words) / total if total else 0.0
        # Walking d's share tests RECENT_WINDOW / d rows, the GIN index reads d * (recognised
        # rows, about half of them) and the posting lists of every word: about equal at this
        # share. The rarest word's share is only an upper bound of d: sampled from 1.5 times.
        even = math.sqrt(RECENT_WINDOW / max(total / 2, 1))
        if share >= 1.5 * even:
            walk = _Walk(match, words, facets, subtree, args, rank)
            first = walk.step(SAMPLE)
            if walk.complete:
                return [row[0] for row in first]
            density = walk.matched / SAMPLE
            if density >= even:
                rows = int(1.25 * (RECENT_WINDOW - walk.matched) / density) + 1
                more = walk.step(rows)
                if walk.complete:
                    both = sorted(first + more, key=lambda row: (-row[1], -row[0]))
                    return [row[0] for row in both[:CANDIDATES]]
        few = share * total <= 2 * RECENT_WINDOW  # read whole: the steps would cost more
        recognised = _Recognised(match, words, facets, subtree, args)
        return recognised.ranked(None if few else newest)
    window = (
        "SELECT e.initiative_id AS id, e.tsv FROM initiatives_searchentry e "
        "WHERE e.tsv @@ to_tsquery('simple', %s) "
        + "".join(f"AND e.{name} = %s " for name in facets)
        + subtree.format(id="e.initiative_id")
        + f"ORDER BY e.initiative_id DESC LIMIT {RECENT_WINDOW}"
    )
    with connection.cursor() as cursor:
        values = [" & ".join(words), *facets.values(), *args, match]
        cursor.execute(rank.format(more="", window=window), values)
        return [row[0] for row in cursor.fetchall()]


def _public_counts(words: list[str]) -> tuple[dict[str, int], int, datetime | None]:
    """The rebuild's counts of `words`, the number of indexed initiatives, and the newest
    recognition's time (None when there is none), in one statement."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.term, t.documents, n.newest FROM (SELECT max(recognised_at) AS newest "
            "FROM initiatives_searchentry WHERE is_public) n "
            "LEFT JOIN initiatives_searchterm t ON t.term = ANY(%s)",
            [[*words, TOTAL]],
        )
        rows = cursor.fetchall()
    documents = {term: count for term, count, _newest in rows if term is not None}
    return documents, documents.pop(TOTAL, 0), rows[0][2]


# PostgreSQL: the months a public search asks the narrow copy for in turn, counted back from
# the newest recognition's (0 is its own month): [0, 2), [2, 12), [12, 48), then the older.
RECENT_MONTHS = (2, 12, 48)


class _Recognised:
    """A public search over `initiatives_searchrecognised` (migration 0004): the window is
    found month by month, newest first, each step asking the GIN index for the words, the
    facets' lexemes and the step's months, and reading and ranking only those rows (their
    tsvector is the entry's, its added lexemes in no rank query); the entries' wide rows are
    not read. The steps part the rows by the month of their recognition, so together they
    hold the RECENT_WINDOW newest matches, as one statement over every recognised row would."""

    def __init__(self, match: str, words: list, facets: dict, subtree: str, args: list):
        self.match, self.subtree, self.args = match, subtree, args
        self.required = " & ".join(words)
        self.facets = {k: v for k, v in facets.items() if k != "is_public"}
        # the lexemes of the facets the narrow rows hold (their columns are tested too)
        self.lexemes = [
            f"'@{letter}{value}'"
            for name, letter in (("year", "y"), ("field_id", "f"))
            if type(value := self.facets.get(name)) is int
        ]

    def ranked(self, newest: datetime | None) -> list[int]:
        """The ids of the best CANDIDATES of the window, asking the months back from that of
        `newest` in steps (None: every row at once)."""
        found: list[tuple[int, float]] = []
        matched = 0
        for months, before in self._steps(newest):
            rows = self._step(months, before, RECENT_WINDOW - matched)
            found += rows
            matched += rows[0][2] if rows else 0
            if matched >= RECENT_WINDOW:
                break
        found.sort(key=lambda row: (-row[1], -row[0]))
        return [row[0] for row in found[:CANDIDATES]]

    @staticmethod
    def _steps(newest: datetime | None):
        """(lexemes of the step's months, or None, and the time the step's rows are before,
        or None) of each step."""
        if newest is None:
            yield None, None
            return
        newest = newest.astimezone(UTC)
        last = newest.year * 12 + newest.month - 1

        def month(back: int) -> str:
            year, index = divmod(last - back, 12)
            return f"'@m{year:04d}{index + 1:02d}'"

        start = 0
        for end in RECENT_MONTHS:
            # the first step holds the rows of no recognition time too (first when newest first)
            months = ["'@m-'"] if start == 0 else []
            yield [*months, *(month(back) for back in range(start, end))], None
            start = end
        year, index = divmod(last - start + 1, 12)
        yield None, datetime(year, index + 1, 1, tzinfo=UTC)

    def _step(self, months, before, wanted: int) -> list[tuple[int, float, int]]:
        lexemes = self.lexemes + (["(" + " | ".join(months) + ")"] if months else [])
        terms = "to_tsquery('simple', %s)" + (" && %s::tsquery" if lexemes else "")
        window = (
            "SELECT r.initiative_id AS id, r.terms FROM initiatives_searchrecognised r "
            f"WHERE r.terms @@ ({terms}) "
            + ("AND r.recognised_at < %s " if before else "")
            + "".join(f"AND r.{name} = %s " for name in self.facets)
            + self.subtree.format(id="r.initiative_id")
            + f"ORDER BY r.recognised_at DESC, r.initiative_id DESC LIMIT {wanted}"
        )
        sql = (
            f"SELECT w.id, ts_rank(w.terms, q) AS s, count(*) OVER () FROM ({window}) w, "
            f"to_tsquery('simple', %s) q ORDER BY s DESC, w.id DESC LIMIT {CANDIDATES}"
        )
        values = [self.required, *([" & ".join(lexemes)] if lexemes else [])]
        values += [*([before] if before else []), *self.facets.values(), *self.args, self.match]
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            return cursor.fetchall()


class _Walk:
    """The recognised rows of a public search's facets, newest recognition first, walked in
    steps that each take up where the last stopped; each step ranks its own matches."""

    def __init__(self, match: str, words: list, facets: dict, subtree: str, args: list, rank):
        # Facets with an index of the recognised rows are walked; the others filter the walk.
        self.inner = {k: v for k, v in facets.items() if k in ("year", "field_id", "level_id")}
        self.outer = {k: v for k, v in facets.items() if k in ("kind", "grade_id")}
        self.match, self.subtree, self.args, self.rank = match, subtree, args, rank
        self.required = " & ".join(words)
        self.after: tuple | None = None  # (recognised_at, initiative_id) of the last row walked
        self.matched, self.complete = 0, False

    def step(self, rows: int) -> list[tuple[int, float]]:
        """(id, score) of the best CANDIDATES matches among the next `rows` rows, at most the
        window's remaining matches; sets `complete` when the window is full or every row of
        the facets has been walked."""
        recent = "SELECT * FROM initiatives_searchentry e WHERE e.is_public " + "".join(
            f"AND e.{name} = %s " for name in self.inner
        )
        values = list(self.inner.values())
        if self.after:
            # The rows after the last one walked.
            recent += (
                "AND e.recognised_at <= %s AND (e.recognised_at < %s OR e.initiative_id < %s) "
            )
            values += [self.after[0], *self.after]
        recent += "ORDER BY e.recognised_at DESC, e.initiative_id DESC "
        wanted = RECENT_WINDOW - self.matched
        window = (
            f"SELECT e.initiative_id AS id, e.tsv FROM ({recent}LIMIT {rows}) e "
            "WHERE e.tsv @@ to_tsquery('simple', %s) "
            + "".join(f"AND e.{name} = %s " for name in self.outer)
            + self.subtree.format(id="e.initiative_id")
            + f"ORDER BY e.recognised_at DESC, e.initiative_id DESC LIMIT {wanted}"
        )
        # Read only when the window is not full (PostgreSQL runs such a subquery when read):
        # how many rows there were to walk, and the last one walked.
        last = f"FROM ({recent}OFFSET {rows - 1} LIMIT 1) x"
        more = (
            f", CASE WHEN count(*) OVER () < {wanted} THEN (SELECT count(*) FROM ({recent}"
            f"LIMIT {rows}) x) END, CASE WHEN count(*) OVER () < {wanted} THEN "
            f"(SELECT x.recognised_at {last}) END, CASE WHEN count(*) OVER () < {wanted} "
            f"THEN (SELECT x.initiative_id {last}) END"
        )
        params = [*values, *values, *values, *values, self.required, *self.outer.values()]
        sql = self.rank.format(more=more, window=window)
        if self.after:
            # The planner underrates how many rows of a year or field lie before the last one
            # walked (the two are correlated) and would read them all through a bitmap and sort.
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_bitmapscan = off")
                cursor.execute(sql, [*params, *self.args, self.match])
                found = cursor.fetchall()
        else:
            with connection.cursor() as cursor:
                cursor.execute(sql, [*params, *self.args, self.match])
                found = cursor.fetchall()
        matched = found[0][2] if found else 0
        self.matched += matched
        walked = found[0][3] if found and matched < wanted else None
        self.complete = matched >= wanted or (walked is not None and walked < rows)
        if found and not self.complete:
            self.after = (found[0][4], found[0][5])
        return [(row[0], row[1]) for row in found]


_WORD = re.compile(r"\w+", re.UNICODE)


def highlight(value: str, query: str) -> SafeString:
    """`value` escaped, each word that matches a syllable of `query` in <mark>."""
    wanted = set(vtext.syllables(query, stop=False))
    if not wanted or not value:
        return mark_safe(html.escape(value or ""))
    out, last = [], 0
    for match in _WORD.finditer(value):
        out.append(html.escape(value[last : match.start()]))
        word = match.group(0)
        if wanted.intersection(vtext.word_syllables(word)):
            out.append(f"<mark>{html.escape(word)}</mark>")
        else:
            out.append(html.escape(word))
        last = match.end()
    out.append(html.escape(value[last:]))
    return mark_safe("".join(out))


# --- the novelty check --------------------------------------------------------------------


@dataclass
class Similar:
    """One initiative like the text being checked: how much, and which terms they share."""

    initiative: Initiative
    similarity: float
    shared: list[str] = field(default_factory=list)
    near_duplicate: bool = False
    explanation: str = ""  # why they look alike, in words with their tones (novelty.explain)
    not_same: object = None  # the council's NotDuplicate finding for the pair, if any

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


def _weights(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    return {term: (1 + math.log(count)) * idf[term] for term, count in counts.items()}


def _term_counts(terms) -> dict[str, int]:
    """SearchTerm counts of `terms`, in one plain statement (the ORM's cost for a list of a
    few thousand parameters is more than the query's)."""
    terms = list(terms)
    if not terms:
        return {}
    if connection.vendor == "postgresql":  # one array: no plan over thousands of parameters
        sql, args = (
            "SELECT term, documents FROM initiatives_searchterm WHERE term = ANY(%s)",
            [terms],
        )
    else:
        marks = ", ".join(["%s"] * len(terms))
        sql, args = (
            f"SELECT term, documents FROM initiatives_searchterm WHERE term IN ({marks})",
            terms,
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return dict(cursor.fetchall())


def _match(terms: tuple[str, ...]) -> str:
    """The full-text query holding every one of `terms` (the vendor's syntax)."""
    if connection.vendor == "sqlite":
        return " AND ".join(f'"{term}"' for term in terms)
    return " & ".join(terms)


def _candidates(weights: dict[tuple[str, ...], float], limit: int) -> list[int]:
    """The `limit` entries holding the most of these term sets, each counted at its weight:
    one index lookup per set (a term alone, or two or three terms together), every matching
    row read: none is cut by storage order or id, so an initiative filed yesterday and one
    filed ten years ago are found alike."""
    if not weights:
        return []
    if connection.vendor == "sqlite":
        branch = (
            "SELECT rowid AS id, %s AS w FROM initiatives_search_fts "
            "WHERE initiatives_search_fts MATCH %s"
        )
        posted = branch
    else:
        branch = (
            "SELECT initiative_id AS id, %s AS w FROM initiatives_searchentry "
            "WHERE tsv @@ to_tsquery('simple', %s)"
        )
        # a term alone is held by at most CANDIDATE_ROWS = POSTED_ROWS entries: its postings
        posted = (
            "SELECT initiative_id AS id, %s AS w FROM initiatives_searchposting WHERE term = %s"
        )
    args: list = []
    branches = []
    for terms, weight in weights.items():
        alone = len(terms) == 1 and connection.vendor == "postgresql"
        branches.append(posted if alone else branch)
        args += [weight, terms[0] if alone else _match(terms)]
    union = " UNION ALL ".join(branches)
    sql = f"SELECT id FROM ({union}) c GROUP BY id ORDER BY sum(w) DESC, id DESC LIMIT {limit}"
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return [row[0] for row in cursor.fetchall()]


def _term_sets(
    by_rarity: list[str],
    documents: dict[str, int],
    total: int,
    where: dict[str, tuple[int, int]],
) -> dict[tuple[str, ...], float]:
    """The draft's lookups and their weights: its rarest terms alone while each is held by at
    most CANDIDATE_ROWS entries (MAX_TERMS at most), then its commoner terms two by two (three
    by three when two are still too common), the estimated rows of each set within
    CANDIDATE_ROWS (counts as if independent, times CORRELATION), at most MAX_SETS sets.
    Among sets estimated alike, those of terms far apart in the draft (`where`: the first and
    last syllable of each term) come first: neighbours ("nuoi", "nuoica") go together in
    every dossier that says the phrase, and tell nothing apart. On PostgreSQL, where a set's
    every row is read from the entries' heap, terms of one phrase (`_estimated_rows`) are
    counted as one term, not as independent."""
    scale = math.log(total + 1)

    def idf(term: str) -> float:
        return scale - math.log(documents.get(term, 0) + 1)

    sets: dict[tuple[str, ...], float] = {}
    common = []
    for term in by_rarity:
        if documents.get(term, 0) <= CANDIDATE_ROWS and len(sets) < MAX_TERMS:
            sets[(term,)] = idf(term)
        elif documents.get(term, 0) > CANDIDATE_ROWS:
            common.append(term)
    common = common[:COMMON_TERMS]
    share = {term: documents.get(term, 0) / max(total, 1) for term in common}
    combos: list[tuple[float, tuple[str, ...]]] = []
    for size in (2, 3):
        for index, first in enumerate(common):
            for second_index in range(index + 1, len(common)):
                group = (first, common[second_index])
                rest = common[second_index + 1 :] if size == 3 else [None]
                for third in rest:
                    terms = group + ((third,) if third else ())
                    rows = _estimated_rows(terms, share, total, where)
                    places = [where.get(term, (0, 0))[0] for term in terms]
                    if any(a in b or b in a for a in terms for b in terms if a != b):
                        continue  # "nuoi" within "nuoica": one says the other
                    combos.append((rows, -(max(places) - min(places)), terms))
        if sum(1 for rows, _d, _t in combos if rows <= CANDIDATE_ROWS) >= MAX_SETS:
            break
    # Sets estimated within CANDIDATE_ROWS; when the draft has fewer than MIN_SETS lookups so,
    # the most selective of the others too (read whole: complete, only slower).
    within = _diverse(sorted(c for c in combos if c[0] <= CANDIDATE_ROWS))
    beyond = _diverse(sorted(c for c in combos if c[0] > CANDIDATE_ROWS))
    wanted = max(0, MIN_SETS - len(sets) - len(within))
    covered: set[frozenset] = set()
    for _rows, _distance, terms in within + beyond[:wanted]:
        if len(sets) >= MAX_TERMS + MAX_SETS:
            break
        if any(frozenset(pair) <= frozenset(terms) for pair in covered):
            continue  # a set within one already asked finds all its rows
        covered.add(frozenset(terms))
        sets[terms] = sum(idf(term) for term in terms)
    return sets


def _places(text: str) -> dict[str, tuple[int, int]]:
    """The first and the last syllable of each term of `text` (its first place)."""
    words = vtext.syllables(text)
    where: dict[str, tuple[int, int]] = {}
    for index, word in enumerate(words):
        where.setdefault(word, (index, index))
        if index + 1 < len(words):
            where.setdefault(word + words[index + 1], (index, index + 1))
    return where


def _estimated_rows(
    terms: tuple[str, ...], share: dict[str, float], total: int, where: dict[str, tuple[int, int]]
) -> float:
    """The rows a set of terms is estimated to find: the terms' shares multiplied as if
    independent, times CORRELATION for each term after the first. On PostgreSQL, terms of one
    phrase count as one term, the least of their shares: the dossiers that say a phrase hold
    all its terms. Two terms are taken for one phrase when at most PHRASE_GAP syllables stand
    between them in the draft ("lythu", "thuvien"; "texa" and "tram" in "trạm y tế xã") or when
    as many dossiers hold each (within PHRASE_COUNTS: "taohon" and "canhuyet" of "tảo hôn và
    hôn nhân cận huyết", 9,873 each). Without that, "lythu & thuvien" is estimated at 90 rows
    and reads 9,718, a heap page each."""
    groups: list[list[str]] = [[term] for term in terms]
    if connection.vendor == "postgresql":

        def one_phrase(x: str, y: str) -> bool:
            low, high = sorted((share[x], share[y]))
            return _near(where, x, y) or low >= PHRASE_COUNTS * high

        merged = True
        while merged:  # join the groups of terms of one phrase, until none are
            merged = False
            for a, b in itertools.combinations(range(len(groups)), 2):
                if any(one_phrase(x, y) for x in groups[a] for y in groups[b]):
                    groups[a] += groups.pop(b)
                    merged = True
                    break
    rows = total * CORRELATION ** (len(groups) - 1)
    for group in groups:
        rows *= min(share[term] for term in group)
    return rows


def _near(where: dict[str, tuple[int, int]], a: str, b: str) -> bool:
    """Whether at most PHRASE_GAP syllables stand between terms `a` and `b` in the draft (the
    first and the last syllable of each, `where`), or they overlap."""
    if a not in where or b not in where:
        return False
    (a_first, a_last), (b_first, b_last) = where[a], where[b]
    reach = PHRASE_GAP + 1
    return a_first <= b_last + reach and b_first <= a_last + reach


def _diverse(combos: list[tuple]) -> list[tuple]:
    """The sets in this order, those of terms no earlier set used first: two sets of terms
    that always go together ("nuoi", "ca") find the same rows, and the rows their estimate
    cannot tell apart are found by another pairing ("nuoica" with "songhau")."""
    used: set[str] = set()
    first, rest = [], []
    for combo in combos:
        if used.isdisjoint(combo[-1]):
            first.append(combo)
            used.update(combo[-1])
        else:
            rest.append(combo)
    return first + rest


def similar_ids(
    *,
    text: str,
    exclude: int | None = None,
    limit: int = 10,
    pool: int = 120,
    allowed: Callable[[list[int]], set[int]] | None = None,
    title: str | None = None,
) -> list[tuple[int, float, list[str], float, "novelty.Pair"]]:
    """(initiative id, cosine, shared words, duplicate probability, the pair's comparison) of
    the `limit` entries most like `text` (whose first line is the title unless `title` is
    given).

    Candidates: the `pool` entries holding the most of the draft's term sets (`_term_sets`,
    the dictionary's other ways of writing its phrases included), by the sum of their idf.
    Each is compared with the draft title by `novelty.compare` (order-insensitive words,
    trigrams, the dictionary) and given the flag model's probability; they are ranked by that
    probability and the cosine of tf-idf vectors together. `allowed` (ids -> the ids the
    reader may see) keeps only those.
    """
    my_title = title if title is not None else text.split("\n", 1)[0]
    query = vtext.term_counts(text)
    if not query:
        return []
    extra = Counter()
    for form in novelty.search_variants(my_title):
        extra.update(vtext.terms(form))
    documents = _term_counts([*query, *extra, TOTAL])
    total = max(documents.pop(TOTAL, 0), 1)

    # Known rare terms first; terms unknown to SearchTerm (new since the last count, or absent
    # from every dossier) after them: they cost nothing when they match nothing.
    def rarity(term):
        return (documents.get(term, 0) == 0, documents.get(term, 0), -len(term))

    sets = _term_sets(sorted(query, key=rarity), documents, total, _places(text))
    for term in sorted(set(extra) - set(query), key=rarity)[:MAX_VARIANT_TERMS]:
        if 0 < documents.get(term, 0) <= CANDIDATE_ROWS:
            sets[(term,)] = math.log(total + 1) - math.log(documents[term] + 1)
    ids = [pk for pk in _candidates(sets, pool) if pk != exclude]
    if allowed is not None and ids:
        seen = allowed(ids)
        ids = [pk for pk in ids if pk in seen]
    rows = SearchEntry.objects.filter(initiative_id__in=ids).values_list(
        "initiative_id", "title_terms", "body_terms", "initiative__title"
    )
    docs, titles = {}, {}
    for pk, title_terms, body_terms, written in rows:
        docs[pk] = Counter(f"{title_terms} {body_terms}".split())
        titles[pk] = written
    _mine, _idf, scored = _cosines(query, docs, documents, total)
    judge = novelty.model()
    ranked = []
    for pk, cosine, _common, _theirs in scored:
        probability = judge.probability(novelty.features(my_title, titles[pk]))
        ranked.append((pk, cosine, probability))
    ranked.sort(key=lambda m: (-(RANK_PROBABILITY * m[2] + (1 - RANK_PROBABILITY) * m[1]), -m[0]))
    found = []
    for pk, cosine, probability in ranked[:limit]:  # the words that explain: for those shown
        pair = novelty.compare(my_title, titles[pk])
        found.append((pk, cosine, pair.shared[:8], probability, pair))
    return found


def _cosines(query: Counter, docs: dict[int, Counter], documents: dict[str, int], total: int):
    """The draft's tf-idf weights, the idf of every term, and (id, cosine, shared terms, their
    weights) of each of `docs`, most similar first. Reads the counts of terms not yet known."""
    vocabulary = set().union(*docs.values()) if docs else set()
    documents.update(_term_counts(vocabulary - documents.keys()))
    scale = math.log(total + 1)
    idf = {term: scale - math.log(documents.get(term, 0) + 1) for term in vocabulary | set(query)}
    mine = _weights(query, idf)
    mine_norm = math.sqrt(sum(w * w for w in mine.values()))
    scored = []
    for pk, counts in docs.items():
        theirs = _weights(counts, idf)
        common = set(mine).intersection(theirs)
        norm = mine_norm * math.sqrt(sum(w * w for w in theirs.values()))
        cosine = sum(mine[t] * theirs[t] for t in common) / norm if norm else 0.0
        scored.append((pk, cosine, common, theirs))
    scored.sort(key=lambda item: (-item[1], -item[0]))
    return mine, idf, scored


def cosine_to(*, text: str, initiative_id: int) -> float:
    """The cosine `similar_ids` gives this indexed initiative for `text`, whether or not its
    candidates reach it (bench/novelty.py checks the candidate bound with it)."""
    query = vtext.term_counts(text)
    entry = SearchEntry.objects.filter(initiative_id=initiative_id)
    row = entry.values_list("title_terms", "body_terms").first()
    if not query or row is None:
        return 0.0
    documents = _term_counts([*query, TOTAL])
    total = max(documents.pop(TOTAL, 0), 1)
    docs = {initiative_id: Counter(f"{row[0]} {row[1]}".split())}
    return _cosines(query, docs, documents, total)[2][0][1]


def similar_initiatives(
    *,
    text: str,
    visible: QuerySet[Initiative] | None,
    exclude: Initiative | None = None,
    limit: int = 10,
) -> list[Similar]:
    """The novelty check: the initiatives most like `text` that the reader may see: those of
    `visible` (None: only the recognised ones, which everyone may see) and every recognised one.
    """

    def allowed(ids: list[int]) -> set[int]:
        public = SearchEntry.objects.filter(initiative_id__in=ids, is_public=True)
        seen = set(public.values_list("initiative_id", flat=True))
        if visible is not None:
            seen |= set(visible.filter(pk__in=ids).values_list("pk", flat=True))
        return seen

    found = similar_ids(
        text=text, exclude=exclude.pk if exclude else None, limit=limit, allowed=allowed
    )
    objects = Initiative.objects.select_related("unit", "search_entry").in_bulk(
        [pk for pk, *_rest in found]
    )
    found = [match for match in found if match[0] in objects]
    bar = novelty.model().threshold
    return [
        Similar(
            initiative=objects[pk],
            similarity=score,
            shared=shared,
            near_duplicate=objects[pk].search_entry.is_public and probability >= bar,
            explanation=novelty.explain(pair),
        )
        for pk, score, shared, probability, pair in found
    ]
