"""Who may keep the activity registers.

A unit's clerk, officer and administrator keep the records of their unit and its subtree; its
leaders read them. An inspection is kept by the inspecting unit; the inspected unit's clerk,
officer or administrator answers it (and may not change the findings) and its leaders read it.
"""

import rules

from sangtao.accounts.models import Role
from sangtao.accounts.scope import STAFF_ROLES, has_role, has_role_over

EDITORS = frozenset({Role.CLERK, Role.OFFICER, Role.ADMIN})


@rules.predicate
def edits_unit(user, row) -> bool:
    return row is not None and has_role_over(user, EDITORS, row.unit)


@rules.predicate
def sees_unit(user, row) -> bool:
    return row is not None and has_role_over(user, STAFF_ROLES, row.unit)


@rules.predicate
def is_editor_anywhere(user) -> bool:
    return has_role(user, EDITORS)


@rules.predicate
def is_staff_anywhere(user) -> bool:
    return has_role(user, STAFF_ROLES)


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
    rules.add_perm(f"activities.list_{model}", auth & is_staff_anywhere)
    rules.add_perm(f"activities.view_{model}", auth & sees_unit)
    rules.add_perm(f"activities.add_{model}", auth & is_editor_anywhere)
    rules.add_perm(f"activities.change_{model}", auth & edits_unit)
    rules.add_perm(f"activities.delete_{model}", auth & edits_unit)
rules.add_perm("activities.list_inspection", auth & is_staff_anywhere)
rules.add_perm("activities.view_inspection", auth & sees_inspection)
rules.add_perm("activities.add_inspection", auth & is_editor_anywhere)
rules.add_perm("activities.change_inspection", auth & edits_inspection)
rules.add_perm("activities.delete_inspection", auth & edits_inspection)
rules.add_perm("activities.answer_inspection", auth & answers_inspection)
