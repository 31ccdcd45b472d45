"""Read queries of movements: the list, one movement's configuration, choices for forms."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, DecimalField, F, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from sangtao.accounts.scope import role_paths
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.selectors import subtree_q

from .models import Campaign, Criterion, Milestone, Movement, MovementCampaign, Round
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
    milestones = milestone_progress(movement=movement)
    return {
        "rounds": list(movement.rounds.all()),
        "fields": list(movement.fields.all()),
        "criteria": criteria,
        "max_total": weighted_max_total(criteria),
        "grades": list(movement.grades.all()),
        "milestones": milestones,
        "timeline": milestone_timeline(milestones=milestones),
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


# -- milestones that know ---------------------------------------------------------------------


@dataclass
class Progress:
    """A measured milestone's progress: `done` of `needed`, done on `done_on` (or not yet)."""

    done: int
    needed: int
    done_on: datetime.date | None


def _local_date(value) -> datetime.date | None:
    return timezone.localdate(value) if value else None


def _council_progress(milestone: Milestone) -> Progress:
    """Councils of the level for the movement's round (of the year, when given); done with
    the creation of the `target_count`-th (the first, by default)."""
    council = apps.get_model("appraisal", "Council")
    params = milestone.condition_params or {}
    councils = council.objects.filter(
        round__movement_id=milestone.movement_id, unit__level__code=params.get("level", "")
    )
    if params.get("year"):
        councils = councils.filter(round__year=params["year"])
    needed = milestone.target_count or 1
    dates = list(councils.order_by("created_at").values_list("created_at", flat=True)[:needed])
    done = councils.count() if len(dates) >= needed else len(dates)
    return Progress(done, needed, _local_date(dates[-1]) if len(dates) >= needed else None)


def _period_progress(milestone: Milestone) -> Progress:
    """The movement's latest report period of the kind (ending in the year, when given): the
    units' reports sent of all its units' reports; done when it is closed or all are sent,
    on the day the last was sent (the deadline, for a period closed before that)."""
    period_model = apps.get_model("reports", "ReportPeriod")
    params = milestone.condition_params or {}
    periods = period_model.objects.filter(
        movement_id=milestone.movement_id, kind=params.get("kind", "")
    )
    if params.get("year"):
        periods = periods.filter(ends_on__year=params["year"])
    period = periods.order_by("-ends_on", "-pk").first()
    if period is None:
        return Progress(0, 1, None)
    figures = period.reports.filter(parent__isnull=False).aggregate(
        needed=Count("pk"),
        done=Count("pk", filter=Q(state__in=("submitted", "accepted"))),
        last=Max("submitted_at"),
    )
    complete = figures["done"] == figures["needed"]
    closed = period.state == period_model.State.CLOSED
    done_on = None
    if complete or closed:
        done_on = _local_date(figures["last"]) if complete else period.deadline
    return Progress(figures["done"], figures["needed"], done_on)


PROGRESS = {
    Milestone.Condition.COUNCIL_LEVEL: _council_progress,
    Milestone.Condition.REPORT_PERIOD: _period_progress,
}


def milestone_progress(*, movement: Movement) -> list[Milestone]:
    """The movement's milestones; each tied to a condition carries `progress` and, from the
    data, its `done_on` (a few aggregate queries per measured milestone)."""
    return measure_milestones(list(movement.milestones.all()))


def measure_milestones(milestones: list[Milestone]) -> list[Milestone]:
    """Set `progress` (None when ticked by hand) and, for a measured one, `done_on`."""
    for milestone in milestones:
        measure = PROGRESS.get(milestone.condition)
        milestone.progress = measure(milestone) if measure else None
        if milestone.progress is not None:
            milestone.done_on = milestone.progress.done_on
    return milestones


def milestone_timeline(*, milestones: list[Milestone]) -> list[tuple[int, list[Milestone]]]:
    """[(year, its milestones by due date)], years in order."""
    years: dict[int, list[Milestone]] = {}
    for milestone in sorted(milestones, key=lambda m: (m.due_on, m.pk)):
        years.setdefault(milestone.due_on.year, []).append(milestone)
    return list(years.items())


# --- what the pages load by the numbers in their URLs -----------------------------------------


def movements_for_pages() -> QuerySet[Movement]:
    return Movement.objects.select_related("unit")


def movement_rounds_of(*, movement: Movement) -> QuerySet[Round]:
    """The movement's rounds, in their own order."""
    return movement.rounds.all()


def movement_round_years(*, movement: Movement) -> set[int]:
    return set(movement.rounds.values_list("year", flat=True))


def movement_grades_of(*, movement: Movement) -> list:
    return list(movement.grades.all())


def movement_criteria_of(*, movement: Movement) -> QuerySet[Criterion]:
    return movement.criteria.all()


def campaign_links_of(*, movement: Movement) -> QuerySet[MovementCampaign]:
    """The movement's links to campaigns, with their campaign."""
    return MovementCampaign.objects.select_related("campaign").filter(movement=movement)
