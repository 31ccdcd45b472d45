"""The budget registers (sangtao.registers): budget lines and contributions to the fund."""

from django.utils.translation import gettext_lazy as _

from sangtao.core.templatetags.sangtao import vnd
from sangtao.orgs.text import fold
from sangtao.registers import Column, Filter, Register, folded_search, model_perms

from . import selectors, services
from .forms import BudgetLineForm, ContributionForm
from .models import BudgetLine, Contribution, Kind, Source


def _years(*, user):
    return [(year, str(year)) for year in range(2030, services.FIRST_YEAR - 1, -1)]


def _money(name: str):
    """A list cell in đồng ("1.250.000 đ"); the export keeps the number."""
    return lambda row: vnd(getattr(row, name))


LINE_HEAD = (
    Column(_("Activity"), "activity", link=True),
    Column(_("Unit"), "unit.name"),
    Column(_("Year"), "year"),
    Column(_("Kind of activity"), "get_kind_display"),
    Column(_("Source of money"), "get_source_display"),
)

LINES = Register(
    model=BudgetLine,
    namespace="budget",
    name="line",
    plural="lines",
    form=BudgetLineForm,
    form_takes_user=True,
    queryset=selectors.lines_visible,
    create=services.budget_line_create,
    update=services.budget_line_update,
    delete=services.budget_line_delete,
    **model_perms(BudgetLine),
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
        Filter("year", _("Year"), "year", choices=_years),
        Filter("kind", _("Kind of activity"), "kind", choices=lambda *, user: Kind.choices),
        Filter("source", _("Source of money"), "source", choices=lambda *, user: Source.choices),
    ),
    search=folded_search("search_key", fold=fold),
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

CONTRIBUTIONS = Register(
    model=Contribution,
    namespace="budget",
    name="contribution",
    plural="contributions",
    form=ContributionForm,
    form_takes_user=True,
    queryset=selectors.contributions_visible,
    create=services.contribution_create,
    update=services.contribution_update,
    delete=services.contribution_delete,
    **model_perms(Contribution),
    columns=(*CONTRIBUTION_HEAD, Column(_("Amount (VND)"), _money("amount_vnd"))),
    export_columns=(
        *CONTRIBUTION_HEAD,
        Column(_("Amount (VND)"), "amount_vnd"),
        Column(_("Reference"), "reference"),
    ),
    filters=(Filter("year", _("Year"), "received_on__year", choices=_years),),
    search=folded_search("search_key", fold=fold),
    list_template="budget/register_list.html",
    texts={
        "added": _("The contribution was recorded."),
        "saved": _("The contribution was saved."),
        "deleted": _("The contribution of “%(name)s” was deleted."),
        "add_title": _("Record a contribution to the fund"),
        "edit_title": _("Edit the contribution of “%(name)s”"),
    },
)
