"""Where a user may act: the subtrees their role memberships cover.

Loaded once per request (memoised on the user object) so that permission checks on a list of
rows cost no query per row.
"""

from django.db.models import Q

from sangtao.orgs.models import OrgUnit
from sangtao.orgs.selectors import subtree_q

from .models import Role

STAFF_ROLES = frozenset({Role.CLERK, Role.OFFICER, Role.LEADER, Role.ADMIN})
COUNCIL_ROLES = frozenset({Role.SECRETARY, Role.COUNCIL_MEMBER})


def role_paths(user) -> dict[str, list[str]]:
    """{role: [unit path, ...]} of the user's memberships, cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_sangtao_role_paths", None)
    if cached is None:
        cached = {}
        for role, path in user.memberships.values_list("role", "unit__path"):
            cached.setdefault(role, []).append(path)
        user._sangtao_role_paths = cached
    return cached


def has_role(user, roles) -> bool:
    paths = role_paths(user)
    return any(paths.get(role) for role in roles)


def has_role_over(user, roles, unit: OrgUnit | None) -> bool:
    """True when the user holds one of `roles` at `unit` or at one of its ancestors."""
    if unit is None:
        return False
    paths = role_paths(user)
    return any(unit.path.startswith(path) for role in roles for path in paths.get(role, ()))


def outer_paths(user, roles) -> list[str]:
    """The paths of the units the user holds one of `roles` at, without those inside another."""
    paths = sorted({path for role in roles for path in role_paths(user).get(role, ())})
    outer: list[str] = []
    for path in paths:
        if not any(path.startswith(kept) for kept in outer):
            outer.append(path)
    return outer


def scope_q(user, roles, field: str = "unit") -> Q:
    """A filter for rows whose `field` unit lies in a subtree the user covers with `roles`."""
    query = Q(pk__in=[])
    for path in outer_paths(user, roles):
        query |= subtree_q(path, prefix=f"{field}__")
    return query


def units_covered_q(user, roles) -> Q:
    """A filter on OrgUnit itself: the units of the subtrees the user covers with `roles`."""
    query = Q(pk__in=[])
    for path in outer_paths(user, roles):
        query |= subtree_q(path)
    return query


def unit_scope_q(user, roles) -> Q:
    """units_covered_q, but every unit for a superuser, who may act anywhere."""
    if getattr(user, "is_superuser", False):
        return Q()
    return units_covered_q(user, roles)


def forget(user) -> None:
    """Drop the cached scope, after memberships change."""
    if hasattr(user, "_sangtao_role_paths"):
        del user._sangtao_role_paths
