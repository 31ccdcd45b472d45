"""A period of more units than REPORTS_OPEN_IN_REQUEST opens in the background: the request
saves it "being opened", a job makes and pre-fills its reports batch by batch with progress on
the period's page; nobody below sees it nor is reminded of it until it is open; an opening
interrupted halfway resumes without making anything twice."""

import datetime

import pytest
from django.db.models import Count
from django.urls import reverse

from sangtao.core.models import Notification
from sangtao.jobs.models import Job
from sangtao.jobs.services import job_fail
from sangtao.reminders.models import Reminder
from sangtao.reminders.services import reminders_send
from sangtao.reports import services
from sangtao.reports.jobs import OPEN_KIND
from sangtao.reports.models import Report, ReportValue

from .conftest import MEMBERS, figure, open_period, report_of

pytestmark = pytest.mark.django_db


class Stopped(Exception):
    """A worker stopping in the middle of an opening."""


def stopping_after(message: str, batches: int):
    """A progress callback that stops the opening after `batches` batches of `message`."""
    seen = []

    def progress(done, total, text="", **params):
        if text == message:
            seen.append(done)
            if len(seen) >= batches:
                raise Stopped

    return progress


@pytest.fixture
def large(settings, movement, units, staff, data, django_capture_on_commit_callbacks):
    """The same period as the `period` fixture, with a limit of 1 unit in the request: the
    request saves it and asks for the job, which has not run yet (its callbacks kept)."""
    settings.REPORTS_OPEN_IN_REQUEST = 1
    indicators, _sections = services.default_template()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        period = open_period(movement, units, staff["officer"], indicators=[*indicators, MEMBERS])
    return {"period": period, "run": lambda: [callback() for callback in callbacks]}


def figures_of(period) -> list[tuple]:
    """Every figure of the period, by unit, indicator code and key."""
    return sorted(
        ReportValue.objects.filter(report__period=period).values_list(
            "report__unit_id", "indicator__code", "key", "label", "own", "computed", "value"
        )
    )


def parents_of(period) -> dict[int, int | None]:
    return dict(period.reports.values_list("unit_id", "parent__unit_id"))


def test_period_open_above_the_limit_saves_it_opening_with_no_report(large, staff):
    period = large["period"]
    assert period.state == "opening"
    assert period.reports.count() == 0
    job = Job.objects.get()
    assert (job.kind, job.state, job.target_id) == (OPEN_KIND, "queued", str(period.pk))
    assert not Notification.objects.filter(recipient=staff["district_clerk"]).exists()


def test_period_open_job_makes_the_same_reports_as_the_request(
    large, movement, units, staff, settings
):
    large["run"]()
    period = large["period"]
    period.refresh_from_db()
    assert (period.state, period.opening_units) == ("open", [])
    assert Job.objects.get().state == "done"
    assert figure(report_of(period, units["district"]), "initiatives_submitted") == (2, 2)
    settings.REPORTS_OPEN_IN_REQUEST = 1000
    indicators, _sections = services.default_template()
    in_request = open_period(
        movement, units, staff["officer"], indicators=[*indicators, MEMBERS], title="Trong yêu cầu"
    )
    assert in_request.state == "open"
    assert figures_of(period) == figures_of(in_request)
    assert parents_of(period) == parents_of(in_request)
    # The units are told it is due once it is open, not before.
    assert (
        Notification.objects.filter(
            recipient=staff["district_clerk"], message__contains="Báo cáo 6 tháng đầu năm 2018"
        ).count()
        == 1
    )


def test_period_page_of_an_opening_period_shows_its_progress(large, client_for, staff):
    period = large["period"]
    with pytest.raises(Stopped):
        services.period_opening_run(
            period=period, progress=stopping_after(services.FILLING, 1), batch=2
        )
    page = client_for(staff["officer"]).get(reverse("reports:period", args=[period.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Đang tạo báo cáo cho 2 / 4 đơn vị" in text
    assert "Kỳ báo cáo chưa dùng được cho đến khi mọi báo cáo sẵn sàng" in text


def test_opening_period_is_hidden_from_the_units_below(large, client_for, staff, units):
    period = large["period"]
    with pytest.raises(Stopped):
        services.period_opening_run(
            period=period, progress=stopping_after(services.FILLING, 1), batch=2
        )
    clerk = client_for(staff["district_clerk"])
    assert period.pk not in [
        row.pk for row in services.selectors.periods_for(staff["district_clerk"])
    ]
    assert clerk.get(reverse("reports:period", args=[period.pk])).status_code == 404
    made = report_of(period, units["district"])
    page = clerk.get(reverse("reports:report", args=[made.pk]))
    assert page.status_code == 409
    assert "Kỳ báo cáo đang được mở" in page.content.decode()
    with pytest.raises(services.ValidationError):
        services.report_submit(report=made, by=staff["district_clerk"])
    assert Report.objects.get(pk=made.pk).state == "draft"


def test_reminders_skip_a_period_still_opening(large, settings):
    settings.SANGTAO_REMINDER_DAYS = (7, 1)
    period = large["period"]
    with pytest.raises(Stopped):
        services.period_opening_run(
            period=period, progress=stopping_after(services.FILLING, 1), batch=2
        )
    reminders_send(today=period.deadline - datetime.timedelta(days=1))
    reminders_send(today=period.deadline + datetime.timedelta(days=3))
    assert not Reminder.objects.filter(deadline=period.deadline).exists()


@pytest.mark.parametrize("stage", ["creating", "filling"])
def test_opening_stopped_halfway_resumes_without_duplicates(large, movement, units, staff, stage):
    period = large["period"]
    message = services.CREATING if stage == "creating" else services.FILLING
    with pytest.raises(Stopped):
        services.period_opening_run(period=period, progress=stopping_after(message, 1), batch=2)
    period.refresh_from_db()
    assert period.state == "opening"
    partial = period.reports.count()
    assert partial == (3 if stage == "creating" else 4)
    assert period.reports.filter(computed_at__isnull=False).count() == (
        0 if stage == "creating" else 2
    )
    services.period_opening_run(period=period, batch=2)  # the job's step again
    services.period_opening_run(period=period, batch=2)  # and once more: nothing to do
    period.refresh_from_db()
    assert period.state == "open"
    assert period.reports.count() == 4
    assert not (
        ReportValue.objects.filter(report__period=period)
        .values("report_id", "indicator_id", "key")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .exists()
    )
    large["run"]()  # the job asked for at first finds the period open and changes nothing
    whole = open_period(
        movement,
        units,
        staff["officer"],
        indicators=[*services.default_template()[0], MEMBERS],
        title="Một lần",
    )
    services.period_opening_run(period=whole)
    assert figures_of(period) == figures_of(whole)
    assert parents_of(period) == parents_of(whole)


def test_period_page_resumes_an_opening_whose_worker_stopped(large, client_for, staff, run_jobs):
    period = large["period"]
    with pytest.raises(Stopped):
        services.period_opening_run(
            period=period, progress=stopping_after(services.FILLING, 1), batch=2
        )
    job_fail(job=Job.objects.get())  # its worker was taken for stopped
    officer = client_for(staff["officer"])
    page = officer.get(reverse("reports:period", args=[period.pk])).content.decode()
    assert "Đang tạo báo cáo cho 2 / 4 đơn vị" in page
    assert "Tiếp tục mở kỳ báo cáo" in page
    with run_jobs():
        response = officer.post(reverse("reports:period_resume", args=[period.pk]))
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.state == "open"
    assert period.reports.count() == 4
    assert list(Job.objects.order_by("id").values_list("state", flat=True)) == ["failed", "done"]


def test_period_resume_by_a_unit_clerk_is_refused(large, client_for, staff):
    period = large["period"]
    response = client_for(staff["district_clerk"]).post(
        reverse("reports:period_resume", args=[period.pk])
    )
    assert response.status_code == 404
    assert Job.objects.count() == 1
