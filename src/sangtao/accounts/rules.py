"""Permissions about people and the tree."""

import rules

from sangtao.accounts.models import Role
from sangtao.accounts.scope import has_role, has_role_over


@rules.predicate
def is_admin_over(user, unit) -> bool:
    return has_role_over(user, {Role.ADMIN}, unit)


rules.add_perm("orgs.view_tree", rules.is_authenticated)
# Create accounts in, and grant roles over, a unit: its administrators (and superusers).
rules.add_perm("accounts.manage_people", rules.is_authenticated & is_admin_over)


@rules.predicate
def is_admin(user) -> bool:
    return has_role(user, {Role.ADMIN})


@rules.predicate
def may_pick_people(user) -> bool:
    return has_role(user, {Role.ADMIN, Role.OFFICER, Role.SECRETARY})


# Open the people pages (each person and unit is then checked with manage_people).
rules.add_perm("accounts.view_people", rules.is_authenticated & is_admin)
# Find people of one's subtree by name: administrators, officers and council secretaries (who
# set up councils), through the people picker.
rules.add_perm("accounts.pick_people", rules.is_authenticated & may_pick_people)
