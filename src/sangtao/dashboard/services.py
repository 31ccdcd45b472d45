"""Writes of the dashboard: the summary of counts it reads for wide subtrees (models.py)."""

import time

from django.db import connection, transaction
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Sum, Value, Window
from django.db.models.functions import RowNumber, StrIndex, Substr
from django.utils import timezone

from sangtao.appraisal.models import Nomination, Recognition
from sangtao.initiatives.models import Initiative

from .models import NewestRecognition, SummaryCount, SummaryRun, UnitCount

# The newest recognitions kept per part and round: as many as the page shows.
NEWEST_KEPT = 8


def _part_path(unit="unit__"):
    """The path of the unit's ancestor at SUMMARY_DEPTH (1: the province), or the unit's own
    path above it: the path up to its third slash ("/1/7/42/" gives "/1/7/", "/1/" stays)."""
    path = F(f"{unit}path")
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
        .annotate(path=_part_path(), year=F("round__year"), level_id=F("unit__level_id"))
        .values("path", "round_id", "year", "field_id", "state", "level_id")
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

    `merger`: the instant of the 2025 reform (selectors.MERGER_DATE), for before/after."""
    started = time.perf_counter()
    groups = _counts_by_part()
    standing = _standing()
    submitted = Q(submitted_at__isnull=False)
    per_unit = {
        "filed": Count("pk", filter=submitted),
        "before": Count("pk", filter=Q(submitted_at__lt=merger)),
        "after": Count("pk", filter=Q(submitted_at__gte=merger)),
        "recognised": Count("pk", filter=Q(standing)),
    }
    units = Initiative.objects.order_by().annotate(path=F("unit__path"), year=F("round__year"))
    with transaction.atomic():
        SummaryCount.objects.all().delete()
        UnitCount.objects.all().delete()
        NewestRecognition.objects.all().delete()
        _insert(
            SummaryCount,
            groups,
            [
                "path",
                "round_id",
                "year",
                "field_id",
                "state",
                "level_id",
                "total",
                "submitted",
                "forwarded",
                "nominated",
                "recognised",
                "saving_filed",
                "saving_filed_count",
                "saving_recognised",
                "saving_recognised_count",
            ],  # fmt: skip
        )
        _insert(
            UnitCount,
            units.values("unit_id", "path", "round_id", "year").annotate(
                scope=Value(UnitCount.ROUND), **per_unit
            ),
            ["unit_id", "path", "scope", "round_id", "year", *per_unit],
        )
        _insert(
            UnitCount,
            units.values("unit_id", "path").annotate(
                scope=Value(UnitCount.ALL),
                no_round=Value(None, output_field=IntegerField()),
                no_year=Value(None, output_field=IntegerField()),
                **per_unit,
            ),
            ["unit_id", "path", "scope", "round_id", "year", *per_unit],
            ["unit_id", "path", "scope", "no_round", "no_year", *per_unit],
        )
        _newest(NewestRecognition.ROUND, partition=[F("initiative__round_id")])
        _newest(NewestRecognition.ALL, partition=[])
        SummaryRun.objects.all().delete()
        return SummaryRun.objects.create(
            refreshed_at=timezone.now(), seconds=round(time.perf_counter() - started, 3)
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
