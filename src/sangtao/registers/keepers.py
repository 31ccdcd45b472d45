"""Who keeps a unit's registers: its clerks, movement officers and administrators keep the
records of their unit and of its subtree; staff (leaders too) see them. The `rules` predicates,
the service check and the units a form offers, shared by the registers of every app."""

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from sangtao.accounts.models import Role
from sangtao.accounts.scope import STAFF_ROLES, has_role, has_role_over, units_covered_q
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.selectors import current_q

KEEPERS = frozenset({Role.CLERK, Role.OFFICER, Role.ADMIN})


@rules.predicate
def keeps_unit_of(user, row) -> bool:
    """`user` keeps the records of `row.unit`."""
    return row is not None and has_role_over(user, KEEPERS, row.unit)


@rules.predicate
def sees_unit_of(user, row) -> bool:
    """`user` is staff over `row.unit`."""
    return row is not None and has_role_over(user, STAFF_ROLES, row.unit)


@rules.predicate
def keeps_anywhere(user) -> bool:
    return has_role(user, KEEPERS)


@rules.predicate
def staff_anywhere(user) -> bool:
    return has_role(user, STAFF_ROLES)


def require_keeps(by, unit: OrgUnit) -> None:
    """Refuse unless `by` keeps the records of `unit` (holds a keeper's role over it)."""
    if not has_role_over(by, KEEPERS, unit):
        raise PermissionDenied


def units_kept(user) -> QuerySet[OrgUnit]:
    """The current units whose records `user` keeps, for the forms' choices."""
    return OrgUnit.objects.filter(units_covered_q(user, KEEPERS), current_q()).order_by("path")
