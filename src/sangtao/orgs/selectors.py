"""Read queries of the organisation tree."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import OrgUnit, UnitSuccession


def subtree_q(path: str, *, prefix: str = "") -> Q:
    """Rows whose unit lies under `path` (itself included), as one indexed range.

    Paths are ids between slashes ("/1/7/42/"); every descendant of "/1/7/" sorts between
    "/1/7/" and "/1/70" ('0' follows '/'), so no LIKE and no recursion is needed.
    """
    upper = path[:-1] + "0"
    return Q(**{f"{prefix}path__gte": path, f"{prefix}path__lt": upper})


def unit_subtree(*, unit: OrgUnit, include_self: bool = True) -> QuerySet[OrgUnit]:
    units = OrgUnit.objects.filter(subtree_q(unit.path))
    if not include_self:
        units = units.exclude(pk=unit.pk)
    return units


def unit_ancestors(*, unit: OrgUnit) -> list[OrgUnit]:
    """The units above `unit`, from the root down, in one query."""
    ids = unit.ancestor_ids[:-1]
    by_id = {u.pk: u for u in OrgUnit.objects.filter(pk__in=ids).select_related("level", "kind")}
    return [by_id[i] for i in ids if i in by_id]


def unit_children(*, unit: OrgUnit | None, active_only: bool = False) -> QuerySet[OrgUnit]:
    units = OrgUnit.objects.filter(parent=unit).select_related("level", "kind")
    if active_only:
        today = timezone.localdate()
        units = units.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    return units.order_by("valid_to", "name")


def unit_history(*, unit: OrgUnit) -> dict[str, QuerySet[UnitSuccession]]:
    """Which units this one absorbed, and which took it over."""
    return {
        "predecessors": UnitSuccession.objects.filter(successor=unit).select_related(
            "predecessor__level", "predecessor__kind"
        ),
        "successors": UnitSuccession.objects.filter(predecessor=unit).select_related(
            "successor__level", "successor__kind"
        ),
    }


def council_unit_for(*, unit: OrgUnit) -> OrgUnit | None:
    """The nearest unit at or above `unit` that holds an appraisal council."""
    ids = unit.ancestor_ids
    candidates = {
        u.pk: u
        for u in OrgUnit.objects.filter(pk__in=ids, kind__holds_council=True).select_related(
            "kind", "level"
        )
    }
    for pk in reversed(ids):
        if pk in candidates:
            return candidates[pk]
    return None
