"""Writes of practices, replications and applications: keyword-only, one transaction each,
the permission checked first and the change recorded in the audit trail on the row itself."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sangtao.accounts.models import User
from sangtao.accounts.scope import has_role_over
from sangtao.core.services import audit_record
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State
from sangtao.movements.models import Field
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.text import fold

from .models import Application, Practice, Replication
from .rules import EDITORS

PRACTICE_FIELDS = ("unit", "field", "title", "description", "started_on", "results", "published")
REPLICATION_FIELDS = ("unit", "started_on", "results")
APPLICATION_FIELDS = ("initiative", "unit", "applied_on", "scope", "result", "saved_vnd")


def _keeps(by: User, unit: OrgUnit) -> None:
    if not has_role_over(by, EDITORS, unit):
        raise PermissionDenied


def _not_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be later than today.")})


def _changes(row, data: dict, names: tuple[str, ...]) -> dict:
    """Set `data` on `row`; {name: [before, after]} of what changed, for the audit trail
    (compared with the stored row: a bound ModelForm has already set its values on `row`)."""
    stored = type(row).objects.get(pk=row.pk)
    changed = {}
    for name in names:
        if name not in data:
            continue
        before = getattr(stored, name)
        after = data[name]
        if before != after:
            changed[name] = [str(before), str(after)]
            setattr(row, name, after)
    return changed


# --- practices -------------------------------------------------------------------------------


def _practice_key(practice: Practice) -> str:
    return fold(f"{practice.title} {practice.unit.name}")[:400]


@transaction.atomic
def practice_create(
    *,
    by: User,
    unit: OrgUnit,
    title: str,
    started_on: datetime.date,
    field: Field | None = None,
    description: str = "",
    results: str = "",
    published: bool = False,
    initiatives=(),
) -> Practice:
    """Record a practice built by `unit` (one the person keeps)."""
    _keeps(by, unit)
    _not_future(started_on, "started_on")
    practice = Practice(
        unit=unit,
        field=field,
        title=title.strip(),
        description=description,
        started_on=started_on,
        results=results,
        published=published,
        created_by=by,
    )
    practice.search_key = _practice_key(practice)
    practice.save()
    practice.initiatives.set(list(initiatives))
    audit_record(actor=by, action="practice.create", target=practice)
    return practice


@transaction.atomic
def practice_update(*, practice: Practice, data: dict, by: User) -> Practice:
    """Change a practice; moving it to another unit needs keeping both."""
    _keeps(by, practice.unit)
    if "unit" in data:
        _keeps(by, data["unit"])
    if "started_on" in data:
        _not_future(data["started_on"], "started_on")
    changed = _changes(practice, data, PRACTICE_FIELDS)
    practice.search_key = _practice_key(practice)
    practice.save()
    if "initiatives" in data:
        before = set(practice.initiatives.values_list("pk", flat=True))
        after = {initiative.pk for initiative in data["initiatives"]}
        if before != after:
            practice.initiatives.set(list(data["initiatives"]))
            changed["initiatives"] = [sorted(before), sorted(after)]
    audit_record(actor=by, action="practice.update", target=practice, data=changed)
    return practice


@transaction.atomic
def practice_delete(*, practice: Practice, by: User) -> None:
    """Delete a practice that nobody replicated (a replication is another unit's record)."""
    _keeps(by, practice.unit)
    if practice.replications.exists():
        raise ValidationError(
            _("Other units replicated this practice: delete their replications first.")
        )
    audit_record(actor=by, action="practice.delete", target=practice)
    practice.delete()


# --- replications ----------------------------------------------------------------------------


def _replicated_by_builder(practice: Practice, unit: OrgUnit) -> None:
    if unit.pk == practice.unit_id:
        raise ValidationError(
            {"unit": _("A practice is replicated by another unit than the one that built it.")}
        )


@transaction.atomic
def replication_create(
    *,
    by: User,
    practice: Practice,
    unit: OrgUnit,
    started_on: datetime.date,
    results: str = "",
) -> Replication:
    """Record that `unit` (one the person keeps) took up `practice`."""
    _keeps(by, unit)
    _replicated_by_builder(practice, unit)
    _not_future(started_on, "started_on")
    if started_on < practice.started_on:
        raise ValidationError(
            {"started_on": _("A replication cannot start before the practice itself.")}
        )
    replication = Replication.objects.create(
        practice=practice, unit=unit, started_on=started_on, results=results
    )
    audit_record(actor=by, action="replication.create", target=replication)
    audit_record(actor=by, action="practice.replicated", target=practice, data={"unit": unit.name})
    return replication


@transaction.atomic
def replication_update(*, replication: Replication, data: dict, by: User) -> Replication:
    _keeps(by, replication.unit)
    if "unit" in data:
        _keeps(by, data["unit"])
        _replicated_by_builder(replication.practice, data["unit"])
    if "started_on" in data:
        _not_future(data["started_on"], "started_on")
    changed = _changes(replication, data, REPLICATION_FIELDS)
    replication.save()
    audit_record(actor=by, action="replication.update", target=replication, data=changed)
    return replication


@transaction.atomic
def replication_delete(*, replication: Replication, by: User) -> None:
    _keeps(by, replication.unit)
    audit_record(actor=by, action="replication.delete", target=replication)
    replication.delete()


# --- applications of initiatives -------------------------------------------------------------


def _application_key(application: Application) -> str:
    return fold(f"{application.initiative.title} {application.unit.name} {application.scope}")[:900]


def _applicable(initiative: Initiative) -> None:
    if initiative.state != State.RECOGNISED:
        raise ValidationError(
            {"initiative": _("Only a recognised initiative can be recorded as applied.")}
        )


@transaction.atomic
def application_create(
    *,
    by: User,
    initiative: Initiative,
    unit: OrgUnit,
    applied_on: datetime.date,
    scope: str,
    result: str = "",
    saved_vnd: int = 0,
) -> Application:
    """Record that `unit` (one the person keeps) applied `initiative` in its work."""
    _keeps(by, unit)
    _applicable(initiative)
    _not_future(applied_on, "applied_on")
    application = Application(
        initiative=initiative,
        unit=unit,
        applied_on=applied_on,
        scope=scope.strip(),
        result=result,
        saved_vnd=saved_vnd or 0,
    )
    application.search_key = _application_key(application)
    application.save()
    audit_record(actor=by, action="application.create", target=application)
    return application


@transaction.atomic
def application_update(*, application: Application, data: dict, by: User) -> Application:
    _keeps(by, application.unit)
    if "unit" in data:
        _keeps(by, data["unit"])
    if "initiative" in data and data["initiative"].pk != application.initiative_id:
        _applicable(data["initiative"])
    if "applied_on" in data:
        _not_future(data["applied_on"], "applied_on")
    changed = _changes(application, data, APPLICATION_FIELDS)
    application.search_key = _application_key(application)
    application.save()
    audit_record(actor=by, action="application.update", target=application, data=changed)
    return application


@transaction.atomic
def application_delete(*, application: Application, by: User) -> None:
    _keeps(by, application.unit)
    audit_record(actor=by, action="application.delete", target=application)
    application.delete()
