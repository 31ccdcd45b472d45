"""Writes to the organisation tree: creating, moving, closing and merging units."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, Substr
from django.utils.translation import gettext as _

from sangtao.core.services import audit_record

from .models import Level, OrgUnit, UnitKind, UnitSuccession
from .selectors import subtree_q
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
def unit_move(*, unit: OrgUnit, new_parent: OrgUnit | None, by=None) -> OrgUnit:
    """Put `unit` (with its whole subtree) under `new_parent`, in one UPDATE."""
    if new_parent is not None and new_parent.is_within(unit):
        raise ValidationError(
            _("A unit cannot move under itself or under one of its own units."),
            code="move_under_itself",
        )
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
