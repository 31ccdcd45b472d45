"""Handing over the open work of closed units to their successors.

When a unit closes with a successor (a `UnitSuccession`), what is still open there moves to
the successor: dossiers not yet decided, councils not yet sealed with their sheets, pending
nominations, role grants, the people who work there and the child units that still exist.
What is closed stays where it happened: sealed councils, recognitions, certificates, honours,
decided dossiers and the audit trail.

orgs knows none of those things. Each app registers its part, a `HandOverStep`, from its own
`handover.py` module (found by `OrgsConfig.ready()` like the admin's modules), and this module
runs them in order, all in one transaction, each step with one UPDATE per successor
(`… WHERE unit_id IN (…)`), never row by row:

    step order  app          moves
    10          appraisal    pending nominations (`to_unit`)
    20          appraisal    open councils (to the successor, or merged into its open council)
    30          initiatives  open dossiers (`unit` and `appraisal_unit`)
    40          accounts     role grants and the people's unit
    90          orgs         the child units that still exist, with their subtrees

Which successor: the one given; else (`successor_for`) a full merge or a renaming before a
partial one; among partial ones (a commune split among several new ones) the one that carries
the old unit's official code (the new commune that kept its seat, as the 2025 files do), then
the first recorded. The files give no shares of area or population, so "the largest share" is
read as that. A closed successor is followed along its own successions to an open one. A unit
closed without any succession record (the district committees abolished in 2025) hands over
to its nearest ancestor still open on the day (`successor_for(…, fallback_to_parent=True)`,
what `manage.py hand_over_reform` does).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from sangtao.core.services import audit_record

from .models import OrgUnit, UnitSuccession
from .selectors import current_q, subtree_q

CHUNK = 500  # ids in one IN (…): well under SQLite's limit of bound parameters

# What a job's page says while a hand-over runs (translated when shown).
MOVING = gettext_noop("Handing over: %(items)s…")
MOVING_DONE = gettext_noop("Handed over; saving…")


@dataclass
class Transfer:
    """Units closing on `on` whose open work goes to one `successor`."""

    successor: OrgUnit
    on: datetime.date
    predecessors: list[OrgUnit] = field(default_factory=list)

    @property
    def ids(self) -> list[int]:
        return [unit.pk for unit in self.predecessors]

    def chunks(self) -> Iterable[list[int]]:
        ids = self.ids
        for start in range(0, len(ids), CHUNK):
            yield ids[start : start + CHUNK]


def all_chunks(transfers: list[Transfer]) -> Iterable[list[int]]:
    """The ids of every predecessor of `transfers`, in chunks: counting needs no successor, so
    a whole reform is counted in a few queries."""
    ids = [pk for transfer in transfers for pk in transfer.ids]
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


@dataclass(frozen=True)
class HandOverStep:
    """One app's part of a hand-over.

    `count(transfers)` says how many items would move (the preview); `apply(transfers, by)`
    moves them and returns how many it moved (the same figure). `phrase(n)` names n items in
    a sentence ("12 hồ sơ"), with ngettext. Steps with the same `group` are added up in the
    preview (the people of role grants and of work units are one figure).
    """

    key: str
    order: int
    count: Callable[[list[Transfer]], int]
    apply: Callable[[list[Transfer], object], int]
    phrase: Callable[[int], str]


STEPS: dict[str, HandOverStep] = {}


def register(step: HandOverStep) -> HandOverStep:
    """Add (or replace, by key) an app's part of the hand-over."""
    STEPS[step.key] = step
    return step


def steps() -> list[HandOverStep]:
    return sorted(STEPS.values(), key=lambda step: (step.order, step.key))


# --- choosing the successor ---------------------------------------------------------------


def _open_on(unit: OrgUnit, on: datetime.date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= on) and (
        unit.valid_to is None or unit.valid_to >= on
    )


def successor_for(
    *, unit: OrgUnit, on: datetime.date, fallback_to_parent: bool = False
) -> OrgUnit | None:
    """The unit open on `on` that takes over `unit`'s open work (see the module's rule)."""
    seen = {unit.pk}
    current = unit
    while True:
        rows = list(UnitSuccession.objects.filter(predecessor=current).select_related("successor"))
        if not rows:
            break
        rank = {UnitSuccession.Kind.MERGED: 0, UnitSuccession.Kind.RENAMED: 0}
        code = current.official_code
        rows.sort(
            key=lambda row: (
                rank.get(row.kind, 1),
                not (code and row.successor.official_code == code),
                row.pk,
            )
        )
        chosen = rows[0].successor
        if chosen.pk in seen:  # a loop in the records: give up rather than spin
            return None
        if _open_on(chosen, on):
            return chosen
        seen.add(chosen.pk)
        current = chosen
    if not fallback_to_parent:
        return None
    ancestors = OrgUnit.objects.filter(pk__in=current.ancestor_ids[:-1]).filter(current_q(on=on))
    return ancestors.order_by("-depth").first()


# --- running the steps --------------------------------------------------------------------


def _check(transfers: list[Transfer], *, closed: bool = True) -> None:
    """Refuse a successor not open on the day, a unit handing over to itself and (unless
    `closed` is False, for the preview of a closure not yet made) a unit still open."""
    for transfer in transfers:
        if not _open_on(transfer.successor, transfer.on):
            raise ValidationError(
                _("%(unit)s is not open on %(date)s: it cannot take over open work.")
                % {"unit": transfer.successor.name, "date": transfer.on.strftime("%d/%m/%Y")}
            )
        for unit in transfer.predecessors:
            if unit.pk == transfer.successor.pk:
                raise ValidationError(_("A unit cannot hand over its work to itself."))
            if closed and (unit.valid_to is None or unit.valid_to >= transfer.on):
                raise ValidationError(
                    _("%(unit)s is still open on %(date)s: close it before handing over.")
                    % {"unit": unit.name, "date": transfer.on.strftime("%d/%m/%Y")}
                )


def hand_over_counts(transfers: list[Transfer], *, closed: bool = True) -> dict[str, int]:
    """How many items each step would move (nothing is written); `closed=False` counts for
    units still open (the preview shown before closing them)."""
    _check(transfers, closed=closed)
    return {step.key: step.count(transfers) for step in steps()}


def hand_over_sentence(counts: dict[str, int], successor: OrgUnit, *, done: bool = False) -> str:
    """ "12 hồ sơ, 1 hội đồng, 7 người sẽ chuyển sang …", from the counts of the steps (once
    `done`: "… đã chuyển sang …")."""
    parts = [STEPS[key].phrase(n) for key, n in counts.items() if n and key in STEPS]
    if not parts:
        return _("Nothing open is left to move to %(unit)s.") % {"unit": successor.name}
    text = _("%(items)s moved to %(unit)s.") if done else _("%(items)s will move to %(unit)s.")
    return text % {"items": ", ".join(parts), "unit": successor.name}


@transaction.atomic
def hand_over_apply(*, transfers: list[Transfer], by=None, progress=None) -> dict[str, int]:
    """Run every step over `transfers`, all or nothing; one audit event per successor.

    `progress(done, total, message, **params)` (a job's, see sangtao.jobs.registry) is told
    before each step and at the end, the message naming what moves."""
    _check(transfers)
    moved: dict[str, int] = {}
    ordered = steps()
    for index, step in enumerate(ordered):
        if progress is not None:
            progress(index, len(ordered), MOVING, items=step.phrase(step.count(transfers)))
        moved[step.key] = step.apply(transfers, by)
    if progress is not None:
        progress(len(ordered), len(ordered), MOVING_DONE)
    if any(moved.values()):
        for transfer in transfers:
            audit_record(
                actor=by,
                action="unit.hand_over",
                target=transfer.successor,
                data={
                    "on": transfer.on.isoformat(),
                    "from": transfer.ids[:200],
                    "units": len(transfer.predecessors),
                    # the figures are for the whole run when several successors share it
                    "moved": moved if len(transfers) == 1 else {},
                },
            )
        if len(transfers) > 1:
            audit_record(
                actor=by,
                action="unit.hand_over_reform",
                target=transfers[0].successor,
                data={"on": transfers[0].on.isoformat(), "moved": moved},
            )
    return moved


def unit_hand_over_preview(
    *, unit: OrgUnit, successor: OrgUnit | None = None, on: datetime.date | None = None
) -> dict:
    """What `unit_hand_over` would move: {"successor", "counts", "total", "sentence"}.

    `successor` defaults to `successor_for(unit)`; `on` to the day after the unit's last day.
    A unit still open is counted as if it closed the day before `on` (the close form's
    preview, shown before the administrator confirms).
    """
    on = on or _day_after(unit)
    successor = successor or successor_for(unit=unit, on=on)
    if successor is None:
        raise ValidationError(
            _("%(unit)s has no successor to take over its open work.") % {"unit": unit.name}
        )
    counts = hand_over_counts(
        [Transfer(successor=successor, on=on, predecessors=[unit])],
        closed=unit.valid_to is not None,
    )
    return {
        "successor": successor,
        "counts": counts,
        "total": sum(counts.values()),
        "sentence": hand_over_sentence(counts, successor),
    }


def unit_hand_over(
    *,
    unit: OrgUnit,
    successor: OrgUnit | None = None,
    on: datetime.date | None = None,
    by=None,
    progress=None,
) -> dict[str, int]:
    """Move the open work of the closed `unit` to `successor`, in one transaction, audited.

    Returns how many items each step moved (the preview's figures). Running it again moves
    nothing. `orgs.services.unit_retire` (the tree pages' close form) calls it once the unit
    is closed, in the same transaction.
    """
    on = on or _day_after(unit)
    successor = successor or successor_for(unit=unit, on=on)
    if successor is None:
        raise ValidationError(
            _("%(unit)s has no successor to take over its open work.") % {"unit": unit.name}
        )
    return hand_over_apply(
        transfers=[Transfer(successor=successor, on=on, predecessors=[unit])],
        by=by,
        progress=progress,
    )


def _day_after(unit: OrgUnit) -> datetime.date:
    if unit.valid_to is None:
        raise ValidationError(
            _("%(unit)s is still open: close it before handing over.") % {"unit": unit.name}
        )
    return unit.valid_to + datetime.timedelta(days=1)


def reform_transfers(*, on: datetime.date) -> tuple[list[Transfer], list[OrgUnit]]:
    """Every unit whose last day is the day before `on`, grouped by the successor that takes
    over its work; and those for which no open unit could be found."""
    closed = list(OrgUnit.objects.filter(valid_to=on - datetime.timedelta(days=1)).order_by("path"))
    by_successor: dict[int, Transfer] = {}
    orphans = []
    for unit in closed:
        successor = successor_for(unit=unit, on=on, fallback_to_parent=True)
        if successor is None:
            orphans.append(unit)
            continue
        transfer = by_successor.setdefault(successor.pk, Transfer(successor=successor, on=on))
        transfer.predecessors.append(unit)
    return list(by_successor.values()), orphans


# --- orgs' own step: the child units that still exist --------------------------------------


def _open_children(transfer: Transfer):
    return (
        OrgUnit.objects.filter(parent_id__in=transfer.ids)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=transfer.on))
        .order_by("path")
    )


def _children_count(transfers: list[Transfer]) -> int:
    return sum(
        OrgUnit.objects.filter(parent_id__in=ids)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=transfers[0].on))
        .count()
        for ids in all_chunks(transfers)
    )


def _children_apply(transfers: list[Transfer], by) -> int:
    """Re-parent the open children, rewriting their subtrees' paths: per old parent one UPDATE
    of the parents and one of the paths (every child of one parent shares its prefix)."""
    moved = 0
    for transfer in transfers:
        successor = transfer.successor
        successor.refresh_from_db(fields=["path", "depth"])  # an earlier move may have changed it
        children = list(_open_children(transfer).values("pk", "path", "parent_id"))
        by_parent: dict[int, list[dict]] = {}
        for child in children:
            if successor.path.startswith(child["path"]):
                raise ValidationError(
                    _("%(unit)s lies inside a unit it would receive: choose another successor.")
                    % {"unit": successor.name}
                )
            by_parent.setdefault(child["parent_id"], []).append(child)
        parents = {u.pk: u for u in transfer.predecessors}
        for parent_id, rows in by_parent.items():
            parent = parents[parent_id]
            for start in range(0, len(rows), CHUNK):
                part = rows[start : start + CHUNK]
                OrgUnit.objects.filter(pk__in=[row["pk"] for row in part]).update(parent=successor)
                ranges = Q()
                for row in part:
                    ranges |= subtree_q(row["path"])
                OrgUnit.objects.filter(ranges).update(
                    path=Concat(Value(successor.path), Substr("path", len(parent.path) + 1)),
                    depth=F("depth") + (successor.depth - parent.depth),
                )
        moved += len(children)
    return moved


register(
    HandOverStep(
        key="units",
        order=90,
        count=_children_count,
        apply=_children_apply,
        phrase=lambda n: ngettext("%(count)d unit", "%(count)d units", n) % {"count": n},
    )
)
