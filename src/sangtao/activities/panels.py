"""The dashboard's panel of the activity registers in the subtree the dashboard shows: the
units that must answer the movement with a plan and have (or have not), the events held and
the people reached, the inspections made and their follow-ups still awaiting an answer. Five
queries whatever the data. Registered by `ActivitiesConfig.ready()`."""

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from sangtao.dashboard.panels import plain_panel
from sangtao.movements.models import Movement
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.selectors import current_q, subtree_q

from .models import Event, Inspection, ResponsePlan
from .selectors import RESPONDING_KINDS


def dashboard_movement(filters) -> Movement | None:
    """The chosen round's movement, or the newest one run by a unit of the subtrees or above
    them (a commune answers the province's movement)."""
    if filters.round is not None:
        return Movement.objects.select_related("unit").filter(pk=filters.round.movement_id).first()
    ancestors = {int(part) for path in filters.paths for part in path.strip("/").split("/") if part}
    movements = Movement.objects.filter(Q(unit_id__in=ancestors) | filters.subtree_q("unit__"))
    return movements.select_related("unit").order_by("-start_year", "-pk").first()


def plan_counts(movement: Movement, filters) -> tuple[int, int]:
    """(with a plan, without) among the current member organisations and Front committees of
    the subtrees that must answer `movement` (below the committee that runs it)."""
    answered = ResponsePlan.objects.filter(movement=movement, unit=OuterRef("pk"))
    counts = (
        OrgUnit.objects.filter(filters.subtree_q(), current_q(), kind__code__in=RESPONDING_KINDS)
        .filter(subtree_q(movement.unit.path))
        .exclude(pk=movement.unit_id)
        .aggregate(total=Count("pk"), answered=Count("pk", filter=Exists(answered)))
    )
    return counts["answered"], counts["total"] - counts["answered"]


def activities_for_dashboard(*, user, filters) -> dict:
    year = filters.year_shown
    rows = []
    movement = dashboard_movement(filters)
    if movement is not None:
        answered, missing = plan_counts(movement, filters)
        rows += [
            (pgettext("dashboard panel", "Units with a response plan"), answered),
            (pgettext("dashboard panel", "Units yet to send a response plan"), missing),
        ]
    events = Event.objects.filter(filters.subtree_q("unit__"))
    inspections = Inspection.objects.filter(filters.subtree_q("inspector__"))
    if year:
        events = events.filter(held_on__year=year)
        inspections = inspections.filter(inspected_on__year=year)
    held = events.aggregate(count=Count("pk"), people=Sum("participants"))
    today = timezone.localdate()
    awaiting = (
        Inspection.objects.filter(filters.subtree_q("inspected__"), responded_on__isnull=True)
        .exclude(recommendations="")
        .aggregate(count=Count("pk"), overdue=Count("pk", filter=Q(follow_up_due__lt=today)))
    )
    rows += [
        (pgettext("dashboard panel", "Events held"), held["count"]),
        (pgettext("dashboard panel", "People reached by the events"), held["people"] or 0),
        (pgettext("dashboard panel", "Inspections made"), inspections.count()),
        (pgettext("dashboard panel", "Recommendations awaiting an answer"), awaiting["count"]),
        (pgettext("dashboard panel", "of which past their due date"), awaiting["overdue"]),
    ]
    note = (
        _("Response plans to the movement “%(movement)s”.") % {"movement": movement.name}
        if movement is not None
        else ""
    )
    return {"rows": rows, "note": note}


PANEL = plain_panel(
    "activities.counts",
    gettext_lazy("Plans, events and inspections"),
    activities_for_dashboard,
    order=62,
)
