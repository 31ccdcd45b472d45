"""Opening a period, pre-filling, corrections with reasons, submit, return, roll-up."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sangtao.core.models import AuditEvent, Notification
from sangtao.reports import services
from sangtao.reports.models import Report, ReportPeriod

from .conftest import figure, open_period, report_of


def test_period_open_creates_one_report_per_unit_that_must_report(period, units):
    reports = {r.unit.name: r for r in period.reports.select_related("unit", "parent__unit")}
    assert sorted(reports) == sorted(
        [
            units["province"].name,
            units["district"].name,
            units["other_district"].name,
            units["women"].name,
        ]
    )
    top = reports[units["province"].name]
    assert top.parent is None
    assert reports[units["district"].name].parent == top
    assert [u.name for u in period.receivers.order_by("name")] == [
        "Ban Thi đua - Khen thưởng tỉnh Tây Ninh",
        "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
    ]
    assert period.indicators.count() == 13
    assert AuditEvent.objects.filter(action="report_period.open").count() == 1


def test_period_open_prefills_from_the_subtree_and_dates(period, units, data):
    district = report_of(period, units["district"])
    assert figure(district, "initiatives_submitted") == (2, 2)
    assert figure(district, "initiatives_submitted", f"field:{data['field_a'].pk}") == (1, 1)
    assert figure(district, "initiatives_submitted", f"field:{data['field_b'].pk}") == (1, 1)
    assert figure(district, "initiatives_recognised") == (1, 1)
    assert figure(report_of(period, units["other_district"]), "initiatives_submitted") == (1, 1)
    assert figure(report_of(period, units["women"]), "initiatives_submitted") == (0, 0)
    # From the practices register; a line nobody counts is entered by hand.
    assert figure(district, "practices_built") == (0, 0)
    assert figure(district, "members_joined") == (None, None)
    # The province's own report counts only what no unit below reports for.
    assert figure(report_of(period, units["province"]), "initiatives_submitted") == (0, 0)


def test_period_open_notifies_the_units_that_must_report(period, staff):
    assert Notification.objects.filter(recipient=staff["district_clerk"]).count() == 1
    assert Notification.objects.filter(recipient=staff["women_clerk"]).count() == 1
    assert not Notification.objects.filter(recipient=staff["board_staff"]).exists()


def test_period_open_by_an_officer_of_another_province_is_refused(movement, units, stranger):
    with pytest.raises(PermissionDenied):
        open_period(movement, units, stranger)
    assert not ReportPeriod.objects.exists()


def test_period_open_with_the_end_before_the_start_saves_nothing(movement, units, staff):
    with pytest.raises(ValidationError) as error:
        open_period(
            movement,
            units,
            staff["officer"],
            ends_on=datetime.date(2017, 12, 1),
        )
    assert error.value.messages == ["Kỳ báo cáo kết thúc trước khi bắt đầu."]
    assert not ReportPeriod.objects.exists()


def test_report_update_without_a_reason_for_a_changed_figure_saves_nothing(period, units, staff):
    district = report_of(period, units["district"])
    total = district.values.get(indicator__code="initiatives_submitted", key="")
    with pytest.raises(ValidationError) as error:
        services.report_update(
            report=district,
            figures={total.pk: (3, "")},
            narratives={"results": "Nhiều sáng kiến"},
            by=staff["district_clerk"],
        )
    assert error.value.message_dict == {
        f"r{total.pk}": ["Ghi lý do thay đổi số liệu tính tự động 2."]
    }
    total.refresh_from_db()
    district.refresh_from_db()
    assert (total.value, total.reason, district.narratives) == (2, "", {})


def test_report_update_with_a_reason_keeps_both_figures(period, units, staff):
    district = report_of(period, units["district"])
    total = district.values.get(indicator__code="initiatives_submitted", key="")
    manual = district.values.get(indicator__code="members_joined", key="")
    services.report_update(
        report=district,
        figures={total.pk: (3, "Một sáng kiến nộp bằng giấy"), manual.pk: (4, "")},
        narratives={"results": "Tân Châu có nhiều sáng kiến"},
        number="12",
        signer_title="Chủ tịch",
        signer_name="Trần Văn Bình",
        by=staff["district_clerk"],
    )
    total.refresh_from_db()
    manual.refresh_from_db()
    assert (total.computed, total.value, total.reason) == (2, 3, "Một sáng kiến nộp bằng giấy")
    assert (manual.computed, manual.value, manual.reason) == (None, 4, "")
    district.refresh_from_db()
    assert district.narratives == {
        "results": "Tân Châu có nhiều sáng kiến",
        "limits": "",
        "proposals": "",
    }
    event = AuditEvent.objects.get(action="report.update")
    assert event.data == {
        "corrections": [{"indicator": "initiatives_submitted", "computed": 2, "value": 3}]
    }


def test_report_update_of_a_sibling_is_refused(period, units, staff):
    district = report_of(period, units["district"])
    with pytest.raises(PermissionDenied):
        services.report_update(report=district, figures={}, narratives={}, by=staff["other_clerk"])


def test_report_submit_rolls_up_into_the_province_and_notifies(period, units, staff):
    district = report_of(period, units["district"])
    services.report_submit(report=district, by=staff["district_clerk"])
    top = report_of(period, units["province"])
    assert figure(top, "initiatives_submitted") == (2, 2)
    assert Report.objects.get(pk=district.pk).state == "submitted"
    assert Notification.objects.filter(recipient=staff["officer"]).count() == 1
    # Addressed to the receivers: the board's people are told as well.
    assert Notification.objects.filter(recipient=staff["board_staff"]).count() == 1


def test_report_return_needs_a_comment_and_reopens_the_report(period, units, staff):
    district = report_of(period, units["district"])
    services.report_submit(report=district, by=staff["district_clerk"])
    with pytest.raises(ValidationError):
        services.report_return(report=district, comment=" ", by=staff["officer"])
    services.report_return(report=district, comment="Bổ sung số mô hình", by=staff["officer"])
    district.refresh_from_db()
    assert (district.state, district.return_comment) == ("returned", "Bổ sung số mô hình")
    note = Notification.objects.filter(recipient=staff["district_clerk"]).latest("pk")
    assert note.message == (
        "Báo cáo “Báo cáo 6 tháng đầu năm 2018” của đơn vị bị trả lại: Bổ sung số mô hình"
    )
    # The province no longer counts it, then counts it again once sent.
    assert figure(report_of(period, units["province"]), "initiatives_submitted") == (0, 0)
    services.report_submit(report=district, by=staff["district_clerk"])
    assert figure(report_of(period, units["province"]), "initiatives_submitted") == (2, 2)
    assert list(
        AuditEvent.objects.filter(target_id=str(district.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["report.submit", "report.return", "report.submit"]


def test_report_return_by_the_unit_itself_is_refused(period, units, staff):
    district = report_of(period, units["district"])
    services.report_submit(report=district, by=staff["district_clerk"])
    with pytest.raises(PermissionDenied):
        services.report_return(report=district, comment="x", by=staff["district_officer"])


def test_report_accept_by_a_receiver_officer(period, units, staff):
    women = report_of(period, units["women"])
    services.report_submit(report=women, by=staff["women_clerk"])
    services.report_accept(report=women, by=staff["board_officer"])
    women.refresh_from_db()
    assert women.state == "accepted"


def test_manual_figures_add_up_from_the_children(period, units, staff):
    for unit, clerk, joined in (
        (units["district"], staff["district_clerk"], 2),
        (units["women"], staff["women_clerk"], 3),
    ):
        report = report_of(period, unit)
        manual = report.values.get(indicator__code="members_joined", key="")
        services.report_update(
            report=report, figures={manual.pk: (joined, "")}, narratives={}, by=clerk
        )
        services.report_submit(report=report, by=clerk)
    assert figure(report_of(period, units["province"]), "members_joined") == (5, 5)
