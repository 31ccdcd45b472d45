"""The search and novelty index: one `SearchEntry` per initiative, full text on both databases.

Writes: `search_index_refresh` (called by every service that changes a dossier's text or
state, in its transaction), `search_index_rebuild` (the whole table in batches), and
`search_terms_refresh` (term document counts for the novelty check). Recognitions reach the
index through a database trigger (migration 0003), so a council's seal or reopening needs no
call here.

Reads: `search_ranked_ids` (public search, BM25 on SQLite FTS5, `ts_rank` on PostgreSQL) and
`similar_initiatives` (the novelty check: rare-term candidates, then tf-idf cosine).
"""

import html
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from sangtao.orgs.selectors import subtree_q

from . import text as vtext
from .models import Initiative, SearchEntry, SearchTerm

TOTAL = "#"  # the SearchTerm row holding the number of indexed initiatives
CANDIDATES = 200  # ranked matches kept for a public search (relevance pages stop there)
RECENT_WINDOW = 1000  # a very common query ranks only its most recent matches
# The duplicate score (duplicate_scores) from which a recognised one is flagged, calibrated
# by bench/novelty.py.
NEAR_DUPLICATE = 0.72
GAP_WEIGHT = 2  # a match this much less like the draft than the best one loses twice the gap
_REFRESH_FACETS = None


def _refresh_sql() -> str:
    global _REFRESH_FACETS
    if _REFRESH_FACETS is None:
        from importlib import import_module

        module = import_module("sangtao.initiatives.migrations.0003_search_fulltext")
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


def search_index_refresh(*, initiatives: Iterable[Initiative]) -> None:
    """Write the index rows of these initiatives again (call inside the service's transaction)."""
    ids = [initiative.pk for initiative in initiatives]
    rows = Initiative.objects.filter(pk__in=ids).values(*_ROW_FIELDS)
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


def search_index_rebuild(
    *, batch: int = 20_000, progress: Callable[[int, int], None] | None = None
) -> int:
    """Rebuild every entry from the initiatives, in batches of `batch` rows by id (one
    transaction)."""
    total = Initiative.objects.count()
    with transaction.atomic(), _fts_written_once(total):
        SearchEntry.objects.all().delete()
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
    search_terms_refresh()
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


def search_terms_refresh() -> int:
    """Count, for every term, the initiatives that hold it (read by the novelty check)."""
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
    total = SearchEntry.objects.count()
    SearchTerm.objects.create(term=TOTAL, documents=total)
    return total


# --- public search ------------------------------------------------------------------------


def _fts_match(required: list[str], boost: list[str]) -> str:
    """A query for the vendor's parser: every syllable, and any of the bigrams to rank."""
    if connection.vendor == "sqlite":
        must = " AND ".join(f'"{word}"' for word in required)
        extra = " OR ".join(f'"{term}"' for term in boost + required[:1])
        return f"({must}) AND ({extra})"
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
        sql = (
            "SELECT id FROM (SELECT f.rowid AS id, "
            "bm25(initiatives_search_fts, 5.0, 1.0, 0, 0, 0, 0, 0, 0) AS s "
            "FROM initiatives_search_fts f WHERE initiatives_search_fts MATCH %s "
            + subtree.format(id="f.rowid")
            + f"ORDER BY f.rowid DESC LIMIT {RECENT_WINDOW}) "
            f"ORDER BY s, id DESC LIMIT {CANDIDATES}"
        )
        args = [match, *args]
    else:
        where = "".join(f"AND e.{name} = %s " for name in facets)
        sql = (
            "SELECT id FROM (SELECT e.initiative_id AS id, ts_rank(e.tsv, q) AS s "
            "FROM initiatives_searchentry e, to_tsquery('simple', %s) q WHERE e.tsv @@ q "
            + where
            + subtree.format(id="e.initiative_id")
            + f"ORDER BY e.initiative_id DESC LIMIT {RECENT_WINDOW}) ranked "
            f"ORDER BY s DESC, id DESC LIMIT {CANDIDATES}"
        )
        args = [match, *facets.values(), *args]
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        ranked = [row[0] for row in cursor.fetchall()]
    return list(dict.fromkeys(exact + ranked))


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
    marks = ", ".join(["%s"] * len(terms))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term, documents FROM initiatives_searchterm WHERE term IN ({marks})", terms
        )
        return dict(cursor.fetchall())


def _candidates(terms: list[str], limit: int) -> list[int]:
    if connection.vendor == "sqlite":
        match = " OR ".join(f'"{term}"' for term in terms)
        sql = (
            "SELECT rowid FROM initiatives_search_fts WHERE initiatives_search_fts MATCH %s "
            f"ORDER BY bm25(initiatives_search_fts, 2.0, 1.0) LIMIT {limit}"
        )
    else:
        match = " | ".join(terms)
        sql = (
            "SELECT e.initiative_id FROM initiatives_searchentry e, to_tsquery('simple', %s) q "
            f"WHERE e.tsv @@ q ORDER BY ts_rank(e.tsv, q) DESC LIMIT {limit}"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [match])
        return [row[0] for row in cursor.fetchall()]


def similar_ids(
    *,
    text: str,
    exclude: int | None = None,
    limit: int = 10,
    pool: int = 120,
    allowed: Callable[[list[int]], set[int]] | None = None,
    title: str | None = None,
) -> list[tuple[int, float, list[str], float]]:
    """(initiative id, cosine, shared terms, duplicate evidence) of the `limit` entries most
    like `text` (whose first line is the title unless `title` is given).

    The draft's rarest terms (by SearchTerm counts) fetch `pool` candidates through the
    full-text index; they are re-ranked by the cosine of tf-idf vectors over unigrams and
    bigrams. `allowed` (ids -> the ids the reader may see) keeps only those. The evidence
    (`_duplicate_evidence`) feeds the near-duplicate flag (`duplicate_scores`).
    """
    query = vtext.term_counts(text)
    if not query:
        return []
    documents = _term_counts([*query, TOTAL])
    total = max(documents.pop(TOTAL, 0), 1)
    cap = max(500, total // 500)
    # Known rare terms first; terms unknown to SearchTerm (new since the last count, or absent
    # from every dossier) after them: they cost nothing when they match nothing.
    by_rarity = sorted(
        query, key=lambda term: (documents.get(term, 0) == 0, documents.get(term, 0), -len(term))
    )
    chosen = [term for term in by_rarity if documents.get(term, 0) <= cap][:8]
    if len(chosen) < 3:
        chosen = by_rarity[:6]
    ids = [pk for pk in _candidates(chosen, pool) if pk != exclude]
    if allowed is not None and ids:
        seen = allowed(ids)
        ids = [pk for pk in ids if pk in seen]
    rows = SearchEntry.objects.filter(initiative_id__in=ids).values_list(
        "initiative_id", "title_terms", "body_terms"
    )
    docs, titles = {}, {}
    for pk, title_terms, body_terms in rows:
        docs[pk] = Counter(f"{title_terms} {body_terms}".split())
        titles[pk] = set(title_terms.split())
    vocabulary = set().union(*docs.values()) if docs else set()
    documents.update(_term_counts(vocabulary - documents.keys()))
    scale = math.log(total + 1)
    idf = {term: scale - math.log(documents.get(term, 0) + 1) for term in vocabulary | set(query)}
    mine = _weights(query, idf)
    mine_norm = math.sqrt(sum(w * w for w in mine.values()))
    words = set(vtext.syllables(text))
    scored = []
    for pk, counts in docs.items():
        theirs = _weights(counts, idf)
        common = set(mine).intersection(theirs)
        norm = mine_norm * math.sqrt(sum(w * w for w in theirs.values()))
        cosine = sum(mine[t] * theirs[t] for t in common) / norm if norm else 0.0
        scored.append((pk, cosine, common, theirs))
    scored.sort(key=lambda item: (-item[1], -item[0]))
    result = []
    my_title = set(vtext.terms(title if title is not None else text.split("\n", 1)[0]))
    for pk, cosine, common, theirs in scored[:limit]:
        shared = sorted(
            common, key=lambda term: (-round(mine[term] * theirs[term], 9), -len(term), term)
        )
        evidence = _duplicate_evidence(mine, theirs, my_title, titles[pk], idf)
        result.append((pk, cosine, [vtext.readable(term, words) for term in shared][:8], evidence))
    return result


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _duplicate_evidence(mine: dict, theirs: dict, my_title: set, their_title: set, idf) -> float:
    """How much `theirs` looks like a rewording of `mine`, stricter than the cosine: the
    geometric mean of the share of their terms' rarity (idf) that the draft holds, the overlap
    of the two term sets, and the overlap of the two titles' terms. Near-topic dossiers share
    the template phrases (common terms, low idf) but not their own specific terms or title."""
    mass = sum(idf.get(term, 0.0) for term in theirs)
    covered = sum(idf.get(term, 0.0) for term in theirs if term in mine)
    coverage = covered / mass if mass else 0.0
    overlap = _jaccard(set(mine), set(theirs))
    return (coverage * overlap * _jaccard(my_title, their_title)) ** (1 / 3)


def duplicate_scores(evidences: list[float]) -> list[float]:
    """The near-duplicate score of each match among these: its evidence less GAP_WEIGHT times
    its gap to the best match's. A draft rewritten from one initiative resembles that one
    clearly more than the others of its topic; two near-copies of each other are both kept."""
    best = max(evidences, default=0.0)
    return [value - GAP_WEIGHT * (best - value) for value in evidences]


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
    public = [match for match in found if objects[match[0]].search_entry.is_public]
    flagged = {
        match[0]
        for match, score in zip(public, duplicate_scores([m[3] for m in public]), strict=True)
        if score >= NEAR_DUPLICATE
    }
    return [
        Similar(
            initiative=objects[pk],
            similarity=score,
            shared=shared,
            near_duplicate=pk in flagged,
        )
        for pk, score, shared, _evidence in found
    ]
