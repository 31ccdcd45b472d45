"""Read queries of the organisation tree.

A unit's place is its materialised path ("/1/7/42/"), so a subtree is one indexed range and the
size of many subtrees is one query with a correlated count per row, never a query per row.
"""

import datetime

from django.db.models import F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat, Length, Substr
from django.utils import timezone

from .models import OrgUnit, UnitChange, UnitSuccession
from .text import fold


def subtree_q(path: str, *, prefix: str = "") -> Q:
    """Rows whose unit lies under `path` (itself included), as one indexed range.

    Paths are ids between slashes ("/1/7/42/"); every descendant of "/1/7/" sorts between
    "/1/7/" and "/1/70" ('0' follows '/'), so no LIKE and no recursion is needed. The range
    relies on byte order: SQLite compares so by default, PostgreSQL through the "C" collation
    the path column has (its squashed migration, 0001).
    """
    upper = path[:-1] + "0"
    return Q(**{f"{prefix}path__gte": path, f"{prefix}path__lt": upper})


def current_q(*, on: datetime.date | None = None, prefix: str = "") -> Q:
    """Units in force on `on` (today by default): started, and not yet dissolved or merged."""
    on = on or timezone.localdate()
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": on})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on})
    )


def open_q(*, on: datetime.date | None = None, prefix: str = "") -> Q:
    """Units not closed on `on` (today by default): in force, or set up to start later. What
    an administrator may still add under, move, rename or name as a successor."""
    on = on or timezone.localdate()
    return Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on})


def unit_subtree(*, unit: OrgUnit, include_self: bool = True) -> QuerySet[OrgUnit]:
    units = OrgUnit.objects.filter(subtree_q(unit.path))
    if not include_self:
        units = units.exclude(pk=unit.pk)
    return units


def unit_subtree_size(
    *, unit: OrgUnit, current_only: bool = False, on: datetime.date | None = None
) -> int:
    """How many units lie below `unit` (itself not counted), in one range count."""
    units = OrgUnit.objects.filter(path__gt=unit.path, path__lt=unit.path[:-1] + "0")
    if current_only:
        units = units.filter(current_q(on=on))
    return units.count()


def _subtree_size_of_row(*, current_only: bool, on: datetime.date | None) -> Coalesce:
    """A correlated COUNT of the units below each row of the outer query (its path range)."""
    upper = Concat(
        Substr(OuterRef("path"), 1, Length(OuterRef("path")) - 1),
        Value("0"),
        output_field=OrgUnit._meta.get_field("path"),
    )
    below = OrgUnit.objects.filter(path__gt=OuterRef("path"), path__lt=upper)
    if current_only:
        below = below.filter(current_q(on=on))
    count = below.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(count, output_field=IntegerField()), 0)


def unit_children(
    *,
    unit: OrgUnit | None,
    active_only: bool = False,
    with_sizes: bool = False,
    on: datetime.date | None = None,
) -> QuerySet[OrgUnit]:
    """The units directly under `unit` (the top units when None), ready for a listing.

    Current units only when `active_only`, in alphabetical order (of the folded name, so that
    "Tân An" comes before "Thạnh Đức" whatever the database's collation); otherwise current
    units first, then the closed ones, most recently closed first. `with_sizes` adds
    `subtree_size`, the number of units below each child (counting, like the listing, only
    current ones when `active_only`).
    """
    units = OrgUnit.objects.filter(parent=unit).select_related("level", "kind")
    if active_only:
        units = units.filter(current_q(on=on)).order_by("search_key", "name", "pk")
    else:
        units = units.order_by(F("valid_to").desc(nulls_first=True), "search_key", "name", "pk")
    if with_sizes:
        units = units.annotate(subtree_size=_subtree_size_of_row(current_only=active_only, on=on))
    return units


def unit_search(
    *,
    within: OrgUnit | None,
    query: str,
    active_only: bool = False,
    on: datetime.date | None = None,
) -> QuerySet[OrgUnit]:
    """Units below `within` (anywhere when None) whose name holds every word of `query`, or
    whose official code is `query`.

    Names match without regard to case or diacritics ("tan ninh" finds "Tân Ninh") through the
    folded `search_key`; the subtree is the indexed path range and the code an indexed equality.
    Higher levels come first.
    """
    words = fold(query).split()
    code = query.strip()
    if not words:
        return OrgUnit.objects.none()
    by_name = Q()
    for word in words:
        by_name &= Q(search_key__contains=word)
    units = OrgUnit.objects.filter(by_name | Q(official_code=code))
    if within is not None:
        units = units.filter(path__gt=within.path, path__lt=within.path[:-1] + "0")
    if active_only:
        units = units.filter(current_q(on=on))
    return units.select_related("level", "kind", "parent").order_by(
        "depth", "search_key", "name", "pk"
    )


def unit_listing(
    *, unit: OrgUnit | None, query: str = "", active_only: bool = True
) -> QuerySet[OrgUnit]:
    """What a tree page lists: the search results below `unit` when there is a query, else its
    direct children with the sizes of their subtrees."""
    if query:
        return unit_search(within=unit, query=query, active_only=active_only)
    return unit_children(unit=unit, active_only=active_only, with_sizes=True)


def unit_ancestors(*, unit: OrgUnit) -> list[OrgUnit]:
    """The units above `unit`, from the root down, in one query."""
    ids = unit.ancestor_ids[:-1]
    by_id = {u.pk: u for u in OrgUnit.objects.filter(pk__in=ids).select_related("level", "kind")}
    return [by_id[i] for i in ids if i in by_id]


def unit_line_names(*, unit: OrgUnit) -> list[str]:
    """The names of the units from the root down to `unit`, itself included, in one query."""
    names = dict(OrgUnit.objects.filter(pk__in=unit.ancestor_ids).values_list("pk", "name"))
    return [names[pk] for pk in unit.ancestor_ids if pk in names]


def unit_history(*, unit: OrgUnit) -> dict[str, QuerySet[UnitSuccession]]:
    """Which units this one absorbed (wholly or partly), and which took it over."""
    return {
        "predecessors": UnitSuccession.objects.filter(successor=unit)
        .select_related("predecessor__level", "predecessor__kind")
        .order_by("effective_on", "kind", "predecessor__name", "pk"),
        "successors": UnitSuccession.objects.filter(predecessor=unit)
        .select_related("successor__level", "successor__kind")
        .order_by("effective_on", "kind", "successor__name", "pk"),
    }


def council_unit_for(*, unit: OrgUnit, on: datetime.date | None = None) -> OrgUnit | None:
    """The nearest unit at or above `unit` that holds an appraisal council on the date `on`
    (today by default): a district committee closed in 2025 still appraises its 2019 round,
    but not a 2026 one."""
    on = on or timezone.localdate()
    ids = unit.ancestor_ids
    candidates = {
        u.pk: u
        for u in OrgUnit.objects.filter(pk__in=ids, kind__holds_council=True)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("kind", "level")
    }
    for pk in reversed(ids):
        if pk in candidates:
            return candidates[pk]
    return None


def unit_changes(*, unit: OrgUnit, limit: int = 50) -> list[UnitChange]:
    """The dated changes administrators made to `unit`, newest first."""
    return list(unit.changes.select_related("recorded_by").order_by("-effective_on", "-pk")[:limit])


# Which units a person administers, as a filter on OrgUnit, told by accounts (which holds the
# roles) from its AppConfig.ready(): orgs imports no app above it.
ADMIN_SCOPE: list = []


def register_admin_scope(scope) -> None:
    """Set `scope(user) -> Q` as the filter of the units a person administers."""
    ADMIN_SCOPE[:] = [scope]


def administered_units_q(user) -> Q:
    """The units `user` administers (their subtrees), as a filter on OrgUnit: none until
    accounts has registered its scope."""
    return ADMIN_SCOPE[0](user) if ADMIN_SCOPE else Q(pk__in=[])


def units_for_pages() -> QuerySet[OrgUnit]:
    """Units with their level, kind and parent, for the pages that find one by its number."""
    return OrgUnit.objects.select_related("level", "kind", "parent")
