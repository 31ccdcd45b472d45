"""The activity registers (sangtao.registers): response plans, events and inspections."""

from django.utils.translation import gettext_lazy as _

from sangtao.registers import UNIT_COLUMN, Column, Filter, choice_filter, kept_register, year_filter
from sangtao.registers.files import RowFiles

from . import selectors, services
from .forms import EventForm, InspectionForm, ResponsePlanForm
from .models import Event, Inspection, ResponsePlan


def _movements(*, user):
    return [(m.pk, m.name) for m in selectors.movements_offered(user=user)]


PLAN_COLUMNS = (
    Column(_("Number"), "number", link=True),
    UNIT_COLUMN,
    Column(_("Movement"), "movement.name"),
    Column(_("Issued on"), "issued_on"),
    Column(_("Signer"), "signer"),
)

PLANS = kept_register(
    model=ResponsePlan,
    name="plan",
    plural="plans",
    form=ResponsePlanForm,
    queryset=selectors.plans_visible,
    writes=(services.plan_create, services.plan_update, services.plan_delete),
    columns=PLAN_COLUMNS,
    export_columns=(*PLAN_COLUMNS, Column(_("Its own targets"), "targets")),
    filters=(
        Filter("movement", _("Movement"), "movement", choices=_movements),
        year_filter("issued_on__year"),
    ),
    list_template="activities/plan_list.html",
    extra_context=lambda *, parent, rows, **given: given,  # PlanListView's missing units
    texts={
        "added": _("The response plan was recorded."),
        "saved": _("The response plan was saved."),
        "deleted": _("The response plan “%(name)s” was deleted."),
        "add_title": _("Record a response plan"),
        "edit_title": _("Edit the response plan “%(name)s”"),
    },
)

EVENT_COLUMNS = (
    Column(_("Event"), "title", link=True),
    Column(_("Kind"), "get_kind_display"),
    UNIT_COLUMN,
    Column(_("Held on"), "held_on"),
    Column(_("Place"), "place"),
    Column(_("Participants"), "participants"),
)

EVENTS = kept_register(
    model=Event,
    form=EventForm,
    queryset=selectors.events_visible,
    writes=(services.event_create, services.event_update, services.event_delete),
    columns=EVENT_COLUMNS,
    export_columns=(*EVENT_COLUMNS, Column(_("Description"), "description")),
    filters=(
        choice_filter("kind", _("Kind"), Event.Kind.choices),
        year_filter("held_on__year"),
    ),
    list_template="activities/activity_list.html",
    texts={
        "added": _("The event was recorded."),
        "saved": _("The event was saved."),
        "deleted": _("The event “%(name)s” was deleted."),
        "add_title": _("Record an event"),
        "edit_title": _("Edit the event “%(name)s”"),
    },
    detail_template="activities/event_detail.html",
)

INSPECTION_COLUMNS = (
    Column(_("Inspected unit"), "inspected.name", link=True),
    Column(_("Inspecting unit"), "inspector.name"),
    Column(_("Inspected on"), "inspected_on"),
    Column(_("Follow-up due"), "follow_up_due"),
    Column(_("Answered on"), "responded_on"),
)

INSPECTIONS = kept_register(
    model=Inspection,
    form=InspectionForm,
    queryset=selectors.inspections_visible,
    writes=(services.inspection_create, services.inspection_update, services.inspection_delete),
    columns=INSPECTION_COLUMNS,
    export_columns=(
        *INSPECTION_COLUMNS,
        Column(_("Findings"), "findings"),
        Column(_("Recommendations"), "recommendations"),
        Column(_("Answer of the inspected unit"), "response"),
    ),
    filters=(year_filter("inspected_on__year"),),
    list_template="activities/activity_list.html",
    detail_template="activities/inspection_detail.html",
    texts={
        "added": _("The inspection was recorded."),
        "saved": _("The inspection was saved."),
        "deleted": _("The inspection “%(name)s” was deleted."),
        "add_title": _("Record an inspection"),
        "edit_title": _("Edit the inspection of “%(name)s”"),
    },
)

EVENT_FILES = RowFiles(
    register=EVENTS,
    files_of=selectors.event_files,
    add=services.event_file_add,
    remove=services.event_file_remove,
)
