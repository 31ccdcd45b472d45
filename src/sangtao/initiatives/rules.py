"""Who may see and move an initiative, as `rules` predicates over the organisation tree."""

import rules

from sangtao.accounts.models import Role
from sangtao.accounts.scope import COUNCIL_ROLES, STAFF_ROLES, has_role, has_role_over
from sangtao.orgs.text import fold

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


# Whoever may open the dossier; the council's seats add to what they see (appraisal.rules).
sees_dossier = is_owner | (
    is_past_draft & (is_staff_over_unit | is_council_over_appraisal | is_coauthor)
)

rules.add_perm("initiatives.add_initiative", rules.is_authenticated & may_file)
rules.add_perm("initiatives.view_initiative", sees_dossier)
rules.add_perm("initiatives.change_initiative", is_owner & is_draft_like)
rules.add_perm("initiatives.submit_initiative", is_owner & _transition("submit"))
rules.add_perm("initiatives.withdraw_initiative", is_owner & _transition("withdraw"))
rules.add_perm("initiatives.forward_initiative", is_clerk_over_unit & _transition("forward"))
rules.add_perm("initiatives.return_initiative", is_clerk_over_unit & _transition("return"))
rules.add_perm(
    "initiatives.view_unit_queue",
    rules.is_authenticated & rules.predicate(lambda user: has_role(user, STAFF_ROLES)),
)


# What the council adds is the appraisal app's to say: it sets these permissions again in its
# rules.py with the predicates over its seats (an app below knows nothing of the one above).
# Without it: the novelty check for whoever sees the dossier, links recorded by nobody, the
# authors shown to whoever sees the dossier.
rules.add_perm("initiatives.view_similar", rules.is_authenticated & sees_dossier)
rules.add_perm("initiatives.link_initiative", rules.always_deny)
rules.add_perm("initiatives.mark_not_duplicate", rules.always_deny)
rules.add_perm("initiatives.view_authors", rules.always_allow)


# --- one person, many author rows -------------------------------------------------------------
# A signed-in person asks to be linked to an author row of a dossier (past its draft) that names
# them, has no account yet and is not of a dossier they filed or are already linked to; the
# filer or a clerk over the dossier's unit answers.


@rules.predicate
def row_names_user(user, author) -> bool:
    return (
        author is not None
        and bool(user.full_name)
        and author.name_key == fold(user.full_name)[:150]
    )


@rules.predicate
def row_is_free(user, author) -> bool:
    if author is None or author.user_id is not None:
        return False
    initiative = author.initiative
    return (
        initiative.state != State.DRAFT
        and initiative.created_by_id != user.pk
        and not initiative.authors.filter(user=user).exists()
    )


rules.add_perm("initiatives.claim_author", rules.is_authenticated & row_names_user & row_is_free)
rules.add_perm("initiatives.answer_author_claim", is_owner | is_clerk_over_unit)
