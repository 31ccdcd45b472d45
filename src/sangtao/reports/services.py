"""Writes of report periods and reports: each checks the rule, saves in one transaction,
records an audit event and notifies the people who must act next."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sangtao.accounts.models import RoleMembership, User
from sangtao.core import files
from sangtao.core.services import audit_record, notify, require, state_move
from sangtao.jobs.registry import Progress, no_progress
from sangtao.jobs.services import job_enqueue
from sangtao.movements.models import Movement
from sangtao.orgs.models import OrgUnit, UnitSuccession
from sangtao.registers.files import checked_upload

from . import selectors, sources
from .models import Report, ReportAttachment, ReportIndicator, ReportPeriod, ReportValue
from .rules import MANAGERS, READERS, WRITERS, addressed_to_receivers, receivers_of

ATTACHMENT_TYPES = {files.PDF, files.DOCX, files.XLSX, files.JPEG, files.PNG}
SENT = selectors.SENT

# Units a period may ask a report of to open in the request (the setting's default).
OPEN_IN_REQUEST = 1000
# Units whose reports an opening creates, then pre-fills, in one transaction.
OPENING_BATCH = 1000
CREATING = gettext_noop("Creating the reports for %(ready)s / %(units)s units")
FILLING = gettext_noop("Pre-filling the figures for %(ready)s / %(units)s units")


def _people(units, roles) -> list[User]:
    """Active users holding one of `roles` at one of `units` (the units themselves)."""
    ids = RoleMembership.objects.filter(unit__in=units, role__in=roles).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True))


def _require_editable(report: Report, *, by: User, refusal: str) -> None:
    """Refuse unless `by` may change `report`, its period is ready (not still being opened: its
    figures are not ready) and it is a draft or a returned report (else `refusal`, which says
    what could not be done)."""
    require(by, "reports.change_report", report)
    if report.period.is_opening:
        raise ValidationError(
            _("This report period is still being opened: its reports are not ready yet.")
        )
    if not report.is_editable:
        raise ValidationError(refusal)


def _url(report: Report) -> str:
    return reverse("reports:report", args=[report.pk])


# --- periods ---------------------------------------------------------------------------------


def default_template() -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str]]]:
    """The plan's indicators and narrative sections, named in the reader's language."""
    indicators = [
        (code, _(name), src, unit) for code, name, src, unit in sources.DEFAULT_INDICATORS
    ]
    sections = [(code, _(title)) for code, title in sources.DEFAULT_SECTIONS]
    return indicators, sections


@transaction.atomic
def period_open(
    *,
    movement: Movement,
    kind: str,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    deadline: datetime.date,
    levels,
    kinds,
    receivers: list[OrgUnit],
    indicators: list[tuple[str, str, str, str]] | None = None,
    sections: list[tuple[str, str]] | None = None,
    units: list[OrgUnit] | None = None,
    by: User,
) -> ReportPeriod:
    """Open a period of `movement`: one report for each unit of the chosen levels and kinds
    below the committee that runs the movement (or for each of `units`, when given: they
    must lie below it) and one for the committee itself, the compilation; each pre-filled
    from the computed sources.

    Up to `opening_limit()` units the reports are made here, in the request; above it the
    period stays "being opened" (no unit sees it, no reminder counts it) while a background
    job (`reports.jobs`) makes them, its progress on the period's page."""
    require(by, "reports.open_period_for_movement", movement)
    _check_period(starts_on=starts_on, ends_on=ends_on, deadline=deadline, receivers=receivers)
    units = _period_units(
        movement=movement,
        units=units,
        levels=levels,
        kinds=kinds,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    indicators, sections = _period_template(indicators, sections)
    period = ReportPeriod.objects.create(
        movement=movement,
        unit=movement.unit,
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        deadline=deadline,
        sections=[list(section) for section in sections],
        state=ReportPeriod.State.OPENING,
        opening_units=units,
        created_by=by,
    )
    period.receivers.set(receivers)
    ReportIndicator.objects.bulk_create(
        ReportIndicator(
            period=period, code=code, name=name, source=src, unit_label=unit_label, order=order
        )
        for order, (code, name, src, unit_label) in enumerate(indicators, start=1)
    )
    background = len(units) > opening_limit()
    audit_record(
        actor=by,
        action="report_period.open",
        target=period,
        to_state=ReportPeriod.State.OPEN,
        data={
            "units": len(units),
            "receivers": [unit.pk for unit in receivers],
            "background": background,
        },
    )
    if background:
        from .jobs import OPEN_KIND  # (the job kind calls back into this module)

        job_enqueue(kind=OPEN_KIND, by=by, target=period)
        return period
    return period_opening_run(period=period)


def opening_limit() -> int:
    """Units a period may ask a report of to be opened in the request (the setting
    `REPORTS_OPEN_IN_REQUEST`); a larger period opens in the background."""
    return int(getattr(settings, "REPORTS_OPEN_IN_REQUEST", OPEN_IN_REQUEST))


def period_opening_run(
    *, period: ReportPeriod, progress: Progress = no_progress, batch: int = OPENING_BATCH
) -> ReportPeriod:
    """Make the reports of a period being opened, then open it to the units.

    Restartable and idempotent: the reports are created, and then pre-filled, `batch` units
    at a time, each batch in a transaction of its own, skipping the units that already have
    their report (or its figures); run again after an interruption it completes the period
    without duplicates, and on an open period it does nothing. Only once every report is
    pre-filled does the period become open (then the units are told it is due)."""
    period = ReportPeriod.objects.select_related("unit").get(pk=period.pk)
    if not period.is_opening:
        return period
    total = len(period.opening_units) + 1
    units = list(OrgUnit.objects.only("pk", "path", "depth").in_bulk(period.opening_units).values())
    _create_reports(period, units, progress=progress, total=total, batch=batch)
    _fill_reports(period, progress=progress, total=total, batch=batch)
    with transaction.atomic():
        opened = ReportPeriod.objects.filter(pk=period.pk, state=ReportPeriod.State.OPENING).update(
            state=ReportPeriod.State.OPEN, opening_units=[]
        )
        if opened:
            writers = period.reports.filter(parent__isnull=False).values("unit_id")
            notify(
                recipients=_people(writers, WRITERS),
                message=_("Report “%(title)s” is due by %(deadline)s.")
                % {"title": period.title, "deadline": period.deadline.strftime("%d/%m/%Y")},
                url=reverse("reports:period", args=[period.pk]),
            )
    period.refresh_from_db()
    return period


@transaction.atomic
def period_opening_resume(*, period: ReportPeriod, by: User):
    """Ask again for the job that opens a period whose opening stopped (its worker
    crashed): it completes what is missing."""
    require(by, "reports.manage_reportperiod", period)
    if not period.is_opening:
        raise ValidationError(_("The period is already open."))
    from .jobs import OPEN_KIND

    return job_enqueue(kind=OPEN_KIND, by=by, target=period)


def _check_period(
    *,
    starts_on: datetime.date,
    ends_on: datetime.date,
    deadline: datetime.date,
    receivers: list[OrgUnit],
) -> None:
    """Refuse dates out of order and a period nobody receives."""
    if ends_on < starts_on:
        raise ValidationError(_("The period ends before it starts."))
    if deadline < starts_on:
        raise ValidationError(_("The deadline falls before the period starts."))
    if not receivers:
        raise ValidationError(_("Choose at least one receiver."))


def _period_units(
    *,
    movement: Movement,
    units: list[OrgUnit] | None,
    levels,
    kinds,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> list[int]:
    """The ids of the units that report: `units` when given (each below the movement's
    committee), else every unit of the chosen levels and kinds below it in the period; never
    none. (Ids only: a national period names 20,000 units, read as objects in seconds.)"""
    if units is None:
        ids = list(
            selectors.reporting_units(
                unit=movement.unit,
                levels=levels,
                kinds=kinds,
                starts_on=starts_on,
                ends_on=ends_on,
            ).values_list("pk", flat=True)
        )
    elif any(not u.is_within(movement.unit) or u.pk == movement.unit_id for u in units):
        raise ValidationError(_("Every unit that reports must lie below the movement's committee."))
    else:
        ids = [unit.pk for unit in units]
    if not ids:
        raise ValidationError(_("No unit of the chosen levels and kinds exists in the period."))
    return ids


def _period_template(
    indicators: list[tuple[str, str, str, str]] | None, sections: list[tuple[str, str]] | None
) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str]]]:
    """The indicators and sections given, the plan's default for those not; every indicator's
    source must be known."""
    if indicators is None or sections is None:
        default_indicators, default_sections = default_template()
        indicators = default_indicators if indicators is None else indicators
        sections = default_sections if sections is None else sections
    unknown = {src for _c, _n, src, _u in indicators if src and src not in sources.SOURCES}
    if unknown:
        raise ValidationError(_("Unknown source: %(codes)s.") % {"codes": ", ".join(unknown)})
    return indicators, sections


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _create_reports(
    period: ReportPeriod, units: list[OrgUnit], *, progress: Progress, total: int, batch: int
) -> None:
    """The compiling unit's report on top, then each unit's, under the report of the nearest
    unit above it that also reports; created a depth at a time so parents have ids, `batch`
    at a time, each batch committed; the units that already have their report are skipped."""
    by_unit = dict(period.reports.values_list("unit_id", "pk"))
    if period.unit_id not in by_unit:
        by_unit[period.unit_id] = Report.objects.create(period=period, unit=period.unit).pk
    top = by_unit[period.unit_id]
    missing: dict[int, list[OrgUnit]] = defaultdict(list)
    for unit in sorted(units, key=lambda u: u.path):
        if unit.pk not in by_unit:
            missing[unit.depth].append(unit)
    done = total - sum(len(level) for level in missing.values())
    # A depth at a time (the parents' reports exist before their children's are made).
    for chunk in (chunk for depth in sorted(missing) for chunk in _chunks(missing[depth], batch)):
        reports = [
            Report(
                period=period,
                unit=unit,
                parent_id=next(
                    (by_unit[pk] for pk in reversed(unit.ancestor_ids[:-1]) if pk in by_unit),
                    top,
                ),
            )
            for unit in chunk
        ]
        with transaction.atomic():
            Report.objects.bulk_create(reports, batch_size=batch)
        by_unit.update((report.unit_id, report.pk) for report in reports)
        done += len(chunk)
        progress(done, total, CREATING, ready=done, units=total)
    if missing:
        # Statistics of the new rows for the planner: taking the period's 20,000 fresh
        # reports for a handful, PostgreSQL joined them to the units in a nested loop (the
        # scopes of a national period read in 15 s instead of under one).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Report._meta.db_table)}")


def _fill_reports(period: ReportPeriod, *, progress: Progress, total: int, batch: int) -> None:
    """Pre-fill the reports that have no figures yet (`computed_at` empty): the figures of
    the whole period are computed at once (one aggregate per source), then written `batch`
    reports at a time, each batch with its reports' `computed_at` in one transaction."""
    pending = list(
        period.reports.filter(computed_at__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    if not pending:
        return
    new, changed = _figures(period, None)
    waiting = set(pending)
    rows_of: dict[int, list[ReportValue]] = defaultdict(list)
    for row in new:
        rows_of[row.report_id if row.report_id in waiting else 0].append(row)
    with transaction.atomic():  # figures of reports made before that changed meanwhile
        _insert_values(rows_of.pop(0, []))
        ReportValue.objects.bulk_update(changed, ["own", "computed", "value"], batch_size=500)
    done = total - len(pending)
    for chunk in _chunks(pending, batch):
        with transaction.atomic():
            _insert_values([row for pk in chunk for row in rows_of.get(pk, ())])
            Report.objects.filter(pk__in=chunk).update(computed_at=timezone.now())
        done += len(chunk)
        progress(done, total, FILLING, ready=done, units=total)


def _insert_values(rows: list[ReportValue]) -> None:
    """Insert new figures in bulk: COPY on PostgreSQL, one `executemany` elsewhere (the
    ORM's bulk_create composes a statement of a hundred rows at a time on SQLite)."""
    if not rows:
        return
    names = ("report", "indicator", "key", "label", "own", "computed", "value", "reason")
    fields = [ReportValue._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    table = quote(ReportValue._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    values = [
        (r.report_id, r.indicator_id, r.key, r.label, r.own, r.computed, r.value, r.reason)
        for r in rows
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)


def _own_figures(
    period: ReportPeriod, indicators: list[ReportIndicator], ids: list[int] | None
) -> dict[tuple[int, int, str], int]:
    """{(report id, indicator id, key): figure} over the part of each report's subtree that
    none of its children reports for, one SQL aggregate per source. A unit merged away
    during the period moves, with its whole subtree, to the report that owns its successor
    (the nearest report at or above it): a merged commune counts once, on its successor's
    side, even across a boundary."""
    own: dict[tuple[int, int, str], int] = defaultdict(int)
    sourced = [indicator for indicator in indicators if indicator.source]
    scopes = sources.report_scopes(period, ids) if sourced else None
    for indicator in sourced:
        figures = sources.SOURCES[indicator.source].compute(period=period, scopes=scopes)
        for report_id, parts in figures.items():
            for key, value in parts.items():
                own[(report_id, indicator.pk, key)] += value
    moves = list(
        UnitSuccession.objects.filter(
            kind__in=(UnitSuccession.Kind.MERGED, UnitSuccession.Kind.RENAMED),
            effective_on__gt=period.starts_on,
            effective_on__lte=period.ends_on,
        ).values_list("pk", "predecessor__path", "successor__path")
    )
    if not moves or not sourced:
        return own
    # Only the reports of the units above a merger's two sides can own one of them.
    above = {
        int(part) for _pk, *paths in moves for path in paths for part in path.strip("/").split("/")
    }
    candidates = period.reports.exclude(selectors.merged_away_q(period))
    if len(above) <= 5000:  # (a list the databases take as parameters)
        candidates = candidates.filter(unit_id__in=above)
    owners = dict(candidates.values_list("unit_id", "pk"))

    def owner(path: str) -> int | None:
        for part in reversed(path.strip("/").split("/")):
            if int(part) in owners:
                return owners[int(part)]
        return None

    shifts: dict[int, list[tuple[int, int]]] = defaultdict(list)  # succession -> (report, ±1)
    for pk, before, after in moves:
        losing, gaining = owner(before), owner(after)
        if losing == gaining:
            continue
        for report_id, sign in ((gaining, 1), (losing, -1)):
            if report_id is not None and (ids is None or report_id in ids):
                shifts[pk].append((report_id, sign))
    if not shifts:
        return own
    for indicator in sourced:
        figures = sources.SOURCES[indicator.source].compute(
            period=period, scopes=sources.predecessor_scopes(period)
        )
        for succession_id, parts in figures.items():
            for report_id, sign in shifts.get(succession_id, ()):
                for key, value in parts.items():
                    own[(report_id, indicator.pk, key)] += sign * value
    return own


def _refresh(period: ReportPeriod, reports: list[Report] | None) -> None:
    """Recompute the figures of `reports` (all the period's when None) and write the rows
    that change (see `_figures`)."""
    new, changed = _figures(period, None if reports is None else list(reports))
    _insert_values(new)
    ReportValue.objects.bulk_update(changed, ["own", "computed", "value"], batch_size=500)
    ids = None if reports is None else [report.pk for report in reports]
    refreshed = period.reports.all() if ids is None else Report.objects.filter(pk__in=ids)
    refreshed.update(computed_at=timezone.now())


def _figures(
    period: ReportPeriod, reports: list[Report] | None
) -> tuple[list[ReportValue], list[ReportValue]]:
    """The figures of `reports` (all the period's when None): (the rows to create, the rows
    whose figures change), nothing written.

    `own` is what the sources count in the part of the unit's subtree that no child reports
    for (see `_own_figures`); `computed` adds the children's sent figures to it; a child
    whose unit merged away during the period is left out (it counts under its successor). A
    figure nobody corrected (no reason) follows `computed`. Everything is summed in memory
    from one aggregate per source and one of the children's sent figures; only the rows that
    change are written.
    """
    ids = None if reports is None else [report.pk for report in reports]
    indicators = list(period.indicators.all())
    sourced = {indicator.pk: bool(indicator.source) for indicator in indicators}
    own = _own_figures(period, indicators, ids)
    targets = set(period.reports.values_list("pk", flat=True)) if ids is None else set(ids)
    children = period.reports.exclude(selectors.merged_away_q(period))
    if ids is not None:
        children = children.filter(parent_id__in=ids)
    links = list(children.filter(parent__isnull=False).values_list("pk", "parent_id", "state"))
    below_sent: dict[tuple[int, int, str], int] = defaultdict(int)
    parents = {parent_id for _pk, parent_id, _state in links}
    sent = [pk for pk, _parent, state in links if state in SENT]
    if sent:
        sent_q = Q(report_id__in=sent)
        if ids is None:  # the whole period: by state rather than by a long list of ids
            sent_q = Q(
                report__period=period, report__state__in=SENT, report__parent__isnull=False
            ) & ~selectors.merged_away_q(period, "report__")
        for parent_id, indicator_id, key, value in (
            ReportValue.objects.filter(sent_q)
            .values_list("report__parent_id", "indicator_id", "key")
            .annotate(total=Sum("value"))
        ):
            below_sent[(parent_id, indicator_id, key)] += value or 0
    scope = Q(report__period=period) if ids is None else Q(report_id__in=ids)
    existing = {
        (row.report_id, row.indicator_id, row.key): row for row in ReportValue.objects.filter(scope)
    }
    keys: dict[tuple[int, int], set[str]] = defaultdict(set)
    for report_id in targets:
        for indicator in indicators:
            keys[(report_id, indicator.pk)].add("")
    for source in (own, below_sent, existing):
        for report_id, indicator_id, key in source:
            if report_id in targets:
                keys[(report_id, indicator_id)].add(key)
    new, changed = [], []
    for (report_id, indicator_id), parts in keys.items():
        for key in parts:
            index = (report_id, indicator_id, key)
            if sourced[indicator_id]:
                mine = own.get(index, 0)
                computed = below_sent.get(index, 0) + mine
            else:
                mine = None
                computed = below_sent.get(index, 0) if report_id in parents else None
            row = existing.get(index)
            if row is None:
                new.append(
                    ReportValue(
                        report_id=report_id,
                        indicator_id=indicator_id,
                        key=key,
                        own=mine,
                        computed=computed,
                        value=computed,
                    )
                )
                continue
            value = row.value if row.reason else computed
            if (row.own, row.computed, row.value) != (mine, computed, value):
                row.own, row.computed, row.value = mine, computed, value
                changed.append(row)
    labels = selectors.breakdown_labels({row.key for row in new})
    for row in new:
        row.label = labels.get(row.key, "")
    return new, changed


# --- reports -----------------------------------------------------------------------------------


def _parent_refresh(report: Report) -> None:
    if report.parent_id and report.parent.is_editable:
        _refresh(report.period, [report.parent])


@transaction.atomic
def report_refresh(*, report: Report, by: User) -> Report:
    """Recompute a report's figures from the sources and the children's sent reports."""
    _require_editable(
        report, by=by, refusal=_("Only a draft or returned report can be recomputed.")
    )
    _refresh(report.period, [report])
    audit_record(actor=by, action="report.refresh", target=report)
    return report


@transaction.atomic
def report_update(
    *,
    report: Report,
    figures: dict[int, tuple[int | None, str]],
    narratives: dict[str, str],
    number: str = "",
    signer_title: str = "",
    signer_name: str = "",
    by: User,
) -> Report:
    """Save a unit's figures and narrative. `figures` maps a total's ReportValue id to
    (the reported figure, the reason): a figure that differs from the computed one needs a
    reason, shown beside the computed value; errors name the form's fields ("r<id>")."""
    _require_editable(report, by=by, refusal=_("Only a draft or returned report can be changed."))
    rows = {row.pk: row for row in report.values.filter(key="").select_related("indicator")}
    errors, corrections = {}, []
    for pk, (value, reason) in figures.items():
        row = rows.get(pk)
        if row is None:
            continue
        reason = (reason or "").strip()
        if value is None and row.computed is not None:
            value = row.computed  # left blank: the computed figure stands
        if value is not None and value < 0:
            errors[f"v{pk}"] = _("A figure cannot be negative.")
            continue
        if row.computed is not None and value != row.computed:
            if not reason:
                errors[f"r{pk}"] = _(
                    "Give the reason for changing the computed figure %(computed)s."
                ) % {"computed": row.computed}
                continue
            corrections.append(
                {"indicator": row.indicator.code, "computed": row.computed, "value": value}
            )
        else:
            reason = "" if row.computed is not None else reason
        row.value, row.reason = value, reason
    if errors:
        raise ValidationError(errors)
    ReportValue.objects.bulk_update(rows.values(), ["value", "reason"])
    codes = {code for code, _title in report.period.sections}
    report.narratives = {code: (narratives.get(code) or "").strip() for code in codes}
    report.number, report.signer_title, report.signer_name = number, signer_title, signer_name
    report.save(update_fields=["narratives", "number", "signer_title", "signer_name"])
    audit_record(actor=by, action="report.update", target=report, data={"corrections": corrections})
    return report


def _reviewers(report: Report) -> list[User]:
    units = [report.parent.unit_id] if report.parent_id else []
    people = _people(units, MANAGERS) if units else []
    if addressed_to_receivers(report):
        people += _people([unit.pk for unit in receivers_of(report.period)], READERS)
    return people


@transaction.atomic
def report_submit(*, report: Report, by: User) -> Report:
    """Send the report to the level above (and to the receivers when addressed to them)."""
    _require_editable(report, by=by, refusal=_("This report has already been sent."))
    report.submitted_at = timezone.now()
    report.submitted_by = by
    state_move(
        report,
        Report.State.SUBMITTED,
        by=by,
        action="report.submit",
        fields=("submitted_at", "submitted_by"),
    )
    _parent_refresh(report)
    notify(
        recipients=_reviewers(report),
        message=_("%(unit)s sent its report “%(title)s”.")
        % {"unit": report.unit.name, "title": report.period.title},
        url=_url(report),
    )
    return report


@transaction.atomic
def report_return(*, report: Report, comment: str, by: User) -> Report:
    """Return a sent report to its unit with a comment saying what to change."""
    require(by, "reports.decide_report", report)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what the unit must change.")})
    if not report.is_sent:
        raise ValidationError(_("Only a sent report can be returned."))
    report.return_comment = comment
    state_move(
        report,
        Report.State.RETURNED,
        by=by,
        action="report.return",
        fields=("return_comment",),
        reason=comment,
    )
    _parent_refresh(report)
    notify(
        recipients=_people([report.unit_id], WRITERS),
        message=_("Your report “%(title)s” was returned: %(comment)s")
        % {"title": report.period.title, "comment": comment},
        url=_url(report),
    )
    return report


@transaction.atomic
def report_accept(*, report: Report, by: User) -> Report:
    """Accept a submitted report (optional: a submitted report already counts)."""
    require(by, "reports.decide_report", report)
    if report.state != Report.State.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be accepted."))
    state_move(report, Report.State.ACCEPTED, by=by, action="report.accept")
    notify(
        recipients=_people([report.unit_id], WRITERS),
        message=_("Your report “%(title)s” was accepted.") % {"title": report.period.title},
        url=_url(report),
    )
    return report


@transaction.atomic
def report_attachment_add(*, report: Report, upload, by: User) -> ReportAttachment:
    """Store a file with the report after checking its size and its real type."""
    _require_editable(report, by=by, refusal=_("Only a draft or returned report can be changed."))
    kind = checked_upload(
        upload,
        types=ATTACHMENT_TYPES,
        refusal=_(
            "This file is not a PDF, DOCX, XLSX, JPG or PNG file (its content was checked, "
            "not its name)."
        ),
    )
    name = upload.name.rsplit("/", 1)[-1][:200]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    attachment = ReportAttachment(
        report=report,
        original_name=f"{stem}.{kind.extension}",
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=by,
    )
    attachment.file.save(attachment.original_name, upload, save=False)
    attachment.save()
    audit_record(
        actor=by, action="report.attach", target=report, data={"file": attachment.original_name}
    )
    return attachment


@transaction.atomic
def period_close(*, period: ReportPeriod, by: User) -> ReportPeriod:
    """Close an open period once its deadline has passed (its manager only); audited."""
    require(by, "reports.manage_reportperiod", period)
    period = ReportPeriod.objects.select_for_update().get(pk=period.pk)
    if period.state != ReportPeriod.State.OPEN:
        raise ValidationError(_("The period is already closed."))
    if timezone.localdate() <= period.deadline:
        raise ValidationError(_("The period can be closed only after its deadline."))
    state_move(period, ReportPeriod.State.CLOSED, by=by, action="report_period.close")
    return period
