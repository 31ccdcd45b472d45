"""Writes to the organisation tree: creating, renaming, moving, closing and merging units.

The pages call `unit_add`, `unit_rename`, `unit_move` and `unit_retire`: each checks that the
person administers the units involved (`orgs.manage_tree`), keeps a dated `UnitChange` and an
audit event. A unit is never deleted: closing it sets its last day and records who took it over.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from sangtao.core.services import audit_record

from .handover import unit_hand_over
from .issuers import BOARD_NAME, DEFAULT_CODES
from .models import (
    CommitteePapers,
    Level,
    OrgUnit,
    Position,
    UnitChange,
    UnitKind,
    UnitSuccession,
)
from .selectors import open_q, subtree_q
from .text import unit_search_key


@transaction.atomic
def unit_create(
    *,
    name: str,
    kind: UnitKind,
    level: Level,
    parent: OrgUnit | None = None,
    short_name: str = "",
    official_code: str = "",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    by=None,
) -> OrgUnit:
    unit = OrgUnit.objects.create(
        name=name,
        short_name=short_name,
        kind=kind,
        level=level,
        parent=parent,
        official_code=official_code,
        valid_from=valid_from,
        valid_to=valid_to,
        search_key=unit_search_key(name=name, short_name=short_name),
        path="",
    )
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    if by is not None:
        audit_record(actor=by, action="unit.create", target=unit, data={"name": name})
    return unit


@transaction.atomic
def unit_bulk_create(*, units: list[OrgUnit], batch_size: int = 1000, by=None) -> list[OrgUnit]:
    """Create many units at once: one INSERT a batch, then one UPDATE for all their paths.

    `units` are unsaved rows with name, kind, level, parent (saved already, or None for a top
    unit) and the optional fields set; path, depth and search key are filled here. New rows wait
    with an empty path until the UPDATE gives each "<its parent's path><id>/", so no id has to be
    known in advance. A unit and its own parent cannot be in the same call.
    """
    if not units:
        return []
    for unit in units:
        unit.path = ""
        unit.depth = unit.parent.depth + 1 if unit.parent else 0
        unit.search_key = unit_search_key(name=unit.name, short_name=unit.short_name)
    # SQLite (3.35+) and PostgreSQL return the new ids, which the paths below need.
    created = OrgUnit.objects.bulk_create(units, batch_size=batch_size)
    parent_path = OrgUnit.objects.filter(pk=OuterRef("parent_id")).values("path")[:1]
    OrgUnit.objects.filter(path="").update(
        path=Concat(
            Coalesce(Subquery(parent_path), Value("/")),
            Cast("pk", output_field=models.CharField()),
            Value("/"),
            output_field=models.CharField(),
        )
    )
    for unit in created:
        unit.path = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
    if by is not None:
        audit_record(
            actor=by,
            action="unit.bulk_create",
            target=created[0].parent or created[0],
            data={"count": len(created)},
        )
    return created


@transaction.atomic
def unit_move(
    *,
    unit: OrgUnit,
    new_parent: OrgUnit | None,
    on: datetime.date | None = None,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    by=None,
) -> OrgUnit:
    """Put `unit` (with its whole subtree) under `new_parent`, in one UPDATE.

    A person (`by`) must administer both the unit and its new parent, which must be in force;
    the move is kept as a `UnitChange` effective `on` (today by default)."""
    if by is not None:
        _require_manage_tree(by, unit)
        _require_manage_tree(by, new_parent)
    if new_parent is not None and new_parent.is_within(unit):
        raise ValidationError(
            _("A unit cannot move under itself or under one of its own units."),
            code="move_under_itself",
        )
    if by is not None and new_parent is not None:
        if new_parent.pk == unit.parent_id:
            raise ValidationError(_("The unit is already directly under this unit."), code="same")
        _require_current(new_parent, _("The new parent unit is dissolved or merged."))
    old_parent = unit.parent
    old_path = unit.path
    new_path = f"{new_parent.path if new_parent else '/'}{unit.pk}/"
    depth_change = (new_parent.depth + 1 if new_parent else 0) - unit.depth
    OrgUnit.objects.filter(pk=unit.pk).update(parent=new_parent)
    OrgUnit.objects.filter(subtree_q(old_path)).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
    )
    unit.refresh_from_db()
    if by is not None:
        UnitChange.objects.create(
            unit=unit,
            action=UnitChange.Action.MOVED,
            effective_on=on or timezone.localdate(),
            old_value=(old_parent.name if old_parent else "")[:255],
            new_value=(new_parent.name if new_parent else "")[:255],
            decision_number=decision_number,
            decision_date=decision_date,
            recorded_by=_person(by),
        )
        audit_record(
            actor=by,
            action="unit.move",
            target=unit,
            data={"from": old_path, "to": new_path},
        )
    return unit


@transaction.atomic
def unit_close(
    *,
    unit: OrgUnit,
    on: datetime.date,
    successors: list[tuple[OrgUnit, str]] = (),
    legal_basis: str = "",
    by=None,
) -> OrgUnit:
    """Close `unit` the day before `on`; each successor takes it over (kind: merged/partial).

    Only the closure and its successions: the importer records the past this way. The open
    work moves with `unit_retire` (one unit, from the tree pages) or `manage.py
    hand_over_reform` (a whole reform)."""
    unit.valid_to = on - datetime.timedelta(days=1)
    OrgUnit.objects.filter(pk=unit.pk).update(valid_to=unit.valid_to)
    for successor, kind in successors:
        UnitSuccession.objects.update_or_create(
            predecessor=unit,
            successor=successor,
            defaults={"kind": kind, "effective_on": on, "legal_basis": legal_basis},
        )
    if by is not None:
        audit_record(
            actor=by,
            action="unit.close",
            target=unit,
            data={"on": on.isoformat(), "successors": [s.pk for s, _ in successors]},
        )
    return unit


# --- what the administrators' pages call --------------------------------------------------------


def _require_manage_tree(by, unit: OrgUnit | None) -> None:
    if by is not None and not by.has_perm("orgs.manage_tree", unit):
        raise PermissionDenied(_("You are not allowed to do this."))


def _require_current(unit: OrgUnit, message: str) -> None:
    if unit.is_closed:
        raise ValidationError(message, code="closed")


def _person(by):
    return by if getattr(by, "is_authenticated", False) else None


def legal_basis_text(*, number: str, date: datetime.date | None) -> str:
    """ "Nghị quyết 1682/NQ-UBTVQH15 ngày 16/06/2025": how a succession names its decision."""
    if not number:
        return ""
    if date is None:
        return number
    return _("%(number)s of %(date)s") % {"number": number, "date": date.strftime("%d/%m/%Y")}


def level_for_new_unit(*, kind: UnitKind, parent: OrgUnit | None, on: datetime.date) -> Level:
    """The level a new unit of `kind` under `parent` sits at, when nobody says otherwise.

    A member organisation sits at its Front committee's level; a Front committee one level
    below its parent's (from 1 July 2025 there is no district level: communes and wards hang
    directly under the province); every other unit (school, enterprise, agency...) is
    grassroots.
    """
    levels = list(Level.objects.order_by("rank"))
    if parent is None:
        return levels[0]
    if kind.code == "member_org":
        return parent.level
    if kind.code != "front_committee":
        return next((lv for lv in levels if lv.code == "grassroots"), levels[-1])
    below = [lv for lv in levels if lv.rank > parent.level.rank]
    if on >= REFORM_DAY:
        below = [lv for lv in below if lv.code != "district"]
    return below[0] if below else parent.level


REFORM_DAY = datetime.date(2025, 7, 1)


@transaction.atomic
def unit_add(
    *,
    parent: OrgUnit,
    name: str,
    kind: UnitKind,
    level: Level | None = None,
    short_name: str = "",
    official_code: str = "",
    valid_from: datetime.date | None = None,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    by,
) -> OrgUnit:
    """An administrator adds a unit under `parent` (a unit they administer, in force).

    The official code, when given, must not be used by another unit in force; the level is
    `level_for_new_unit` unless given. Kept as a `UnitChange` (added) and an audit event."""
    _require_manage_tree(by, parent)
    _require_current(parent, _("The parent unit is dissolved or merged."))
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Enter the unit's name."), code="name")
    official_code = official_code.strip()
    if official_code and unit_with_code(official_code) is not None:
        raise ValidationError(
            _("Another unit in force already has the code %(code)s.") % {"code": official_code},
            code="duplicate_code",
        )
    on = valid_from or timezone.localdate()
    unit = unit_create(
        name=name,
        kind=kind,
        level=level or level_for_new_unit(kind=kind, parent=parent, on=on),
        parent=parent,
        short_name=short_name.strip(),
        official_code=official_code,
        valid_from=valid_from,
        by=by,
    )
    UnitChange.objects.create(
        unit=unit,
        action=UnitChange.Action.CREATED,
        effective_on=on,
        new_value=name[:255],
        decision_number=decision_number,
        decision_date=decision_date,
        recorded_by=_person(by),
    )
    return unit


def unit_with_code(code: str, *, on: datetime.date | None = None) -> OrgUnit | None:
    """The unit not closed (in force or yet to start) that has this official code (the first,
    if data has several)."""
    return (
        OrgUnit.objects.filter(open_q(on=on), official_code=code)
        .select_related("level", "kind", "parent")
        .order_by("pk")
        .first()
    )


@transaction.atomic
def unit_rename(
    *,
    unit: OrgUnit,
    name: str,
    on: datetime.date,
    short_name: str | None = None,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    by,
) -> OrgUnit:
    """Give `unit` a new name from the date `on`; the old name stays in its history."""
    _require_manage_tree(by, unit)
    _require_current(unit, _("A dissolved or merged unit cannot be renamed."))
    name = " ".join(name.split())
    if not name:
        raise ValidationError(_("Enter the unit's name."), code="name")
    if name == unit.name and (short_name is None or short_name == unit.short_name):
        raise ValidationError(_("This is already the unit's name."), code="same")
    old_name = unit.name
    unit.name = name
    if short_name is not None:
        unit.short_name = short_name.strip()
    unit.search_key = unit_search_key(name=unit.name, short_name=unit.short_name)
    OrgUnit.objects.filter(pk=unit.pk).update(
        name=unit.name, short_name=unit.short_name, search_key=unit.search_key
    )
    UnitChange.objects.create(
        unit=unit,
        action=UnitChange.Action.RENAMED,
        effective_on=on,
        old_value=old_name[:255],
        new_value=name[:255],
        decision_number=decision_number,
        decision_date=decision_date,
        recorded_by=_person(by),
    )
    audit_record(
        actor=by,
        action="unit.rename",
        target=unit,
        data={"from": old_name, "to": name, "on": on.isoformat()},
    )
    return unit


@transaction.atomic
def unit_contact_set(*, unit: OrgUnit, email: str, phone: str, by) -> OrgUnit:
    """Set where the public reaches `unit` (its e-mail address and telephone, either empty)."""
    _require_manage_tree(by, unit)
    unit.contact_email, unit.contact_phone = email.strip(), " ".join(phone.split())
    OrgUnit.objects.filter(pk=unit.pk).update(
        contact_email=unit.contact_email, contact_phone=unit.contact_phone
    )
    audit_record(
        actor=by,
        action="unit.contact",
        target=unit,
        data={"email": unit.contact_email, "phone": unit.contact_phone},
    )
    return unit


@transaction.atomic
def unit_retire(
    *,
    unit: OrgUnit,
    on: datetime.date,
    decision_number: str,
    decision_date: datetime.date,
    successor: OrgUnit | None = None,
    by,
    progress=None,
) -> OrgUnit:
    """Close `unit` from the date `on` (its last day is the day before): merged into
    `successor`, or dissolved when there is none, on the decision named.

    The closure goes through `unit_close` (the succession), then a merged unit's open work
    moves to its successor (`orgs.handover.unit_hand_over`: dossiers, open councils, pending
    proposals, role grants, people, units below), all in this one transaction: all or
    nothing. What moved is left on the returned unit as `handed_over` ({step: count}).
    `progress` is a background job's (see `orgs.jobs`). A unit dissolved without a successor
    may not leave units in force below it; its open work stays."""
    unit_retire_check(unit=unit, on=on, decision_number=decision_number, successor=successor, by=by)
    basis = legal_basis_text(number=decision_number.strip(), date=decision_date)
    unit_close(
        unit=unit,
        on=on,
        successors=[(successor, UnitSuccession.Kind.MERGED)] if successor else [],
        legal_basis=basis,
        by=by,
    )
    unit.handed_over = (
        unit_hand_over(unit=unit, successor=successor, on=on, by=by, progress=progress)
        if successor is not None
        else {}
    )
    UnitChange.objects.create(
        unit=unit,
        action=UnitChange.Action.MERGED if successor else UnitChange.Action.CLOSED,
        effective_on=on,
        new_value=(successor.name if successor else "")[:255],
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        recorded_by=_person(by),
    )
    return unit


def unit_retire_check(
    *,
    unit: OrgUnit,
    on: datetime.date,
    decision_number: str,
    successor: OrgUnit | None = None,
    by,
) -> None:
    """Refuse (ValidationError, PermissionDenied) what `unit_retire` would refuse, writing
    nothing: the close form checks this before it shows what would be handed over."""
    _require_manage_tree(by, unit)
    if unit.valid_to is not None:
        raise ValidationError(_("This unit is already dissolved or merged."), code="closed")
    if not decision_number.strip():
        raise ValidationError(_("Enter the number of the decision."), code="decision")
    if unit.valid_from is not None and on <= unit.valid_from:
        raise ValidationError(
            _("The unit only took effect on %(date)s: it must close after that.")
            % {"date": unit.valid_from.strftime("%d/%m/%Y")},
            code="date",
        )
    if successor is not None:
        _require_manage_tree(by, successor)
        if successor.is_within(unit):
            raise ValidationError(
                _("The successor cannot be the unit itself or one of its own units."),
                code="successor_inside",
            )
        if successor.valid_to is not None and successor.valid_to < on:
            raise ValidationError(
                _("The successor is dissolved or merged on that date."), code="successor_closed"
            )
        if successor.valid_from is not None and successor.valid_from > on:
            raise ValidationError(
                _("The successor only takes effect on %(date)s, after that date.")
                % {"date": successor.valid_from.strftime("%d/%m/%Y")},
                code="successor_later",
            )
    else:
        below = OrgUnit.objects.filter(parent=unit).filter(valid_to__isnull=True).order_by().count()
        if below:
            raise ValidationError(
                _(
                    "%(count)s units in force are still directly under this one: move them "
                    "first, or name a successor that takes them over."
                )
                % {"count": below},
                code="children",
            )


# --- the committee's papers: printed name, number codes, positions ----------------------------


@transaction.atomic
def committee_papers_update(
    *,
    unit: OrgUnit,
    by,
    printed_name: str = "",
    board_name: str = "",
    codes: dict[str, str] | None = None,
) -> CommitteePapers:
    """Set how the committee's papers name it and number them (`orgs.issuers`): its printed
    name, its Standing Board's name and its number codes per kind of paper (a blank code
    keeps the default)."""
    _require_manage_tree(by, unit)
    unknown = set(codes or {}) - set(DEFAULT_CODES)
    if unknown:
        raise ValidationError(
            {
                "codes": [
                    _("Unknown kind of paper: %(kinds)s.") % {"kinds": ", ".join(sorted(unknown))}
                ]
            }
        )
    papers, _created = CommitteePapers.objects.get_or_create(unit=unit)
    papers.printed_name = printed_name.strip()
    papers.board_name = board_name.strip() or BOARD_NAME
    papers.codes = {kind: code.strip() for kind, code in (codes or {}).items() if code.strip()}
    papers.save()
    audit_record(
        actor=_person(by),
        action="unit.papers_update",
        target=unit,
        data={
            "printed_name": papers.printed_name,
            "board": papers.board_name,
            "codes": papers.codes,
        },
    )
    return papers


@transaction.atomic
def position_add(
    *,
    unit: OrgUnit,
    by,
    full_name: str,
    rank: str,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    order: int = 0,
) -> Position:
    """Record that a person holds a position in the committee's board from `starts_on`
    (until `ends_on`): who signs its papers on those days. Two heads on one day are refused."""
    _require_manage_tree(by, unit)
    errors: dict[str, list[str]] = {}
    if not full_name.strip():
        errors["full_name"] = [_("This field is required.")]
    if not title.strip():
        errors["title"] = [_("This field is required.")]
    if rank not in Position.Rank.values:
        errors["rank"] = [_("Choose the chair or a vice-chair.")]
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = [_("A position cannot end before it starts.")]
    overlapping = Position.objects.filter(unit=unit, rank=Position.Rank.HEAD).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    if rank == Position.Rank.HEAD and overlapping.exists():
        errors["starts_on"] = [_("The committee already has a chair on these days.")]
    if errors:
        raise ValidationError(errors)
    position = Position.objects.create(
        unit=unit,
        full_name=full_name.strip(),
        rank=rank,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        order=order,
    )
    audit_record(
        actor=_person(by),
        action="unit.position_add",
        target=unit,
        data={"name": position.full_name, "title": position.title, "from": starts_on.isoformat()},
    )
    return position
