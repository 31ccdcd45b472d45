"""The ranking read from the stored figures (`Standing`, `SeatStanding`; written by
services_standings): a page of 50 rows in a few statements, whatever the council's size.

The order is `scoring.rank`'s: the council's figure (highest first), then the normalised
figure, the first criterion's mean, the order of submission and entry. The figure orders the
stored rows in SQL (the `standing_rank` index); the normalised figure depends on every sheet
of the council (each member's mean and spread), so it is computed only where it decides: for
the rows whose figure equals one on the page, from their sheets and the members' stored sums.
"""

from collections import defaultdict
from fractions import Fraction
from math import fsum, inf, sqrt

from django.db import connections

from sangtao.movements.models import Criterion, Grade

from . import scoring
from .models import Assignment, Council, Score, SeatStanding, Standing


def rows(queryset) -> list[tuple]:
    """`queryset`'s rows (`values_list` of columns without conversion) as the cursor gives
    them: tuples, without the ORM's work per row."""
    sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


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

    def ordered(self, queue: list[int]) -> list[tuple[int, int]]:
        """(id, figure in cents) of the queue's initiatives with a submitted sheet, highest
        figure first: one query on the `standing_rank` index."""
        in_queue = set(queue)
        return [
            (pk, figure)
            for pk, figure in rows(
                Standing.objects.filter(council=self.council)
                .order_by("-aggregate_cents", "initiative_id")
                .values_list("initiative_id", "aggregate_cents")
            )
            if pk in in_queue
        ]

    def page_ids(
        self, queue: list[int], ordered: list[tuple[int, int]], start: int, end: int
    ) -> list[int]:
        """The ids at places start..end - 1 (from 0) of the ranking of `queue` (its ids in
        order of submission, then of entry) from its `ordered` rows: the ties around the
        page ordered by the later keys, then the queue's rows without a submitted sheet in
        the queue's order."""
        band: list[int] = []
        page: list[int] = []
        if start < len(ordered):
            last = min(end, len(ordered)) - 1
            high, low = ordered[start][1], ordered[last][1]
            above = next(n for n, (_pk, figure) in enumerate(ordered) if figure <= high)
            band = [pk for pk, figure in ordered if low <= figure <= high]
        if end > len(ordered):
            scored = {pk for pk, _figure in ordered}
            unscored = [pk for pk in queue if pk not in scored]
            page = unscored[max(start - len(ordered), 0) : end - len(ordered)]
        self._load(band + page)
        if band:
            page = self._sorted(band, queue)[start - above : last + 1 - above] + page
        return page

    def _sorted(self, band: list[int], queue: list[int]) -> list[int]:
        """`band` (rows of the same figures) in ranking order by the later keys."""
        place = {pk: n for n, pk in enumerate(queue)}

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
