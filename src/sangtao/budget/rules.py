"""Who may keep the budget and the contributions: a unit's clerks, officers and administrators
keep the records of their unit and its subtree (sangtao.registers.keepers); its leaders read
them; nobody else sees them."""

import rules

from sangtao.accounts.scope import STAFF_ROLES, has_role_over
from sangtao.registers.keepers import add_kept_perms


@rules.predicate
def follows_unit(user, unit) -> bool:
    """`user` is staff over `unit` (the summary of a unit's subtree)."""
    return unit is not None and has_role_over(user, STAFF_ROLES, unit)


add_kept_perms("budget.budgetline")
add_kept_perms("budget.contribution")
rules.add_perm("budget.view_summary", rules.is_authenticated & follows_unit)
