"""Who may do what in a council, as `rules` predicates.

A person's seats (chair, secretary, member, expert) come from CouncilMember rows, loaded once
per request. Officers and administrators over the council's unit (and council secretaries
named by role membership) set councils up and follow them.
"""

import rules

from sangtao.accounts.models import Role
from sangtao.accounts.scope import has_role, has_role_over

from .models import Council, CouncilMember

SETUP_ROLES = {Role.OFFICER, Role.ADMIN, Role.SECRETARY}
FOLLOW_ROLES = {Role.OFFICER, Role.ADMIN, Role.LEADER}


def seats(user) -> dict[int, str]:
    """{council id: role in that council}, cached on the user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_sangtao_council_seats", None)
    if cached is None:
        cached = dict(CouncilMember.objects.filter(user=user).values_list("council_id", "role"))
        user._sangtao_council_seats = cached
    return cached


def forget_seats(*users) -> None:
    """Drop the cached seats after they change."""
    for user in users:
        if user is not None:
            user.__dict__.pop("_sangtao_council_seats", None)


def seat(user, council: Council | None) -> str | None:
    return seats(user).get(council.pk) if council is not None else None


@rules.predicate
def sets_up_councils_anywhere(user) -> bool:
    return has_role(user, SETUP_ROLES)


@rules.predicate
def sets_up_council(user, council) -> bool:
    return council is not None and has_role_over(user, SETUP_ROLES, council.unit)


@rules.predicate
def follows_council(user, council) -> bool:
    return council is not None and has_role_over(user, FOLLOW_ROLES, council.unit)


@rules.predicate
def sits_on_council(user, council) -> bool:
    return seat(user, council) is not None


@rules.predicate
def is_secretary(user, council) -> bool:
    return seat(user, council) == CouncilMember.Role.SECRETARY


@rules.predicate
def is_chair(user, council) -> bool:
    return seat(user, council) == CouncilMember.Role.CHAIR


@rules.predicate
def is_open(user, council) -> bool:
    return council is not None and not council.is_sealed


@rules.predicate
def is_sealed(user, council) -> bool:
    return council is not None and council.is_sealed


@rules.predicate
def sits_on_any_council(user) -> bool:
    return bool(seats(user))


@rules.predicate
def follows_councils_anywhere(user) -> bool:
    return has_role(user, FOLLOW_ROLES)


runs_council = is_secretary | is_chair | sets_up_council
reopens = is_chair | sets_up_council

rules.add_perm("appraisal.add_council", rules.is_authenticated & sets_up_councils_anywhere)
rules.add_perm("appraisal.view_council", sits_on_council | follows_council | sets_up_council)
rules.add_perm("appraisal.change_council", is_open & (is_secretary | sets_up_council))
rules.add_perm("appraisal.assign", is_open & (is_secretary | is_chair | sets_up_council))
rules.add_perm(
    "appraisal.view_results", is_secretary | is_chair | follows_council | sets_up_council
)
rules.add_perm("appraisal.decide", is_open & (is_secretary | is_chair))
rules.add_perm("appraisal.seal", is_open & is_chair)
rules.add_perm("appraisal.reopen", is_sealed & reopens)
rules.add_perm("appraisal.nominate", is_sealed & (is_secretary | is_chair))
rules.add_perm("appraisal.export", is_secretary | is_chair | follows_council | sets_up_council)
rules.add_perm("appraisal.import_sheets", is_open & is_secretary)
# The queue of initiatives, the ranking and the declared conflicts: those who run or follow it.
rules.add_perm("appraisal.view_queue", is_secretary | is_chair | follows_council | sets_up_council)
rules.add_perm("appraisal.record_conflict", is_open & is_secretary)
# The menu: councils to open, score sheets to fill (no object; one query for the seats).
rules.add_perm(
    "appraisal.view_councils",
    rules.is_authenticated
    & (sets_up_councils_anywhere | follows_councils_anywhere | sits_on_any_council),
)
rules.add_perm("appraisal.view_tasks", rules.is_authenticated & sits_on_any_council)


def sees_authors(user, council: Council) -> bool:
    """False for chair, members and experts of a blind council; the secretary always sees."""
    if not council.blind:
        return True
    role = seat(user, council)
    if role is None:
        return True  # officers and leaders following the council are not appraising
    return role == CouncilMember.Role.SECRETARY
