"""Writes to movements: creating one with the plan's defaults, and configuring it."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sangtao.core.services import audit_record
from sangtao.orgs.models import OrgUnit

from . import plan_defaults
from .models import Campaign, Criterion, Field, Grade, Milestone, Movement, Round


@transaction.atomic
def movement_create(
    *,
    unit: OrgUnit,
    name: str,
    start_year: int,
    end_year: int,
    by,
    theme: str = "",
    plan_reference: str = "",
    with_plan_defaults: bool = True,
) -> Movement:
    """Create a movement with one round a year and, by default, the plan's configuration."""
    if by is not None and not by.has_perm("movements.add_movement"):
        raise PermissionDenied(_("You are not allowed to do this."))
    movement = Movement.objects.create(
        unit=unit,
        name=name,
        start_year=start_year,
        end_year=end_year,
        theme=theme,
        plan_reference=plan_reference,
    )
    Round.objects.bulk_create(
        [
            Round(movement=movement, year=year, name=f"{name} – năm {year}")
            for year in range(start_year, end_year + 1)
        ]
    )
    if with_plan_defaults:
        Field.objects.bulk_create(
            [
                Field(movement=movement, code=code, name=field_name, order=order)
                for order, (code, field_name) in enumerate(plan_defaults.FIELDS, start=1)
            ]
        )
        Criterion.objects.bulk_create(
            [
                Criterion(
                    movement=movement,
                    code=code,
                    name=criterion_name,
                    description=description,
                    weight=Decimal("1"),
                    min_score=plan_defaults.CRITERION_MIN,
                    max_score=plan_defaults.CRITERION_MAX,
                    order=order,
                )
                for order, (code, criterion_name, description) in enumerate(
                    plan_defaults.CRITERIA, start=1
                )
            ]
        )
        Grade.objects.bulk_create(
            [
                Grade(movement=movement, name=grade, min_total=Decimal(low), recognised=ok)
                for grade, low, ok in plan_defaults.GRADES
            ]
        )
        Milestone.objects.bulk_create(
            [
                Milestone(
                    movement=movement,
                    due_on=due,
                    title=title,
                    target=target,
                    target_count=count,
                )
                for due, title, target, count in plan_defaults.milestones(start_year)
            ]
        )
        for campaign in plan_defaults.CAMPAIGNS:
            Campaign.objects.get_or_create(name=campaign)
    audit_record(actor=by, action="movement.create", target=movement, data={"name": name})
    return movement
