"""Who may configure a movement: its officers and administrators, within their subtree."""

import rules

from sangtao.accounts.models import Role
from sangtao.accounts.scope import has_role, has_role_over

MANAGERS = {Role.OFFICER, Role.ADMIN}


@rules.predicate
def manages_movement(user, movement) -> bool:
    return movement is not None and has_role_over(user, MANAGERS, movement.unit)


@rules.predicate
def is_manager_anywhere(user) -> bool:
    return has_role(user, MANAGERS)


rules.add_perm("movements.view_movement", rules.is_authenticated)
rules.add_perm("movements.add_movement", rules.is_authenticated & is_manager_anywhere)
rules.add_perm("movements.change_movement", rules.is_authenticated & manages_movement)
