"""Read queries of movements: the list, one movement's configuration, choices for forms."""

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from sangtao.accounts.scope import role_paths
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.selectors import subtree_q

from .models import Campaign, Criterion, Movement, MovementCampaign, Round
from .rules import MANAGERS


def movement_list() -> QuerySet[Movement]:
    """Every movement, newest first, with its organising unit and the year open for submissions."""
    open_year = (
        Round.objects.filter(movement=OuterRef("pk"), status=Round.Status.OPEN)
        .order_by("year")
        .values("year")[:1]
    )
    return (
        Movement.objects.select_related("unit")
        .annotate(open_round_year=Subquery(open_year))
        .order_by("-start_year", "name", "pk")
    )


def movement_get(*, pk: int) -> Movement:
    """One movement with its unit; raises Movement.DoesNotExist."""
    return Movement.objects.select_related("unit").get(pk=pk)


def weighted_max_total(criteria: Iterable[Criterion]) -> Decimal:
    """The highest total a score sheet can reach: the sum of weight × highest score."""
    return sum((c.weighted_max for c in criteria), Decimal("0"))


def movement_max_total(*, movement: Movement) -> Decimal:
    """`weighted_max_total` of a movement's criteria, computed in SQL."""
    total = movement.criteria.aggregate(
        total=Sum(
            F("weight") * F("max_score"),
            output_field=DecimalField(max_digits=12, decimal_places=2),
        )
    )["total"]
    return Decimal(total or 0)


def movement_configuration(*, movement: Movement) -> dict:
    """Everything the movement page shows: one query per part, whatever the number of rows."""
    criteria = list(movement.criteria.all())
    return {
        "rounds": list(movement.rounds.all()),
        "fields": list(movement.fields.all()),
        "criteria": criteria,
        "max_total": weighted_max_total(criteria),
        "grades": list(movement.grades.all()),
        "milestones": list(movement.milestones.all()),
        "campaign_links": list(movement.campaign_links.select_related("campaign")),
        "today": timezone.localdate(),
    }


def units_for_movements(*, user, include: OrgUnit | None = None) -> QuerySet[OrgUnit]:
    """The units offered when `user` organises a movement: a short list for a select.

    The units of the user's officer and administrator memberships, and the active units right
    below them that may hold a council (Front committees, member organisations); `include` (the
    current unit of a movement being edited) is always offered. The service accepts any unit of
    the covered subtrees; the page offers those a movement is organised at in practice.
    """
    paths = role_paths(user)
    own = sorted({path for role in MANAGERS for path in paths.get(role, ())})
    below = Q(pk__in=[])
    for path in own:
        depth = path.strip("/").count("/")
        below |= subtree_q(path) & Q(depth=depth + 1)
    today = timezone.localdate()
    active = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    wanted = Q(path__in=own) | (below & active & Q(kind__holds_council=True))
    if include is not None:
        wanted |= Q(pk=include.pk)
    return OrgUnit.objects.filter(wanted).select_related("level").order_by("path")


def campaigns_offered(*, movement: Movement) -> QuerySet[Campaign]:
    """The campaigns an initiative of `movement` may name: linked, and active on both ends."""
    return Campaign.objects.filter(
        active=True,
        movement_links__movement=movement,
        movement_links__active=True,
    ).order_by("name")


def campaign_links(*, movement: Movement) -> QuerySet[MovementCampaign]:
    return movement.campaign_links.select_related("campaign").order_by("campaign__name")
