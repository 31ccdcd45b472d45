"""Read queries of the activity registers: the rows a person may see, already joined, and the
units that still owe a movement their response plan."""

from django.db.models import QuerySet

from sangtao.accounts.scope import STAFF_ROLES, role_paths, scope_q, units_covered_q
from sangtao.movements.models import Movement
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.selectors import current_q, subtree_q

from .models import Event, EventFile, Inspection, ResponsePlan

# The units that must answer a movement with their own plan (plan V.2–V.4).
RESPONDING_KINDS = ("member_org", "front_committee")


def plans_visible(*, user, parent=None) -> QuerySet[ResponsePlan]:
    return (
        ResponsePlan.objects.filter(scope_q(user, STAFF_ROLES, "unit"))
        .select_related("unit", "movement")
        .order_by("-issued_on", "-pk")
    )


def events_visible(*, user, parent=None) -> QuerySet[Event]:
    return (
        Event.objects.filter(scope_q(user, STAFF_ROLES, "unit"))
        .select_related("unit")
        .order_by("-held_on", "-pk")
    )


def inspections_visible(*, user, parent=None) -> QuerySet[Inspection]:
    return (
        Inspection.objects.filter(
            scope_q(user, STAFF_ROLES, "inspector") | scope_q(user, STAFF_ROLES, "inspected")
        )
        .select_related("inspector", "inspected")
        .order_by("-inspected_on", "-pk")
    )


def movements_offered(*, user) -> QuerySet[Movement]:
    """Movements run at the user's units or above them (those a plan may answer)."""
    ids = {
        int(part)
        for paths in role_paths(user).values()
        for path in paths
        for part in path.strip("/").split("/")
        if part
    }
    return Movement.objects.filter(unit_id__in=ids).order_by("-start_year", "name")


def movement_offered(*, user, pk: int | None = None) -> Movement | None:
    """The movement `pk` among those offered to `user`, or (none chosen, or not theirs) the
    first one offered."""
    offered = movements_offered(user=user).select_related("unit")
    return (offered.filter(pk=pk).first() if pk else None) or offered.first()


def units_without_plan(*, movement: Movement, user=None) -> QuerySet[OrgUnit]:
    """Member organisations and lower Front committees in the movement's subtree (current
    ones) that have not recorded a response plan to it; within what `user` sees, if given."""
    units = (
        OrgUnit.objects.filter(subtree_q(movement.unit.path), kind__code__in=RESPONDING_KINDS)
        .exclude(pk=movement.unit_id)
        .filter(current_q())
        .exclude(pk__in=ResponsePlan.objects.filter(movement=movement).values("unit_id"))
    )
    if user is not None:
        units = units.filter(units_covered_q(user, STAFF_ROLES))
    return units.order_by("path")


def units_without_plan_shown(*, movement: Movement, user, limit: int) -> tuple[list[OrgUnit], int]:
    """The first `limit` units without a plan, and how many there are."""
    units = units_without_plan(movement=movement, user=user)
    return list(units[:limit]), units.count()


def event_files(row: Event) -> QuerySet[EventFile]:
    """The files of a event, oldest first."""
    return EventFile.objects.filter(event=row).order_by("uploaded_at", "pk")
