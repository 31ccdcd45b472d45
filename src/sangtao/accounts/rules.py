"""Permissions about people and the tree."""

import rules

from sangtao.accounts.models import Role
from sangtao.accounts.scope import has_role_over


@rules.predicate
def is_admin_over(user, unit) -> bool:
    return has_role_over(user, {Role.ADMIN}, unit)


rules.add_perm("orgs.view_tree", rules.is_authenticated)
# Create accounts in, and grant roles over, a unit: its administrators (and superusers).
rules.add_perm("accounts.manage_people", rules.is_authenticated & is_admin_over)
