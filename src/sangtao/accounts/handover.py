"""accounts' part of handing over a closed unit (see sangtao.orgs.handover): the role grants
over it move to the successor (a grant the person already holds there is not doubled), and
the people who work there are counted in the successor."""

from django.db.models import Count, Exists, Min, OuterRef
from django.utils.translation import ngettext

from sangtao.orgs.handover import HandOverStep, Transfer, all_chunks, register

from .models import RoleMembership, User


def _people(ids: list[int]) -> set[int]:
    granted = RoleMembership.objects.filter(unit_id__in=ids).values_list("user_id", flat=True)
    working = User.objects.filter(unit_id__in=ids).values_list("pk", flat=True)
    return set(granted) | set(working)


def _count(transfers: list[Transfer]) -> int:
    people: set[int] = set()
    for ids in all_chunks(transfers):
        people |= _people(ids)
    return len(people)


def _apply(transfers: list[Transfer], by) -> int:
    moved = _count(transfers)
    for transfer in transfers:
        successor = transfer.successor
        for ids in transfer.chunks():
            grants = RoleMembership.objects.filter(unit_id__in=ids)
            # Already held over the successor: the old grant adds nothing.
            held = RoleMembership.objects.filter(
                unit=successor, user_id=OuterRef("user_id"), role=OuterRef("role")
            )
            grants.filter(Exists(held)).delete()
            # Held over two of the merged units: one is kept.
            for twin in (
                grants.values("user_id", "role")
                .annotate(n=Count("pk"), keep=Min("pk"))
                .filter(n__gt=1)
                .order_by()
            ):
                grants.filter(user_id=twin["user_id"], role=twin["role"]).exclude(
                    pk=twin["keep"]
                ).delete()
            grants.update(unit=successor)
            User.objects.filter(unit_id__in=ids).update(unit=successor)
    return moved


register(
    HandOverStep(
        key="people",
        order=40,
        count=_count,
        apply=_apply,
        phrase=lambda n: ngettext("%(count)d person", "%(count)d people", n) % {"count": n},
    )
)
