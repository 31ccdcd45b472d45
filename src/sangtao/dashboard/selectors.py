"""Reads of the dashboard: the figures of a person's subtree, aggregated in SQL.

Every figure is a GROUP BY over the initiatives of the subtree (one indexed path range per
subtree the person covers, or the unit they chose), never a query per unit or per row: the page
runs the same statements at 1 initiative and at a million. The figures of one subtree and one
set of filters are kept in the cache for `CACHE_SECONDS` (the key names the paths, the unit,
the year and the round), so a leader who opens the page twice in a minute waits once.

What each figure means:

- the funnel counts initiatives that reached a stage at least once: created (drafts included),
  submitted (`submitted_at` set), sent to a council (`appraisal_unit` set), recognised (a
  standing recognition, not withdrawn) and nominated to the next level (a nomination);
- "by field / level / year / unit" count the initiatives filed (submitted at least once) and,
  beside them, those recognised; the level is the level of the initiative's own unit, the year
  the year of its round;
- participation counts units that submitted at least one initiative before the 1 July 2025
  reform (`MERGER_DATE`) and from it on, out of the units of the subtree in force then;
- money saved is what the dossiers state as `yearly_saving_vnd` (the author's estimate of the
  yearly saving, in đồng): summed over the recognised initiatives and over all those filed.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Concat
from django.utils import timezone

from sangtao.accounts.scope import role_paths
from sangtao.appraisal.models import Nomination, Recognition, RecognitionDecision
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State
from sangtao.movements.models import Field, Grade, Milestone, Round
from sangtao.orgs.models import Level, OrgUnit
from sangtao.orgs.selectors import subtree_q

from .models import (
    SUMMARY_DEPTH,
    TOP_KEPT,
    NewestRecognition,
    PartUnits,
    SummaryChange,
    SummaryCount,
    SummaryRun,
    TopUnit,
    UnitCount,
)
from .rules import DASHBOARD_ROLES

# The reform that merged communes and removed the district level took effect on this day.
MERGER_DATE = datetime.date(2025, 7, 1)
CACHE_SECONDS = 300
TOP_UNITS = TOP_KEPT
NEWEST_RECOGNITIONS = 8
UNIT_CHOICES = 300
UPCOMING_MILESTONES = 8


@dataclass(frozen=True)
class Filters:
    """What the dashboard shows: the subtrees read (`paths`: the unit chosen, or the outermost
    units the person covers) and the year or round chosen."""

    paths: tuple[str, ...]
    unit: OrgUnit | None = None
    year: int | None = None
    round: Round | None = None

    def subtree_q(self, prefix: str = "") -> Q:
        query = Q(pk__in=[])
        for path in self.paths:
            query |= subtree_q(path, prefix=prefix)
        return query

    @property
    def year_shown(self) -> int | None:
        """The year the dashboard shows: the one chosen, or the chosen round's."""
        return self.year or (self.round.year if self.round else None)

    @property
    def cache_key(self) -> str:
        parts = [
            ",".join(self.paths),
            str(self.unit.pk if self.unit else ""),
            str(self.year or ""),
            str(self.round.pk if self.round else ""),
        ]
        digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
        return f"dashboard:figures:v1:{digest}"


def outer_paths(*, user) -> tuple[str, ...]:
    """The paths of the outermost units the person covers with a staff role (no path inside
    another)."""
    paths = sorted({p for role in DASHBOARD_ROLES for p in role_paths(user).get(role, ())})
    outer: list[str] = []
    for path in paths:
        if not any(path.startswith(kept) for kept in outer):
            outer.append(path)
    return tuple(outer)


def unit_choices(*, roots: list[OrgUnit]) -> list[OrgUnit]:
    """The units the unit picker offers: the person's outermost units (`roots`, from
    `units_at`) and their children (closed ones too, for the years before a merger), at most
    UNIT_CHOICES. (By the roots' ids: with the roots in a subquery PostgreSQL walks every
    unit by path, 30 ms for a province at 20,000 units; 0.4 ms from the ids.)"""
    if not roots:
        return []
    ids = [unit.pk for unit in roots]
    return list(
        OrgUnit.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids))
        .only("pk", "name", "path", "depth", "valid_to")
        .order_by("path")[:UNIT_CHOICES]
    )


def round_choices(*, paths: tuple[str, ...]) -> list[Round]:
    """Rounds of the movements run by a unit of these subtrees or by one of their ancestors
    (a commune's initiatives belong to the province's movement), newest year first."""
    ancestors = {int(part) for path in paths for part in path.strip("/").split("/") if part}
    query = Q(movement__unit_id__in=ancestors)
    for path in paths:
        query |= subtree_q(path, prefix="movement__unit__")
    return list(
        Round.objects.filter(query)
        .select_related("movement")
        .only("pk", "year", "name", "movement__name")
        .order_by("-year", "movement__name", "pk")
    )


def initiatives_in(filters: Filters) -> QuerySet[Initiative]:
    """The initiatives of the subtree, of the round or year chosen; no ordering (for GROUP BY)."""
    return _narrowed(Initiative.objects.filter(filters.subtree_q("unit__")), filters, "")


def _narrowed(rows: QuerySet, filters: Filters, prefix: str) -> QuerySet:
    """`rows` (initiatives, or rows reaching them through `prefix`) of the round or year chosen.

    Which index the database should start from depends on the subtree: the whole tree's
    initiatives of one year are fewer than all of them (start from the rounds), but a
    province's (a thirtieth of the country at most) or a commune's are fewer than the
    country's of one year (start from the units' path range, and check the round on each row:
    `round_id + 0` hides the round's index from the planner, which otherwise reads every
    initiative of the year). Measured at 100,000 initiatives: the largest province's year
    427 ms from the rounds, under half of it from its path range.
    """
    if filters.round is None and filters.year is None:
        return rows.order_by()
    if filters.round is not None:
        rounds = [filters.round.pk]
    else:
        rounds = list(Round.objects.filter(year=filters.year).values_list("pk", flat=True))
    if all(path.count("/") > 2 for path in filters.paths):  # below the root of the tree
        rows = rows.alias(_round_unindexed=F(f"{prefix}round_id") + 0).filter(
            _round_unindexed__in=rounds
        )
    else:
        rows = rows.filter(**{f"{prefix}round_id__in": rounds})
    return rows.order_by()


@dataclass
class Row:
    """One line of a breakdown: its label, the initiatives filed and those recognised."""

    key: object
    label: str
    filed: int = 0
    recognised: int = 0


@dataclass
class Figures:
    """The dashboard's numbers for one subtree and one set of filters."""

    created: int = 0
    submitted: int = 0
    forwarded: int = 0
    recognised: int = 0
    nominated: int = 0
    by_state: list[Row] = field(default_factory=list)
    by_field: list[Row] = field(default_factory=list)
    by_level: list[Row] = field(default_factory=list)
    by_year: list[Row] = field(default_factory=list)
    top_units: list[Row] = field(default_factory=list)
    units_filing: int = 0
    units_before: int = 0
    units_after: int = 0
    participants_before: int = 0
    participants_after: int = 0
    units_closed_by_merger: int = 0
    saving_recognised: int = 0
    saving_recognised_count: int = 0
    saving_filed: int = 0
    saving_filed_count: int = 0
    newest: list[dict] = field(default_factory=list)
    computed_at: datetime.datetime | None = None
    # When the counts were summarised ahead (a wide subtree, models.py), else None (live).
    summarised_at: datetime.datetime | None = None

    @property
    def funnel(self) -> list[tuple[str, int]]:
        return [
            ("created", self.created),
            ("submitted", self.submitted),
            ("forwarded", self.forwarded),
            ("recognised", self.recognised),
            ("nominated", self.nominated),
        ]

    @property
    def participation_before(self) -> int | None:
        """Per cent of the units in force before the reform that filed then (None: no unit)."""
        return _percent(self.participants_before, self.units_before)

    @property
    def participation_after(self) -> int | None:
        return _percent(self.participants_after, self.units_after)


def _percent(part: int, whole: int) -> int | None:
    return round(part * 100 / whole) if whole else None


def figures(*, filters: Filters) -> Figures:
    """The dashboard's numbers, from the cache when they were computed less than
    CACHE_SECONDS ago for the same subtree and filters (and, for a wide subtree, from the same
    summary: a refresh shows at once)."""
    run = _summary_run(filters)
    key = f"{filters.cache_key}:{run.pk}" if run is not None else filters.cache_key
    cached = cache.get(key)
    if cached is None:
        if run is not None:
            cached = summarised_figures(filters=filters, run=run)
        else:
            cached = live_figures(filters=filters)
        cache.set(key, cached, CACHE_SECONDS)
    return cached


def summary_pending() -> bool:
    """Whether a write changed the counts since the summary was last computed (the page says
    an update is on its way)."""
    return SummaryChange.objects.exists()


def _groups(rows):
    """Created, submitted, sent to a council and the estimated saving, by state, field, level
    of the unit and year of the round (one statement)."""
    return list(
        rows.values("state", "field_id", "unit__level_id", "round__year").annotate(
            total=Count("pk"),
            submitted=Count("pk", filter=Q(submitted_at__isnull=False)),
            forwarded=Count("pk", filter=Q(appraisal_unit__isnull=False)),
            saving=Sum("yearly_saving_vnd", filter=Q(submitted_at__isnull=False)),
            with_saving=Count(
                "pk", filter=Q(submitted_at__isnull=False, yearly_saving_vnd__isnull=False)
            ),
        )
    )


def _recognised_groups(rows, standing):
    """The same split of the initiatives with a standing recognition (one statement)."""
    return list(
        rows.filter(standing)
        .values("field_id", "unit__level_id", "round__year")
        .annotate(
            total=Count("pk"),
            saving=Sum("yearly_saving_vnd"),
            with_saving=Count("pk", filter=Q(yearly_saving_vnd__isnull=False)),
        )
    )


def _per_unit(rows, merger) -> list[dict]:
    """Per unit with filed initiatives: how many, before and after the reform (for the
    participation and the top units; one statement)."""
    # (The condition on `submitted_at` is inside the counts, not in a WHERE: there it would
    # tempt the planner to read the whole index on the submission dates. Grouped by the unit's
    # path, which the path range already reads in order: by `unit_id` the planner would walk
    # the whole index of initiatives by unit to save itself a sort.)
    return [
        row
        for row in rows.values("unit__path").annotate(
            total=Count("pk", filter=Q(submitted_at__isnull=False)),
            before=Count("pk", filter=Q(submitted_at__lt=merger)),
            after=Count("pk", filter=Q(submitted_at__gte=merger)),
        )
        if row["total"]
    ]


def _unit_counts(filters: Filters) -> dict:
    """The units of the subtree in force before and after the reform, and those it closed
    (one statement)."""
    day_before = MERGER_DATE - datetime.timedelta(days=1)
    return OrgUnit.objects.filter(filters.subtree_q()).aggregate(
        before=Count("pk", filter=Q(valid_from__isnull=True) | Q(valid_from__lt=MERGER_DATE)),
        after=Count("pk", filter=Q(valid_to__isnull=True) | Q(valid_to__gte=MERGER_DATE)),
        closed=Count("pk", filter=Q(valid_to=day_before)),
    )


def _totals(result: Figures, groups, recognised_groups) -> None:
    """Created, submitted, forwarded, recognised and the savings, over every group."""
    result.created = sum(g["total"] for g in groups)
    result.submitted = sum(g["submitted"] for g in groups)
    result.forwarded = sum(g["forwarded"] for g in groups)
    result.recognised = sum(g["total"] for g in recognised_groups)
    result.saving_filed = sum(g["saving"] or 0 for g in groups)
    result.saving_filed_count = sum(g["with_saving"] for g in groups)
    result.saving_recognised = sum(g["saving"] or 0 for g in recognised_groups)
    result.saving_recognised_count = sum(g["with_saving"] for g in recognised_groups)


def _splits(result: Figures, groups, recognised_groups) -> None:
    """The initiatives by state, field, level and year (two statements: the names of the
    fields and of the levels)."""
    # The states' names are translated when shown (charts.py): the cache is shared by every
    # language.
    by_state = _tally(groups, "state", "total")
    result.by_state = [
        Row(key=code, label=code, filed=by_state[code])
        for code in State.values
        if by_state.get(code)
    ]
    # The names of the fields (fields of several movements with one name are one row)
    # and of the levels.
    field_filed = _tally(groups, "field_id", "submitted")
    field_recognised = _tally(recognised_groups, "field_id", "total")
    field_ids = {key for key in field_filed | field_recognised if key is not None}
    fields = {
        pk: (name, order)
        for pk, name, order in Field.objects.filter(pk__in=field_ids).values_list(
            "pk", "name", "order"
        )
    }
    result.by_field = _merge_by_label(
        field_filed, field_recognised, lambda key: fields.get(key, ("", 999))
    )
    levels = {
        pk: (name, rank) for pk, name, rank in Level.objects.values_list("pk", "name", "rank")
    }
    result.by_level = _merge_by_label(
        _tally(groups, "unit__level_id", "submitted"),
        _tally(recognised_groups, "unit__level_id", "total"),
        lambda key: levels.get(key, ("", 999)),
    )
    year_filed = _tally(groups, "round__year", "submitted")
    year_recognised = _tally(recognised_groups, "round__year", "total")
    result.by_year = [
        Row(
            key=year,
            label=str(year),
            filed=year_filed.get(year, 0),
            recognised=year_recognised.get(year, 0),
        )
        for year in sorted(key for key in year_filed | year_recognised if key is not None)
        if year_filed.get(year) or year_recognised.get(year)
    ]


def _participation(result: Figures, per_unit: list[dict], units: dict) -> None:
    """How many units filed, before and after the reform, out of how many."""
    result.units_filing = len(per_unit)
    result.participants_before = sum(1 for row in per_unit if row["before"])
    result.participants_after = sum(1 for row in per_unit if row["after"])
    result.units_before, result.units_after = units["before"], units["after"]
    result.units_closed_by_merger = units["closed"]


def _top_units(rows, per_unit: list[dict], standing) -> list[Row]:
    """The units that filed most, with their recognised initiatives (two statements)."""
    top = sorted(per_unit, key=lambda row: (-row["total"], row["unit__path"]))[:TOP_UNITS]
    # The names of the top units and their recognised initiatives.
    named = {
        path: (pk, name)
        for path, pk, name in OrgUnit.objects.filter(
            path__in=[row["unit__path"] for row in top]
        ).values_list("path", "pk", "name")
    }
    top_ids = [pk for pk, _name in named.values()]
    top_recognised = dict(
        rows.filter(standing, unit_id__in=top_ids)
        .values("unit_id")
        .annotate(total=Count("pk"))
        .values_list("unit_id", "total")
    )
    return [
        Row(
            key=named[row["unit__path"]][0],
            label=named[row["unit__path"]][1],
            filed=row["total"],
            recognised=top_recognised.get(named[row["unit__path"]][0], 0),
        )
        for row in top
    ]


def _summary_run(filters: Filters) -> SummaryRun | None:
    """The last summary, when the subtrees are wide enough to read it (the country, a
    province) and one exists; else None (counted live)."""
    if all(path.count("/") - 2 <= SUMMARY_DEPTH for path in filters.paths):
        return SummaryRun.objects.order_by("-refreshed_at").first()
    return None


def compute_figures(*, filters: Filters) -> Figures:
    """The dashboard's numbers: from the summary counted ahead for a wide subtree (the
    country, a province) once one exists, else counted now from the initiatives."""
    run = _summary_run(filters)
    if run is not None:
        return summarised_figures(filters=filters, run=run)
    return live_figures(filters=filters)


def live_figures(*, filters: Filters) -> Figures:
    """The dashboard's numbers, computed now: a fixed number of statements (eleven), whatever
    the size of the subtree."""
    result = Figures(computed_at=timezone.now())
    rows = initiatives_in(filters)
    # (EXISTS per row, through the recognition's initiative index: IN would first collect
    # every standing recognition of the country.)
    standing = Exists(
        Recognition.objects.filter(initiative=OuterRef("pk"), withdrawn_at__isnull=True)
    )
    groups = _groups(rows)
    recognised_groups = _recognised_groups(rows, standing)
    result.nominated = rows.filter(
        Exists(Nomination.objects.filter(initiative=OuterRef("pk")))
    ).count()
    per_unit = _per_unit(rows, merger_instant())
    units = _unit_counts(filters)
    _totals(result, groups, recognised_groups)
    _splits(result, groups, recognised_groups)
    _participation(result, per_unit, units)
    result.top_units = _top_units(rows, per_unit, standing)
    result.newest = newest_recognitions(filters=filters)
    return result


def summarised_figures(*, filters: Filters, run: SummaryRun) -> Figures:
    """The dashboard's numbers from the summary (services.summary_refresh): the same figures
    as `live_figures` when nothing changed since `run`, from thousands of rows instead of
    every initiative of the subtree; the newest recognitions and the units in force are read
    live (both are quick at any size). Nine statements."""
    result = Figures(computed_at=run.refreshed_at, summarised_at=run.refreshed_at)
    counts = SummaryCount.objects.filter(_summary_q(filters))
    if filters.round is not None:
        counts = counts.filter(round_id=filters.round.pk)
    elif filters.year is not None:
        counts = counts.filter(year=filters.year)
    sums = list(
        counts.values("state", "field_id", "level_id", "year")
        .order_by()
        .annotate(
            **{
                name: Sum(name)
                for name in (
                    "total",
                    "submitted",
                    "forwarded",
                    "nominated",
                    "recognised",
                    "saving_filed",
                    "saving_filed_count",
                    "saving_recognised",
                    "saving_recognised_count",
                )
            }  # fmt: skip
        )
    )
    groups, recognised_groups = [], []
    for row in sums:
        keys = {"field_id": row["field_id"], "unit__level_id": row["level_id"]}
        keys["round__year"] = row["year"]
        groups.append(
            {
                **keys,
                "state": row["state"],
                "total": row["total"],
                "submitted": row["submitted"],
                "forwarded": row["forwarded"],
                "saving": row["saving_filed"],
                "with_saving": row["saving_filed_count"],
            }
        )
        recognised_groups.append(
            {
                **keys,
                "total": row["recognised"],
                "saving": row["saving_recognised"],
                "with_saving": row["saving_recognised_count"],
            }
        )
    result.nominated = sum(row["nominated"] for row in sums)
    _totals(result, groups, recognised_groups)
    _splits(result, groups, recognised_groups)
    _summarised_units(result, filters)
    newest = NewestRecognition.objects.filter(filters.subtree_q())
    if filters.round is not None:
        newest = newest.filter(scope=NewestRecognition.ROUND, round_id=filters.round.pk)
    elif filters.year is not None:
        newest = newest.filter(scope=NewestRecognition.ROUND, year=filters.year)
    else:
        newest = newest.filter(scope=NewestRecognition.ALL)
    newest_ids = newest.order_by("-recognised_at", "-recognition_id").values("recognition_id")
    result.newest = _recognitions_shown(
        Recognition.objects.filter(pk__in=newest_ids[:NEWEST_RECOGNITIONS]),
        NEWEST_RECOGNITIONS,
    )
    return result


def _summary_q(filters: Filters) -> Q:
    """SummaryCount's rows of the subtrees: a whole tree's own sums when a path is a root
    (the country), else the parts under the path."""
    query = Q(pk__in=[])
    for path in filters.paths:
        if path.count("/") == 2:
            query |= Q(scope=SummaryCount.TREE, path=path)
        else:
            query |= Q(subtree_q(path), scope=SummaryCount.PART)
    return query


def _scoped(rows: QuerySet, filters: Filters) -> QuerySet:
    """The summary's `rows` (PartUnits, TopUnit) of the subtree for the round, the year or
    every round chosen (the index's order: scope, year, round, path)."""
    rows = rows.filter(filters.subtree_q())
    if filters.round is not None:
        round = filters.round
        return rows.filter(scope=UnitCount.ROUND, year=round.year, round_id=round.pk)
    if filters.year is not None:
        return rows.filter(scope=UnitCount.YEAR, year=filters.year)
    return rows.filter(scope=UnitCount.ALL)


def _summarised_units(result: Figures, filters: Filters) -> None:
    """Participation and the units that file most, from the summary: the sums of the parts'
    units that filed, and the first of their top units (a few hundred rows at most; with the
    units in force and the top units' names, four statements)."""
    sums = _scoped(PartUnits.objects.order_by(), filters).aggregate(
        filing=Sum("filing"), before=Sum("before"), after=Sum("after")
    )
    result.units_filing = sums["filing"] or 0
    result.participants_before = sums["before"] or 0
    result.participants_after = sums["after"] or 0
    unit_counts = _unit_counts(filters)
    result.units_before, result.units_after = unit_counts["before"], unit_counts["after"]
    result.units_closed_by_merger = unit_counts["closed"]
    top = list(
        _scoped(TopUnit.objects, filters)
        .order_by("-filed", "unit_path")
        .values_list("unit_id", "filed", "recognised")[:TOP_UNITS]
    )
    names = dict(
        OrgUnit.objects.filter(pk__in=[unit_id for unit_id, *_counts in top]).values_list(
            "pk", "name"
        )
    )
    result.top_units = [
        Row(key=unit_id, label=names.get(unit_id, ""), filed=filed, recognised=recognised)
        for unit_id, filed, recognised in top
    ]


def newest_recognitions(*, filters: Filters, limit: int = NEWEST_RECOGNITIONS) -> list[dict]:
    """The latest standing recognitions of initiatives of the subtree, as plain values."""
    every_year = filters.year is None and filters.round is None
    if every_year and all(path.count("/") <= 3 for path in filters.paths):
        recognitions = _newest_first(filters)
    else:
        recognitions = _narrowed(
            Recognition.objects.filter(
                filters.subtree_q("initiative__unit__"), withdrawn_at__isnull=True
            ),
            filters,
            "initiative__",
        )
    # The newest ids first, in a subquery that reads the initiatives' index alone (unit,
    # round): the titles and names only for those (a province's year: 200 ms to a few).
    # No join to the grades here: through the small grade table the planner would read every
    # recognition of the country. Their names come in a second statement.
    newest_ids = recognitions.order_by("-recognised_at", "-id").values("pk")[:limit]
    return _recognitions_shown(Recognition.objects.filter(pk__in=newest_ids), limit)


def _recognitions_shown(recognitions: QuerySet[Recognition], limit: int) -> list[dict]:
    """The standing ones of `recognitions`, newest first, as the page shows them (two
    statements: the rows, and their grades' names)."""
    newest = list(
        recognitions.filter(withdrawn_at__isnull=True)
        .order_by("-recognised_at", "-id")
        .values(
            "recognised_at",
            "grade_id",
            "initiative__public_id",
            "initiative__title",
            "initiative__unit__name",
            "unit__name",
        )[:limit]
    )
    grades = dict(
        Grade.objects.filter(pk__in={row["grade_id"] for row in newest}).values_list("pk", "name")
    )
    for row in newest:
        row["grade__name"] = grades.get(row["grade_id"], "")
    return newest


def _newest_first(filters: Filters) -> QuerySet[Recognition]:
    """The standing recognitions of a country's or a province's subtree, every year, for
    walking the recognitions from the newest (index `recognition_newest`) and stopping at the
    first few of the subtree: the path range is hidden from the planner (an expression of the
    column), which would otherwise collect every initiative of the subtree first (5 s for the
    country at 1,000,000 initiatives on SQLite). Not for a year: a year under way has few
    recognitions, and the walk would read every older one."""
    recognitions = Recognition.objects.filter(withdrawn_at__isnull=True).alias(
        _unit_path=Concat("initiative__unit__path", Value(""), output_field=CharField())
    )
    within = Q(pk__in=[])
    for path in filters.paths:
        within |= Q(_unit_path__gte=path, _unit_path__lt=path[:-1] + "0")
    return recognitions.filter(within)


def merger_instant() -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(MERGER_DATE, datetime.time.min))


def _tally(groups: list[dict], key: str, value: str) -> dict:
    totals: dict = {}
    for group in groups:
        totals[group[key]] = totals.get(group[key], 0) + group[value]
    return totals


def _merge_by_label(filed: dict, recognised: dict, describe) -> list[Row]:
    """Rows by the label `describe(key)` gives ((label, order)), summing keys of one label."""
    rows: dict[str, Row] = {}
    orders: dict[str, int] = {}
    for key in filed.keys() | recognised.keys():
        if key is None:
            continue
        label, order = describe(key)
        row = rows.setdefault(label, Row(key=key, label=label))
        orders[label] = min(order, orders.get(label, order))
        row.filed += filed.get(key, 0)
        row.recognised += recognised.get(key, 0)
    return [
        row
        for row in sorted(rows.values(), key=lambda row: (orders[row.label], row.label))
        if row.filed or row.recognised
    ]


@dataclass
class MilestoneProgress:
    """The milestones of the movements run in the subtree: done against due (read-only)."""

    total: int
    done: int
    overdue: int
    upcoming: list[Milestone]

    @property
    def percent_done(self) -> int | None:
        return _percent(self.done, self.total)


def milestone_progress(*, filters: Filters) -> MilestoneProgress:
    """Two statements: the counts, and the next milestones not yet done."""
    milestones = Milestone.objects.filter(filters.subtree_q("movement__unit__"))
    if filters.round is not None:
        milestones = milestones.filter(movement_id=filters.round.movement_id)
    if filters.year is not None or filters.round is not None:
        year = filters.round.year if filters.round is not None else filters.year
        milestones = milestones.filter(due_on__year=year)
    today = timezone.localdate()
    counts = milestones.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(done_on__isnull=False)),
        overdue=Count("pk", filter=Q(done_on__isnull=True, due_on__lt=today)),
    )
    upcoming = list(
        milestones.filter(done_on__isnull=True)
        .select_related("movement")
        .order_by("due_on", "id")[:UPCOMING_MILESTONES]
    )
    return MilestoneProgress(
        total=counts["total"], done=counts["done"], overdue=counts["overdue"], upcoming=upcoming
    )


# --- the lists a Front office asks for (XLSX, built in the background) ------------------------


def recognised_list(*, unit: OrgUnit, year: int) -> QuerySet[Recognition]:
    """Standing recognitions made by the councils of `unit`'s subtree for rounds of `year`."""
    return Recognition.objects.filter(
        subtree_q(unit.path, prefix="unit__"),
        withdrawn_at__isnull=True,
        council__round__year=year,
    ).select_related("initiative__unit", "initiative__field", "unit__level", "grade", "council")


def recognition_decisions(recognition_ids: list[int]) -> dict[int, tuple[str, object]]:
    """{recognition id: (number, date)} of the recognition decisions: the one recorded on the
    recognition's council (`appraisal.RecognitionDecision`), else the one printed on the
    certificates issued for it before decisions were recorded (the earliest not revoked)."""
    from sangtao.certificates.models import Certificate

    decisions: dict[int, tuple[str, object]] = {
        recognition_id: (f"{number}/{code}", date)
        for recognition_id, number, code, date in RecognitionDecision.objects.filter(
            council__recognitions__in=recognition_ids
        ).values_list("council__recognitions", "number", "code", "date")
    }
    for recognition_id, number, date in (
        Certificate.objects.filter(recognition_id__in=recognition_ids, revoked_at__isnull=True)
        .order_by("recognition_id", "issued_at", "id")
        .values_list("recognition_id", "decision_number", "decision_date")
    ):
        decisions.setdefault(recognition_id, (number, date))
    return decisions


def nominations_list(*, unit: OrgUnit, year: int) -> QuerySet[Nomination]:
    """Nominations sent up by the councils of `unit`'s subtree for rounds of `year`."""
    return Nomination.objects.filter(
        subtree_q(unit.path, prefix="from_council__unit__"),
        from_council__round__year=year,
    ).select_related("initiative__unit", "initiative__field", "from_council__unit", "to_unit")


def honours_list(*, unit: OrgUnit, year: int):
    """Honours confirmed in the decided honours rounds of `unit`'s subtree for `year`."""
    from sangtao.honours.models import Honour, HonoursRound

    return Honour.objects.filter(
        subtree_q(unit.path, prefix="round__unit__"),
        round__year=year,
        round__state=HonoursRound.State.DECIDED,
        confirmed=True,
    ).select_related("round__unit", "unit", "initiative")


def units_at(*, paths) -> list[OrgUnit]:
    """The units at `paths`, in tree order (the roots of a person's dashboard)."""
    return list(OrgUnit.objects.filter(path__in=paths).order_by("path"))
