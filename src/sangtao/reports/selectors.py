"""Reads of report periods and reports, scoped to what the reader may see."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from sangtao.accounts.scope import scope_q
from sangtao.movements.models import Field
from sangtao.orgs.models import Level, OrgUnit, UnitSuccession
from sangtao.orgs.selectors import subtree_q

from .models import Report, ReportIndicator, ReportPeriod, ReportValue
from .rules import READERS

SENT = (Report.State.SUBMITTED, Report.State.ACCEPTED)


def merged_away_q(period: ReportPeriod, prefix: str = "") -> Q:
    """Reports of units that closed before the period's end: merged into a successor that
    reports for them."""
    return Q(**{f"{prefix}unit__valid_to__isnull": False}) & Q(
        **{f"{prefix}unit__valid_to__lt": period.ends_on}
    )


def reporting_units(
    *,
    unit: OrgUnit,
    levels,
    kinds,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> QuerySet[OrgUnit]:
    """The units below `unit` of the chosen levels and kinds that exist during the period."""
    return (
        OrgUnit.objects.filter(subtree_q(unit.path), level__in=levels, kind__in=kinds)
        .exclude(pk=unit.pk)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=ends_on))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=starts_on))
        .select_related("level", "kind", "parent")
        .order_by("path")
    )


def periods_for(user) -> QuerySet[ReportPeriod]:
    """Periods the user takes part in: compiled in their subtree, with a report of a unit they
    cover, or addressed to a unit they cover; with how many must report and how many have."""
    covered = scope_q(user, READERS, "unit")
    in_reports = Exists(Report.objects.filter(covered, period=OuterRef("pk")))
    received = Exists(
        ReportPeriod.receivers.through.objects.filter(
            scope_q(user, READERS, "orgunit"), reportperiod=OuterRef("pk")
        )
    )
    # A period being opened is seen only above its compiling unit: its reports are not ready.
    taking_part = (Q(in_reports) | Q(received)) & ~Q(state=ReportPeriod.State.OPENING)
    return (
        ReportPeriod.objects.filter(covered | taking_part)
        .select_related("movement", "unit")
        .annotate(
            required=Count("reports", filter=Q(reports__parent__isnull=False)),
            sent=Count(
                "reports",
                filter=Q(reports__parent__isnull=False, reports__state__in=SENT),
            ),
        )
        .order_by("-ends_on", "-id")
    )


def period_detail(*, pk: int) -> ReportPeriod:
    return (
        ReportPeriod.objects.select_related("movement", "unit")
        .prefetch_related("receivers", "indicators")
        .get(pk=pk)
    )


@dataclass
class StatusRow:
    report: Report
    late: bool
    successor: str = ""


def late_q(period: ReportPeriod, today: datetime.date | None = None) -> Q:
    today = today or timezone.localdate()
    if today <= period.deadline:
        return Q(pk__in=[])
    return Q(parent__isnull=False, state__in=(Report.State.DRAFT, Report.State.RETURNED)) & ~(
        merged_away_q(period)
    )


def period_reports(*, period: ReportPeriod, state: str = "") -> QuerySet[Report]:
    """The reports of the period in tree order, those that must report first; `state` keeps
    the late, the sent, the draft or the returned ones."""
    reports = period.reports.select_related(
        "unit", "unit__level", "unit__kind", "parent__unit"
    ).order_by("unit__path")
    if state == "late":
        reports = reports.filter(late_q(period))
    elif state == "sent":
        reports = reports.filter(state__in=SENT)
    elif state in (Report.State.DRAFT, Report.State.RETURNED):
        reports = reports.filter(state=state)
    return reports


def period_counts(*, period: ReportPeriod) -> dict[str, int]:
    """How many must report, have sent, are late, in one query."""
    return period.reports.filter(parent__isnull=False).aggregate(
        required=Count("pk", filter=~merged_away_q(period)),
        sent=Count("pk", filter=Q(state__in=SENT) & ~merged_away_q(period)),
        late=Count("pk", filter=late_q(period)),
    )


def status_rows(
    *, period: ReportPeriod, reports: list[Report], today: datetime.date | None = None
) -> list[StatusRow]:
    """Each report with its lateness (past the deadline and not sent); a unit merged away
    during the period names the successor that reports for it (one query for the page)."""
    today = today or timezone.localdate()
    merged = [r.unit_id for r in reports if r.unit.valid_to and r.unit.valid_to < period.ends_on]
    successors = dict(
        UnitSuccession.objects.filter(predecessor_id__in=merged).values_list(
            "predecessor_id", "successor__name"
        )
        if merged
        else ()
    )
    rows = []
    for report in reports:
        report.period = period
        if report.unit_id in merged:
            rows.append(StatusRow(report, False, successors.get(report.unit_id, "—")))
            continue
        late = not report.is_sent and today > period.deadline and report.parent_id is not None
        rows.append(StatusRow(report, late))
    return rows


def report_detail(*, pk: int) -> Report:
    return Report.objects.select_related(
        "period__movement",
        "period__unit",
        "unit__level",
        "unit__kind",
        "unit__parent",
        "parent__unit",
        "submitted_by",
    ).get(pk=pk)


@dataclass
class Line:
    """One indicator of a report: its total and its breakdowns."""

    indicator: ReportIndicator
    total: ReportValue | None
    parts: list[ReportValue] = field(default_factory=list)


def report_lines(*, report: Report) -> list[Line]:
    """The report's figures, indicator by indicator, breakdowns by level then field."""
    lines = {ind.pk: Line(ind, None) for ind in report.period.indicators.all()}
    for value in report.values.all().order_by("key"):
        line = lines.get(value.indicator_id)
        if line is None:
            continue
        if value.key == "":
            line.total = value
        else:
            line.parts.append(value)
    for line in lines.values():
        line.parts.sort(key=lambda v: (not v.key.startswith("level:"), v.label))
    return list(lines.values())


@dataclass
class RollUp:
    """A level's children: their reports and figures (by unit), the sums by breakdown and
    their narratives under each child's name."""

    children: list[Report]
    by_unit: dict[int, dict[int, int | None]]  # report id -> indicator id -> total
    by_part: dict[int, list[tuple[str, int]]]  # indicator id -> [(label, sum)]
    totals: dict[int, int]


def roll_up(*, report: Report) -> RollUp:
    """The children of `report` (merged-away units left out: they count under their
    successor), in three queries whatever their number."""
    period = report.period
    children = list(
        report.children.exclude(merged_away_q(period))
        .select_related("unit", "unit__level")
        .order_by("unit__path")
    )
    by_unit: dict[int, dict[int, int | None]] = defaultdict(dict)
    by_part: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[int, int] = defaultdict(int)
    sent = {child.pk for child in children if child.is_sent}
    values = ReportValue.objects.filter(report__parent=report, report__state__in=SENT).exclude(
        merged_away_q(period, "report__")
    )
    for pk, indicator_id, value in values.filter(key="").values_list(
        "report_id", "indicator_id", "value"
    ):
        by_unit[pk][indicator_id] = value
        totals[indicator_id] += value or 0
    for indicator_id, label, total in (
        values.exclude(key="")
        .values("indicator_id", "label")
        .annotate(total=Sum("value"))
        .values_list("indicator_id", "label", "total")
    ):
        by_part[indicator_id][label] += total or 0
    for child in children:
        child.sent = child.pk in sent
    return RollUp(
        children=children,
        by_unit=dict(by_unit),
        by_part={pk: sorted(parts.items()) for pk, parts in by_part.items()},
        totals=dict(totals),
    )


def breakdown_labels(keys) -> dict[str, str]:
    """{"field:3": "Doanh nghiệp", "level:2": "Tỉnh, thành phố"} in two queries."""
    fields = {k.split(":")[1] for k in keys if k.startswith("field:")}
    levels = {k.split(":")[1] for k in keys if k.startswith("level:")}
    labels = {}
    if fields:
        for pk, name in Field.objects.filter(pk__in=fields).values_list("pk", "name"):
            labels[f"field:{pk}"] = _("Field: %(name)s") % {"name": name}
    if levels:
        for pk, name in Level.objects.filter(pk__in=levels).values_list("pk", "name"):
            labels[f"level:{pk}"] = _("Recognised at level: %(name)s") % {"name": name}
    return labels


def addressees(*, report: Report) -> list[str]:
    """Who the report goes to: the level above and, when addressed to them, the receivers."""
    from .rules import addressed_to_receivers, receivers_of

    names = [report.parent.unit.name] if report.parent_id else []
    if addressed_to_receivers(report):
        names += [unit.name for unit in receivers_of(report.period) if unit.name not in names]
    return names


# --- what the pages load -----------------------------------------------------------------------


def periods_for_pages() -> QuerySet[ReportPeriod]:
    return ReportPeriod.objects.select_related("movement", "unit")


def report_attachments() -> QuerySet:
    from .models import ReportAttachment

    return ReportAttachment.objects.all()


def units_preview(units: QuerySet, *, shown: int = 200) -> dict:
    """How many units a new period would ask a report of, and the first `shown`."""
    return {"count": units.count(), "units": list(units[:shown])}


def period_reports_read_by(*, period: ReportPeriod, user) -> QuerySet[Report]:
    """The period's reports `user` reads without managing it: of the units in their subtrees
    (and those units' children), and, for a receiver of the period, every report sent to the
    top of the period."""
    from sangtao.accounts.scope import has_role_over

    from .rules import receivers_of

    covered = scope_q(user, READERS, "unit") | scope_q(user, READERS, "parent__unit")
    if any(has_role_over(user, READERS, unit) for unit in receivers_of(period)):
        covered |= Q(state__in=SENT) & (Q(parent__isnull=True) | Q(parent__parent__isnull=True))
    return (
        period.reports.filter(covered).select_related("unit", "parent__unit").order_by("unit__path")
    )


def attachments_of(*, report: Report) -> list:
    return list(report.attachments.all())


@dataclass
class Opening:
    """How far the opening of a period is: `done` of `total` units have their report ready
    (made and pre-filled), and the newest job that opens it."""

    done: int
    total: int
    job: object | None

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0

    @property
    def stopped(self) -> bool:
        """No job is waiting or running for it: the opening was interrupted."""
        return self.job is None or not self.job.is_active


def opening_progress(*, period: ReportPeriod) -> Opening:
    from django.contrib.contenttypes.models import ContentType

    from sangtao.jobs.models import Job

    from .jobs import OPEN_KIND

    job = (
        Job.objects.filter(
            kind=OPEN_KIND,
            target_type=ContentType.objects.get_for_model(ReportPeriod),
            target_id=str(period.pk),
        )
        .order_by("-created_at", "-id")
        .first()
    )
    done = period.reports.filter(computed_at__isnull=False).count()
    return Opening(done=done, total=len(period.opening_units) + 1, job=job)
