"""Practices, their replications and the applications of initiatives as registers
(sangtao.registers): one declaration each gives the list, export, detail and edit pages."""

from django.utils.translation import gettext_lazy as _

from sangtao.registers import (
    UNIT_COLUMN,
    Column,
    Filter,
    Parent,
    Register,
    UnitFilter,
    kept_register,
    year_filter,
)
from sangtao.registers.files import RowFiles

from . import selectors, services
from .forms import ApplicationForm, PracticeForm, ReplicationForm
from .models import Application, Practice, Replication


def _units(*, user):
    return selectors.units_seen(user)


UNIT_FILTER = UnitFilter("unit", _("Unit"), "unit", units=_units)


def _published(*, user):
    return [("1", _("Yes")), ("0", _("No"))]


PRACTICE_HEAD = (
    Column(_("Practice"), "title", link=True),
    UNIT_COLUMN,
    Column(_("Field"), "field.name"),
    Column(_("Started on"), "started_on"),
)

PRACTICES = kept_register(
    model=Practice,
    form=PracticeForm,
    queryset=selectors.practices_visible,
    writes=(services.practice_create, services.practice_update, services.practice_delete),
    columns=(
        *PRACTICE_HEAD,
        Column(_("Published"), lambda row: _("Yes") if row.published else _("No")),
    ),
    export_columns=(
        *PRACTICE_HEAD,
        Column(_("Description"), "description"),
        Column(_("Results"), "results"),
        Column(_("Published"), "published"),
    ),
    filters=[
        year_filter("started_on__year", newest=2026, oldest=2017),
        UNIT_FILTER,
        Filter("published", _("Published"), "published", choices=_published),
    ],
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

REPLICATION_COLUMNS = (
    Column(_("Unit"), "unit.name", link=True),
    Column(_("Started on"), "started_on"),
    Column(_("Results"), "results"),
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
    columns=REPLICATION_COLUMNS,
    export_columns=(Column(_("Practice"), "practice.title"), *REPLICATION_COLUMNS),
    list_template="practices/replication_list.html",
    texts={
        "added": _("The replication was added."),
        "saved": _("The replication was saved."),
        "deleted": _("The replication “%(name)s” was deleted."),
        "add_title": _("Add a replication"),
        "edit_title": _("Edit the replication “%(name)s”"),
    },
)

APPLICATION_HEAD = (
    Column(_("Initiative"), "initiative.title", link=True),
    UNIT_COLUMN,
    Column(_("Applied on"), "applied_on"),
    Column(_("Scope"), "scope"),
)
SAVED = Column(_("Money saved (VND)"), "saved_vnd")

APPLICATIONS = kept_register(
    model=Application,
    form=ApplicationForm,
    queryset=selectors.applications_visible,
    writes=(
        services.application_create,
        services.application_update,
        services.application_delete,
    ),
    columns=(*APPLICATION_HEAD, SAVED),
    export_columns=(*APPLICATION_HEAD, Column(_("Result"), "result"), SAVED),
    filters=[
        year_filter("applied_on__year", newest=2026, oldest=2017),
        UNIT_FILTER,
    ],
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
