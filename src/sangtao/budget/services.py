"""Writes of the budget and the contributions. Each service is keyword-only, runs in one
transaction, checks the permission and records an audit event on the row itself.

What a budget line must say (refused in Vietnamese otherwise, nothing saved):
- amounts are whole đồng, never negative; an estimate is more than nothing;
- an approved amount comes with its date, and a date with its amount;
- money is spent only once approved, never more than approved, and the spending is settled on
  a day of the line's year, not before the approval and not in the future.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sangtao.accounts.models import User
from sangtao.core.services import require
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.text import fold
from sangtao.registers.keepers import require_keeps
from sangtao.registers.writes import delete_row, save_kept_changes, save_row

from .models import BudgetLine, Contribution

FIRST_YEAR = 2017  # the plan's first year

LINE_FIELDS = (
    "unit",
    "year",
    "kind",
    "source",
    "activity",
    "estimated_vnd",
    "approved_vnd",
    "approved_on",
    "spent_vnd",
    "spent_on",
    "note",
)
CONTRIBUTION_FIELDS = ("unit", "giver", "amount_vnd", "received_on", "reference")


def _negative(line: BudgetLine) -> dict:
    errors = {}
    for name in ("estimated_vnd", "approved_vnd", "spent_vnd"):
        value = getattr(line, name)
        if value is not None and value < 0:
            errors[name] = _("An amount cannot be negative.")
    if not errors and line.estimated_vnd == 0:
        errors["estimated_vnd"] = _("Enter the estimated amount.")
    return errors


def _approval(line: BudgetLine, today: datetime.date) -> dict:
    if (line.approved_vnd is None) != (line.approved_on is None):
        field = "approved_on" if line.approved_on is None else "approved_vnd"
        return {field: _("An approval needs both its amount and its date.")}
    if line.approved_on and line.approved_on > today:
        return {"approved_on": _("The approval's date cannot be in the future.")}
    return {}


def _spending(line: BudgetLine, today: datetime.date) -> dict:
    if not line.spent_vnd:
        if line.spent_on:
            return {"spent_vnd": _("Enter the amount spent, or clear the settlement date.")}
        return {}
    if line.approved_vnd is None:
        return {"spent_vnd": _("Money can be spent only once the estimate is approved.")}
    if line.spent_vnd > line.approved_vnd:
        return {"spent_vnd": _("The amount spent cannot exceed the amount approved.")}
    if line.spent_on is None:
        return {"spent_on": _("Enter the date the spending was settled.")}
    if line.spent_on.year != line.year or line.spent_on > today:
        return {"spent_on": _("The spending is settled within the line's year, by today.")}
    if line.spent_on < line.approved_on:
        return {"spent_on": _("The spending cannot be settled before the approval.")}
    return {}


def _check_line(line: BudgetLine) -> None:
    today = timezone.localdate()
    if not FIRST_YEAR <= line.year <= today.year + 1:
        raise ValidationError(
            {
                "year": _("The year lies between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": today.year + 1}
            }
        )
    errors = _negative(line) or _approval(line, today) or _spending(line, today)
    if errors:
        raise ValidationError(errors)
    line.search_key = fold(f"{line.activity} {line.unit.name}")


@transaction.atomic
def budget_line_create(
    *,
    by: User,
    unit: OrgUnit,
    year: int,
    kind: str,
    source: str,
    activity: str,
    estimated_vnd: int,
    approved_vnd: int | None = None,
    approved_on: datetime.date | None = None,
    spent_vnd: int = 0,
    spent_on: datetime.date | None = None,
    note: str = "",
) -> BudgetLine:
    """Record an activity of `unit`'s budget for `year` (its estimate, and the approval and
    the spending when they are known)."""
    require_keeps(by, unit)
    line = BudgetLine(
        unit=unit,
        year=year,
        kind=kind,
        source=source,
        activity=activity,
        estimated_vnd=estimated_vnd,
        approved_vnd=approved_vnd,
        approved_on=approved_on,
        spent_vnd=spent_vnd or 0,
        spent_on=spent_on,
        note=note,
    )
    return save_row(line, by=by, action="budget_line.create", check=_check_line)


@transaction.atomic
def budget_line_update(*, line: BudgetLine, data: dict, by: User) -> BudgetLine:
    """Change a budget line: record its approval or its spending (its unit only to another
    unit the person keeps)."""
    require(by, "budget.change_budgetline", line)
    if data.get("spent_vnd") is None and "spent_vnd" in data:
        data = {**data, "spent_vnd": 0}
    return save_kept_changes(
        line, data, LINE_FIELDS, by=by, action="budget_line.update", check=_check_line
    )


@transaction.atomic
def budget_line_delete(*, line: BudgetLine, by: User) -> None:
    """Delete a budget line not yet spent from; its audit trail stays."""
    require(by, "budget.delete_budgetline", line)
    if line.spent_vnd:
        raise ValidationError(
            _("Money was spent on this line: change its amounts rather than delete it.")
        )
    delete_row(line, by=by, action="budget_line.delete")


# --- contributions to the fund ---------------------------------------------------------------


def _check_contribution(contribution: Contribution) -> None:
    if not contribution.giver.strip():
        raise ValidationError({"giver": _("Say who gave the contribution.")})
    if contribution.amount_vnd is None or contribution.amount_vnd <= 0:
        raise ValidationError({"amount_vnd": _("A contribution is an amount above zero.")})
    if contribution.received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date received cannot be in the future.")})
    contribution.search_key = fold(
        f"{contribution.giver} {contribution.reference} {contribution.unit.name}"
    )


@transaction.atomic
def contribution_create(
    *,
    by: User,
    unit: OrgUnit,
    giver: str,
    amount_vnd: int,
    received_on: datetime.date,
    reference: str = "",
) -> Contribution:
    """Record a contribution to the fund "Người Việt sáng tạo" received by `unit`."""
    require_keeps(by, unit)
    contribution = Contribution(
        unit=unit, giver=giver, amount_vnd=amount_vnd, received_on=received_on, reference=reference
    )
    return save_row(contribution, by=by, action="contribution.create", check=_check_contribution)


@transaction.atomic
def contribution_update(*, contribution: Contribution, data: dict, by: User) -> Contribution:
    """Correct a contribution (its unit only to another unit the person keeps)."""
    require(by, "budget.change_contribution", contribution)
    return save_kept_changes(
        contribution,
        data,
        CONTRIBUTION_FIELDS,
        by=by,
        action="contribution.update",
        check=_check_contribution,
    )


@transaction.atomic
def contribution_delete(*, contribution: Contribution, by: User) -> None:
    """Delete a contribution recorded by mistake; its audit trail stays."""
    require(by, "budget.delete_contribution", contribution)
    delete_row(contribution, by=by, action="contribution.delete")
