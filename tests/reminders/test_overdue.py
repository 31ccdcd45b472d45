"""A report still not sent after its deadline reminds its unit's writers some days after it
(`SANGTAO_REMINDER_DAYS_AFTER`), worded as overdue, once per step across nightly runs; a
returned report not resent is late too; a sent report, the compiling unit's own, a unit
merged away and a closed period remind nobody."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from sangtao.accounts.models import Role, User
from sangtao.core.models import Notification, OutgoingEmail
from sangtao.orgs.models import OrgUnit
from sangtao.reminders.models import Reminder
from sangtao.reminders.services import reminder_step, reminders_send
from sangtao.reports.models import Report, ReportPeriod

from ..factories import make_user
from .test_reminders import TODAY, days, deadlines  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def late(deadlines, settings):  # noqa: F811
    """The period's deadline was yesterday; the commune has not sent its report."""
    settings.SANGTAO_REMINDER_DAYS_AFTER = (1, 7)
    ReportPeriod.objects.filter(pk=deadlines["period"].pk).update(deadline=days(-1))
    return deadlines["period"]


def report_notes(person) -> list[str]:
    return list(
        Notification.objects.filter(recipient=person, message__contains="Báo cáo")
        .order_by("id")
        .values_list("message", flat=True)
    )


def test_reminders_send_after_the_deadline_reminds_the_late_unit_once(late, people, tree):
    with translation.override("vi"):
        call_command("reminders_send", stdout=None)
        call_command("reminders_send", stdout=None)

    assert report_notes(people["clerk"]) == [
        f"Nhắc việc, đã quá hạn 1 ngày: Báo cáo của {tree['commune'].name} cho kỳ “Báo cáo "
        f"6 tháng” có hạn ngày {days(-1):%d/%m/%Y} mà đến nay vẫn chưa gửi."
    ]
    assert list(
        Reminder.objects.filter(person=people["clerk"]).values_list(
            "kind", "target_id", "deadline", "days_before"
        )
    ) == [("report", late.reports.get(unit=tree["commune"]).pk, days(-1), -1)]
    assert OutgoingEmail.objects.filter(to="vanthu@example.vn").count() == 1


def test_reminders_send_before_on_and_after_the_deadline_each_step_once(
    deadlines,  # noqa: F811
    people,
):
    ReportPeriod.objects.filter(pk=deadlines["period"].pk).update(deadline=days(8))
    for night in range(0, 20):  # every night for twenty nights, the deadline on the 8th
        reminders_send(today=days(night))

    notes = Notification.objects.filter(recipient=people["clerk"]).order_by("id")
    assert [note.message.split(":")[0] for note in notes] == [
        "Nhắc việc, còn 7 ngày",
        "Nhắc việc, còn 1 ngày",
        "Nhắc việc, hạn hôm nay",
        "Nhắc việc, đã quá hạn 1 ngày",
        "Nhắc việc, đã quá hạn 7 ngày",
    ]
    assert list(
        Reminder.objects.filter(person=people["clerk"])
        .order_by("id")
        .values_list("days_before", flat=True)
    ) == [7, 1, 0, -1, -7]


def test_reminders_send_after_missed_nights_makes_each_step_up_once(late, people):
    reminders_send(today=days(2))  # 3 days late: the 1-day reminder, made up
    reminders_send(today=days(4))
    reminders_send(today=days(8))  # 9 days late: the 7-day one, made up
    reminders_send(today=days(30))

    assert [note.split(":")[0] for note in report_notes(people["clerk"])] == [
        "Nhắc việc, đã quá hạn 3 ngày",
        "Nhắc việc, đã quá hạn 9 ngày",
    ]


def test_reminder_step_after_the_deadline_takes_the_last_step_reached():
    steps = [-7, -1, 0, 1, 7]
    lefts = (1, 0, -1, -3, -6, -7, -10, -11)
    assert [reminder_step(days(left), TODAY, steps) for left in lefts] == [
        1,
        0,
        -1,
        -1,
        -1,
        -7,
        -7,
        None,
    ]


def test_reminders_send_after_the_deadline_counts_a_returned_report_as_late(late, people, tree):
    Report.objects.filter(period=late, unit=tree["commune"]).update(
        state=Report.State.RETURNED, return_comment="Bổ sung số liệu"
    )

    reminders_send(today=TODAY)

    assert len(report_notes(people["clerk"])) == 1


def test_reminders_send_after_the_deadline_reminds_nobody_who_is_not_late(late, people, tree):
    """The sent report, the compiling unit's own (it compiles after the deadline) and the
    report of a unit merged away during the period (its successor reports for it)."""
    Report.objects.filter(period=late, unit=tree["commune"]).update(state="submitted")
    Report.objects.filter(period=late, unit=tree["province"]).update(state="draft")
    Report.objects.filter(period=late, unit=tree["other_district"]).update(state="draft")
    OrgUnit.objects.filter(pk=tree["other_district"].pk).update(valid_to=days(-30))

    counts = reminders_send(today=TODAY)

    assert counts["report"] == 0
    for name in ("clerk", "officer", "other_clerk"):
        assert report_notes(people[name]) == []


def test_reminders_send_after_the_period_closed_reminds_nobody(late, people):
    ReportPeriod.objects.filter(pk=late.pk).update(state=ReportPeriod.State.CLOSED)

    assert reminders_send(today=TODAY)["report"] == 0


def test_reminders_send_without_days_after_stays_quiet_after_the_deadline(late, settings):
    settings.SANGTAO_REMINDER_DAYS_AFTER = ()

    assert reminders_send(today=TODAY)["report"] == 0


def test_reminders_send_overdue_goes_into_the_digest_of_who_chose_it(late, people):
    User.objects.filter(pk=people["clerk"].pk).update(email_digest=True)

    with translation.override("vi"):
        call_command("reminders_send", stdout=None)
        call_command("reminders_send", stdout=None)

    digest = OutgoingEmail.objects.get(to="vanthu@example.vn")
    assert digest.subject == f"[Sáng tạo] Thông báo của bạn ngày {TODAY:%d/%m/%Y}"
    assert digest.body.count("- Nhắc việc, đã quá hạn 1 ngày: Báo cáo của") == 1


def test_reminders_send_overdue_queries_do_not_grow_with_people(late, tree):
    def run_queries() -> int:
        Reminder.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            reminders_send(today=TODAY)
        return len(queries)

    reminders_send(today=TODAY)  # the content types are read once and kept
    few = run_queries()
    for number in range(10):
        make_user(f"vanthuso{number}", roles=((Role.CLERK, tree["commune"]),))

    assert run_queries() == few
    assert Reminder.objects.filter(kind="report", days_before=-1).count() == 11
