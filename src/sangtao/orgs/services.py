"""Writes to the organisation tree: creating, moving, closing and merging units."""

import datetime

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr

from sangtao.core.services import audit_record

from .models import Level, OrgUnit, UnitKind, UnitSuccession
from .selectors import subtree_q


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
        path="",
    )
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
    if by is not None:
        audit_record(actor=by, action="unit.create", target=unit, data={"name": name})
    return unit


@transaction.atomic
def unit_move(*, unit: OrgUnit, new_parent: OrgUnit | None, by=None) -> OrgUnit:
    """Put `unit` (with its whole subtree) under `new_parent`, in one UPDATE."""
    if new_parent is not None and new_parent.is_within(unit):
        raise ValueError("A unit cannot move under itself.")
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
    """Close `unit` the day before `on`; each successor takes it over (kind: merged/partial)."""
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
