"""Who may see and keep practices, replications and applications of initiatives.

A unit's clerk, movement officer or administrator keeps the records of its unit and of its
subtree; staff (clerk, officer, leader, administrator) see those of their subtree; every
signed-in person sees the published practices (and their replications)."""

import rules

from sangtao.accounts.scope import STAFF_ROLES, has_role_over
from sangtao.registers.keepers import add_kept_perms, keeps_anywhere, sees_unit_of


@rules.predicate
def is_published(user, practice) -> bool:
    return practice is not None and practice.published


@rules.predicate
def sees_initiative_unit_of(user, application) -> bool:
    return application is not None and has_role_over(user, STAFF_ROLES, application.initiative.unit)


auth = rules.is_authenticated
add_kept_perms("practices.practice", lists=rules.always_allow, sees=sees_unit_of | is_published)
# On the practice: who may open its replications, and record one of their own units.
rules.add_perm("practices.view_replications", auth & (sees_unit_of | is_published))
rules.add_perm(
    "practices.replicate_practice", auth & (sees_unit_of | is_published) & keeps_anywhere
)
add_kept_perms("practices.application", sees=sees_unit_of | sees_initiative_unit_of)
