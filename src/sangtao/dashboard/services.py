"""Writes of the dashboard: the summary of counts it reads for wide subtrees (models.py)."""

import datetime
import time

from django.db import connection, transaction
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Sum, Value, Window
from django.db.models.functions import RowNumber, StrIndex, Substr
from django.utils import timezone

from sangtao.appraisal.models import Nomination, Recognition
from sangtao.initiatives.models import Initiative

from .models import (
    TOP_KEPT,
    NewestRecognition,
    PartUnits,
    SummaryChange,
    SummaryCount,
    SummaryRun,
    TopUnit,
    UnitCount,
)

# The newest recognitions kept per part and round: as many as the page shows.
NEWEST_KEPT = 8
# The audit actions of writes that can change the summary's counts: initiatives filed,
# returned, withdrawn, recognised, nominated (councils seal and reopen), units created, moved,
# merged or closed, rounds and fields edited, data generated.
COUNTED_ACTIONS = (
    "initiative.", "council.", "decision.", "unit.", "round.", "field.", "synthetic.",
)  # fmt: skip


def note_change(sender, instance, created: bool, **kwargs) -> None:
    """On an audit entry of a write that changes counts (post_save, apps.py), note that the
    summary is out of date: in the write's own transaction, so a change is never lost between
    its commit and the refresh. (Derived bookkeeping, not an act of a person: no audit.)"""
    if created and instance.action.startswith(COUNTED_ACTIONS):
        SummaryChange.objects.create(action=instance.action, at=instance.at)


# A summary older than this is counted again even without a noted change: a write that left
# no audit entry (a script, the synthetic data's bulk inserts) shows by the next day.
SUMMARY_MAX_AGE = datetime.timedelta(hours=24)
# After a refresh that took s seconds the next waits SPACING × s: the refresh holds SQLite's
# single writer for its whole length (30 s at 1,000,000 initiatives), so it takes at most a
# quarter of the time however busy the writes are (a refresh of a second waits 3 s).
SPACING = 3


def summary_refresh_when_changed(*, merger) -> SummaryRun | None:
    """Count again if a change was noted since the last refresh (and SPACING times its length
    has passed since it ended), or if the summary is a day old: what the timer runs every
    minute, so the figures follow a write within a minute or two. Else nothing (None).
    Without any summary yet (a fresh install counts live), the first noted change makes one."""
    run = SummaryRun.objects.order_by("-refreshed_at").first()
    now = timezone.now()
    if run is not None and run.refreshed_at < now - SUMMARY_MAX_AGE:
        return summary_refresh(merger=merger)
    if not SummaryChange.objects.exists():
        return None
    if run is not None and now < run.refreshed_at + datetime.timedelta(
        seconds=SPACING * run.seconds
    ):
        return None
    return summary_refresh(merger=merger)


def _part_path(unit="unit__"):
    """The path of the unit's ancestor at SUMMARY_DEPTH (1: the province), or the unit's own
    path above it: the path up to its third slash ("/1/7/42/" gives "/1/7/", "/1/" stays)."""
    path = F(f"{unit}path")
    return _cut(path)


def _cut(path):
    second = Value(1) + StrIndex(Substr(path, 2), Value("/"))
    third = second + StrIndex(Substr(path, second + 1, output_field=IntegerField()), Value("/"))
    return Substr(path, 1, third)


def _standing():
    return Exists(Recognition.objects.filter(initiative=OuterRef("pk"), withdrawn_at__isnull=True))


def _insert(model, queryset, columns: list[str], selected: list[str] | None = None) -> None:
    """INSERT INTO model's table (columns) SELECT `selected` (the same names by default) …:
    the rows never pass through Python."""
    sql, params = queryset.values_list(*(selected or columns)).query.sql_with_params()
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({names}) {sql}", params)


def _counts_by_part():
    """The SELECT of SummaryCount's rows: the initiatives grouped by part, round, field,
    state and level."""
    standing = _standing()
    submitted = Q(submitted_at__isnull=False)
    return (
        Initiative.objects.order_by()
        .annotate(
            path=_part_path(),
            part_scope=Value(SummaryCount.PART),
            year=F("round__year"),
            level_id=F("unit__level_id"),
        )
        .values("path", "part_scope", "round_id", "year", "field_id", "state", "level_id")
        .annotate(
            total=Count("pk"),
            submitted=Count("pk", filter=submitted),
            forwarded=Count("pk", filter=Q(appraisal_unit__isnull=False)),
            nominated=Count(
                "pk", filter=Q(Exists(Nomination.objects.filter(initiative=OuterRef("pk"))))
            ),
            recognised=Count("pk", filter=Q(standing)),
            saving_filed=Sum("yearly_saving_vnd", filter=submitted),
            saving_filed_count=Count("pk", filter=submitted & Q(yearly_saving_vnd__isnull=False)),
            saving_recognised=Sum("yearly_saving_vnd", filter=Q(standing)),
            saving_recognised_count=Count(
                "pk", filter=Q(standing) & Q(yearly_saving_vnd__isnull=False)
            ),
        )
    )


def summary_refresh(*, merger) -> SummaryRun:
    """Count every initiative again into the summary (one transaction: readers see the old
    counts until it commits, never half of the new ones). Idempotent: the same data gives the
    same rows. Derived data rewritten by a timer, not an act of a person: no audit entry.
    The changes noted before it started (`SummaryChange`) are counted and deleted; those
    written meanwhile stay for the next refresh.

    `merger`: the instant of the 2025 reform (selectors.MERGER_DATE), for before/after."""
    started = time.perf_counter()
    with transaction.atomic():
        # The changes committed before the counting starts (their ids, not "every id up to
        # the highest": a write numbered lower may commit later, uncounted).
        counted = list(SummaryChange.objects.values_list("pk", flat=True))
        for model in (SummaryCount, UnitCount, PartUnits, TopUnit, NewestRecognition):
            model.objects.all().delete()
        _insert(
            SummaryCount,
            _counts_by_part(),
            ["scope", *SUMMARY_COLUMNS],
            ["part_scope", *SUMMARY_COLUMNS],
        )
        _trees()
        _units(merger)
        _newest(NewestRecognition.ROUND, partition=[F("initiative__round_id")])
        _newest(NewestRecognition.ALL, partition=[])
        for start in range(0, len(counted), 500):
            SummaryChange.objects.filter(pk__in=counted[start : start + 500]).delete()
        _analyze()
        SummaryRun.objects.all().delete()
        return SummaryRun.objects.create(
            refreshed_at=timezone.now(), seconds=round(time.perf_counter() - started, 3)
        )


def _analyze() -> None:
    """Fresh statistics of the tables the page reads (rewritten whole: the planner would
    otherwise plan with those of the previous rows until autovacuum comes by)."""
    with connection.cursor() as cursor:
        for model in (SummaryCount, PartUnits, TopUnit, NewestRecognition):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


SUMMARY_COLUMNS = [
    "path", "round_id", "year", "field_id", "state", "level_id", "total", "submitted",
    "forwarded", "nominated", "recognised", "saving_filed", "saving_filed_count",
    "saving_recognised", "saving_recognised_count",
]  # fmt: skip
SUMMED = SUMMARY_COLUMNS[6:]


def _trees() -> None:
    """SummaryCount's rows of each whole tree: its parts' rows summed under the root's path
    (the path up to its second slash)."""
    path = F("path")
    root = Substr(path, 1, Value(1) + StrIndex(Substr(path, 2), Value("/")))
    _insert(
        SummaryCount,
        SummaryCount.objects.filter(scope=SummaryCount.PART)
        .order_by()
        .annotate(root=root, tree=Value(SummaryCount.TREE))
        .values("root", "tree", *SUMMARY_COLUMNS[1:6])
        .annotate(**{f"sum_{name}": Sum(name) for name in SUMMED}),
        ["path", "scope", *SUMMARY_COLUMNS[1:]],
        ["root", "tree", *SUMMARY_COLUMNS[1:6], *(f"sum_{name}" for name in SUMMED)],
    )


UNIT_COLUMNS = ["unit_id", "path", "scope", "round_id", "year", "filed", "before", "after"]
SCOPE_KEYS = ["scope", "round_id", "year"]


def _units(merger) -> None:
    """UnitCount's rows (per unit and round, year, every round), then from them each part's
    units that filed (PartUnits) and that filed most (TopUnit)."""
    standing = _standing()
    submitted = Q(submitted_at__isnull=False)
    per_unit = {
        "filed": Count("pk", filter=submitted),
        "before": Count("pk", filter=Q(submitted_at__lt=merger)),
        "after": Count("pk", filter=Q(submitted_at__gte=merger)),
        "recognised": Count("pk", filter=Q(standing)),
    }
    units = Initiative.objects.order_by().annotate(path=F("unit__path"), year=F("round__year"))
    _insert(
        UnitCount,
        units.values("unit_id", "path", "round_id", "year").annotate(
            scope=Value(UnitCount.ROUND), **per_unit
        ),
        [*UNIT_COLUMNS, "recognised"],
    )
    no_number = Value(None, output_field=IntegerField())
    summed = {name: Sum(name) for name in ("filed", "before", "after", "recognised")}
    rounds = UnitCount.objects.filter(scope=UnitCount.ROUND).order_by()
    _insert(
        UnitCount,
        rounds.values("unit_id", "path", "year").annotate(
            the_scope=Value(UnitCount.YEAR), no_round=no_number, **summed
        ),
        [*UNIT_COLUMNS, "recognised"],
        ["unit_id", "path", "the_scope", "no_round", "year", *summed],
    )
    _insert(
        UnitCount,
        rounds.values("unit_id", "path").annotate(
            the_scope=Value(UnitCount.ALL), no_round=no_number, no_year=no_number, **summed
        ),
        [*UNIT_COLUMNS, "recognised"],
        ["unit_id", "path", "the_scope", "no_round", "no_year", *summed],
    )
    filing = UnitCount.objects.filter(filed__gt=0).order_by()
    part = _cut(F("path"))
    _insert(
        PartUnits,
        filing.annotate(part=part)
        .values("part", *SCOPE_KEYS)
        .annotate(
            filing=Count("pk"),
            n_before=Count("pk", filter=Q(before__gt=0)),
            n_after=Count("pk", filter=Q(after__gt=0)),
        ),
        ["path", *SCOPE_KEYS, "filing", "before", "after"],
        ["part", *SCOPE_KEYS, "filing", "n_before", "n_after"],
    )
    ranked = filing.annotate(
        part=part,
        rank=Window(
            RowNumber(),
            partition_by=[_cut(F("path")), F("scope"), F("round_id"), F("year")],
            order_by=[F("filed").desc(), F("path").asc()],
        ),
    ).filter(rank__lte=TOP_KEPT)
    _insert(
        TopUnit,
        ranked,
        ["path", *SCOPE_KEYS, "unit_id", "unit_path", "filed", "recognised"],
        ["part", *SCOPE_KEYS, "unit_id", "path", "filed", "recognised"],
    )


def _newest(scope: str, *, partition: list) -> None:
    """The NEWEST_KEPT newest standing recognitions of each part (and round; over every round
    the round and year stay empty)."""
    ranked = (
        Recognition.objects.filter(withdrawn_at__isnull=True)
        .order_by()
        .annotate(
            path=_part_path("initiative__unit__"),
            scope=Value(scope),
            round=F("initiative__round_id"),
            year=F("initiative__round__year"),
            rank=Window(
                RowNumber(),
                partition_by=[_part_path("initiative__unit__"), *partition],
                order_by=[F("recognised_at").desc(), F("id").desc()],
            ),
        )
        .filter(rank__lte=NEWEST_KEPT)
    )
    if scope == NewestRecognition.ALL:
        columns, selected = ["path", "scope"], ["path", "scope"]
    else:
        columns, selected = (
            ["path", "scope", "round_id", "year"],
            ["path", "scope", "round", "year"],
        )
    _insert(
        NewestRecognition,
        ranked,
        [*columns, "recognition_id", "recognised_at"],
        [*selected, "id", "recognised_at"],
    )
