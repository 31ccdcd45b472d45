"""Read queries of councils: the queue, a member's tasks, results and the ranking table.

Each returns in a number of queries that does not depend on the number of rows.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State
from sangtao.movements.models import Criterion, Grade

from . import scoring
from .models import Assignment, Conflict, Council, CouncilMember, Decision, Score
from .rules import seat

QUEUE_STATES = [State.IN_APPRAISAL, State.RECOGNISED, State.NOT_RECOGNISED, State.RETURNED]


def council_list_visible(*, user) -> QuerySet[Council]:
    """Councils the user sits on or follows (officers, leaders, admins, secretaries by role)."""
    from sangtao.accounts.scope import scope_q

    from .rules import FOLLOW_ROLES, SETUP_ROLES

    return (
        Council.objects.filter(Q(members__user=user) | scope_q(user, FOLLOW_ROLES | SETUP_ROLES))
        .distinct()
        .select_related("round__movement", "unit")
        .order_by("-round__year", "unit__name", "name")
    )


def council_queue(*, council: Council) -> QuerySet[Initiative]:
    """Initiatives this council appraises: forwarded or nominated to its unit in its round
    (within its fields), and those it has already decided on."""
    current = Q(
        appraisal_unit_id=council.unit_id, round_id=council.round_id, state__in=QUEUE_STATES
    )
    field_ids = list(council.fields.values_list("pk", flat=True))
    if field_ids:
        current &= Q(field_id__in=field_ids)
    decided = Decision.objects.filter(council=council, initiative=OuterRef("pk"))
    return Initiative.objects.filter(current | Q(Exists(decided)))


def council_queue_rows(*, council: Council) -> QuerySet[Initiative]:
    """The queue for the secretary's page, with counts and the decision, in one query."""
    decision = Decision.objects.filter(council=council, initiative=OuterRef("pk"))
    return (
        council_queue(council=council)
        .select_related("unit", "field")
        .annotate(
            assigned=Count("assignments", filter=Q(assignments__council=council), distinct=True),
            submitted_sheets=Count(
                "assignments",
                filter=Q(
                    assignments__council=council, assignments__state=Assignment.State.SUBMITTED
                ),
                distinct=True,
            ),
            decision_outcome=Subquery(decision.values("outcome")[:1]),
        )
        .order_by("submitted_at", "id")
    )


def member_tasks(*, user) -> QuerySet[Assignment]:
    """A member's score sheets across open councils, unfinished first, with deadlines."""
    return (
        Assignment.objects.filter(member__user=user, council__sealed_at__isnull=True)
        .select_related("initiative__field", "council__round", "member")
        .order_by("state", "council__scoring_deadline", "initiative_id")
    )


def declared_conflicts(*, initiative: Initiative) -> QuerySet[Conflict]:
    return Conflict.objects.filter(initiative=initiative).select_related("user", "declared_by")


def is_conflicted(*, user, council: Council, initiative: Initiative) -> bool:
    from .services import conflicted

    member = (
        CouncilMember.objects.select_related("user__unit", "council__unit")
        .filter(council=council, user=user)
        .first()
    )
    if member is None:
        return False
    declared = set(
        Conflict.objects.filter(initiative=initiative, user=user).values_list(
            "initiative_id", "user_id"
        )
    )
    return conflicted(member=member, initiative=initiative, declared=declared)


def may_see_sheets(*, user, council: Council, initiative: Initiative) -> bool:
    """Chair and secretary always; a member once their own sheet is submitted (or at once
    when the council does not hide sheets); never a conflicted member."""
    role = seat(user, council)
    if role in (CouncilMember.Role.CHAIR, CouncilMember.Role.SECRETARY):
        return not (
            role == CouncilMember.Role.CHAIR
            and is_conflicted(user=user, council=council, initiative=initiative)
        )
    if role is None:
        return user.has_perm("appraisal.view_results", council)
    if is_conflicted(user=user, council=council, initiative=initiative):
        return False
    own = Assignment.objects.filter(
        council=council, initiative=initiative, member__user=user
    ).first()
    if own is None:
        return False
    return not council.reveal_after_submit or own.state == Assignment.State.SUBMITTED


@dataclass
class Result:
    """One initiative's figures in a council."""

    initiative_id: int
    totals: list[Decimal] = field(default_factory=list)
    aggregate: Decimal | None = None
    mean: Decimal | None = None
    spread: Decimal | None = None
    normalised: Decimal | None = None
    first_criterion_mean: Decimal | None = None
    wide_disagreement: bool = False
    proposed_grade: Grade | None = None


def _results(council: Council) -> dict[int, Result]:
    sheets = list(
        Assignment.objects.filter(council=council, state=Assignment.State.SUBMITTED)
        .exclude(total__isnull=True)
        .values_list("member_id", "initiative_id", "total")
    )
    first = (
        Criterion.objects.filter(movement=council.round.movement_id).order_by("order", "id")
    ).first()
    first_scores: dict[int, list[Decimal]] = defaultdict(list)
    if first is not None:
        for initiative_id, value in Score.objects.filter(
            assignment__council=council,
            assignment__state=Assignment.State.SUBMITTED,
            criterion=first,
            value__isnull=False,
        ).values_list("assignment__initiative_id", "value"):
            first_scores[initiative_id].append(value)
    scale = [(g, g.min_total) for g in Grade.objects.filter(movement=council.round.movement_id)]
    normalised = scoring.normalised(sheets)
    results: dict[int, Result] = {}
    for _member, initiative_id, total in sheets:
        results.setdefault(initiative_id, Result(initiative_id)).totals.append(total)
    for initiative_id, result in results.items():
        result.aggregate = scoring.aggregate(result.totals, council.aggregate)
        result.mean = scoring.aggregate(result.totals, scoring.MEAN)
        result.spread = scoring.spread(result.totals)
        result.normalised = normalised.get(initiative_id)
        values = first_scores.get(initiative_id)
        result.first_criterion_mean = (
            scoring.quantize(sum(values) / len(values)) if values else None
        )
        result.wide_disagreement = (
            result.spread is not None and result.spread > council.disagreement_threshold
        )
        result.proposed_grade = scoring.propose_grade(result.aggregate, scale)
    return results


def initiative_result(*, council: Council, initiative: Initiative) -> Result:
    return _results(council).get(initiative.pk, Result(initiative.pk))


def ranking(*, council: Council) -> list[tuple[Initiative, Result]]:
    """Every initiative of the queue with its result, in ranking order (scoring.rank)."""
    results = _results(council)
    initiatives = {i.pk: i for i in council_queue_rows(council=council)}
    rows = scoring.rank(
        scoring.RankRow(
            initiative=pk,
            aggregate=results.get(pk, Result(pk)).aggregate,
            normalised=results.get(pk, Result(pk)).normalised,
            first_criterion_mean=results.get(pk, Result(pk)).first_criterion_mean,
            submitted_at=initiative.submitted_at,
            tiebreak_id=pk,
        )
        for pk, initiative in initiatives.items()
    )
    return [
        (initiatives[row.initiative], results.get(row.initiative, Result(row.initiative)))
        for row in rows
    ]


def sheets_of(*, council: Council, initiative: Initiative) -> list[Assignment]:
    """Every sheet of one initiative in a council, with its scores (3 queries)."""
    return list(
        Assignment.objects.filter(council=council, initiative=initiative)
        .select_related("member__user")
        .prefetch_related("scores__criterion")
        .order_by("member__role", "member_id")
    )
