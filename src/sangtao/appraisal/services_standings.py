"""The stored figures of the ranking (`Standing`, `SeatStanding`), written with the sheets.

Every write that changes a dossier's submitted sheets, or how the council aggregates them,
refreshes them in its own transaction: `sheets_submitted` (a sheet submitted, sheets imported
from paper) and `standings_fill` (the council's aggregate changed, or every council filled
from its sheets by `manage.py standings_fill` and the migration that adds the tables). The
services that call them hold the council's row lock (`services._lock_open`), so two saves of
one council never compute from each other's uncommitted sheets.

A submitted sheet is never changed again nor deleted (`sheet_save` and the paper import refuse
it; only drafts are removed, by a conflict declared or an assignment withdrawn): those writes
leave the figures as they are. The figures follow `scoring`'s rules, as `selectors.Figures`
computes them live from the sheets (tests/appraisal/test_standings.py holds them together).
"""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction

from . import scoring
from .models import Assignment, Council, SeatStanding, Standing
from .selectors_standings import counted_scores, counted_sheets

# Initiatives read and written at once: below SQLite's limit of variables in a statement.
CHUNK = 500

STANDING_FIELDS = [
    "sheets",
    "total_cents",
    "lowest_cents",
    "highest_cents",
    "aggregate_cents",
    "criteria",
]


def _criteria_figures(values: dict[int, list[Decimal]], method: str) -> dict[str, list[int]]:
    """{criterion id: [count, sum, council figure]} of one dossier's scores, in cents."""
    return {
        str(criterion_id): [
            len(found),
            sum(scoring.to_cents(value) for value in found),
            scoring.to_cents(scoring.aggregate(found, method)),
        ]
        for criterion_id, found in sorted(values.items())
    }


def _standings(council: Council, initiative_ids: list[int]) -> list[Standing]:
    """The standings of these initiatives computed from their submitted sheets (two queries);
    an initiative without a submitted sheet has none."""
    sheets = counted_sheets(council).filter(initiative_id__in=initiative_ids)
    totals: dict[int, list[int]] = defaultdict(list)
    for initiative_id, total in sheets.values_list("initiative_id", "total"):
        totals[initiative_id].append(scoring.to_cents(total))
    scores = counted_scores(council).filter(assignment__initiative_id__in=initiative_ids)
    values: dict[int, dict[int, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    for initiative_id, criterion_id, value in scores.values_list(
        "assignment__initiative_id", "criterion_id", "value"
    ):
        values[initiative_id][criterion_id].append(value)
    method = council.aggregate
    return [
        Standing(
            council=council,
            initiative_id=initiative_id,
            sheets=len(cents),
            total_cents=sum(cents),
            lowest_cents=min(cents),
            highest_cents=max(cents),
            aggregate_cents=scoring.aggregate_cents(
                count=len(cents),
                total=sum(cents),
                lowest=min(cents),
                highest=max(cents),
                method=method,
                values=cents,
            ),
            criteria=_criteria_figures(values.get(initiative_id, {}), method),
        )
        for initiative_id, cents in sorted(totals.items())
    ]


def standings_refresh(*, council: Council, initiative_ids: Iterable[int]) -> None:
    """Compute the standings of these initiatives again from their submitted sheets: one
    upsert (and a delete for those left without a submitted sheet) per CHUNK of them."""
    ids = sorted(set(initiative_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = _standings(council, chunk)
        Standing.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["council", "initiative"],
            update_fields=STANDING_FIELDS,
        )
        left = set(chunk) - {row.initiative_id for row in rows}
        if left:
            Standing.objects.filter(council=council, initiative_id__in=left).delete()


def _seat_sums(sheets: Iterable[tuple[int, Decimal]]) -> dict[int, list[int]]:
    """{member id: [count, sum, sum of squares]} of (member id, total) pairs, in cents."""
    sums: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for member_id, total in sheets:
        cents = scoring.to_cents(total)
        found = sums[member_id]
        found[0] += 1
        found[1] += cents
        found[2] += cents * cents
    return sums


def _seats_write(council: Council, sums: dict[int, list[int]], *, add: bool) -> None:
    """Write the members' sums: added to those stored (`add`), or in their place."""
    stored = {}
    if add:
        stored = {
            seat.member_id: seat
            for seat in SeatStanding.objects.filter(council=council, member_id__in=list(sums))
        }
    rows = []
    for member_id, (count, total, squares) in sorted(sums.items()):
        before = stored.get(member_id)
        if before is not None:
            count += before.sheets
            total += before.total_cents
            squares += before.squares_cents
        rows.append(
            SeatStanding(
                council=council,
                member_id=member_id,
                sheets=count,
                total_cents=total,
                squares_cents=squares,
            )
        )
    SeatStanding.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["member"],
        update_fields=["sheets", "total_cents", "squares_cents"],
    )


def sheets_submitted(*, council: Council, sheets: list[Assignment]) -> None:
    """Sheets of `council` just submitted (saved in this transaction): their dossiers'
    standings computed again, their members' sums added to."""
    standings_refresh(council=council, initiative_ids=[sheet.initiative_id for sheet in sheets])
    _seats_write(
        council,
        _seat_sums((sheet.member_id, sheet.total) for sheet in sheets if sheet.total is not None),
        add=True,
    )


def standings_fill(*, council: Council) -> int:
    """Every standing of `council` computed from its sheets (the stored ones replaced); returns
    the number of dossiers with a submitted sheet."""
    sheets = counted_sheets(council)
    ids = set(sheets.values_list("initiative_id", flat=True))
    ids |= set(Standing.objects.filter(council=council).values_list("initiative_id", flat=True))
    standings_refresh(council=council, initiative_ids=ids)
    SeatStanding.objects.filter(council=council).delete()
    _seats_write(council, _seat_sums(sheets.values_list("member_id", "total")), add=False)
    return Standing.objects.filter(council=council).count()


def standings_fill_all(*, council_ids: Iterable[int] | None = None) -> tuple[int, int]:
    """`standings_fill` for these councils (None: every council), each in a transaction of
    its own under its row lock; returns (councils, dossiers with a submitted sheet)."""
    councils = Council.objects.order_by("pk")
    if council_ids is not None:
        councils = councils.filter(pk__in=list(council_ids))
    filled = dossiers = 0
    for pk in councils.values_list("pk", flat=True):
        with transaction.atomic():
            council = Council.objects.select_for_update().get(pk=pk)
            dossiers += standings_fill(council=council)
            filled += 1
    return filled, dossiers
