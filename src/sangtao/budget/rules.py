"""Who may keep the budget and the contributions: a unit's clerks, officers and administrators
keep the records of their unit and its subtree (sangtao.registers.keepers); its leaders read
them; nobody else sees them."""

import rules

from sangtao.accounts.scope import STAFF_ROLES, has_role_over
from sangtao.registers.keepers import keeps_anywhere, keeps_unit_of, sees_unit_of, staff_anywhere


@rules.predicate
def follows_unit(user, unit) -> bool:
    """`user` is staff over `unit` (the summary of a unit's subtree)."""
    return unit is not None and has_role_over(user, STAFF_ROLES, unit)


auth = rules.is_authenticated
for model in ("budgetline", "contribution"):
    rules.add_perm(f"budget.list_{model}", auth & staff_anywhere)
    rules.add_perm(f"budget.view_{model}", auth & sees_unit_of)
    rules.add_perm(f"budget.add_{model}", auth & keeps_anywhere)
    rules.add_perm(f"budget.change_{model}", auth & keeps_unit_of)
    rules.add_perm(f"budget.delete_{model}", auth & keeps_unit_of)
rules.add_perm("budget.view_summary", auth & follows_unit)
