"""Writes of practices, replications and applications: keyword-only, one transaction each,
the permission checked first and the change recorded in the audit trail on the row itself."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sangtao.accounts.models import User
from sangtao.core.services import audit_record
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State
from sangtao.movements.models import Field
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.text import fold
from sangtao.registers.files import file_attach, file_remove, files_discard
from sangtao.registers.keepers import require_keeps
from sangtao.registers.writes import apply_changes, delete_row, save_row

from .models import Application, Practice, PracticeFile, Replication

PRACTICE_FIELDS = ("unit", "field", "title", "description", "started_on", "results", "published")
REPLICATION_FIELDS = ("unit", "started_on", "results")
APPLICATION_FIELDS = ("initiative", "unit", "applied_on", "scope", "result", "saved_vnd")


def _keeps(by: User, unit: OrgUnit) -> None:
    require_keeps(by, unit)


def _not_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be later than today.")})


def _kept_row_update(row, *, data: dict, by: User, fields: tuple[str, ...], dated: str):
    """The checks every edit here makes: `by` keeps the row's unit (and the new one) and the
    date `dated` is not in the future; then `data` is set on `row`. The changes, for the audit."""
    _keeps(by, row.unit)
    if "unit" in data:
        _keeps(by, data["unit"])
    if dated in data:
        _not_future(data[dated], dated)
    return apply_changes(row, data, fields)


# --- practices -------------------------------------------------------------------------------


def _set_practice_key(practice: Practice) -> None:
    practice.search_key = fold(f"{practice.title} {practice.unit.name}")[:400]


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
    save_row(practice, by=by, action="practice.create", check=_set_practice_key)
    practice.initiatives.set(list(initiatives))
    return practice


@transaction.atomic
def practice_update(*, practice: Practice, data: dict, by: User) -> Practice:
    """Change a practice; moving it to another unit needs keeping both."""
    changed = _kept_row_update(
        practice, data=data, by=by, fields=PRACTICE_FIELDS, dated="started_on"
    )
    if "initiatives" in data:
        before = set(practice.initiatives.values_list("pk", flat=True))
        after = {initiative.pk for initiative in data["initiatives"]}
        if before != after:
            practice.initiatives.set(list(data["initiatives"]))
            changed["initiatives"] = [sorted(before), sorted(after)]
    return save_row(
        practice, by=by, action="practice.update", check=_set_practice_key, changed=changed
    )


@transaction.atomic
def practice_delete(*, practice: Practice, by: User) -> None:
    """Delete a practice that nobody replicated (a replication is another unit's record)."""
    _keeps(by, practice.unit)
    if practice.replications.exists():
        raise ValidationError(
            _("Other units replicated this practice: delete their replications first.")
        )
    files_discard(practice.files.all())
    delete_row(practice, by=by, action="practice.delete")


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
    changed = _kept_row_update(
        replication, data=data, by=by, fields=REPLICATION_FIELDS, dated="started_on"
    )
    _replicated_by_builder(replication.practice, replication.unit)
    return save_row(replication, by=by, action="replication.update", changed=changed)


@transaction.atomic
def replication_delete(*, replication: Replication, by: User) -> None:
    _keeps(by, replication.unit)
    delete_row(replication, by=by, action="replication.delete")


# --- applications of initiatives -------------------------------------------------------------


def _set_application_key(application: Application) -> None:
    text = f"{application.initiative.title} {application.unit.name} {application.scope}"
    application.search_key = fold(text)[:900]


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
    return save_row(application, by=by, action="application.create", check=_set_application_key)


@transaction.atomic
def application_update(*, application: Application, data: dict, by: User) -> Application:
    changed = _kept_row_update(
        application, data=data, by=by, fields=APPLICATION_FIELDS, dated="applied_on"
    )
    if "initiative" in changed:
        _applicable(application.initiative)
    return save_row(
        application,
        by=by,
        action="application.update",
        check=_set_application_key,
        changed=changed,
    )


@transaction.atomic
def application_delete(*, application: Application, by: User) -> None:
    _keeps(by, application.unit)
    delete_row(application, by=by, action="application.delete")


# --- files of a practice -------------------------------------------------------


@transaction.atomic
def practice_file_add(*, practice: Practice, upload, by: User) -> PracticeFile:
    """Attach a photo (JPG, PNG) or a document (PDF, DOCX) to a practice the person keeps;
    a file of another type or over the size limit is refused in Vietnamese, nothing stored."""
    _keeps(by, practice.unit)
    return file_attach(
        practice, PracticeFile(practice=practice), upload=upload, by=by, action="practice.file_add"
    )


@transaction.atomic
def practice_file_remove(*, file: PracticeFile, by: User) -> None:
    """Delete a file of a practice the person keeps (its bytes once the change commits)."""
    _keeps(by, file.practice.unit)
    file_remove(file.practice, file, by=by, action="practice.file_remove")
