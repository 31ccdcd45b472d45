"""Who may keep the activity registers.

A unit's clerk, officer and administrator keep the records of their unit and its subtree; its
leaders read them. An inspection is kept by the inspecting unit; the inspected unit's clerk,
officer or administrator answers it (and may not change the findings) and its leaders read it.
"""

import rules

from sangtao.accounts.scope import STAFF_ROLES, has_role_over
from sangtao.registers.keepers import KEEPERS as EDITORS
from sangtao.registers.keepers import add_kept_perms


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


add_kept_perms("activities.responseplan")
add_kept_perms("activities.event")
add_kept_perms("activities.inspection", sees=sees_inspection, keeps=edits_inspection)
rules.add_perm("activities.answer_inspection", rules.is_authenticated & answers_inspection)
