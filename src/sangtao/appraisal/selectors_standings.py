"""The ranking read from the stored figures (`Standing`, `SeatStanding`; written by
services_standings): a page of 50 rows in a few statements, whatever the council's size.

The order is `scoring.rank`'s: the council's figure (highest first), then the normalised
figure, the first criterion's mean, the order of submission and entry. The figure orders the
stored rows in SQL (the `standing_rank` index); the normalised figure depends on every sheet
of the council (each member's mean and spread), so it is computed only where it decides: for
the rows whose figure equals one on the page, from their sheets and the members' stored sums.
"""

import re
from collections import defaultdict
from fractions import Fraction
from math import fsum, inf, sqrt

from django.db import connections

from sangtao.initiatives.models import Initiative
from sangtao.movements.models import Criterion, Grade

from . import scoring
from .models import Assignment, Council, Score, SeatStanding, Standing


def counted_sheets(council: Council):
    """The council's submitted sheets with a total: those its figures count."""
    return Assignment.objects.filter(
        council=council, state=Assignment.State.SUBMITTED, total__isnull=False
    ).order_by()


def counted_scores(council: Council):
    """The scores of `counted_sheets`, read by a join on the sheet's conditions (not IN the
    council's sheets: SQLite would list a national round's 150,000 ids to keep a page's)."""
    return Score.objects.filter(
        assignment__council=council,
        assignment__state=Assignment.State.SUBMITTED,
        assignment__total__isnull=False,
        value__isnull=False,
    ).order_by()


def _spread(count: int, total: int, squares: int) -> tuple[float, float]:
    """The mean and population spread of `count` totals from their sum and sum of squares,
    the spread computed exactly before its square root (as selectors._overall)."""
    if not count:
        return 0.0, 0.0
    return total / count, sqrt(Fraction(count * squares - total * total, count * count))


# The queue's order (selectors._queue_sql's rows): oldest submission first, then in order of
# entry.
QUEUE_ORDER = "ORDER BY queued_at ASC NULLS LAST, queued_id ASC"

# The ranking's page from the stored figures on SQLite (`StoredFigures.ranked_slice`), in
# one statement: the queue (selectors._queue_sql) read once (MATERIALIZED); the page's highest
# and lowest figure and how many it holds, cut by LIMIT / OFFSET from the council's stored
# rows walked in the order of the `standing_rank` index, those of the queue kept by IN (its
# list built once: a first page stops after its rows). Then a row (kind 0) of the queue's
# count and, for a page filled with figures, the count above its highest one; a row (kind 1)
# for each stored row of the page's figures (the ties around the page) with its submission;
# and, for a page reaching past the rows with a figure, the queue's others (kind 2) cut by
# LIMIT / OFFSET in the queue's order, read from the same queue. A page reaching past them
# holds the lowest figure: nothing below its band, so the count above it is the page's start
# and cut less the band (`ranked_slice`), and the queue's rows with a figure are counted only
# when the page holds none of them (`scored`; CASE evaluates one branch). PostgreSQL's planner
# does not walk the index so (it plans the IN as 200 distinct rows, then probes 50,000 rows by
# index; a join or a test of each row's initiative hashes the whole table): there the queue's
# ids and the stored rows are read as two plain lists (`StoredFigures._ranked_lists`).
_RANKED_SQL = """
WITH queue AS MATERIALIZED ({queue}),
cut AS MATERIALIZED (
    SELECT MAX(x.aggregate_cents) AS high, MIN(x.aggregate_cents) AS low, COUNT(*) AS rows_cut
    FROM (
        SELECT s.aggregate_cents FROM {standing} s
        WHERE s.initiative_id IN (SELECT queued_id FROM queue) AND s.council_id = %(council)s
        ORDER BY s.aggregate_cents DESC LIMIT %(limit)s OFFSET %(start)s
    ) x
),
scored AS MATERIALIZED (
    SELECT CASE
        WHEN cut.rows_cut >= %(limit)s OR %(start)s >= (SELECT COUNT(*) FROM queue) THEN NULL
        WHEN cut.rows_cut > 0 THEN %(start)s + cut.rows_cut
        ELSE (
            SELECT COUNT(*) FROM {standing} s
            WHERE s.initiative_id IN (SELECT queued_id FROM queue) AND s.council_id = %(council)s
        )
    END AS rows_scored
    FROM cut
)
SELECT 0, (SELECT COUNT(*) FROM queue), cut.rows_cut, CASE
           WHEN cut.rows_cut < %(limit)s THEN NULL
           ELSE (
               SELECT COUNT(*) FROM {standing} s
               WHERE s.initiative_id IN (SELECT queued_id FROM queue)
               AND s.council_id = %(council)s AND s.aggregate_cents > cut.high
           )
       END
FROM cut
UNION ALL
SELECT 1, s.initiative_id,
       (SELECT i.submitted_at FROM {initiative} i WHERE i.id = s.initiative_id), NULL
FROM cut, {standing} s
WHERE s.initiative_id IN (SELECT queued_id FROM queue) AND s.council_id = %(council)s
AND s.aggregate_cents BETWEEN cut.low AND cut.high
UNION ALL
SELECT 2, tail.queued_id, tail.queued_at, NULL FROM (
    SELECT q.queued_id, q.queued_at FROM scored CROSS JOIN queue q
    WHERE scored.rows_scored IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM {standing} s
        WHERE s.council_id = %(council)s AND s.initiative_id = q.queued_id
    )
    ORDER BY q.queued_at ASC NULLS LAST, q.queued_id ASC
    LIMIT (SELECT MAX(%(stop)s - MAX(%(start)s, COALESCE(rows_scored, %(stop)s)), 0) FROM scored)
    OFFSET (SELECT MAX(%(start)s - COALESCE(rows_scored, 0), 0) FROM scored)
) tail
"""
# Its parameters after the queue's, by name in the order they appear.
RANKED_PARAMS = re.findall(r"%\((\w+)\)s", _RANKED_SQL)
RANKED_SQL = re.sub(r"%\(\w+\)s", "%s", _RANKED_SQL)

# The two lists of `StoredFigures._ranked_lists` in one statement, as three arrays (one row:
# the driver reads an array whole, where 100,000 rows cost a tuple each and a sort of all of
# them that spilled to disk): the queue's ids in its order, and the council's stored ids and
# figures, highest figure first, read in the order of the `standing_rank` index (no sort).
LISTS_SQL = """
SELECT (
    SELECT array_agg(ordered.queued_id)
    FROM (SELECT queue.queued_id FROM ({queue}) queue {order}) ordered
), stored.ids, stored.figures
FROM (
    SELECT array_agg(s.initiative_id) AS ids, array_agg(s.aggregate_cents) AS figures
    FROM (
        SELECT initiative_id, aggregate_cents FROM {standing}
        WHERE council_id = %s ORDER BY aggregate_cents DESC, initiative_id
    ) s
) stored
"""


def _queue_order(row) -> tuple:
    """The queue's order of (id, submission) rows: the oldest submission first, then those
    without one, then in order of entry."""
    pk, submitted = row
    return (0, submitted, pk) if submitted is not None else (1, 0, pk)


class StoredFigures:
    """The stored figures of one council: the ranking's order and a page's results."""

    def __init__(self, council: Council):
        self.council = council
        self.criteria = list(
            Criterion.objects.filter(movement=council.round.movement_id).order_by("order", "id")
        )
        self.first = str(self.criteria[0].pk) if self.criteria else None
        self._seats = None
        self._scale = None
        self._standings: dict[int, Standing | None] = {}
        self._normalised: dict[int, int] = {}

    def _seat_spreads(self) -> tuple[dict[int, tuple[float, float]], float, float]:
        """Each member's (mean, spread) of their totals in cents, and the council's."""
        if self._seats is None:
            rows = list(
                SeatStanding.objects.filter(council=self.council).values_list(
                    "member_id", "sheets", "total_cents", "squares_cents"
                )
            )
            seats = {member: _spread(*sums) for member, *sums in rows}
            overall = _spread(*(sum(row[n] for row in rows) for n in (1, 2, 3)))
            self._seats = (seats, *overall)
        return self._seats

    def _load(self, initiative_ids) -> None:
        """The standings of these initiatives and their normalised figures in cents
        (`scoring.normalised`), from their submitted sheets and the members' stored sums:
        two queries (and the members' sums once) for those not loaded yet."""
        ids = [pk for pk in initiative_ids if pk not in self._standings]
        seats, mean, sd = self._seat_spreads()
        for row in Standing.objects.filter(council=self.council, initiative_id__in=ids):
            self._standings[row.initiative_id] = row
        sheets = counted_sheets(self.council).filter(initiative_id__in=ids)
        zs: dict[int, list[float]] = defaultdict(list)
        for member_id, initiative_id, total in sheets.values_list(
            "member_id", "initiative_id", "total"
        ):
            member_mean, member_sd = seats[member_id]
            value = float(scoring.to_cents(total))
            zs[initiative_id].append((value - member_mean) / member_sd if member_sd > 1e-9 else 0.0)
        for pk in ids:
            self._standings.setdefault(pk, None)
            found = zs.get(pk)
            if found:
                self._normalised[pk] = scoring.normalised_cents(mean, sd, fsum(found) / len(found))

    def _first_mean(self, standing: Standing) -> int | None:
        count, total, _figure = standing.criteria.get(self.first, (0, 0, None))
        return scoring.divide_half_up(total, count) if count else None

    def ranked_slice(self, queue: tuple[str, list], start: int, stop: int) -> tuple[list, int]:
        """The ids at places start..stop - 1 (from 0) of the ranking of the queue (`queue`:
        its SQL of (queued_id, queued_at) rows, as selectors._queue_sql gives it) and the
        queue's count. On SQLite ordered and cut in the database, in one statement
        (RANKED_SQL): no row of the queue reaches Python but the page's and the ties of its
        figures, a page reaching past the rows with a figure included."""
        connection = connections[Standing.objects.db]
        if connection.vendor != "sqlite":
            return self._ranked_lists(queue, start, stop)
        sql, params = queue
        limit = max(stop - start, 0)
        values = {"council": self.council.pk, "limit": limit, "start": start, "stop": stop}
        names = {"standing": Standing._meta.db_table, "initiative": Initiative._meta.db_table}
        with connection.cursor() as cursor:
            cursor.execute(
                RANKED_SQL.format(queue=sql, **names),
                [*params, *(values[name] for name in RANKED_PARAMS)],
            )
            found = cursor.fetchall()
        total, cut, above = next(row[1:] for row in found if row[0] == 0)
        band = [
            pk for pk, _at in sorted((row[1:3] for row in found if row[0] == 1), key=_queue_order)
        ]
        rest = [
            pk for pk, _at in sorted((row[1:3] for row in found if row[0] == 2), key=_queue_order)
        ]
        self._load(band + rest)
        if not band:
            return rest, total
        if cut < limit:  # the page holds the lowest figure: its band ends the rows with one
            above = start + cut - len(band)
        return self._sorted(band)[start - above : start + cut - above] + rest, total

    def _ranked_lists(self, queue: tuple[str, list], start: int, stop: int) -> tuple[list, int]:
        """`ranked_slice` from two lists read whole in one statement (PostgreSQL, LISTS_SQL):
        the queue's ids in its order and the council's stored (id, figure) rows, highest
        figure first."""
        sql, params = queue
        with connections[Standing.objects.db].cursor() as cursor:
            cursor.execute(
                LISTS_SQL.format(queue=sql, order=QUEUE_ORDER, standing=Standing._meta.db_table),
                [*params, self.council.pk],
            )
            queued, stored, figures = cursor.fetchone()
        ids = queued or []
        in_queue = set(ids)
        ordered = [
            pair for pair in zip(stored or [], figures or [], strict=True) if pair[0] in in_queue
        ]
        band: list[int] = []
        rest: list[int] = []
        last = min(stop, len(ordered)) - 1
        if start < len(ordered):
            high, low = ordered[start][1], ordered[last][1]
            above = next(n for n, (_pk, figure) in enumerate(ordered) if figure <= high)
            wanted = {pk for pk, figure in ordered[above:] if low <= figure <= high}
            band = [pk for pk in ids if pk in wanted]  # in the queue's order
        if stop > len(ordered):
            scored = {pk for pk, _figure in ordered}
            unscored = [pk for pk in ids if pk not in scored]
            rest = unscored[max(start - len(ordered), 0) : stop - len(ordered)]
        self._load(band + rest)
        if not band:
            return rest, len(ids)
        return self._sorted(band)[start - above : last + 1 - above] + rest, len(ids)

    def _sorted(self, band: list[int]) -> list[int]:
        """`band` (rows of the same figures, in the queue's order) in ranking order by the
        later keys, the queue's order last."""
        place = {pk: n for n, pk in enumerate(band)}

        def key(pk):
            standing = self._standings[pk]
            first = self._first_mean(standing)
            return (
                -standing.aggregate_cents,
                -self._normalised[pk],
                inf if first is None else -first,
                place[pk],
            )

        return sorted(band, key=key)

    def results(self, initiative_ids, result_type) -> dict:
        """{id: result_type (selectors.Result)} of these initiatives, as `selectors.Figures`
        gives them without the sheets' totals (three queries, and the scale's once)."""
        ids = list(initiative_ids)
        self._load(ids)
        self._scale_load()
        threshold = scoring.to_cents(self.council.disagreement_threshold)
        results = {}
        for pk in ids:
            standing = self._standings[pk]
            if standing is None:
                results[pk] = result_type(pk)
                continue
            first = self._first_mean(standing)
            spread = standing.highest_cents - standing.lowest_cents
            result = result_type(
                pk,
                count=standing.sheets,
                aggregate=scoring.from_cents(standing.aggregate_cents),
                mean=scoring.from_cents(
                    scoring.divide_half_up(standing.total_cents, standing.sheets)
                ),
                spread=scoring.from_cents(spread),
                normalised=scoring.from_cents(self._normalised[pk]),
                first_criterion_mean=scoring.from_cents(first) if first is not None else None,
                wide_disagreement=spread > threshold,
                by_criterion={
                    int(criterion): scoring.from_cents(figure)
                    for criterion, (_count, _total, figure) in standing.criteria.items()
                },
            )
            self._grade(result)
            results[pk] = result
        return results

    def _scale_load(self) -> None:
        """The movement's grading scale and its refusal grade (one query, once)."""
        if self._scale is None:
            grades = list(Grade.objects.filter(movement=self.council.round.movement_id))
            self._scale = (
                [(g, g.min_total) for g in grades],
                scoring.refusal_grade([(g, g.min_total, g.recognised) for g in grades]),
            )

    def _grade(self, result) -> None:
        """The criteria below their minimum and the proposed grade (as Figures._grade)."""
        scale, refusal = self._scale
        result.failing = scoring.failing_criteria(
            {c: result.by_criterion.get(c.pk) for c in self.criteria},
            [(c, c.minimum) for c in self.criteria],
        )
        result.proposed_grade = scoring.propose_grade(
            result.aggregate, scale, failing=result.failing, refusal=refusal
        )
