"""Who may keep the activity registers.

A unit's clerk, officer and administrator keep the records of their unit and its subtree; its
leaders read them. An inspection is kept by the inspecting unit; the inspected unit's clerk,
officer or administrator answers it (and may not change the findings) and its leaders read it.
"""

import rules

from sangtao.accounts.scope import STAFF_ROLES, has_role_over
from sangtao.registers.keepers import KEEPERS as EDITORS
from sangtao.registers.keepers import keeps_anywhere, keeps_unit_of, sees_unit_of, staff_anywhere


@rules.predicate
def edits_inspection(user, inspection) -> bool:
    return inspection is not None and has_role_over(user, EDITORS, inspection.inspector)


@rules.predicate
def sees_inspection(user, inspection) -> bool:
    return inspection is not None and (
        has_role_over(user, STAFF_ROLES, inspection.inspector)
        or has_role_over(user, STAFF_ROLES, inspection.inspected)
    )


@rules.predicate
def answers_inspection(user, inspection) -> bool:
    """The inspected unit's staff (not the inspecting unit's, who wrote the findings)."""
    return (
        inspection is not None
        and has_role_over(user, EDITORS, inspection.inspected)
        and not has_role_over(user, EDITORS, inspection.inspector)
    )


auth = rules.is_authenticated
for model in ("responseplan", "event"):
    rules.add_perm(f"activities.list_{model}", auth & staff_anywhere)
    rules.add_perm(f"activities.view_{model}", auth & sees_unit_of)
    rules.add_perm(f"activities.add_{model}", auth & keeps_anywhere)
    rules.add_perm(f"activities.change_{model}", auth & keeps_unit_of)
    rules.add_perm(f"activities.delete_{model}", auth & keeps_unit_of)
rules.add_perm("activities.list_inspection", auth & staff_anywhere)
rules.add_perm("activities.view_inspection", auth & sees_inspection)
rules.add_perm("activities.add_inspection", auth & keeps_anywhere)
rules.add_perm("activities.change_inspection", auth & edits_inspection)
rules.add_perm("activities.delete_inspection", auth & edits_inspection)
rules.add_perm("activities.answer_inspection", auth & answers_inspection)
