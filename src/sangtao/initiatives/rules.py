"""Who may see and move an initiative, as `rules` predicates over the organisation tree."""

import rules
from django.db.models import Q

from sangtao.accounts.models import Role
from sangtao.accounts.scope import COUNCIL_ROLES, STAFF_ROLES, has_role, has_role_over

from .states import EDITABLE_STATES, State, can_transition


@rules.predicate
def is_owner(user, initiative) -> bool:
    return initiative is not None and initiative.created_by_id == user.pk


@rules.predicate
def is_coauthor(user, initiative) -> bool:
    return (
        initiative is not None
        and user.is_authenticated
        and initiative.authors.filter(user=user).exists()
    )


@rules.predicate
def is_draft_like(user, initiative) -> bool:
    return initiative is not None and initiative.state in EDITABLE_STATES


@rules.predicate
def is_staff_over_unit(user, initiative) -> bool:
    """A clerk, officer, leader or administrator covering the initiative's unit."""
    return initiative is not None and has_role_over(user, STAFF_ROLES, initiative.unit)


@rules.predicate
def is_clerk_over_unit(user, initiative) -> bool:
    return initiative is not None and has_role_over(
        user, {Role.CLERK, Role.OFFICER, Role.ADMIN}, initiative.unit
    )


@rules.predicate
def is_council_over_appraisal(user, initiative) -> bool:
    return (
        initiative is not None
        and initiative.state != State.DRAFT
        and has_role_over(user, COUNCIL_ROLES | STAFF_ROLES, initiative.appraisal_unit)
    )


@rules.predicate
def is_past_draft(user, initiative) -> bool:
    return initiative is not None and initiative.state != State.DRAFT


def _transition(name):
    @rules.predicate(name=f"may_{name}")
    def allowed(user, initiative) -> bool:
        return initiative is not None and can_transition(initiative.state, name)

    return allowed


@rules.predicate
def may_file(user) -> bool:
    return has_role(user, {Role.AUTHOR, Role.CLERK, Role.OFFICER, Role.ADMIN})


rules.add_perm("initiatives.add_initiative", rules.is_authenticated & may_file)
rules.add_perm(
    "initiatives.view_initiative",
    is_owner | (is_past_draft & (is_staff_over_unit | is_council_over_appraisal | is_coauthor)),
)
rules.add_perm("initiatives.change_initiative", is_owner & is_draft_like)
rules.add_perm("initiatives.submit_initiative", is_owner & _transition("submit"))
rules.add_perm("initiatives.withdraw_initiative", is_owner & _transition("withdraw"))
rules.add_perm("initiatives.forward_initiative", is_clerk_over_unit & _transition("forward"))
rules.add_perm("initiatives.return_initiative", is_clerk_over_unit & _transition("return"))
rules.add_perm(
    "initiatives.view_unit_queue",
    rules.is_authenticated & rules.predicate(lambda user: has_role(user, STAFF_ROLES)),
)


def _seated(user, initiative, roles=None) -> bool:
    if initiative is None or not initiative.appraisal_unit_id or not user.is_authenticated:
        return False
    from sangtao.appraisal.models import CouncilMember

    seats = CouncilMember.objects.filter(user=user, council__unit_id=initiative.appraisal_unit_id)
    return (seats.filter(role__in=roles) if roles else seats).exists()


@rules.predicate
def chairs_its_council(user, initiative) -> bool:
    """The chair or secretary of a council of the unit appraising the initiative."""
    from sangtao.appraisal.models import CouncilMember

    return _seated(user, initiative, [CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY])


@rules.predicate
def sits_on_its_council(user, initiative) -> bool:
    """Any seat (member, expert, chair, secretary) on a council of the appraising unit."""
    return _seated(user, initiative)


# The novelty check: anyone who may see a dossier sees what it resembles (within what they may
# see); the council's chair or secretary records that it duplicates or builds on another.
rules.add_perm(
    "initiatives.view_similar",
    rules.is_authenticated
    & (
        is_owner
        | (is_past_draft & (is_staff_over_unit | is_council_over_appraisal | is_coauthor))
        | (is_past_draft & sits_on_its_council)
    ),
)
rules.add_perm("initiatives.link_initiative", is_past_draft & chairs_its_council)


@rules.predicate
def appraises_it_blind(user, initiative) -> bool:
    """The chair, a member or an expert of a blind council that appraises the initiative: the
    council of its appraising unit and round, or one that handed out a sheet of it or decided
    on it. (The secretary keeps the record and sees the authors.)"""
    if initiative is None or not user.is_authenticated:
        return False
    from sangtao.appraisal.models import Council, CouncilMember

    blind = getattr(user, "_sangtao_blind_seats", None)
    if blind is None:  # once per request: most people sit on no blind council
        blind = user._sangtao_blind_seats = list(
            CouncilMember.objects.filter(user=user, council__blind=True)
            .exclude(role=CouncilMember.Role.SECRETARY)
            .values_list("council_id", flat=True)
        )
    if not blind:
        return False
    appraising = Q(assignments__initiative=initiative) | Q(decisions__initiative=initiative)
    if initiative.appraisal_unit_id:
        appraising |= Q(unit_id=initiative.appraisal_unit_id, round_id=initiative.round_id)
    return Council.objects.filter(appraising, pk__in=blind).exists()


# Who wrote the dossier and who filed it (the authors, their units, the filer's steps in the
# history, the uploader and the names of the files): hidden from those who appraise it blind,
# unless they are its authors themselves.
rules.add_perm("initiatives.view_authors", ~appraises_it_blind | is_owner | is_coauthor)
