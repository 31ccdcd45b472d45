"""Writes of the activity registers: response plans, events and inspections. Each service is
keyword-only, runs in one transaction, checks the permission and records an audit event on
the row itself (the detail page shows its history)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sangtao.accounts.models import User
from sangtao.core.services import audit_record, require
from sangtao.movements.models import Movement
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.text import fold
from sangtao.registers.files import file_attach, file_remove, files_discard
from sangtao.registers.keepers import require_keeps
from sangtao.registers.writes import delete_row, save_kept_changes, save_row

from .models import Event, EventFile, Inspection, ResponsePlan

# --- response plans --------------------------------------------------------------------------

PLAN_FIELDS = ("movement", "unit", "number", "issued_on", "signer", "targets")


def _check_plan(plan: ResponsePlan) -> None:
    if not plan.unit.is_within(plan.movement.unit) or plan.unit_id == plan.movement.unit_id:
        raise ValidationError(
            {"unit": _("The unit must lie below the committee that runs the movement.")}
        )
    duplicate = ResponsePlan.objects.filter(movement=plan.movement, unit=plan.unit)
    if plan.pk:
        duplicate = duplicate.exclude(pk=plan.pk)
    if duplicate.exists():
        raise ValidationError(
            {"unit": _("This unit has already recorded its response plan to the movement.")}
        )
    if plan.issued_on > timezone.localdate():
        raise ValidationError({"issued_on": _("The plan's date cannot be in the future.")})
    plan.search_key = fold(f"{plan.number} {plan.signer} {plan.unit.name}")


@transaction.atomic
def plan_create(
    *,
    by: User,
    movement: Movement,
    unit: OrgUnit,
    number: str,
    issued_on: datetime.date,
    signer: str,
    targets: str = "",
) -> ResponsePlan:
    """Record `unit`'s response plan to `movement`."""
    require_keeps(by, unit)
    plan = ResponsePlan(
        movement=movement,
        unit=unit,
        number=number,
        issued_on=issued_on,
        signer=signer,
        targets=targets,
    )
    return save_row(plan, by=by, action="response_plan.create", check=_check_plan)


@transaction.atomic
def plan_update(*, plan: ResponsePlan, data: dict, by: User) -> ResponsePlan:
    """Change a response plan (its unit only to another unit the person keeps)."""
    require(by, "activities.change_responseplan", plan)
    return save_kept_changes(
        plan, data, PLAN_FIELDS, by=by, action="response_plan.update", check=_check_plan
    )


@transaction.atomic
def plan_delete(*, plan: ResponsePlan, by: User) -> None:
    """Delete a response plan; its audit trail stays."""
    require(by, "activities.delete_responseplan", plan)
    delete_row(plan, by=by, action="response_plan.delete")


# --- events ----------------------------------------------------------------------------------

EVENT_FIELDS = ("unit", "kind", "title", "held_on", "place", "participants", "description")


def _check_event(event: Event) -> None:
    if event.held_on > timezone.localdate():
        raise ValidationError(
            {"held_on": _("An event is recorded once held: its date cannot be in the future.")}
        )
    event.search_key = fold(f"{event.title} {event.place} {event.unit.name}")


@transaction.atomic
def event_create(
    *,
    by: User,
    unit: OrgUnit,
    kind: str,
    title: str,
    held_on: datetime.date,
    place: str,
    participants: int = 0,
    description: str = "",
    initiatives=(),
) -> Event:
    """Record an event `unit` held."""
    require_keeps(by, unit)
    event = Event(
        unit=unit,
        kind=kind,
        title=title,
        held_on=held_on,
        place=place,
        participants=participants,
        description=description,
    )
    save_row(event, by=by, action="event.create", check=_check_event)
    event.initiatives.set(initiatives)
    return event


@transaction.atomic
def event_update(*, event: Event, data: dict, by: User) -> Event:
    """Change an event."""
    require(by, "activities.change_event", event)
    if "initiatives" in data:
        event.initiatives.set(data["initiatives"])
    return save_kept_changes(
        event, data, EVENT_FIELDS, by=by, action="event.update", check=_check_event
    )


@transaction.atomic
def event_delete(*, event: Event, by: User) -> None:
    """Delete an event; its audit trail stays."""
    require(by, "activities.delete_event", event)
    files_discard(event.files.all())
    delete_row(event, by=by, action="event.delete")


# --- inspections -----------------------------------------------------------------------------

INSPECTION_FIELDS = (
    "inspector",
    "inspected",
    "inspected_on",
    "findings",
    "recommendations",
    "follow_up_due",
)


def _check_inspection(inspection: Inspection) -> None:
    if inspection.inspected_id == inspection.inspector_id or not inspection.inspected.is_within(
        inspection.inspector
    ):
        raise ValidationError(
            {"inspected": _("The inspected unit must lie below the inspecting unit.")}
        )
    if inspection.inspected_on > timezone.localdate():
        raise ValidationError({"inspected_on": _("The inspection's date cannot be in the future.")})
    if inspection.follow_up_due and inspection.follow_up_due < inspection.inspected_on:
        raise ValidationError(
            {"follow_up_due": _("The follow-up is due after the inspection, not before it.")}
        )
    inspection.search_key = fold(f"{inspection.inspected.name} {inspection.inspector.name}")


@transaction.atomic
def inspection_create(
    *,
    by: User,
    inspector: OrgUnit,
    inspected: OrgUnit,
    inspected_on: datetime.date,
    findings: str,
    recommendations: str = "",
    follow_up_due: datetime.date | None = None,
) -> Inspection:
    """Record that `inspector` inspected `inspected` (a unit of its subtree)."""
    require_keeps(by, inspector)
    inspection = Inspection(
        inspector=inspector,
        inspected=inspected,
        inspected_on=inspected_on,
        findings=findings,
        recommendations=recommendations,
        follow_up_due=follow_up_due,
    )
    return save_row(inspection, by=by, action="inspection.create", check=_check_inspection)


@transaction.atomic
def inspection_update(*, inspection: Inspection, data: dict, by: User) -> Inspection:
    """Change an inspection's findings and recommendations (the inspecting unit only)."""
    require(by, "activities.change_inspection", inspection)
    return save_kept_changes(
        inspection,
        data,
        INSPECTION_FIELDS,
        by=by,
        action="inspection.update",
        check=_check_inspection,
        unit="inspector",
    )


@transaction.atomic
def inspection_delete(*, inspection: Inspection, by: User) -> None:
    """Delete an inspection; its audit trail stays. Refused once the inspected unit answered."""
    require(by, "activities.delete_inspection", inspection)
    if inspection.responded_on:
        raise ValidationError(
            _("The inspected unit has answered this inspection: it can no longer be deleted.")
        )
    delete_row(inspection, by=by, action="inspection.delete")


@transaction.atomic
def inspection_answer(
    *, inspection: Inspection, response: str, responded_on: datetime.date, by: User
) -> Inspection:
    """The inspected unit's answer to the recommendations (its clerk, officer or admin)."""
    require(by, "activities.answer_inspection", inspection)
    if not response.strip():
        raise ValidationError({"response": _("Write the answer to the recommendations.")})
    if responded_on < inspection.inspected_on or responded_on > timezone.localdate():
        raise ValidationError(
            {"responded_on": _("The answer is dated between the inspection and today.")}
        )
    inspection.response = response
    inspection.responded_on = responded_on
    inspection.responded_by = by
    inspection.save(update_fields=["response", "responded_on", "responded_by"])
    audit_record(actor=by, action="inspection.answer", target=inspection)
    return inspection


# --- files of a event ----------------------------------------------------------


@transaction.atomic
def event_file_add(*, event: Event, upload, by: User) -> EventFile:
    """Attach a photo (JPG, PNG) or a document (PDF, DOCX) to a event the person keeps;
    a file of another type or over the size limit is refused in Vietnamese, nothing stored."""
    require_keeps(by, event.unit)
    return file_attach(event, EventFile(event=event), upload=upload, by=by, action="event.file_add")


@transaction.atomic
def event_file_remove(*, file: EventFile, by: User) -> None:
    """Delete a file of a event the person keeps (its bytes once the change commits)."""
    require_keeps(by, file.event.unit)
    file_remove(file.event, file, by=by, action="event.file_remove")
