"""Who may see and keep practices, replications and applications of initiatives.

A unit's clerk, movement officer or administrator keeps the records of its unit and of its
subtree; staff (clerk, officer, leader, administrator) see those of their subtree; every
signed-in person sees the published practices (and their replications)."""

import rules

from sangtao.accounts.scope import STAFF_ROLES, has_role_over
from sangtao.registers.keepers import keeps_anywhere, keeps_unit_of, sees_unit_of, staff_anywhere


@rules.predicate
def is_published(user, practice) -> bool:
    return practice is not None and practice.published


@rules.predicate
def sees_initiative_unit_of(user, application) -> bool:
    return application is not None and has_role_over(user, STAFF_ROLES, application.initiative.unit)


auth = rules.is_authenticated
rules.add_perm("practices.list_practice", auth)
rules.add_perm("practices.view_practice", auth & (sees_unit_of | is_published))
rules.add_perm("practices.add_practice", auth & keeps_anywhere)
rules.add_perm("practices.change_practice", auth & keeps_unit_of)
rules.add_perm("practices.delete_practice", auth & keeps_unit_of)
# On the practice: who may open its replications, and record one of their own units.
rules.add_perm("practices.view_replications", auth & (sees_unit_of | is_published))
rules.add_perm(
    "practices.replicate_practice", auth & (sees_unit_of | is_published) & keeps_anywhere
)
rules.add_perm("practices.list_application", auth & staff_anywhere)
rules.add_perm("practices.view_application", auth & (sees_unit_of | sees_initiative_unit_of))
rules.add_perm("practices.add_application", auth & keeps_anywhere)
rules.add_perm("practices.change_application", auth & keeps_unit_of)
rules.add_perm("practices.delete_application", auth & keeps_unit_of)
