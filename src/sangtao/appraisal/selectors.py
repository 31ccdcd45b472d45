"""Read queries of councils: the queue, a member's tasks, results and the ranking table.

Each returns in a number of queries that does not depend on the number of rows.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from math import inf, sqrt

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models import Value as V

from sangtao.core.selectors import CappedPaginator
from sangtao.initiatives.models import Initiative, InitiativeAuthor
from sangtao.initiatives.states import State
from sangtao.movements.models import Criterion, Grade, Round

from . import agreement, scoring
from .models import Assignment, Conflict, Council, CouncilMember, Decision, Score
from .rules import (
    SheetFacts,
    SheetsOf,
    seat,
    sheets_seen_among,
    sheets_withheld_in_queue,
)
from .rules import sheets_withheld as _withheld
from .selectors_standings import QUEUE_ORDER, StoredFigures, counted_scores, counted_sheets

QUEUE_STATES = [State.IN_APPRAISAL, State.RECOGNISED, State.NOT_RECOGNISED, State.RETURNED]


def council_list_visible(*, user, year: int | None = None) -> QuerySet[Council]:
    """Councils the user sits on or follows (officers, leaders, admins, secretaries by role),
    of the rounds of `year` (None: every year)."""
    from sangtao.accounts.scope import scope_q

    from .rules import FOLLOW_ROLES, SETUP_ROLES

    # One IN over a UNION of two indexed selections: an OR across the members' join would
    # read every council of the country.
    # The year is asked again outside the UNION: PostgreSQL then reads only that year's
    # councils (not every council of the country) and drops the year from the sort; the
    # index council_round_unit serves both halves without the table's rows.
    seated = CouncilMember.objects.filter(user=user).order_by()
    followed = Council.objects.filter(scope_q(user, FOLLOW_ROLES | SETUP_ROLES)).order_by()
    councils = Council.objects.all()
    if year is not None:
        seated = seated.filter(council__round__year=year)
        followed = followed.filter(round__year=year)
        councils = councils.filter(round__year=year)
    return councils.filter(
        pk__in=seated.values("council_id").union(followed.values("pk"))
    ).order_by("-round__year", "unit__name", "name")


def council_list_page(*, user, year: int | None, number, per_page: int) -> Page:
    """Page `number` of the councils `user` sits on or follows in `year` (None: every year).
    PostgreSQL sorts the page's ids from an index alone (the whole rows of a national
    officer's thousands of councils would be read to keep twenty), then the page's councils
    are read by id, with their round, movement and unit."""
    ids = council_list_visible(user=user, year=year).values_list("pk", flat=True)
    page = CappedPaginator(ids, per_page).get_page(number)
    found = Council.objects.select_related("round__movement", "unit").in_bulk(page.object_list)
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page


def council_years(*, user) -> tuple[list[int], int | None]:
    """The years of the rounds (newest first) and the newest in which the user sits on or
    follows a council (None: none yet): the councils list opens on that year, since a
    national officer follows tens of thousands of councils over the years."""
    from sangtao.accounts.scope import scope_q

    from .rules import FOLLOW_ROLES, SETUP_ROLES

    years = list(Round.objects.order_by("-year").values_list("year", flat=True).distinct())
    seated = CouncilMember.objects.filter(user=user).aggregate(year=Max("council__round__year"))[
        "year"
    ]
    followed = Council.objects.filter(scope_q(user, FOLLOW_ROLES | SETUP_ROLES))
    for year in years:  # a few rounds: one probe each, newest first, until one answers
        if seated is not None and year <= seated:
            return years, seated
        if followed.filter(round__year=year).exists():
            return years, year
    return years, seated


def _forwarded_q(council: Council) -> Q:
    """The condition of `_forwarded` (one query: the council's fields)."""
    current = Q(
        appraisal_unit_id=council.unit_id, round_id=council.round_id, state__in=QUEUE_STATES
    )
    field_ids = list(council.fields.values_list("pk", flat=True))
    if field_ids:
        current &= Q(field_id__in=field_ids)
    return current


def _forwarded(council: Council) -> QuerySet[Initiative]:
    """Initiatives forwarded or nominated to the council's unit in its round (within its
    fields): the queue but for those decided on here that have moved on since."""
    return Initiative.objects.filter(_forwarded_q(council))


def council_queue(*, council: Council) -> QuerySet[Initiative]:
    """Initiatives this council appraises: forwarded or nominated to its unit in its round
    (within its fields), and those it has already decided on."""
    # One IN over the UNION of two indexed selections: "indexed condition OR IN (subquery)"
    # makes PostgreSQL scan the whole table (1 s at a million rows).
    forwarded = _forwarded(council).order_by().values("pk")
    decided = Decision.objects.filter(council=council).order_by().values("initiative_id")
    return Initiative.objects.filter(pk__in=forwarded.union(decided))


def _queue_sql(council: Council) -> tuple[str, list]:
    """The queue as (`queued_id`, `queued_at`: its submission) rows, for `council_queue_ids`
    and `queue_slice`: those forwarded here, and (UNION ALL: the two are apart, no rows to
    make distinct nor to join back for their submission) those decided here that have moved
    on since."""
    current = _forwarded_q(council)
    rows = Initiative.objects.order_by().annotate(queued_id=F("pk"), queued_at=F("submitted_at"))
    forwarded = rows.filter(current).values_list("queued_id", "queued_at")
    moved = rows.filter(decisions__council=council).exclude(current)
    sql, params = forwarded.query.sql_with_params()
    moved_sql, moved_params = moved.values_list("queued_id", "queued_at").query.sql_with_params()
    return f"{sql} UNION ALL {moved_sql}", [*params, *moved_params]


def council_queue_ids(*, council: Council) -> list[int]:
    """The queue's ids, oldest submission first (then in order of entry), read straight
    from the cursor: the ranking reads them all and sorts them."""
    sql, params = _queue_sql(council)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT queued_id FROM ({sql}) queue {QUEUE_ORDER}", params)
        return [row[0] for row in cursor.fetchall()]


def queue_slice(*, council: Council, start: int, stop: int) -> tuple[list[int], int | None]:
    """The ids at places start..stop - 1 of the queue (from 0) and the queue's count, in one
    statement (`COUNT(*) OVER ()`); the count is None when the slice is past the end."""
    sql, params = _queue_sql(council)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT queued_id, COUNT(*) OVER () FROM ({sql}) queue {QUEUE_ORDER} "
            "LIMIT %s OFFSET %s",
            [*params, stop - start, start],
        )
        found = cursor.fetchall()
    return [pk for pk, _total in found], (found[0][1] if found else None)


def council_queue_rows(*, council: Council) -> QuerySet[Initiative]:
    """The queue for the secretary's page, with counts and the decision, in one query."""
    decision = Decision.objects.filter(council=council, initiative=OuterRef("pk"))
    return (
        council_queue(council=council)
        .select_related("unit", "field")
        .annotate(
            assigned=Count("assignments", filter=Q(assignments__council=council), distinct=True),
            submitted_sheets=Count(
                "assignments",
                filter=Q(
                    assignments__council=council, assignments__state=Assignment.State.SUBMITTED
                ),
                distinct=True,
            ),
            decision_outcome=Subquery(decision.values("outcome")[:1]),
        )
        .order_by("submitted_at", "id")
    )


def member_tasks(*, user) -> QuerySet[Assignment]:
    """A member's score sheets across open councils, unfinished first, with deadlines."""
    return (
        Assignment.objects.filter(member__user=user, council__sealed_at__isnull=True)
        .select_related("initiative__field", "council__round", "member")
        .order_by("state", "council__scoring_deadline", "initiative_id")
    )


def declared_conflicts(*, initiative: Initiative) -> QuerySet[Conflict]:
    return Conflict.objects.filter(initiative=initiative).select_related("user", "declared_by")


def is_conflicted(*, user, council: Council, initiative: Initiative) -> bool:
    from .conflicts import conflict_pairs
    from .services import conflicted

    member = (
        CouncilMember.objects.select_related("user__unit", "council__unit")
        .filter(council=council, user=user)
        .first()
    )
    if member is None:
        return False
    declared = conflict_pairs(initiatives=[initiative.pk], user=user)
    return conflicted(member=member, initiative=initiative, declared=declared)


# Above this many initiatives, the sheet rule's facts are read for the council's whole queue
# and kept for those asked: no statement carrying 50,000 ids.
WHOLE_TABLE = 1_000


class _Everything:
    """The initiatives asked about when all of them are (`sheet_facts` without ids)."""

    def __contains__(self, pk) -> bool:
        return True


def _tree_conflicts(member: CouncilMember, council: Council, ids: list[int] | None) -> set[int]:
    """The initiatives among `ids` (None: the council's queue) filed by `member` or from the
    units under their own (`services.conflicted` without the declared pairs), read as (id,
    filer, unit path) rows: for a whole table from the council's queue (the ids it lacks read
    by id)."""
    member_unit = member.user.unit
    wanted = _Everything() if ids is None else set(ids)
    rows = Initiative.objects.order_by().values_list("pk", "created_by_id", "unit__path")
    found = list(rows.filter(pk__in=council_queue(council=council)))
    missing = set() if ids is None else wanted - {row[0] for row in found}
    if missing:
        found += list(rows.filter(pk__in=missing))
    # conflicts.unit_conflict: under the member's unit, unless the council sits at or below it.
    below = None
    if member_unit is not None and not council.unit.is_within(member_unit):
        below = member_unit.path
    return {
        pk
        for pk, filer, path in found
        if pk in wanted
        and (filer == member.user_id or (below is not None and path.startswith(below)))
    }


def sheet_facts(*, user, council: Council, initiative_ids) -> SheetFacts:
    """What `appraisal.view_sheets` reads about `user` in `council` for these initiatives, in
    at most five queries whatever their number (rules.sheets_withheld applies the rule). For
    more than WHOLE_TABLE initiatives the council's rows are read and those asked kept; for
    `initiative_ids` None, all of them (the facts of every initiative of the council)."""
    from .conflicts import conflict_pairs
    from .services import conflicted

    ids = None if initiative_ids is None else list(initiative_ids)
    facts = SheetFacts()
    member = (
        CouncilMember.objects.select_related("user__unit", "council__unit")
        .filter(council=council, user=user)
        .first()
    )
    if member is None or ids == []:
        return facts
    whole = ids is None or len(ids) > WHOLE_TABLE
    wanted = _Everything() if ids is None else set(ids)
    if member.role != CouncilMember.Role.SECRETARY and whole:
        declared = conflict_pairs(initiatives=None, user=user)
        facts.conflicted = {pk for pk, _user in declared if pk in wanted}
        facts.conflicted |= _tree_conflicts(member, council, ids)
    elif member.role != CouncilMember.Role.SECRETARY:
        declared = conflict_pairs(initiatives=ids, user=user)
        facts.conflicted = {
            initiative.pk
            for initiative in Initiative.objects.filter(pk__in=ids).select_related("unit")
            if conflicted(member=member, initiative=initiative, declared=declared)
        }
    sheets = Assignment.objects.filter(council=council).order_by()
    if not whole:
        sheets = sheets.filter(initiative_id__in=ids)
    # A seat is of one council: its sheets by the seat's own index, not the council's 150,000.
    own = Assignment.objects.order_by() if whole else sheets
    own = own.filter(member=member).values_list("initiative_id", "state")
    facts.own = {pk: state for pk, state in own if pk in wanted}
    # The drafts matter to the rule only while scoring goes on (15,000 of a national round).
    deadline = council.scoring_deadline
    if not council.is_sealed and (deadline is None or facts.today <= deadline):
        drafts = sheets.filter(state=Assignment.State.DRAFT).values_list("initiative_id", flat=True)
        facts.outstanding = {pk for pk in drafts if pk in wanted}
    return facts


def own_sheet_facts(*, assignment: Assignment) -> SheetFacts:
    """`sheet_facts` of the person holding `assignment`, for its own initiative, from the sheet
    loaded by `member_sheets` (its seat, the member's unit, the initiative's and the council's):
    the declared conflicts are the only read (two queries, where `sheet_facts` takes five).
    Since the person holds a sheet of the initiative, the rule never asks whether the others'
    are all submitted (`outstanding` stays empty)."""
    from .conflicts import conflict_pairs
    from .services import conflicted

    member, initiative = assignment.member, assignment.initiative
    member.council = assignment.council  # the same council: its unit is loaded with it
    facts = SheetFacts(own={initiative.pk: assignment.state})
    if member.role == CouncilMember.Role.SECRETARY:  # keeps the record: never conflicted
        return facts
    declared = conflict_pairs(initiatives=[initiative.pk], user=member.user)
    if conflicted(member=member, initiative=initiative, declared=declared):
        facts.conflicted = {initiative.pk}
    return facts


def sheets_withheld(*, user, council: Council, initiative: Initiative) -> str | None:
    """Why `user` does not read the sheets of `initiative` (None: they do), for the pages'
    words; the rule is `appraisal.rules.sheets_withheld`."""
    return _withheld(user, SheetsOf(council, initiative.pk))


def visible_sheets(*, user, council: Council, initiative_ids) -> set[int]:
    """The initiatives among `initiative_ids` whose sheets `user` may read, for a table (the
    ranking, the workbook): the permission asked per row over facts loaded once."""
    ids = list(initiative_ids)
    return sheets_seen_among(
        user, council, ids, lambda: sheet_facts(user=user, council=council, initiative_ids=ids)
    )


@dataclass
class Result:
    """One initiative's figures in a council.

    `count` is the number of submitted sheets; `totals` (their weighted totals) is filled
    only where it is asked for: the ranking table does without it.
    """

    initiative_id: int
    totals: list[Decimal] = field(default_factory=list)
    count: int = 0
    aggregate: Decimal | None = None
    mean: Decimal | None = None
    spread: Decimal | None = None
    normalised: Decimal | None = None
    first_criterion_mean: Decimal | None = None
    wide_disagreement: bool = False
    proposed_grade: Grade | None = None
    # Each criterion's council figure (its scores aggregated as the totals are), by criterion
    # id, and the criteria whose figure is below their minimum (scoring.failing_criteria).
    by_criterion: dict[int, Decimal] = field(default_factory=dict)
    failing: list[Criterion] = field(default_factory=list)

    @property
    def failing_names(self) -> str:
        return ", ".join(criterion.name for criterion in self.failing)


# The council's figures in one statement. Each submitted sheet's total in cents (exact, for
# sums) and as a float (for spreads), with its first criterion's score; each member's mean
# and variance (two passes of a window over the member's sheets); then per initiative the
# count, sum, lowest and highest total, the mean z-score (as scoring.normalised), the first
# criterion's count and sum, and the sum of squared totals (for the spread of all sheets).
# The database reads 15,000 sheets; 5,000 summary rows reach Python. Floats, not decimals,
# for the spreads: numeric arithmetic is several times slower on PostgreSQL.
SUMMARY_SQL = """
WITH sheet AS (
    SELECT a.member_id, a.initiative_id,
           CAST(ROUND(a.total * 100) AS BIGINT) AS cents,
           CAST(ROUND(a.total * 100) AS DOUBLE PRECISION) AS x,
           CAST(ROUND(sc.value * 100) AS BIGINT) AS first_cents
    FROM {assignment} a
    LEFT JOIN {score} sc ON sc.assignment_id = a.id AND sc.criterion_id = %s
    WHERE a.council_id = %s AND a.state = %s AND a.total IS NOT NULL
),
centred AS (
    SELECT member_id, initiative_id, cents, x, first_cents,
           AVG(x) OVER (PARTITION BY member_id) AS mu
    FROM sheet
),
spread AS (
    SELECT initiative_id, cents, x, first_cents, mu,
           AVG((x - mu) * (x - mu)) OVER (PARTITION BY member_id) AS var
    FROM centred
)
SELECT initiative_id, COUNT(*), SUM(cents), MIN(cents), MAX(cents),
       AVG(CASE WHEN var > 1e-18 THEN (x - mu) / SQRT(var) ELSE 0 END),
       COUNT(first_cents), SUM(first_cents), SUM(cents * cents)
FROM spread
GROUP BY initiative_id
"""


def _tables() -> dict[str, str]:
    return {"assignment": Assignment._meta.db_table, "score": Score._meta.db_table}


FIGURES_CACHE_SECONDS = 600


def _figures_key(council: Council, first: Criterion | None) -> str:
    """The cache key of a council's summary rows: it changes with every sheet submitted.

    A submitted sheet is never changed again (services.sheet_save and the paper import
    refuse it) and is never deleted (only drafts are), so the number of submitted sheets,
    the last id and the last submission time name their state; with the first criterion
    (the movement's configuration may reorder it). One indexed aggregate, about a tenth of
    the summary's cost on 15,000 sheets.
    """
    state = counted_sheets(council).aggregate(
        count=Count("pk"), last=Max("pk"), at=Max("submitted_at")
    )
    at = state["at"].isoformat() if state["at"] else "-"
    first_id = first.pk if first else "-"
    # ":2": the shape of the cached value (`_summary`); entries of the old shape are not read.
    return f"appraisal:figures:2:{council.pk}:{first_id}:{state['count']}:{state['last']}:{at}"


def _overall(rows) -> tuple[float, float]:
    """The mean and population spread of every sheet's total (in cents), exactly from the
    summary rows' counts, sums and sums of squares."""
    count = sum(int(row[1]) for row in rows)
    if not count:
        return 0.0, 0.0
    total = sum(int(row[2]) for row in rows)
    squares = sum(int(row[8]) for row in rows)
    variance = Fraction(count * squares - total * total, count * count)
    return total / count, sqrt(variance)


def _summary(rows) -> tuple[dict[int, tuple], float, float]:
    """What the cache keeps of the summary rows: by initiative, (count, sum, lowest, highest,
    mean z-score, first criterion's count and sum) as plain ints and a float (PostgreSQL
    sums are decimals, slower to unpickle), with the mean and spread of every total."""
    by_initiative = {
        row[0]: (
            int(row[1]),
            int(row[2]),
            int(row[3]),
            int(row[4]),
            float(row[5]),
            int(row[6]),
            int(row[7]) if row[7] is not None else None,
        )
        for row in rows
    }
    return (by_initiative, *_overall(rows))


class Figures:
    """The council's figures for every initiative with a submitted sheet, read in a few
    queries whatever their number (the criteria, the cache key, SUMMARY_SQL unless its rows
    are cached for the same sheets; for results, the grading scale and the criteria's scores).

    Rank keys are whole cents (exact); a `Result` of decimals is built only for the
    initiatives a page shows (`result`), or for all of them (`results`). Each result names
    the criteria below their minimum: those scores are read for the initiatives given to
    `load_criteria` (one query), or for one initiative when `result` meets it unloaded.
    """

    def __init__(self, council: Council):
        from django.db import connection

        self.council = council
        self.criteria = list(
            Criterion.objects.filter(movement=council.round.movement_id).order_by("order", "id")
        )
        first = self.criteria[0] if self.criteria else None
        submitted = Assignment.State.SUBMITTED
        key = self.key = _figures_key(council, first)
        summary = cache.get(key)
        if summary is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    SUMMARY_SQL.format(**_tables()),
                    [first.pk if first else None, council.pk, submitted],
                )
                summary = _summary(cursor.fetchall())
            cache.set(key, summary, FIGURES_CACHE_SECONDS)
        self.rows, self.mean, self.sd = summary
        self.sheets = counted_sheets(council)
        self.values: dict[int, list[int]] = defaultdict(list)
        if council.aggregate == scoring.MEDIAN:
            for initiative_id, total in self.sheets.values_list("initiative_id", "total"):
                self.values[initiative_id].append(scoring.to_cents(total))
        self._scale = None
        self._refusal = None
        self._by_criterion: dict[int, dict[int, Decimal]] = {}

    def load_criteria(self, initiative_ids=None) -> None:
        """Each criterion's council figure for `initiative_ids` (None: every initiative), in
        one query: the scores of the submitted sheets, aggregated as the council aggregates
        totals."""
        scores = counted_scores(self.council)
        if initiative_ids is not None:
            initiative_ids = list(initiative_ids)
            scores = scores.filter(assignment__initiative_id__in=initiative_ids)
        values: dict[int, dict[int, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
        for initiative_id, criterion_id, value in scores.values_list(
            "assignment__initiative_id", "criterion_id", "value"
        ):
            values[initiative_id][criterion_id].append(value)
        for initiative_id in values if initiative_ids is None else initiative_ids:
            self._by_criterion[initiative_id] = {
                criterion_id: scoring.aggregate(found, self.council.aggregate)
                for criterion_id, found in values.get(initiative_id, {}).items()
            }

    def _grade(self, result: Result) -> None:
        """The criteria below their minimum, and the proposed grade (the scale's refusal
        grade when any criterion fails: the plan asks that all of them hold)."""
        if self._scale is None:
            grades = list(Grade.objects.filter(movement=self.council.round.movement_id))
            self._scale = [(g, g.min_total) for g in grades]
            self._refusal = scoring.refusal_grade([(g, g.min_total, g.recognised) for g in grades])
        if result.initiative_id not in self._by_criterion:
            self.load_criteria([result.initiative_id])
        result.by_criterion = self._by_criterion[result.initiative_id]
        result.failing = scoring.failing_criteria(
            {c: result.by_criterion.get(c.pk) for c in self.criteria},
            [(c, c.minimum) for c in self.criteria],
        )
        result.proposed_grade = scoring.propose_grade(
            result.aggregate, self._scale, failing=result.failing, refusal=self._refusal
        )

    def keys(self, initiative_id: int) -> tuple[int | None, int | None, int | None]:
        """(aggregate, normalised, first criterion's mean) in cents: the ranking's keys."""
        row = self.rows.get(initiative_id)
        if row is None:
            return None, None, None
        count, total, low, high, z, first_count, first_total = row
        return (
            scoring.aggregate_cents(
                count=count,
                total=total,
                lowest=low,
                highest=high,
                method=self.council.aggregate,
                values=self.values.get(initiative_id),
            ),
            scoring.normalised_cents(self.mean, self.sd, z),
            scoring.divide_half_up(first_total, first_count) if first_count else None,
        )

    def result(self, initiative_id: int, totals: list[Decimal] | None = None) -> Result:
        row = self.rows.get(initiative_id)
        if row is None:
            return Result(initiative_id)
        count, total, low, high = row[:4]
        aggregate, normalised, first = self.keys(initiative_id)
        result = Result(
            initiative_id,
            totals=totals or [],
            count=count,
            aggregate=scoring.from_cents(aggregate),
            mean=scoring.from_cents(scoring.divide_half_up(total, count)),
            spread=scoring.from_cents(high - low),
            normalised=scoring.from_cents(normalised),
            first_criterion_mean=scoring.from_cents(first) if first is not None else None,
            wide_disagreement=high - low > scoring.to_cents(self.council.disagreement_threshold),
        )
        self._grade(result)
        return result

    def totals(self, initiative_ids=None) -> dict[int, list[Decimal]]:
        """The submitted sheets' totals, by initiative (of `initiative_ids`, or of all)."""
        sheets = self.sheets
        if initiative_ids is not None:
            sheets = sheets.filter(initiative_id__in=list(initiative_ids))
        listed: dict[int, list[Decimal]] = defaultdict(list)
        for initiative_id, total in sheets.order_by("initiative_id", "id").values_list(
            "initiative_id", "total"
        ):
            listed[initiative_id].append(total)
        return listed

    def _places(self) -> dict[int, int]:
        """Each initiative's place among the distinct first three sort keys (its figure,
        normalised mean and first criterion's mean, highest first; a missing first criterion
        last): equal keys share a place. Cached beside the summary rows they come from: the
        same sheets and aggregate give the same places, and a page of the ranking need not
        recompute 5,000 (nor sort tuples, nor unpickle them)."""
        cache_key = f"{self.key}:sort:{self.council.aggregate}"
        places = cache.get(cache_key)
        if places is None:
            keys = {}
            for pk in self.rows:
                aggregate, normalised, first = self.keys(pk)
                keys[pk] = (-aggregate, -normalised, inf if first is None else -first)
            place = {key: n for n, key in enumerate(sorted(set(keys.values())))}
            places = {pk: place[key] for pk, key in keys.items()}
            cache.set(cache_key, places, FIGURES_CACHE_SECONDS)
        return places

    def ranked_ids(self, queue_ids=None) -> list[int]:
        """Every initiative of the queue, in ranking order: the order `scoring.rank` gives
        (tests/appraisal/test_figures.py holds them together), sorted once on whole cents.

        The queue's ids come in order of submission (then of entry), the last two
        tie-breaks, which the stable sort keeps among equal keys; a missing figure ranks
        below every figure.
        """
        ids = list(council_queue_ids(council=self.council) if queue_ids is None else queue_ids)
        places = self._places()
        unranked = len(places)  # after every place
        ids.sort(key=lambda pk: places.get(pk, unranked))
        return ids


def _results(council: Council) -> dict[int, Result]:
    """Every initiative's figures (`scoring` rules), with their sheets' totals."""
    figures = Figures(council)
    totals = figures.totals()
    figures.load_criteria()
    return {pk: figures.result(pk, totals.get(pk)) for pk in figures.rows}


def initiative_result(*, council: Council, initiative: Initiative) -> Result:
    figures = Figures(council)
    return figures.result(initiative.pk, figures.totals([initiative.pk]).get(initiative.pk))


def ranking_order(*, council: Council) -> list[tuple[int, Result]]:
    """(initiative id, result) of every initiative of the queue, in ranking order."""
    figures = Figures(council)
    figures.load_criteria()
    return [(pk, figures.result(pk)) for pk in figures.ranked_ids()]


def ranking(*, council: Council) -> list[tuple[Initiative, Result]]:
    """Every initiative of the queue with its result (and its sheets' totals), in ranking
    order (scoring.rank): for the minutes and the results workbook."""
    figures = Figures(council)
    totals = figures.totals()
    figures.load_criteria()
    initiatives = {i.pk: i for i in council_queue_rows(council=council)}
    return [(initiatives[pk], figures.result(pk, totals.get(pk))) for pk in figures.ranked_ids()]


@dataclass
class RankedRow:
    rank: int | None
    initiative: Initiative
    result: Result
    withheld: bool = False


def _page_initiatives(*, council: Council, ids: list[int]) -> dict[int, Initiative]:
    """The initiatives of one page, by id, with their unit, field and the council's decision
    (`decision_outcome`, `decision_label`): two queries by primary key."""
    initiatives = Initiative.objects.select_related("unit", "field").in_bulk(ids)
    outcomes = dict(
        Decision.objects.filter(council=council, initiative_id__in=ids)
        .order_by()
        .values_list("initiative_id", "outcome")
    )
    labels = dict(Decision.Outcome.choices)
    for pk, initiative in initiatives.items():
        initiative.decision_outcome = outcomes.get(pk)
        initiative.decision_label = labels.get(initiative.decision_outcome, "")
    return initiatives


class RankedQueue:
    """The ranking of the council's queue for a `Paginator`, from the stored figures ordered
    in the database (`StoredFigures.ranked_slice`): the statement that counts the queue cuts
    the page asked for. When the paginator cuts another page (a number past the end, or not
    a number), that page is read by the same statements again."""

    def __init__(self, figures: StoredFigures, council: Council, number, per_page: int):
        try:
            start = (max(int(number), 1) - 1) * per_page
        except (TypeError, ValueError):
            start = 0
        self.figures, self.queue = figures, _queue_sql(council)
        self.start, self.stop = start, start + per_page
        self.rows: list[int] = []
        self.total: int | None = None

    def count(self) -> int:
        if self.total is None:
            self.rows, self.total = self.figures.ranked_slice(self.queue, self.start, self.stop)
        return self.total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, cut: slice) -> list[int]:
        if self.total is not None and cut.start == self.start and cut.stop <= self.stop:
            return self.rows[: cut.stop - cut.start]
        return self.figures.ranked_slice(self.queue, cut.start, cut.stop)[0]


def ranking_page(*, council: Council, number, per_page: int = 50, viewer=None) -> Page:
    """One page of the ranking table, read from the stored figures (selectors_standings): the
    rank is that of the whole queue, and only the page's initiatives are loaded (with their
    unit, field and decision) and given results.

    When `viewer` may not read the sheets of every initiative of the queue
    (`appraisal.view_sheets`), the page lists the queue in order of submission without ranks
    (an order by figures would tell what the hidden figures are) and gives figures only to
    the rows they may read; `page.withheld` counts the others.
    """
    figures = StoredFigures(council)
    read: list[list[int]] = []

    def queue_of() -> list[int]:
        if not read:
            read.append(council_queue_ids(council=council))
        return read[0]

    withheld = set()
    if viewer is not None:
        withheld = sheets_withheld_in_queue(
            viewer,
            council,
            queue_of,
            lambda: sheet_facts(user=viewer, council=council, initiative_ids=None),
        )
    if withheld:  # the queue's order: its ids were read to find them
        page = Paginator(queue_of(), per_page).get_page(number)
    else:  # the stored figures ordered in the database: the page's rows and ties read
        page = Paginator(RankedQueue(figures, council, number, per_page), per_page)
        page = page.get_page(number)
    ids = list(page.object_list)
    initiatives = _page_initiatives(council=council, ids=ids)
    first = page.start_index()
    # Every row's result is computed (the same queries whoever reads), the withheld ones then
    # left empty.
    results = figures.results(ids, Result)
    page.object_list = [
        RankedRow(
            rank=None if withheld else first + offset,
            initiative=initiatives[pk],
            result=Result(pk) if pk in withheld else results[pk],
            withheld=pk in withheld,
        )
        for offset, pk in enumerate(ids)
    ]
    page.withheld = len(withheld)
    return page


def sheets_of(*, council: Council, initiative: Initiative) -> list[Assignment]:
    """Every sheet of one initiative in a council, with its scores (3 queries)."""
    return list(
        Assignment.objects.filter(council=council, initiative=initiative)
        .select_related("member__user")
        .prefetch_related("scores__criterion")
        .order_by("member__role", "member_id")
    )


# --- pages: setting councils up ---------------------------------------------------------------


def units_for_councils(*, user) -> QuerySet:
    """The units offered when `user` sets a council up: a short list for a select.

    Units that may hold a council, in force, in the subtrees the user covers as officer,
    administrator or council secretary, down to two levels below each covered unit (a
    province's districts and communes, a commune's member organisations). The service accepts
    any unit of the covered subtrees.
    """
    from sangtao.accounts.scope import role_paths
    from sangtao.orgs.models import OrgUnit
    from sangtao.orgs.selectors import current_q, subtree_q

    from .rules import SETUP_ROLES

    paths = role_paths(user)
    covered = Q(pk__in=[])
    for path in sorted({path for role in SETUP_ROLES for path in paths.get(role, ())}):
        depth = path.strip("/").count("/")
        covered |= subtree_q(path) & Q(depth__lte=depth + 2)
    return (
        OrgUnit.objects.filter(covered & current_q() & Q(kind__holds_council=True))
        .select_related("level")
        .order_by("path")
    )


def rounds_for_councils() -> QuerySet:
    """Rounds a council may be set up for: those not closed, latest first."""
    from sangtao.movements.models import Round

    return (
        Round.objects.exclude(status=Round.Status.CLOSED)
        .select_related("movement")
        .order_by("-year", "movement__name", "id")
    )


def fields_for_councils(*, movement_ids) -> QuerySet:
    from sangtao.movements.models import Field

    return (
        Field.objects.filter(movement_id__in=movement_ids)
        .select_related("movement")
        .order_by("movement__name", "order", "id")
    )


def council_criteria(*, council: Council) -> list[Criterion]:
    return list(
        Criterion.objects.filter(movement=council.round.movement_id).order_by("order", "id")
    )


def council_grades(*, council: Council) -> QuerySet[Grade]:
    """The grades that recognise an initiative, highest first."""
    return Grade.objects.filter(movement=council.round.movement_id, recognised=True).order_by(
        "-min_total", "id"
    )


ROLE_ORDER = Case(
    When(role=CouncilMember.Role.CHAIR, then=V(0)),
    When(role=CouncilMember.Role.SECRETARY, then=V(1)),
    When(role=CouncilMember.Role.MEMBER, then=V(2)),
    default=V(3),
    output_field=IntegerField(),
)


def council_members(*, council: Council) -> QuerySet[CouncilMember]:
    """The council's people, chair first, with their unit and fields, how many sheets they hold
    here (`sheet_count`, `sheets_done` of them submitted) and their `load` (the sheets they
    still have to fill, in every open council)."""
    from sangtao.accounts.selectors import with_load

    return with_load(
        council.members.select_related("user__unit")
        .prefetch_related("fields")
        .annotate(
            invited_for=Count("expert_initiatives", distinct=True),
            sheet_count=Count("assignments", distinct=True),
            sheets_done=Count(
                "assignments",
                filter=Q(assignments__state=Assignment.State.SUBMITTED),
                distinct=True,
            ),
        )
        .order_by(ROLE_ORDER, "id"),
        user_ref="user",
    )


def scoring_seats(*, council: Council) -> QuerySet[CouncilMember]:
    """Those who score (everyone but the secretary), with their unit and `load` (the sheets
    they still have to fill, in every council), for the assignment form."""
    from sangtao.accounts.selectors import with_load

    return with_load(
        council.members.exclude(role=CouncilMember.Role.SECRETARY)
        .select_related("user__unit")
        .order_by(ROLE_ORDER, "id"),
        user_ref="user",
    )


def scoring_members(*, council: Council) -> list[CouncilMember]:
    """scoring_seats as a list."""
    return list(scoring_seats(council=council))


def seat_candidates(*, council: Council) -> QuerySet:
    """The people who may be seated on the council: active people of the province (the
    council unit's ancestor below the central committee; everyone for a central council)."""
    from sangtao.accounts.models import User
    from sangtao.orgs.selectors import subtree_q

    ids = council.unit.ancestor_ids
    people = User.objects.filter(is_active=True)
    if len(ids) < 2:
        return people
    return people.filter(subtree_q("/" + "/".join(map(str, ids[:2])) + "/", prefix="unit__"))


def seat_candidates_to_pick(*, council: Council, query: str) -> list:
    """The people picker for the council's members page (unit and load beside each): those
    already seated are not offered again."""
    from sangtao.accounts.selectors import people_to_pick_among

    people = seat_candidates(council=council).exclude(council_seats__council=council)
    return people_to_pick_among(people=people, query=query)


def seat_candidates_chosen(*, council: Council, ids) -> list:
    """The candidates ticked in a members form sent back (with their unit and load), so a
    refused form shows them ticked again."""
    from sangtao.accounts.selectors import with_load

    ids = [int(pk) for pk in ids if str(pk).isdigit()][:50]
    if not ids:
        return []
    people = seat_candidates(council=council).filter(pk__in=ids).select_related("unit")
    return list(with_load(people).order_by("search_key", "pk"))


def missing_sheets(*, council: Council) -> list[Assignment]:
    """The council's score sheets handed out and not submitted, with whose they are and the
    initiative's title (never its authors: a blind council's chair reads it), by member."""
    return list(
        Assignment.objects.filter(council=council, state=Assignment.State.DRAFT)
        .select_related("member__user", "initiative")
        .only(
            "public_id",
            "member__user__username",
            "member__user__full_name",
            "member__user__first_name",
            "member__user__last_name",
            "initiative__title",
        )
        .order_by("member__user__full_name", "member_id", "initiative__title", "pk")
    )


# --- pages: the queue, conflicts, the dossier -------------------------------------------------


def queue_initiative(*, council: Council, public_id) -> Initiative | None:
    """One initiative of the council's queue (None when it is not in the queue): the queue's
    two selections each narrowed to the public id first, so neither reads the whole round
    (SQLite walked a round's 100,000 initiatives for each message of a discussion: 1.9 s)."""
    forwarded = _forwarded(council).filter(public_id=public_id).order_by().values("pk")
    decided = (
        Decision.objects.filter(council=council, initiative__public_id=public_id)
        .order_by()
        .values("initiative_id")
    )
    found = list(
        Initiative.objects.filter(pk__in=forwarded.union(decided))
        .select_related("unit", "field", "round")
        .order_by()[:1]
    )
    return found[0] if found else None


def queue_initiatives(*, council: Council, public_ids) -> list[Initiative]:
    """The initiatives of the council's queue among `public_ids`, oldest submission first."""
    return list(
        council_queue(council=council)
        .filter(public_id__in=list(public_ids))
        .select_related("unit")
        .order_by(F("submitted_at").asc(nulls_last=True), "id")
    )


def assignments_by_initiative(*, council: Council, initiative_ids) -> dict[int, list[Assignment]]:
    """The sheets of a page of the queue, by initiative (one query)."""
    grouped: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in (
        Assignment.objects.filter(council=council, initiative_id__in=list(initiative_ids))
        .select_related("member__user")
        .only(
            "public_id",
            "initiative_id",
            "state",
            "member__role",
            "member__user__username",
            "member__user__full_name",
            "member__user__first_name",
            "member__user__last_name",
        )
        .order_by("initiative_id", "member__user__full_name", "member_id")
    ):
        grouped[assignment.initiative_id].append(assignment)
    return grouped


def council_conflicts(*, council: Council) -> QuerySet[Conflict]:
    """Declared conflicts of the council's people with the initiatives of its queue."""
    return (
        Conflict.objects.filter(
            initiative__in=council_queue(council=council), user__council_seats__council=council
        )
        .select_related("user", "declared_by", "initiative")
        .order_by("-created_at", "-id")
    )


def may_read_dossier(*, user, council: Council, initiative: Initiative) -> bool:
    """Whether `user` reads the dossier (and its files) through the council: its secretary,
    its chair and the members asked to appraise it, unless conflicted; those who follow it."""
    role = seat(user, council)
    if role == CouncilMember.Role.SECRETARY:
        return True
    if role is None:
        return user.has_perm("appraisal.view_queue", council)
    if is_conflicted(user=user, council=council, initiative=initiative):
        return False
    if role == CouncilMember.Role.CHAIR:
        return True
    return Assignment.objects.filter(
        council=council, initiative=initiative, member__user=user
    ).exists()


def criterion_figures(*, result: Result, criteria: list[Criterion]) -> list[dict]:
    """Each criterion with the council's figure for it and whether it is below its minimum
    (no query: from `result`)."""
    failing = {criterion.pk for criterion in result.failing}
    return [
        {
            "criterion": criterion,
            "figure": result.by_criterion.get(criterion.pk),
            "failing": criterion.pk in failing,
        }
        for criterion in criteria
    ]


def sheet_table(
    *, council: Council, initiative: Initiative, criteria: list[Criterion]
) -> list[tuple[Assignment, list[tuple[Criterion, Score | None]]]]:
    """Every sheet of one initiative with (criterion, score) in the criteria's order."""
    rows = []
    for sheet in sheets_of(council=council, initiative=initiative):
        by_criterion = {score.criterion_id: score for score in sheet.scores.all()}
        rows.append((sheet, [(c, by_criterion.get(c.pk)) for c in criteria]))
    return rows


def sheet_scores(*, assignment: Assignment) -> dict[int, Score]:
    return {score.criterion_id: score for score in assignment.scores.all()}


def discussion_of(*, council: Council, initiative: Initiative) -> QuerySet:
    from .models import Discussion

    return (
        Discussion.objects.filter(council=council, initiative=initiative)
        .select_related("author")
        .order_by("created_at", "id")
    )


def discussion_page(*, council: Council, initiative: Initiative, number, per_page: int = 50):
    """One page of the discussion of `initiative` in `council`."""
    return Paginator(discussion_of(council=council, initiative=initiative), per_page).get_page(
        number
    )


def decision_of(*, council: Council, initiative: Initiative) -> Decision | None:
    return (
        Decision.objects.filter(council=council, initiative=initiative)
        .select_related("grade", "decided_by")
        .first()
    )


def member_task_counts(*, user) -> dict[str, int]:
    """How many of a member's sheets in open councils are left and submitted."""
    counts = Assignment.objects.filter(
        member__user=user, council__sealed_at__isnull=True
    ).aggregate(
        left=Count("pk", filter=Q(state=Assignment.State.DRAFT)),
        submitted=Count("pk", filter=Q(state=Assignment.State.SUBMITTED)),
    )
    return {"left": counts["left"] or 0, "submitted": counts["submitted"] or 0}


def undecided_count(*, council: Council) -> int:
    """How many initiatives of the queue have no decision of the council. Every decided one
    is in the queue, so they are those forwarded here without one: no union to read."""
    return _forwarded(council).exclude(decisions__council=council).count()


# --- pages: nomination ------------------------------------------------------------------------


def nomination_target(*, council: Council):
    """The unit whose council receives this council's nominations (None at the top)."""
    from sangtao.orgs.selectors import council_unit_for

    if council.unit.parent_id is None:
        return None
    return council_unit_for(unit=council.unit.parent)


def recognitions_for_nomination(*, council: Council) -> QuerySet:
    """The council's standing recognitions, with where each was proposed (if it was)."""
    from .models import Nomination, Recognition

    nomination = Nomination.objects.filter(
        from_council=council, initiative=OuterRef("initiative_id")
    )
    return (
        Recognition.objects.filter(council=council, withdrawn_at__isnull=True)
        .select_related("initiative", "grade")
        .annotate(
            nominated_to=Subquery(nomination.values("to_unit__name")[:1]),
            nominated_at=Subquery(nomination.values("nominated_at")[:1]),
        )
        .order_by("-total", "initiative_id")
    )


# --- pages: the author's side ----------------------------------------------------------------


def councils_for_author(*, initiative: Initiative) -> QuerySet[Council]:
    """Councils that may appraise `initiative`: of its appraising unit or of the council unit
    above its own unit, in its round."""
    from sangtao.orgs.selectors import council_unit_for

    units = set()
    if initiative.appraisal_unit_id:
        units.add(initiative.appraisal_unit_id)
    home = council_unit_for(unit=initiative.unit)
    if home is not None:
        units.add(home.pk)
    if initiative.round_id is None or not units:
        return Council.objects.none()
    return Council.objects.filter(unit_id__in=units, round_id=initiative.round_id)


def members_for_author(*, initiative: Initiative) -> QuerySet[CouncilMember]:
    """The people who may score `initiative` in those councils (the secretary does not)."""
    return (
        CouncilMember.objects.filter(council__in=councils_for_author(initiative=initiative))
        .exclude(role=CouncilMember.Role.SECRETARY)
        .select_related("user", "council")
        .order_by("council_id", ROLE_ORDER, "id")
    )


def author_conflicts(*, initiative: Initiative) -> QuerySet[Conflict]:
    return (
        Conflict.objects.filter(initiative=initiative, source=Conflict.Source.AUTHOR)
        .select_related("user")
        .order_by("created_at", "id")
    )


class CountedQueue:
    """The council's queue for a `Paginator`, counted by the statement that reads the page
    asked for (`queue_slice`): one pass over a national queue where a count and a page were
    two. When the page asked for is not the one the paginator cuts (a number past the end,
    or not a number), the queue is counted and cut by two statements."""

    def __init__(self, council: Council, number, per_page: int):
        try:
            start = (max(int(number), 1) - 1) * per_page
        except (TypeError, ValueError):
            start = 0
        self.council, self.start, self.stop = council, start, start + per_page
        self.rows: list[int] = []
        self.total: int | None = None

    def count(self) -> int:
        if self.total is None:
            self.rows, self.total = queue_slice(
                council=self.council, start=self.start, stop=self.stop
            )
            if self.total is None:
                self.total = council_queue(council=self.council).count()
        return self.total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, cut: slice) -> list[int]:
        if self.rows and cut.start == self.start and cut.stop <= self.stop:
            return self.rows[: cut.stop - cut.start]
        return queue_slice(council=self.council, start=cut.start, stop=cut.stop)[0]


def queue_page(*, council: Council, number, per_page: int = 50) -> Page:
    """One page of the council's queue, oldest submission first; each row carries its
    sheets (`row.sheets`), how many are assigned and submitted, and its decision's label;
    `page.undecided` counts the queue's initiatives without a decision.

    The page's ids and the queue's count are read in one statement (`CountedQueue`: no 50,000
    rows to read, nor wide ones to sort); its rows, sheets and decisions are then read by id,
    and the undecided are the queue less the council's decisions (every decided initiative
    is in the queue). Six queries whatever the page's size (the council's fields, the page's
    ids with the count, the rows, their decisions, their sheets, the decisions' count).
    """
    page = Paginator(CountedQueue(council, number, per_page), per_page).get_page(number)
    ids = list(page.object_list)
    initiatives = _page_initiatives(council=council, ids=ids)
    sheets = assignments_by_initiative(council=council, initiative_ids=ids)
    rows = [initiatives[pk] for pk in ids]
    for row in rows:
        row.sheets = sheets.get(row.pk, [])
        row.assigned = len(row.sheets)
        row.submitted_sheets = sum(s.state == Assignment.State.SUBMITTED for s in row.sheets)
    page.object_list = rows
    page.undecided = page.paginator.count - Decision.objects.filter(council=council).count()
    return page


def sheets_to_fill(user_ref: str = "pk"):
    """Per user (the outer query's `user_ref`: "pk" on users): the score sheets they still have
    to fill in open councils (a sealed council's missing sheets are no longer anyone's work),
    as an integer expression (registered as a person's load in accounts' people
    picker)."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    # The open council through the seat (a sheet's seat is of its council): the person's
    # seats, then each seat's drafts counted on the (member, state) index alone, not a visit
    # to each sheet's row and council (15,000 drafts of a national round: 50 ms on SQLite).
    open_sheets = (
        Assignment.objects.filter(
            member__user=OuterRef(user_ref),
            state=Assignment.State.DRAFT,
            member__council__sealed_at__isnull=True,
        )
        .order_by()
        .values("member__user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(open_sheets, output_field=IntegerField()), 0)


# --- forwarding: where a dossier can go --------------------------------------------------------


def open_councils_above(
    *, unit, round_id: int, field_id: int | None = None, on=None
) -> list[Council]:
    """The open councils a dossier of `unit` in the round can be forwarded to, nearest first.

    Walking up from `unit` (itself included) through units open today, the first unit with a
    council of the round that is not sealed (and covers the dossier's field) gives the
    choice; when that unit is a member organisation, the councils of the Front committee it
    hangs under are offered too (the plan lets an organisation send its dossiers to the
    Front's council). A member organisation without a council is passed by, so its dossiers
    reach the Front committee of its level. Units open on `on` (today by default). Two
    queries, whatever the depth.
    """
    from sangtao.orgs.models import OrgUnit
    from sangtao.orgs.selectors import current_q

    line = {
        u.pk: u
        for u in OrgUnit.objects.filter(pk__in=unit.ancestor_ids)
        .filter(current_q(on=on))
        .select_related("kind")
    }
    councils = (
        Council.objects.filter(unit_id__in=list(line), round_id=round_id, sealed_at__isnull=True)
        .filter(Q(fields__isnull=True) | Q(fields__id=field_id))
        .select_related("unit__level", "round")
        .distinct()
        .order_by("pk")
    )
    by_unit: dict[int, list[Council]] = defaultdict(list)
    for council in councils:
        by_unit[council.unit_id].append(council)
    ids = [pk for pk in reversed(unit.ancestor_ids) if pk in line]
    for index, pk in enumerate(ids):
        if by_unit.get(pk):
            chosen = list(by_unit[pk])
            if line[pk].kind.code == "member_org":
                front = next(
                    (up for up in ids[index + 1 :] if line[up].kind.code == "front_committee"),
                    None,
                )
                chosen += by_unit.get(front, [])
            return chosen
    return []


# --- what the pages load by the numbers in their URLs -----------------------------------------


def councils_for_pages() -> QuerySet[Council]:
    """Councils with what every council page shows (round, movement, unit's kind and level);
    the pages find theirs with get_object_or_404 and then check who may see it."""
    return Council.objects.select_related("round__movement", "unit__kind", "unit__level")


def council_seats(*, council: Council) -> QuerySet[CouncilMember]:
    """The council's seats with their people and units."""
    return council.members.select_related("user__unit", "council__unit")


def council_seat(*, council: Council, pk) -> CouncilMember | None:
    """One seat of the council (None when the number is not one of its seats)."""
    return council_seats(council=council).filter(pk=pk).first()


def council_assignments(*, council: Council) -> QuerySet[Assignment]:
    """The council's score sheets with their member and initiative."""
    return Assignment.objects.select_related("member__user", "initiative").filter(council=council)


def member_sheets(*, user) -> QuerySet[Assignment]:
    """The score sheets `user` holds, with what their page shows (anyone else's: not here)."""
    return Assignment.objects.select_related(
        "council__round__movement",
        "council__unit",
        "initiative__unit",
        "initiative__field",
        "initiative__round",
        "member__user__unit",
    ).filter(member__user=user)


def authored_initiatives(*, user) -> QuerySet[Initiative]:
    """The initiatives `user` filed, for the author's side of the conflicts."""
    return Initiative.objects.select_related("unit", "round", "appraisal_unit").filter(
        created_by=user
    )


def dossier(*, initiative: Initiative) -> dict:
    """The initiative with its authors and attachments, for the sheet and result pages."""
    return {
        "initiative": initiative,
        "authors": initiative.authors.all(),
        "attachments": initiative.attachments.all(),
    }


def dossier_attachments(*, initiative: Initiative) -> QuerySet:
    return initiative.attachments.all()


def council_declared_conflicts(*, council: Council, initiative: Initiative) -> QuerySet[Conflict]:
    """The conflicts declared with `initiative` by people who sit on `council`."""
    return declared_conflicts(initiative=initiative).filter(user__council_seats__council=council)


# --- how far the council agrees (agreement.py) ------------------------------------------------


@dataclass
class CriterionAgreement:
    criterion: Criterion | None  # None: the weighted totals
    alpha: float | None
    level: str | None


@dataclass
class MemberLeniency:
    member: CouncilMember
    deviation: Decimal  # points of the total, above (+) or below (-) the other members
    shared: int  # initiatives scored with at least one other member


@dataclass
class Agreement:
    """Krippendorff's alpha (interval) per criterion and over the totals, and each member's
    leniency, from the council's submitted sheets. `enough` is False below
    agreement.MIN_PAIRABLE pairable sheets: then no figure is shown."""

    pairable: int
    minimum: int
    overall: CriterionAgreement
    criteria: list[CriterionAgreement]
    leniency: list[MemberLeniency]

    @property
    def enough(self) -> bool:
        return self.pairable >= self.minimum


def withholds_sheets(*, user, council: Council) -> bool:
    """Whether `user` may not yet read the sheets of some initiative of the council's queue."""
    return bool(
        sheets_withheld_in_queue(
            user,
            council,
            lambda: council_queue_ids(council=council),
            lambda: sheet_facts(user=user, council=council, initiative_ids=None),
        )
    )


def _agreement_figures(council: Council, sheets) -> dict:
    """The numbers behind `council_agreement` (plain values, cacheable): two queries."""
    rows = list(sheets.order_by().values_list("member_id", "initiative_id", "total"))
    totals: dict[int, list[float]] = defaultdict(list)
    for _member, initiative_id, total in rows:
        totals[initiative_id].append(float(total))
    units = [agreement.unit_sums(values) for values in totals.values()]
    grouped = (
        Score.objects.filter(assignment__in=sheets, value__isnull=False)
        .order_by()
        .values_list("criterion_id", "assignment__initiative_id")
        .annotate(m=Count("pk"), s=Sum("value"), ss=Sum(F("value") * F("value")))
    )
    by_criterion: dict[int, list[agreement.UnitSums]] = defaultdict(list)
    for criterion_id, _initiative, m, s, ss in grouped:
        by_criterion[criterion_id].append(agreement.UnitSums(m, float(s), float(ss)))
    return {
        "pairable": agreement.pairable_count(units),
        "overall": agreement.interval_alpha(units),
        "criteria": {pk: agreement.interval_alpha(found) for pk, found in by_criterion.items()},
        "leniency": [
            (row.member, row.deviation, row.shared)
            for row in agreement.leniency((m, i, t) for m, i, t in rows)
        ],
    }


def council_agreement(*, council: Council) -> Agreement:
    """How far the council's members agree, for the chair and the secretary (who may see it:
    `appraisal.view_agreement`). Cached beside the council's figures (the same sheets give
    the same numbers); four queries at most, whatever the number of sheets."""
    figures = Figures(council)
    key = f"{figures.key}:agreement"
    numbers = cache.get(key)
    if numbers is None:
        numbers = _agreement_figures(council, figures.sheets)
        cache.set(key, numbers, FIGURES_CACHE_SECONDS)
    members = CouncilMember.objects.select_related("user").in_bulk(
        [member for member, _d, _s in numbers["leniency"]]
    )

    def said(criterion, alpha):
        return CriterionAgreement(criterion, alpha, agreement.level(alpha))

    return Agreement(
        pairable=numbers["pairable"],
        minimum=agreement.MIN_PAIRABLE,
        overall=said(None, numbers["overall"]),
        criteria=[said(c, numbers["criteria"].get(c.pk)) for c in figures.criteria],
        leniency=[
            MemberLeniency(members[pk], scoring.quantize(deviation), shared)
            for pk, deviation, shared in numbers["leniency"]
        ],
    )


def meeting_attendance(*, council: Council) -> set[int]:
    """The seats ticked present on the meeting form: as recorded, or, before anything is
    recorded, whoever submitted a sheet of the council and the secretary."""
    seats = council.members.all()
    if seats.filter(present__isnull=False).exists():
        return set(seats.filter(present=True).values_list("pk", flat=True))
    submitted = council.assignments.filter(state=Assignment.State.SUBMITTED)
    return set(submitted.values_list("member_id", flat=True)) | set(
        seats.filter(role=CouncilMember.Role.SECRETARY).values_list("pk", flat=True)
    )


# --- who stands aside, who votes -------------------------------------------------------------

# Why a seat stands aside on an initiative.
ASIDE_DECLARED, ASIDE_AUTHOR, ASIDE_UNIT = "declared", "author", "unit"


def conflicted_seats(*, council: Council, initiative_ids) -> dict[int, dict[int, str]]:
    """{initiative id: {seat id: why}} of the council's seats that may not score or vote on
    each initiative: a declared conflict, an author (the filer or a linked co-author), or a
    member of the initiative's unit (the rule that hands out sheets). Four queries."""
    from .conflicts import unit_conflict

    ids = list(initiative_ids)
    initiatives = Initiative.objects.filter(pk__in=ids).select_related("unit")
    seats = list(council.members.select_related("user__unit"))
    declared = set(
        Conflict.objects.filter(initiative__in=ids).values_list("initiative_id", "user_id")
    )
    authors = set(
        InitiativeAuthor.objects.filter(initiative__in=ids, user__isnull=False).values_list(
            "initiative_id", "user_id"
        )
    )
    found: dict[int, dict[int, str]] = {}
    for initiative in initiatives:
        aside = found.setdefault(initiative.pk, {})
        for seat_ in seats:
            pair = (initiative.pk, seat_.user_id)
            if pair in declared:
                aside[seat_.pk] = ASIDE_DECLARED
            elif pair in authors or initiative.created_by_id == seat_.user_id:
                aside[seat_.pk] = ASIDE_AUTHOR
            elif unit_conflict(
                member_unit=seat_.user.unit,
                initiative_unit=initiative.unit,
                council_unit=council.unit,
            ):
                aside[seat_.pk] = ASIDE_UNIT
    return found


def voters(*, council: Council, initiative: Initiative) -> int:
    """How many seats may vote on `initiative`: those present at the meeting (every seat while
    attendance is not recorded) without a conflict of interest with it."""
    seats = council.members.all()
    if seats.filter(present__isnull=False).exists():
        seats = seats.filter(present=True)
    aside = conflicted_seats(council=council, initiative_ids=[initiative.pk]).get(initiative.pk, {})
    return sum(1 for pk in seats.values_list("pk", flat=True) if pk not in aside)


def submitted_pairs(*, council: Council) -> set[tuple[int, int]]:
    """{(initiative id, seat id)} of the council's submitted score sheets."""
    return set(
        council.assignments.filter(state=Assignment.State.SUBMITTED).values_list(
            "initiative_id", "member_id"
        )
    )


# --- what the lower levels did ---------------------------------------------------------------


@dataclass
class LowerLevel:
    """A lower council's work on an initiative proposed up to this council, read-only: its
    decision, figures per criterion and spread, and the nomination's note (its reasons)."""

    nomination: object
    council: Council
    decision: Decision | None
    result: Result
    criteria: list[dict]


def _lower_nominations(council: Council, initiative: Initiative) -> QuerySet:
    from .models import Nomination

    return (
        Nomination.objects.filter(
            initiative=initiative,
            from_council__sealed_at__isnull=False,
            from_council__unit__path__startswith=council.unit.path,
        )
        .exclude(from_council__unit=council.unit)
        .select_related("from_council__unit__level", "from_council__round", "to_unit")
        .order_by("-from_council__unit__level__rank", "nominated_at", "id")
    )


def lower_council(*, council: Council, initiative: Initiative, pk: int) -> Council | None:
    """The sealed council below `council` of `pk` that proposed `initiative` upward, or None."""
    nomination = _lower_nominations(council, initiative).filter(from_council_id=pk).first()
    return nomination.from_council if nomination else None


def lower_levels(*, council: Council, initiative: Initiative) -> list[LowerLevel]:
    """The councils below `council` that proposed `initiative` upward, lowest level first,
    each with what it decided and scored (sealed councils only: what they sealed)."""
    found = []
    for nomination in _lower_nominations(council, initiative):
        lower = nomination.from_council
        result = initiative_result(council=lower, initiative=initiative)
        found.append(
            LowerLevel(
                nomination=nomination,
                council=lower,
                decision=decision_of(council=lower, initiative=initiative),
                result=result,
                criteria=criterion_figures(result=result, criteria=council_criteria(council=lower)),
            )
        )
    return found


def councils_receiving(*, council: Council) -> QuerySet[Council]:
    """The councils above `council` that received an initiative it proposed (same round)."""
    from .models import Nomination

    units = Nomination.objects.filter(from_council=council).values("to_unit")
    return Council.objects.filter(unit__in=units, round=council.round_id)
