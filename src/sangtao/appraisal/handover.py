"""appraisal's part of handing over a closed unit (see sangtao.orgs.handover).

- Pending nominations (the initiative still waits, in appraisal, for the council of the unit
  it was proposed to) are proposed to the successor instead.
- An open council (not sealed) of the closed unit moves to the successor, with its members,
  sheets and discussion, as it is. When the successor already has an open council for the
  same round and the closed unit's council has no sheet yet (no assignment, no decision), the
  two are not kept side by side: its dossiers join the successor's council's queue (they
  follow their `appraisal_unit`, moved by the initiatives step), its discussion moves there,
  and the empty council is dissolved (its name, decision and members are kept in the audit
  event). Otherwise (sheets exist) it moves as it is and stays open, so no score is lost: the
  successor then has two open councils for the round, which share its queue.
- Sealed councils, recognitions and decisions stay where they happened.
"""

from django.db.models import F
from django.utils.translation import ngettext

from sangtao.core.services import audit_record
from sangtao.initiatives.states import State
from sangtao.orgs.handover import HandOverStep, Transfer, all_chunks, register

from .models import Council, Discussion, Nomination


def _pending(ids: list[int]):
    return Nomination.objects.filter(
        to_unit_id__in=ids,
        initiative__state=State.IN_APPRAISAL,
        initiative__appraisal_unit_id=F("to_unit_id"),
    )


def _nominations_count(transfers: list[Transfer]) -> int:
    return sum(_pending(ids).count() for ids in all_chunks(transfers))


def _nominations_apply(transfers: list[Transfer], by) -> int:
    moved = 0
    for transfer in transfers:
        for ids in transfer.chunks():
            pending = list(_pending(ids).values_list("pk", flat=True))
            moved += Nomination.objects.filter(pk__in=pending).update(to_unit=transfer.successor)
    return moved


def _open_councils(ids: list[int]):
    return Council.objects.filter(unit_id__in=ids, sealed_at__isnull=True)


def _councils_count(transfers: list[Transfer]) -> int:
    return sum(_open_councils(ids).count() for transfer in transfers for ids in transfer.chunks())


def _councils_apply(transfers: list[Transfer], by) -> int:
    moved = 0
    for transfer in transfers:
        successor = transfer.successor
        for ids in transfer.chunks():
            for council in _open_councils(ids).order_by("pk"):
                moved += 1
                host = (
                    Council.objects.filter(
                        unit=successor, round_id=council.round_id, sealed_at__isnull=True
                    )
                    .order_by("pk")
                    .first()
                )
                started = council.assignments.exists() or council.decisions.exists()
                if host is None or started:
                    Council.objects.filter(pk=council.pk).update(unit=successor)
                    audit_record(
                        actor=by,
                        action="council.hand_over",
                        target=council,
                        data={"from": council.unit_id, "to": successor.pk},
                    )
                    continue
                Discussion.objects.filter(council=council).update(council=host)
                audit_record(
                    actor=by,
                    action="council.absorb",
                    target=host,
                    data={
                        "council": council.pk,
                        "name": council.name,
                        "decision_number": council.decision_number,
                        "unit": council.unit_id,
                        "members": list(
                            council.members.values_list("user_id", "role").order_by("pk")
                        ),
                    },
                )
                council.delete()
    return moved


register(
    HandOverStep(
        key="nominations",
        order=10,
        count=_nominations_count,
        apply=_nominations_apply,
        phrase=lambda n: (
            ngettext(
                "%(count)d proposal to the next level", "%(count)d proposals to the next level", n
            )
            % {"count": n}
        ),
    )
)
register(
    HandOverStep(
        key="councils",
        order=20,
        count=_councils_count,
        apply=_councils_apply,
        phrase=lambda n: ngettext("%(count)d council", "%(count)d councils", n) % {"count": n},
    )
)
