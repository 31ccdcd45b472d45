"""Conflicts of interest: from the tree (own unit), as declared, and the authors themselves."""

from sangtao.initiatives.models import InitiativeAuthor
from sangtao.orgs.models import OrgUnit

from .models import Conflict


def conflict_pairs(*, initiatives, user=None) -> set[tuple[int, int]]:
    """{(initiative_id, user_id)} of who may not appraise which initiative, beyond the filer
    and the tree: the declared conflicts, and every author row linked to an account (a
    co-author linked at their request counts as the filer does). Two queries.

    `initiatives`: ids, rows or a queryset (None: every initiative, for one `user`);
    `user`: only that person's pairs."""
    declared = Conflict.objects.all()
    linked = InitiativeAuthor.objects.filter(user__isnull=False)
    if initiatives is not None:
        declared = declared.filter(initiative__in=initiatives)
        linked = linked.filter(initiative__in=initiatives)
    if user is not None:
        declared = declared.filter(user=user)
        linked = linked.filter(user=user)
    return set(declared.values_list("initiative_id", "user_id")) | set(
        linked.values_list("initiative_id", "user_id")
    )


def unit_conflict(
    *, member_unit: OrgUnit | None, initiative_unit: OrgUnit, council_unit: OrgUnit
) -> bool:
    """True when the member works in the initiative's unit or in a unit above it below the
    council's own level.

    A member from the council's own committee (or above) is not conflicted with everything
    below it; a member from a school, an enterprise or a district is conflicted with the
    initiatives of that unit and of the units under it.
    """
    if member_unit is None:
        return False
    if not initiative_unit.is_within(member_unit):
        return False
    return not council_unit.is_within(member_unit)
