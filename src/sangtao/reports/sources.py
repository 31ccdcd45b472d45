"""Where a report's figures come from: a registry of computed sources and the plan's template.

A source is one function that, for a period and a set of scopes (its reports' units, or the
units merged away during the period), returns each scope's figures over the unit's subtree
and the period's dates, in one SQL aggregate: the scopes' paths are joined to the units in
their materialised-path range (the range of `orgs.selectors.subtree_q`), then to the counted
rows, grouped by scope and breakdown. Never a query per unit.

The registers of what units do add their own source with `@source("code", label)`: practices,
replications and applications here, events (sangtao.activities) and money (sangtao.budget)
in their apps, which point the template's lines at them. A line with an empty `source` (one an
officer adds to a period) is entered by hand.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# {scope id: {breakdown key: figure}}; key "" is the total, "field:<id>", "level:<id>" parts.
Figures = dict[int, dict[str, int]]
Compute = Callable[..., Figures]


@dataclass(frozen=True)
class Source:
    code: str
    label: str
    compute: Compute


SOURCES: dict[str, Source] = {}


def source(code: str, label) -> Callable[[Compute], Compute]:
    """Register `compute(*, period, scopes) -> Figures` under `code`: `scopes` is the SQL of
    (scope_id, path) rows (`report_scopes`, `predecessor_scopes`) to pass to `aggregate`."""

    def register(compute: Compute) -> Compute:
        SOURCES[code] = Source(code=code, label=label, compute=compute)
        return compute

    return register


def wire(wired: dict[str, str]) -> None:
    """Point the template's lines named in `wired` ({line code: source code}) at their source,
    leaving any line another app already wired untouched (an app's ready() calls it once)."""
    global DEFAULT_INDICATORS
    DEFAULT_INDICATORS = tuple(
        (code, name, wired[code] if code in wired and not src else src, unit)
        for code, name, src, unit in DEFAULT_INDICATORS
    )


# --- the plan's template (III.6, IV, V.3) ----------------------------------------------------

# (code, name (English msgid), source code or "" for entry by hand, unit of measure)
DEFAULT_INDICATORS = (
    (
        "initiatives_submitted",
        gettext_noop("Initiatives and new ideas submitted"),
        "initiatives_submitted",
        "",
    ),
    (
        "initiatives_recognised",
        gettext_noop("Initiatives recognised"),
        "initiatives_recognised",
        "",
    ),
    (
        "initiatives_applied",
        gettext_noop("Initiatives applied in practice"),
        "initiatives_applied",
        "",
    ),
    (
        "initiatives_nominated",
        gettext_noop("Initiatives nominated to the level above"),
        "initiatives_nominated",
        "",
    ),
    ("practices_built", gettext_noop("Practices built"), "practices_built", ""),
    ("practices_replicated", gettext_noop("Practices replicated"), "practices_replicated", ""),
    ("events_held", gettext_noop("Events held (talks, seminars, contests, exhibitions)"), "", ""),
    ("people_reached", gettext_noop("People reached"), "", ""),
    ("honours_given", gettext_noop("Collectives and individuals honoured"), "honours_given", ""),
    ("prizes_vnd", gettext_noop("Prizes awarded (VND)"), "prizes_vnd", "VND"),
    ("money_spent_vnd", gettext_noop("Money spent on the movement (VND)"), "", "VND"),
    ("money_contributed_vnd", gettext_noop("Contributions mobilised (VND)"), "", "VND"),
)
DEFAULT_SECTIONS = (
    ("results", gettext_noop("Results achieved")),
    ("limits", gettext_noop("Limits and causes")),
    ("proposals", gettext_noop("Proposals and recommendations")),
)


# --- the SQL shared by every source ----------------------------------------------------------


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _collate() -> str:
    return ' COLLATE "C"' if connection.vendor == "postgresql" else ""


def _bounds(period) -> list:
    """The period's first instant and the instant after its last day, as the database
    takes them."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.starts_on, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(
        period.ends_on + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    adapt = connection.ops.adapt_datetimefield_value
    return [adapt(start), adapt(end)]


SCOPE_TABLE = "reports_scope"


def report_scopes(period, report_ids: Iterable[int] | None) -> tuple[str, list]:
    """(scope_id, lo, hi) rows: for each report of the period (or of `report_ids`), the path
    ranges of its subtree that none of its children reports for (the gaps between the
    children's ranges, a child merged away during the period not counting as one), written
    to a temporary table that the aggregates join."""
    from .models import Report

    reports = Report.objects.filter(period=period)
    if report_ids is not None:
        reports = reports.filter(pk__in=list(report_ids))
    paths = dict(reports.values_list("pk", "unit__path"))
    children = Report.objects.filter(period=period, parent_id__in=reports.values("pk")).exclude(
        Q(unit__valid_to__isnull=False) & Q(unit__valid_to__lt=period.ends_on)
    )
    below: dict[int, list[str]] = defaultdict(list)
    for parent_id, path in children.values_list("parent_id", "unit__path"):
        below[parent_id].append(path)
    rows = []
    for pk, path in paths.items():
        start = path
        for child in sorted(below.get(pk, ())):
            if child > start:
                rows.append((pk, start, child))
            start = max(start, child[:-1] + "0")
        if start < path[:-1] + "0":
            rows.append((pk, start, path[:-1] + "0"))
    c = _collate()
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {SCOPE_TABLE} "
            f"(scope_id integer, lo varchar(255){c}, hi varchar(255){c})"
        )
        cursor.execute(f"DELETE FROM {SCOPE_TABLE}")
        if connection.vendor == "postgresql":  # (40,000 ranges for a national period)
            with cursor.copy(f"COPY {SCOPE_TABLE} (scope_id, lo, hi) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {SCOPE_TABLE} VALUES (%s, %s, %s)", rows)
        # Statistics of the ranges for the planner: without them SQLite takes the table for
        # a million rows and first scans every initiative into a Bloom filter (0.5 s a
        # source at a million initiatives, for a report that owns one unit).
        cursor.execute(f"ANALYZE {SCOPE_TABLE}")
    return f"SELECT scope_id, lo, hi FROM {SCOPE_TABLE}", []


def predecessor_scopes(period) -> tuple[str, list]:
    """(scope_id, lo, hi) rows: each unit merged into another (or renamed) during the period,
    by the id of the succession."""
    from sangtao.orgs.models import OrgUnit, UnitSuccession

    sql = (
        "SELECT s.id AS scope_id, p.path AS lo, "
        "SUBSTR(p.path, 1, LENGTH(p.path) - 1) || '0' AS hi "
        f"FROM {_table(UnitSuccession)} s "
        f"JOIN {_table(OrgUnit)} p ON p.id = s.predecessor_id "
        "WHERE s.kind IN ('merged', 'renamed') AND s.effective_on > %s AND s.effective_on <= %s"
    )
    return sql, [period.starts_on, period.ends_on]


def aggregate(
    period,
    scopes: tuple[str, list],
    *,
    rows: str,
    joins: str = "",
    unit_column: str,
    date_column: str,
    groups: tuple[str, ...] = (),
    value: str = "COUNT(*)",
    where: str = "",
) -> list[tuple]:
    """[(scope_id, *groups, value)]: the rows of `rows` ("table alias", joined on
    `unit_column`, then `joins`) in the subtree of each scope's path, with `date_column`
    inside the period. The CROSS JOIN keeps SQLite reading the scopes first, each an indexed
    range of units (PostgreSQL plans it as any join)."""
    from sangtao.orgs.models import OrgUnit

    scopes, params = scopes
    c = _collate()
    if connection.vendor == "postgresql":
        return _aggregate_lateral(
            scopes,
            [*params, *_bounds(period)],
            rows=rows,
            joins=joins,
            unit_column=unit_column,
            date_column=date_column,
            groups=groups,
            value=value,
            where=where,
        )
    group_sql = "".join(f", {column}" for column in groups)
    # Every join a CROSS JOIN (SQLite's way to fix the order: scopes, their units, the rows,
    # then what the rows join): left free, with the real statistics, SQLite read the
    # period's recognitions first and tried every scope for each (minutes at 20,000 units).
    joins = re.sub(r"(?<!LEFT )(?<!INNER )(?<!OUTER )(?<!CROSS )\bJOIN\b", "CROSS JOIN", joins)
    sql = f"""
        SELECT sc.scope_id{group_sql}, {value}
        FROM ({scopes}) sc
        CROSS JOIN {_table(OrgUnit)} u
        CROSS JOIN {rows} ON {unit_column} = u.id {joins}
        WHERE u.path{c} >= sc.lo{c} AND u.path{c} < sc.hi{c}
          AND {date_column} >= %s AND {date_column} < %s {where}
        GROUP BY sc.scope_id{group_sql}
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *_bounds(period)])
        return cursor.fetchall()


def _aggregate_lateral(
    scopes: str, params: list, *, rows, joins, unit_column, date_column, groups, value, where
) -> list[tuple]:
    """`aggregate` on PostgreSQL: each scope's range counted on its own (LATERAL), then the
    ranges of one scope added up. Joined as one set, the planner guesses a path range holds
    a fifth of the units and hashes every row of the table (a seq scan of 1,000,000
    initiatives per source, 0.7 s for the central committee's report that owns one unit);
    range by range it walks the indexes."""
    from sangtao.orgs.models import OrgUnit

    inner = "".join(f"{column} AS g{n}, " for n, column in enumerate(groups))
    outer = "".join(f", x.g{n}" for n in range(len(groups)))
    group_by = f"GROUP BY {', '.join(groups)}" if groups else ""
    sql = f"""
        SELECT sc.scope_id{outer}, SUM(x.v)
        FROM ({scopes}) sc
        CROSS JOIN LATERAL (
            SELECT {inner}{value} AS v
            FROM {_table(OrgUnit)} u
            JOIN {rows} ON {unit_column} = u.id {joins}
            WHERE u.path COLLATE "C" >= sc.lo COLLATE "C" AND u.path COLLATE "C" < sc.hi COLLATE "C"
              AND {date_column} >= %s AND {date_column} < %s {where}
            {group_by}
            HAVING COUNT(*) > 0
        ) x
        GROUP BY sc.scope_id{outer}
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _of_movement(period) -> str:
    """Only initiatives filed in the movement's rounds."""
    from sangtao.movements.models import Round

    return (
        f"AND i.round_id IN (SELECT mr.id FROM {_table(Round)} mr "
        f"WHERE mr.movement_id = {int(period.movement_id)})"
    )


def _by(rows: list[tuple], *prefixes: str) -> Figures:
    """Totals and breakdowns from [(report_id, group_1, ..., value)]: each group column adds
    its "<prefix>:<id>" parts; the total is the sum of the rows."""
    figures: Figures = defaultdict(lambda: defaultdict(int))
    for scope_id, *groups, value in rows:
        value = int(value or 0)
        figures[scope_id][""] += value
        for prefix, group in zip(prefixes, groups, strict=True):
            if group is not None:
                figures[scope_id][f"{prefix}:{group}"] += value
    return {pk: dict(parts) for pk, parts in figures.items()}


def per_unit(
    period, scopes, model, *, day: str, unit: str = "unit_id", prefixes=(), **more
) -> Figures:
    """The figures of a register: the rows of `model` (aliased `r`) whose `unit` column lies in
    a scope and whose date column `day` falls in the period, counted (or `value=` summed, e.g.
    "SUM(r.participants)"); `groups=` columns break the total down under `prefixes`."""
    rows = aggregate(
        period,
        scopes,
        rows=f"{_table(model)} r",
        unit_column=f"r.{unit}",
        date_column=f"r.{day}",
        **more,
    )
    return _by(rows, *prefixes)


# --- the sources of the platform today -------------------------------------------------------


@source("initiatives_submitted", _("Initiatives submitted in the period (by field)"))
def initiatives_submitted(*, period, scopes) -> Figures:
    from sangtao.initiatives.models import Initiative

    rows = aggregate(
        period,
        scopes,
        rows=f"{_table(Initiative)} i",
        unit_column="i.unit_id",
        date_column="i.submitted_at",
        groups=("i.field_id",),
        where=_of_movement(period),
    )
    return _by(rows, "field")


@source("initiatives_recognised", _("Recognitions in the period (by level and field)"))
def initiatives_recognised(*, period, scopes) -> Figures:
    from sangtao.appraisal.models import Recognition
    from sangtao.initiatives.models import Initiative
    from sangtao.orgs.models import OrgUnit

    rows = aggregate(
        period,
        scopes,
        rows=f"{_table(Initiative)} i",
        joins=(
            f"JOIN {_table(Recognition)} r ON r.initiative_id = i.id "
            f"AND r.withdrawn_at IS NULL JOIN {_table(OrgUnit)} ru ON ru.id = r.unit_id"
        ),
        unit_column="i.unit_id",
        date_column="r.recognised_at",
        groups=("ru.level_id", "i.field_id"),
        where=_of_movement(period),
    )
    return _by(rows, "level", "field")


@source("initiatives_nominated", _("Nominations to the level above in the period (by field)"))
def initiatives_nominated(*, period, scopes) -> Figures:
    from sangtao.appraisal.models import Nomination
    from sangtao.initiatives.models import Initiative

    rows = aggregate(
        period,
        scopes,
        rows=f"{_table(Initiative)} i",
        joins=f"JOIN {_table(Nomination)} n ON n.initiative_id = i.id",
        unit_column="i.unit_id",
        date_column="n.nominated_at",
        groups=("i.field_id",),
        where=_of_movement(period),
    )
    return _by(rows, "field")


def _honours(period, scopes, value: str) -> Figures:
    from sangtao.honours.models import Honour, HonoursRound

    rows = aggregate(
        period,
        scopes,
        rows=f"{_table(Honour)} h",
        joins=f"JOIN {_table(HonoursRound)} hr ON hr.id = h.round_id AND hr.state = 'decided'",
        unit_column="h.unit_id",
        date_column="hr.decided_at",
        value=value,
        where=(
            f"AND h.confirmed = {'TRUE' if connection.vendor == 'postgresql' else '1'} "
            f"AND hr.movement_id = {int(period.movement_id)}"
        ),
    )
    return _by(rows)


@source("honours_given", _("Collectives and individuals honoured in decisions of the period"))
def honours_given(*, period, scopes) -> Figures:
    return _honours(period, scopes, "COUNT(*)")


@source("prizes_vnd", _("Prizes of the honours decided in the period"))
def prizes_vnd(*, period, scopes) -> Figures:
    return _honours(period, scopes, "SUM(h.prize_vnd)")


# --- the registers of what units do (sangtao.practices, issue 16) ----------------------------
# Their dates are DATE columns compared with the period's instants: a day counts when its
# midnight (UTC) lies in [start, end) of the period in Vietnam's time (UTC+7), which holds the
# period's days exactly.


@source("practices_built", _("Practices started in the period"))
def practices_built(*, period, scopes) -> Figures:
    from sangtao.practices.models import Practice

    return per_unit(period, scopes, Practice, day="started_on")


@source("practices_replicated", _("Replications of practices started in the period"))
def practices_replicated(*, period, scopes) -> Figures:
    from sangtao.practices.models import Replication

    return per_unit(period, scopes, Replication, day="started_on")


@source("initiatives_applied", _("Applications of initiatives in the period"))
def initiatives_applied(*, period, scopes) -> Figures:
    from sangtao.practices.models import Application

    return per_unit(period, scopes, Application, day="applied_on")
