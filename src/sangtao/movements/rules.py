"""Who may configure a movement: its officers and administrators, within their subtree.

Every signed-in user may read a movement. A movement officer or administrator whose membership
covers the movement's organising unit (the unit itself or an ancestor) configures it.
"""

import rules

from sangtao.accounts.models import Role
from sangtao.accounts.scope import has_role, has_role_over

MANAGERS = frozenset({Role.OFFICER, Role.ADMIN})


@rules.predicate
def manages_movement(user, movement) -> bool:
    return movement is not None and has_role_over(user, MANAGERS, movement.unit)


@rules.predicate
def manages_unit(user, unit) -> bool:
    """The user may organise a movement at `unit` (an OrgUnit)."""
    return unit is not None and has_role_over(user, MANAGERS, unit)


@rules.predicate
def is_manager_anywhere(user) -> bool:
    return has_role(user, MANAGERS)


rules.add_perm("movements.view_movement", rules.is_authenticated)
# May open the "create a movement" page at all (some unit is covered).
rules.add_perm("movements.add_movement", rules.is_authenticated & is_manager_anywhere)
# May organise a movement at this unit (object: an OrgUnit).
rules.add_perm("movements.add_movement_at_unit", rules.is_authenticated & manages_unit)
rules.add_perm("movements.change_movement", rules.is_authenticated & manages_movement)
