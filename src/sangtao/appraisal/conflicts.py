"""Conflicts of interest: from the tree (own unit) and as declared."""

from sangtao.orgs.models import OrgUnit


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
