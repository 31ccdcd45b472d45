"""Practices, their replications and the applications of initiatives as registers
(sangtao.registers): one declaration each gives the list, export, detail and edit pages."""

from django.utils.translation import gettext_lazy as _

from sangtao.orgs.text import fold
from sangtao.registers import (
    Column,
    Filter,
    Parent,
    Register,
    UnitFilter,
    folded_search,
    model_perms,
)
from sangtao.registers.files import RowFiles

from . import selectors, services
from .forms import ApplicationForm, PracticeForm, ReplicationForm
from .models import Application, Practice, Replication


def _years(*, user):
    return [(year, str(year)) for year in range(2026, 2016, -1)]


def _units(*, user):
    return selectors.units_seen(user)


def _published(*, user):
    return [("1", _("Yes")), ("0", _("No"))]


PRACTICES = Register(
    model=Practice,
    namespace="practices",
    name="practice",
    plural="practices",
    form=PracticeForm,
    form_takes_user=True,
    queryset=selectors.practices_visible,
    create=services.practice_create,
    update=services.practice_update,
    delete=services.practice_delete,
    **model_perms(Practice),
    columns=[
        Column(_("Practice"), "title", link=True),
        Column(_("Unit"), "unit.name"),
        Column(_("Field"), "field.name"),
        Column(_("Started on"), "started_on"),
        Column(_("Published"), lambda row: _("Yes") if row.published else _("No")),
    ],
    export_columns=[
        Column(_("Practice"), "title"),
        Column(_("Unit"), "unit.name"),
        Column(_("Field"), "field.name"),
        Column(_("Started on"), "started_on"),
        Column(_("Description"), "description"),
        Column(_("Results"), "results"),
        Column(_("Published"), "published"),
    ],
    filters=[
        Filter("year", _("Year"), "started_on__year", choices=_years),
        UnitFilter("unit", _("Unit"), "unit", units=_units),
        Filter("published", _("Published"), "published", choices=_published),
    ],
    search=folded_search("search_key", fold=fold),
    list_template="practices/practice_list.html",
    detail_template="practices/practice_detail.html",
    texts={
        "added": _("The practice was added."),
        "saved": _("The practice was saved."),
        "deleted": _("The practice “%(name)s” was deleted."),
        "add_title": _("Add a practice"),
        "edit_title": _("Edit the practice “%(name)s”"),
    },
)

REPLICATIONS = Register(
    model=Replication,
    namespace="practices",
    name="replication",
    plural="replications",
    form=ReplicationForm,
    form_takes_user=True,
    queryset=selectors.replications_of,
    create=services.replication_create,
    update=services.replication_update,
    delete=services.replication_delete,
    parent=Parent(model=Practice, arg="practice", related=("unit",)),
    perm_list="practices.view_replications",
    perm_view="practices.view_replications",
    perm_add="practices.replicate_practice",
    perm_change="practices.replicate_practice",
    perm_delete="practices.replicate_practice",
    columns=[
        Column(_("Unit"), "unit.name", link=True),
        Column(_("Started on"), "started_on"),
        Column(_("Results"), "results"),
    ],
    export_columns=[
        Column(_("Practice"), "practice.title"),
        Column(_("Unit"), "unit.name"),
        Column(_("Started on"), "started_on"),
        Column(_("Results"), "results"),
    ],
    list_template="practices/replication_list.html",
    texts={
        "added": _("The replication was added."),
        "saved": _("The replication was saved."),
        "deleted": _("The replication “%(name)s” was deleted."),
        "add_title": _("Add a replication"),
        "edit_title": _("Edit the replication “%(name)s”"),
    },
)

APPLICATIONS = Register(
    model=Application,
    namespace="practices",
    name="application",
    plural="applications",
    form=ApplicationForm,
    form_takes_user=True,
    queryset=selectors.applications_visible,
    create=services.application_create,
    update=services.application_update,
    delete=services.application_delete,
    **model_perms(Application),
    columns=[
        Column(_("Initiative"), "initiative.title", link=True),
        Column(_("Unit"), "unit.name"),
        Column(_("Applied on"), "applied_on"),
        Column(_("Scope"), "scope"),
        Column(_("Money saved (VND)"), "saved_vnd"),
    ],
    export_columns=[
        Column(_("Initiative"), "initiative.title"),
        Column(_("Unit"), "unit.name"),
        Column(_("Applied on"), "applied_on"),
        Column(_("Scope"), "scope"),
        Column(_("Result"), "result"),
        Column(_("Money saved (VND)"), "saved_vnd"),
    ],
    filters=[
        Filter("year", _("Year"), "applied_on__year", choices=_years),
        UnitFilter("unit", _("Unit"), "unit", units=_units),
    ],
    search=folded_search("search_key", fold=fold),
    texts={
        "added": _("The application was recorded."),
        "saved": _("The application was saved."),
        "deleted": _("The application “%(name)s” was deleted."),
        "add_title": _("Record an application of an initiative"),
        "edit_title": _("Edit the application “%(name)s”"),
    },
)

PRACTICE_FILES = RowFiles(
    register=PRACTICES,
    files_of=selectors.practice_files,
    add=services.practice_file_add,
    remove=services.practice_file_remove,
)

__all__ = ["APPLICATIONS", "PRACTICES", "PRACTICE_FILES", "REPLICATIONS"]
