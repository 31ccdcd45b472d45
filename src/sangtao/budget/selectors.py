"""Reads of the budget and the contributions: the rows a person may see, already joined; a
unit's subtree's totals for a year by kind and source (one grouped query); the contributions
the fund received per year (read by the honours' ledger)."""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractYear

from sangtao.accounts.scope import STAFF_ROLES, scope_q, units_covered_q
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.selectors import current_q, subtree_q

from .models import BudgetLine, Contribution, Kind, Source


def lines_visible(*, user, parent=None) -> QuerySet[BudgetLine]:
    return (
        BudgetLine.objects.filter(scope_q(user, STAFF_ROLES, "unit"))
        .select_related("unit")
        .order_by("-year", "unit__path", "kind", "pk")
    )


def contributions_visible(*, user, parent=None) -> QuerySet[Contribution]:
    return (
        Contribution.objects.filter(scope_q(user, STAFF_ROLES, "unit"))
        .select_related("unit")
        .order_by("-received_on", "-pk")
    )


# --- the roll-up of a subtree ----------------------------------------------------------------

SOURCES = Source.choices


@dataclass
class Amounts:
    estimated: int = 0
    approved: int = 0
    spent: int = 0
    lines: int = 0

    def add(self, other: "Amounts") -> None:
        self.estimated += other.estimated
        self.approved += other.approved
        self.spent += other.spent
        self.lines += other.lines


@dataclass
class SummaryRow:
    kind: str
    label: str
    by_source: dict[str, Amounts] = field(default_factory=dict)
    total: Amounts = field(default_factory=Amounts)

    @property
    def cells(self) -> list[tuple[str, Amounts]]:
        """(source's label, amounts) of the sources this kind draws on, in the plan's order."""
        return [(label, self.by_source[code]) for code, label in SOURCES if code in self.by_source]


@dataclass
class Summary:
    """A subtree's budget of one year: a row per kind of activity (the plan's order), each
    with its amounts per source and in all; the totals per source and the grand total."""

    rows: list[SummaryRow]
    by_source: dict[str, Amounts]
    total: Amounts
    contributed: int

    @property
    def source_totals(self) -> list[tuple[str, Amounts]]:
        return [(label, self.by_source[code]) for code, label in SOURCES]


def summary(*, unit: OrgUnit, year: int) -> Summary:
    """The budget lines of `unit` and its whole subtree for `year`, summed by kind and source
    in the database (one grouped query), and the contributions its units received that year
    (one more)."""
    grouped = (
        BudgetLine.objects.filter(subtree_q(unit.path, prefix="unit__"), year=year)
        .values("kind", "source")
        .annotate(
            estimated=Sum("estimated_vnd"),
            approved=Sum("approved_vnd"),
            spent=Sum("spent_vnd"),
            lines=Count("pk"),
        )
        .order_by()
    )
    rows = {code: SummaryRow(code, label) for code, label in Kind.choices}
    by_source = {code: Amounts() for code in Source.values}
    total = Amounts()
    for item in grouped:
        amounts = Amounts(
            item["estimated"] or 0, item["approved"] or 0, item["spent"] or 0, item["lines"]
        )
        row = rows[item["kind"]]
        row.by_source[item["source"]] = amounts
        row.total.add(amounts)
        by_source[item["source"]].add(amounts)
        total.add(amounts)
    contributed = Contribution.objects.filter(
        subtree_q(unit.path, prefix="unit__"), received_on__year=year
    ).aggregate(total=Sum("amount_vnd"))["total"]
    return Summary(
        rows=[row for row in rows.values() if row.total.lines],
        by_source=by_source,
        total=total,
        contributed=contributed or 0,
    )


def summary_units(*, user) -> QuerySet[OrgUnit]:
    """The current units whose summary `user` may read (those of the subtrees they follow),
    the outermost first."""
    return OrgUnit.objects.filter(units_covered_q(user, STAFF_ROLES), current_q()).order_by(
        "depth", "path"
    )


def summary_unit(*, user, pk: int | None) -> OrgUnit | None:
    """The unit `pk` if `user` may read its summary, else (none chosen) the first they follow;
    None when `pk` is not theirs."""
    if pk:
        return OrgUnit.objects.filter(units_covered_q(user, STAFF_ROLES), pk=pk).first()
    return summary_units(user=user).first()


def contributions_by_year(*, unit: OrgUnit) -> dict[int, int]:
    """{year: đồng} the fund received through `unit` and its subtree."""
    rows = (
        Contribution.objects.filter(subtree_q(unit.path, prefix="unit__"))
        .annotate(year=ExtractYear("received_on"))
        .values("year")
        .annotate(total=Sum("amount_vnd"))
        .order_by()
    )
    return {row["year"]: row["total"] for row in rows}
