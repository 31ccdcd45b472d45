"""Who may post, change and answer needs, as `rules` predicates over the organisation tree."""

import rules

from sangtao.accounts.models import Role
from sangtao.accounts.scope import has_role, has_role_over

POSTING_ROLES = frozenset({Role.CLERK, Role.OFFICER, Role.ADMIN})


@rules.predicate
def is_poster(user, challenge) -> bool:
    return challenge is not None and challenge.created_by_id == user.pk


@rules.predicate
def is_staff_over_poster_unit(user, challenge) -> bool:
    return (
        challenge is not None
        and challenge.unit_id is not None
        and has_role_over(user, POSTING_ROLES, challenge.unit)
    )


@rules.predicate
def is_open(user, challenge) -> bool:
    return challenge is not None and challenge.is_open


@rules.predicate
def may_file(user) -> bool:
    return has_role(user, {Role.AUTHOR, Role.CLERK, Role.OFFICER, Role.ADMIN})


# Any signed-in person may post a need: for a unit they serve as clerk, officer or
# administrator, or for their own organisation (named).
rules.add_perm("challenges.add_challenge", rules.is_authenticated & rules.is_active)
rules.add_perm("challenges.change_challenge", is_poster | is_staff_over_poster_unit)
rules.add_perm("challenges.answer_challenge", rules.is_authenticated & may_file & is_open)
