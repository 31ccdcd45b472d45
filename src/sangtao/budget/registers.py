"""The budget registers (sangtao.registers): budget lines and contributions to the fund."""

from django.utils.translation import gettext_lazy as _

from sangtao.core.templatetags.sangtao import vnd
from sangtao.registers import UNIT_COLUMN, Column, choice_filter, kept_register, year_filter

from . import selectors, services
from .forms import BudgetLineForm, ContributionForm
from .models import BudgetLine, Contribution, Kind, Source


def _money(name: str):
    """A list cell in đồng ("1.250.000 đ"); the export keeps the number."""
    return lambda row: vnd(getattr(row, name))


LINE_HEAD = (
    Column(_("Activity"), "activity", link=True),
    UNIT_COLUMN,
    Column(_("Year"), "year"),
    Column(_("Kind of activity"), "get_kind_display"),
    Column(_("Source of money"), "get_source_display"),
)

LINES = kept_register(
    model=BudgetLine,
    name="line",
    plural="lines",
    form=BudgetLineForm,
    queryset=selectors.lines_visible,
    writes=(services.budget_line_create, services.budget_line_update, services.budget_line_delete),
    columns=(
        *LINE_HEAD,
        Column(_("Estimate (VND)"), _money("estimated_vnd")),
        Column(_("Approved (VND)"), _money("approved_vnd")),
        Column(_("Spent (VND)"), _money("spent_vnd")),
    ),
    export_columns=(
        *LINE_HEAD,
        Column(_("Estimate (VND)"), "estimated_vnd"),
        Column(_("Approved (VND)"), "approved_vnd"),
        Column(_("Approved on"), "approved_on"),
        Column(_("Spent (VND)"), "spent_vnd"),
        Column(_("Settled on"), "spent_on"),
        Column(_("Note"), "note"),
    ),
    filters=(
        year_filter("year", newest=2030, oldest=services.FIRST_YEAR),
        choice_filter("kind", _("Kind of activity"), Kind.choices),
        choice_filter("source", _("Source of money"), Source.choices),
    ),
    list_template="budget/register_list.html",
    texts={
        "added": _("The budget line was recorded."),
        "saved": _("The budget line was saved."),
        "deleted": _("The budget line “%(name)s” was deleted."),
        "add_title": _("Record a budget line"),
        "edit_title": _("Edit the budget line “%(name)s”"),
    },
)

CONTRIBUTION_HEAD = (
    Column(_("Given by"), "giver", link=True),
    Column(_("Receiving unit"), "unit.name"),
    Column(_("Received on"), "received_on"),
)

CONTRIBUTIONS = kept_register(
    model=Contribution,
    form=ContributionForm,
    queryset=selectors.contributions_visible,
    writes=(
        services.contribution_create,
        services.contribution_update,
        services.contribution_delete,
    ),
    columns=(*CONTRIBUTION_HEAD, Column(_("Amount (VND)"), _money("amount_vnd"))),
    export_columns=(
        *CONTRIBUTION_HEAD,
        Column(_("Amount (VND)"), "amount_vnd"),
        Column(_("Reference"), "reference"),
    ),
    filters=(year_filter("received_on__year", newest=2030, oldest=services.FIRST_YEAR),),
    list_template="budget/register_list.html",
    texts={
        "added": _("The contribution was recorded."),
        "saved": _("The contribution was saved."),
        "deleted": _("The contribution of “%(name)s” was deleted."),
        "add_title": _("Record a contribution to the fund"),
        "edit_title": _("Edit the contribution of “%(name)s”"),
    },
)
