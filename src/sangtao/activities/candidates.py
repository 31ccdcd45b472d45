"""What the activity registers tell an honours round about its collective candidates: the
response plan the unit recorded for the round's movement ("has a plan of its own", which
replaced the officer's tick box) and the unit's latest inspection. Registered into
`sangtao.honours.facts` by `ActivitiesConfig.ready()`; two queries whatever the number of
candidates."""

import datetime

from django.db.models import OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from sangtao.honours.facts import OWN_PLAN, Fact

from .models import Inspection, ResponsePlan

FINDINGS_WORDS = 25


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def follow_up_state(inspection: Inspection, today: datetime.date) -> tuple[str, bool]:
    """The follow-up of an inspection in words, and whether it needs attention (overdue)."""
    if inspection.responded_on:
        return _("answered on %(day)s") % {"day": _day(inspection.responded_on)}, False
    if not inspection.recommendations.strip():
        return _("no recommendation to follow up"), False
    if inspection.follow_up_due is None:
        return _("awaiting the answer"), False
    if inspection.follow_up_due < today:
        return _("answer overdue since %(day)s") % {"day": _day(inspection.follow_up_due)}, True
    return _("answer due by %(day)s") % {"day": _day(inspection.follow_up_due)}, False


def latest_inspections(unit_ids) -> dict[int, Inspection]:
    """The latest inspection of each unit, with the inspecting unit: one query."""
    latest = (
        Inspection.objects.filter(inspected=OuterRef("inspected"))
        .order_by("-inspected_on", "-pk")
        .values("pk")[:1]
    )
    rows = Inspection.objects.filter(inspected_id__in=unit_ids, pk=Subquery(latest))
    return {row.inspected_id: row for row in rows.select_related("inspector")}


def inspection_fact(inspection: Inspection, today: datetime.date) -> Fact:
    state, overdue = follow_up_state(inspection, today)
    return Fact(
        code="inspection",
        label=_("Latest inspection"),
        text=_("%(day)s by %(inspector)s: %(findings)s (%(state)s)")
        % {
            "day": _day(inspection.inspected_on),
            "inspector": inspection.inspector.name,
            "findings": Truncator(inspection.findings).words(FINDINGS_WORDS),
            "state": state,
        },
        warning=overdue,
    )


def plans_and_inspections(*, round, honours) -> dict[int, list[Fact]]:
    """For each collective candidate: its response plan to the round's movement, if any, and
    its latest inspection, if any."""
    collectives = [h for h in honours if h.kind == "collective"]
    if not collectives:
        return {}
    unit_ids = {h.unit_id for h in collectives}
    plans = {
        plan.unit_id: plan
        for plan in ResponsePlan.objects.filter(movement_id=round.movement_id, unit_id__in=unit_ids)
    }
    inspections = latest_inspections(unit_ids)
    today = timezone.localdate()
    result: dict[int, list[Fact]] = {}
    for honour in collectives:
        found = []
        if plan := plans.get(honour.unit_id):
            text = _("No. %(number)s of %(day)s, signed by %(signer)s") % {
                "number": plan.number,
                "day": _day(plan.issued_on),
                "signer": plan.signer,
            }
            found.append(Fact(code=OWN_PLAN, label=_("Response plan"), text=text))
        if inspection := inspections.get(honour.unit_id):
            found.append(inspection_fact(inspection, today))
        if found:
            result[honour.pk] = found
    return result
