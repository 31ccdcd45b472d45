"""Read queries of needs: the public list and page, the answers, the suggestions."""

from django.db.models import Count, Q, QuerySet

from sangtao.accounts.scope import has_role

from .models import Challenge, ChallengeAnswer
from .rules import POSTING_ROLES


def challenge_list(*, status: str = "", field_id: int | None = None) -> QuerySet[Challenge]:
    """Needs for everyone, newest first, with what each row shows (no query per row)."""
    queryset = Challenge.objects.select_related("unit", "field").annotate(
        answer_count=Count("answers")
    )
    if status in Challenge.Status.values:
        queryset = queryset.filter(status=status)
    if field_id:
        queryset = queryset.filter(field_id=field_id)
    return queryset.order_by("-created_at", "-id")


def challenge_answers(*, challenge: Challenge, user) -> list[ChallengeAnswer]:
    """The answers anyone may see: those whose initiative is public (recognised), plus those
    the reader may see themselves (their own dossiers, or those of their subtree)."""
    from sangtao.initiatives.selectors import initiative_list_visible

    answers = ChallengeAnswer.objects.filter(challenge=challenge).select_related(
        "initiative__unit", "initiative__search_entry"
    )
    visible = Q(initiative__search_entry__is_public=True)
    if user.is_authenticated:
        visible |= Q(initiative__in=initiative_list_visible(user=user).values("pk"))
    return list(answers.filter(visible).order_by("-created_at", "-id"))


def challenge_suggestions(*, challenge: Challenge, limit: int = 5) -> list:
    """Recognised initiatives that match the need (the novelty check's similarity, which
    folds tones and spelling), those already given as answers left out."""
    from sangtao.initiatives.search import similar_initiatives

    answered = set(challenge.answers.values_list("initiative_id", flat=True))
    found = similar_initiatives(
        text=f"{challenge.title}\n{challenge.description}", visible=None, limit=limit + 5
    )
    return [item for item in found if item.initiative.pk not in answered][:limit]


def answerable_initiatives(*, user, challenge: Challenge) -> QuerySet:
    """The person's own initiatives that could answer the need (not withdrawn, not yet given)."""
    from sangtao.initiatives.models import Initiative
    from sangtao.initiatives.states import State

    return (
        Initiative.objects.filter(created_by=user)
        .exclude(state=State.WITHDRAWN)
        .exclude(challenge_answers__challenge=challenge)
        .order_by("-created_at", "-id")
    )


def posting_units(*, user) -> QuerySet:
    """The units a person's form offers for posting needs: those they serve as clerk, officer
    or administrator and the units just below them (any unit of their subtree may post, see
    `services.challenge_create`; the list stays short at national scale)."""
    from sangtao.orgs.models import OrgUnit
    from sangtao.orgs.selectors import current_q

    if not has_role(user, POSTING_ROLES):
        return OrgUnit.objects.none()
    ids = user.memberships.filter(role__in=POSTING_ROLES).values("unit_id")
    return OrgUnit.objects.filter(Q(pk__in=ids) | (Q(parent_id__in=ids) & current_q())).order_by(
        "path"
    )


def challenges_for_pages() -> QuerySet[Challenge]:
    """Challenges with their unit and field, for the pages that find one by its public id."""
    return Challenge.objects.select_related("unit", "field")


def challenge_fields() -> QuerySet:
    """The fields a challenge list filters by, movement by movement."""
    from sangtao.movements.models import Field

    return Field.objects.order_by("movement", "order", "id")
