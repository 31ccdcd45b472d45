"""An officer closes a report period once its deadline has passed; closing is audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from sangtao.accounts.models import Role
from sangtao.core.models import AuditEvent
from sangtao.reports import services
from sangtao.reports.models import ReportPeriod

from ..factories import make_movement, make_unit, make_user

pytestmark = pytest.mark.django_db


def _period(deadline):
    central = make_unit("Ủy ban Trung ương MTTQ Việt Nam")
    province = make_unit("Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", parent=central)
    commune = make_unit("Ủy ban MTTQ Việt Nam xã Long Thành Bắc", parent=make_unit(parent=province))
    officer = make_user("phongtrao", unit=province, roles=((Role.OFFICER, province),))
    clerk = make_user("vanthu", unit=commune, roles=((Role.CLERK, commune),))
    period = services.period_open(
        movement=make_movement(province),
        kind=ReportPeriod.Kind.ANNUAL,
        title="Báo cáo năm",
        starts_on=deadline - datetime.timedelta(days=200),
        ends_on=deadline - datetime.timedelta(days=10),
        deadline=deadline,
        levels=(),
        kinds=(),
        receivers=[province],
        units=[commune],
        by=officer,
    )
    return period, officer, clerk


def test_period_close_after_deadline_closes_and_audits():
    period, officer, _clerk = _period(timezone.localdate() - datetime.timedelta(days=1))

    services.period_close(period=period, by=officer)

    period.refresh_from_db()
    assert period.state == ReportPeriod.State.CLOSED
    event = AuditEvent.objects.get(action="report_period.close")
    assert (event.actor, event.from_state, event.to_state) == (officer, "open", "closed")


def test_period_close_before_deadline_is_refused_in_vietnamese():
    period, officer, _clerk = _period(timezone.localdate())

    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.period_close(period=period, by=officer)

    assert error.value.messages == ["Chỉ có thể đóng kỳ báo cáo sau khi đã hết hạn nộp."]
    period.refresh_from_db()
    assert period.state == ReportPeriod.State.OPEN
    assert not AuditEvent.objects.filter(action="report_period.close").exists()


def test_period_close_by_a_unit_clerk_is_refused():
    period, _officer, clerk = _period(timezone.localdate() - datetime.timedelta(days=1))

    with pytest.raises(PermissionDenied):
        services.period_close(period=period, by=clerk)

    period.refresh_from_db()
    assert period.state == ReportPeriod.State.OPEN


def test_period_page_offers_the_close_button_after_the_deadline(client_for):
    period, officer, _clerk = _period(timezone.localdate() - datetime.timedelta(days=1))

    page = client_for(officer).get(f"/reports/periods/{period.pk}/").content.decode()

    assert f'href="/reports/periods/{period.pk}/close/">Đóng kỳ báo cáo</a>' in page


def test_period_page_before_the_deadline_says_when_it_can_be_closed(client_for):
    period, officer, _clerk = _period(timezone.localdate())

    page = client_for(officer).get(f"/reports/periods/{period.pk}/").content.decode()

    assert "/close/" not in page
    assert "Có thể đóng kỳ báo cáo khi đã hết hạn nộp." in page


def test_period_close_page_asks_to_confirm_then_closes(client_for):
    period, officer, _clerk = _period(timezone.localdate() - datetime.timedelta(days=1))
    client = client_for(officer)

    confirm = client.get(f"/reports/periods/{period.pk}/close/")
    period.refresh_from_db()
    assert period.state == ReportPeriod.State.OPEN
    assert "0/1 đơn vị đã gửi báo cáo; 1 đơn vị trễ hạn." in confirm.content.decode()

    response = client.post(f"/reports/periods/{period.pk}/close/", follow=True)

    period.refresh_from_db()
    assert period.state == ReportPeriod.State.CLOSED
    assert response.redirect_chain == [(f"/reports/periods/{period.pk}/", 302)]
    assert "Đã đóng kỳ báo cáo." in response.content.decode()
    assert AuditEvent.objects.filter(action="report_period.close", actor=officer).count() == 1


def test_period_close_page_before_the_deadline_refuses_in_vietnamese(client_for):
    period, officer, _clerk = _period(timezone.localdate())

    response = client_for(officer).post(f"/reports/periods/{period.pk}/close/")

    assert response.status_code == 400
    assert "Chỉ có thể đóng kỳ báo cáo sau khi đã hết hạn nộp." in response.content.decode()
    period.refresh_from_db()
    assert period.state == ReportPeriod.State.OPEN


@pytest.mark.parametrize("method", ["get", "post"])
def test_period_close_page_refuses_a_unit_clerk(client_for, method):
    period, _officer, clerk = _period(timezone.localdate() - datetime.timedelta(days=1))

    response = getattr(client_for(clerk), method)(f"/reports/periods/{period.pk}/close/")

    assert response.status_code == 404
    period.refresh_from_db()
    assert period.state == ReportPeriod.State.OPEN
    assert not AuditEvent.objects.filter(action="report_period.close").exists()
