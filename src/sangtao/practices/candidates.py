"""What the register of applications tells an honours round: how many times the candidate's
initiatives recognised that year were applied, and in how many units (for a collective, its
initiatives; for an author, theirs). Registered into `sangtao.honours.facts` by
`PracticesConfig.ready()`; one query whatever the number of candidates."""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sangtao.honours.facts import Fact
from sangtao.honours.selectors import recognitions_of_year

from .models import Application


def _fact(applications: int, units: int) -> Fact:
    text = (
        ngettext("%(count)s application", "%(count)s applications", applications)
        % {"count": applications}
        + " "
        + ngettext("in %(units)s unit", "in %(units)s units", units) % {"units": units}
    )
    return Fact(code="applications", label=_("Applications recorded"), text=text)


def applications(*, round, honours) -> dict[int, list[Fact]]:
    recognised = recognitions_of_year(movement=round.movement, unit=round.unit, year=round.year)
    rows = (
        Application.objects.filter(initiative__in=recognised.values("initiative"))
        .values("initiative", "initiative__unit", "unit")
        .annotate(count=Count("pk"))
        .order_by()
    )
    per_initiative: dict[int, tuple[int, set]] = {}
    per_unit: dict[int, tuple[int, set]] = {}
    for row in rows:
        keys = ((per_initiative, row["initiative"]), (per_unit, row["initiative__unit"]))
        for table, key in keys:
            count, units = table.get(key, (0, set()))
            table[key] = (count + row["count"], units | {row["unit"]})
    result = {}
    for honour in honours:
        found = (
            per_unit.get(honour.unit_id)
            if honour.kind == "collective"
            else per_initiative.get(honour.initiative_id)
        )
        if found:
            result[honour.pk] = [_fact(found[0], len(found[1]))]
    return result
