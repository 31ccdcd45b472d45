"""A report's pre-fill counts the comments the units of its subtree gave on drafts in the
period; a citizen's own comment counts nowhere."""

import pytest
from django.utils import timezone

from sangtao.consultations import services
from sangtao.orgs.models import Level, UnitKind
from sangtao.reports import services as reports

from .conftest import days, make_consultation


@pytest.fixture
def period(movement, units, staff, consultation):
    public = make_consultation(units["province"], staff["officer"], audience="public", title="Mở")
    first, second = consultation.sections.order_by("order", "pk")
    for section, clerk, unit in (
        (first, "women_clerk", "women"),
        (second, "women_clerk", "women"),
        (first, "youth_clerk", "youth"),
    ):
        services.comment_add(section=section, text="Góp ý.", by=staff[clerk], unit=units[unit])
    services.comment_add(
        section=public.sections.first(), text="Ý kiến công dân.", by=staff["citizen"]
    )
    today = timezone.localdate()
    return reports.period_open(
        movement=movement,
        kind="yearly",
        title=f"Báo cáo năm {today.year}",
        starts_on=days(-30),
        ends_on=days(0),
        deadline=days(10),
        levels=Level.objects.filter(code__in=["district", "province"]),
        kinds=UnitKind.objects.filter(code__in=["front_committee", "member_org"]),
        receivers=[units["province"]],
        indicators=[("comments", "Góp ý dự thảo", "comments_given", "")],
        sections=[("results", "Kết quả")],
        by=staff["officer"],
    )


def test_report_prefill_counts_the_comments_the_subtree_gave(period, units):
    def figure(unit):
        return period.reports.get(unit=unit).values.get(indicator__code="comments").computed

    assert (figure(units["women"]), figure(units["youth"]), figure(units["district"])) == (2, 1, 0)
    # The province's own figure leaves its member organisations to their reports, and the
    # citizen's comment, of no unit, counts nowhere.
    assert figure(units["province"]) == 0
