"""Who may run honours, compile the yearly book and keep the ledger.

Movement officers and administrators over a unit (the unit or an ancestor) run its honours
rounds, compile its books and record payments; the staff over it (clerks, leaders too) read
them. Objects: an OrgUnit, an HonoursRound, an Honour or a Yearbook, each judged by its unit.
"""

import rules

from sangtao.accounts.models import Role
from sangtao.accounts.scope import STAFF_ROLES, has_role, has_role_over

MANAGERS = frozenset({Role.OFFICER, Role.ADMIN})


def _unit(obj):
    if obj is None:
        return None
    if hasattr(obj, "round") and hasattr(obj, "prize_vnd"):  # an Honour
        return obj.round.unit
    return getattr(obj, "unit", obj)


@rules.predicate
def manages(user, obj) -> bool:
    return has_role_over(user, MANAGERS, _unit(obj))


@rules.predicate
def follows(user, obj) -> bool:
    return has_role_over(user, STAFF_ROLES, _unit(obj))


@rules.predicate
def manages_anywhere(user) -> bool:
    return has_role(user, MANAGERS)


@rules.predicate
def staff_anywhere(user) -> bool:
    return has_role(user, STAFF_ROLES)


rules.add_perm("honours.manage", rules.is_authenticated & manages)
rules.add_perm("honours.view", rules.is_authenticated & follows)
rules.add_perm("honours.manage_anywhere", rules.is_authenticated & manages_anywhere)
rules.add_perm("honours.view_anywhere", rules.is_authenticated & staff_anywhere)
# The register: anyone signed in; the selector shows only what they may see.
rules.add_perm("honours.view_register", rules.is_authenticated)
