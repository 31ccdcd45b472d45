"""initiatives' part of handing over a closed unit (see sangtao.orgs.handover): its open
dossiers, those it filed (`unit`) and those waiting for its council (`appraisal_unit`), move
to the successor. Decided dossiers (recognised, not recognised) and withdrawn ones stay."""

from django.utils.translation import ngettext

from sangtao.orgs.handover import HandOverStep, Transfer, all_chunks, register

from .models import Initiative
from .states import State

OPEN_STATES = [State.DRAFT, State.SUBMITTED, State.RETURNED, State.IN_APPRAISAL]


def _open_count(ids: list[int]) -> int:
    """Open dossiers filed by or waiting at these units, each once: two indexed counts (an OR
    across the two columns would read the whole table)."""
    filed = Initiative.objects.filter(unit_id__in=ids, state__in=OPEN_STATES)
    waiting = Initiative.objects.filter(appraisal_unit_id__in=ids, state__in=OPEN_STATES)
    return filed.count() + waiting.exclude(unit_id__in=ids).count()


def _count(transfers: list[Transfer]) -> int:
    return sum(_open_count(ids) for ids in all_chunks(transfers))


def _apply(transfers: list[Transfer], by) -> int:
    moved = _count(transfers)
    for transfer in transfers:
        for ids in transfer.chunks():
            Initiative.objects.filter(unit_id__in=ids, state__in=OPEN_STATES).update(
                unit=transfer.successor
            )
            Initiative.objects.filter(appraisal_unit_id__in=ids, state__in=OPEN_STATES).update(
                appraisal_unit=transfer.successor
            )
    return moved


register(
    HandOverStep(
        key="dossiers",
        order=30,
        count=_count,
        apply=_apply,
        phrase=lambda n: ngettext("%(count)d dossier", "%(count)d dossiers", n) % {"count": n},
    )
)
