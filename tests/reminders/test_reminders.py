"""Deadlines remind who must act, in the app and by e-mail, a few days before and on the day,
each reminder once across nightly runs; whoever chose it gets one e-mail a day instead."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from sangtao.accounts.models import Role, User
from sangtao.appraisal.models import Assignment, Council, CouncilMember
from sangtao.core.models import Notification, OutgoingEmail
from sangtao.initiatives.models import Initiative
from sangtao.movements.models import Milestone
from sangtao.reminders.models import Reminder
from sangtao.reminders.services import reminder_step, reminders_send
from sangtao.reports import services as report_services
from sangtao.reports.models import Report, ReportPeriod

from ..factories import make_user

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def draft(movement, unit, author, state="draft") -> Initiative:
    return Initiative.objects.create(
        title=f"Sáng kiến {state} của {author.username}",
        round=movement.rounds.get(),
        unit=unit,
        state=state,
        created_by=author,
    )


@pytest.fixture
def deadlines(settings, movement, tree, people):
    """A round closing tomorrow with a draft and a submitted initiative; a council scoring
    today with a member's sheet not submitted and another's submitted; a report period due
    in 7 days where Gò Dầu has sent its report; a milestone due in 7 days and one done."""
    settings.SANGTAO_REMINDER_DAYS = (7, 1)
    round_ = movement.rounds.get()
    round_.closes_on = days(1)
    round_.save()
    first = draft(movement, tree["school"], people["author"])
    draft(movement, tree["other_school"], people["outsider"], state="submitted")
    council = Council.objects.create(
        round=round_, unit=tree["province"], name="Hội đồng tỉnh", scoring_deadline=TODAY
    )
    late = make_user("giamkhao1", unit=tree["province"])
    done = make_user("giamkhao2", unit=tree["province"])
    for user, state in ((late, "draft"), (done, "submitted")):
        member = CouncilMember.objects.create(council=council, user=user)
        Assignment.objects.create(
            council=council,
            initiative=first,
            member=member,
            assigned_by=people["officer"],
            state=state,
        )
    period = report_services.period_open(
        movement=movement,
        kind=ReportPeriod.Kind.SIX_MONTH,
        title="Báo cáo 6 tháng",
        starts_on=days(-180),
        ends_on=days(-1),
        deadline=days(7),
        levels=(),
        kinds=(),
        receivers=[tree["province"]],
        units=[tree["commune"], tree["other_district"]],
        by=people["officer"],
    )
    Report.objects.filter(period=period, unit=tree["other_district"]).update(state="submitted")
    Report.objects.filter(period=period, unit=tree["province"]).update(state="submitted")
    Milestone.objects.create(movement=movement, due_on=days(7), title="Thành lập Hội đồng")
    Milestone.objects.create(
        movement=movement, due_on=days(1), title="Ban hành tiêu chí", done_on=days(-2)
    )
    Notification.objects.all().delete()
    OutgoingEmail.objects.all().delete()
    return {"period": period, "council": council, "late": late, "done": done, "round": round_}


def inbox() -> dict[str, list[str]]:
    notes = Notification.objects.select_related("recipient").order_by("recipient__username", "id")
    found: dict[str, list[str]] = {}
    for note in notes:
        found.setdefault(note.recipient.username, []).append(note.message)
    return found


def test_reminders_send_twice_reminds_each_person_once(deadlines, people, tree, movement):
    with translation.override("vi"):
        call_command("reminders_send", stdout=None)
        call_command("reminders_send", stdout=None)

    date = lambda n: days(n).strftime("%d/%m/%Y")  # noqa: E731
    assert inbox() == {
        "giamkhao1": [
            "Nhắc việc, hạn hôm nay: Hội đồng “Hội đồng tỉnh” kết thúc chấm điểm ngày "
            f"{date(0)}, bạn còn 1 phiếu chấm chưa nộp."
        ],
        "phongtrao": [
            "Nhắc việc, còn 7 ngày: Mốc “Thành lập Hội đồng” của phong trào "
            f"“{movement.name}” đến hạn ngày {date(7)} mà chưa hoàn thành."
        ],
        "tacgia": [
            "Nhắc việc, còn 1 ngày: Đợt “Năm 2018” hết hạn nhận hồ sơ ngày "
            f"{date(1)}, bạn còn 1 sáng kiến trong đợt chưa gửi."
        ],
        "vanthu": [
            f"Nhắc việc, còn 7 ngày: Báo cáo của {tree['commune'].name} cho kỳ “Báo cáo 6 "
            f"tháng” đến hạn ngày {date(7)} mà chưa gửi."
        ],
    }
    assert sorted(OutgoingEmail.objects.values_list("to", flat=True)) == [
        "giamkhao1@example.vn",
        "phongtrao@example.vn",
        "tacgia@example.vn",
        "vanthu@example.vn",
    ]
    assert Reminder.objects.count() == 4


def test_reminders_send_again_at_the_next_step_and_on_the_day(deadlines, people):
    reminders_send(today=TODAY)
    reminders_send(today=days(1))  # 6 days left: the 7-day reminder is already sent
    reminders_send(today=days(6))
    reminders_send(today=days(7))

    clerk = Notification.objects.filter(recipient=people["clerk"]).order_by("id")
    assert [note.message.split(":")[0] for note in clerk] == [
        "Nhắc việc, còn 7 ngày",
        "Nhắc việc, còn 1 ngày",
        "Nhắc việc, hạn hôm nay",
    ]
    assert list(
        Reminder.objects.filter(person=people["clerk"])
        .order_by("sent_at", "id")
        .values_list("days_before", flat=True)
    ) == [7, 1, 0]


def test_reminder_step_makes_up_a_missed_night_once():
    steps = [0, 1, 7]
    assert [reminder_step(days(left), TODAY, steps) for left in (9, 8, 7, 5, 1, 0, -1)] == [
        None,
        None,
        7,
        7,
        1,
        0,
        None,
    ]


def test_reminders_send_moved_deadline_reminds_again(deadlines, people):
    reminders_send(today=TODAY)
    ReportPeriod.objects.filter(pk=deadlines["period"].pk).update(deadline=days(8))
    reminders_send(today=days(1))

    assert Notification.objects.filter(recipient=people["clerk"]).count() == 2


def test_reminders_send_reminds_nobody_who_has_acted(deadlines, people, tree):
    """Submitted initiatives and sheets, sent reports, done milestones, closed periods,
    sealed councils and inactive people are not reminded."""
    Initiative.objects.filter(created_by=people["author"]).update(state="submitted")
    Council.objects.filter(pk=deadlines["council"].pk).update(sealed_at=timezone.now())
    ReportPeriod.objects.filter(pk=deadlines["period"].pk).update(state="closed")
    Milestone.objects.filter(title="Thành lập Hội đồng").update(done_on=TODAY)

    counts = reminders_send(today=TODAY)

    assert counts == {"round": 0, "scoring": 0, "report": 0, "milestone": 0}
    assert Notification.objects.count() == 0
    for name in ("other_clerk", "outsider", "leader", "secretary"):
        assert not Reminder.objects.filter(person=people[name]).exists()


def test_reminders_send_skips_inactive_people(deadlines, people):
    User.objects.filter(pk=deadlines["late"].pk).update(is_active=False)

    counts = reminders_send(today=TODAY)

    assert counts["scoring"] == 0
    assert not Notification.objects.filter(recipient=deadlines["late"]).exists()


def test_reminders_send_queries_do_not_grow_with_people(deadlines, tree, movement):
    def run_queries(today) -> int:
        with CaptureQueriesContext(connection) as queries:
            reminders_send(today=today)
        return len(queries)

    reminders_send(today=TODAY)  # the content types are read once and kept
    Reminder.objects.all().delete()
    few = run_queries(TODAY)
    for number in range(10):
        author = make_user(f"tacgiaso{number}", roles=((Role.AUTHOR, tree["school"]),))
        draft(movement, tree["school"], author)
        make_user(f"vanthuso{number}", roles=((Role.CLERK, tree["commune"]),))
    Reminder.objects.all().delete()

    assert run_queries(TODAY) == few
    assert Reminder.objects.count() == 24


def test_digest_person_gets_one_email_a_day_listing_the_notifications(deadlines, people):
    User.objects.filter(pk=people["officer"].pk).update(email_digest=True)
    Milestone.objects.create(
        movement=deadlines["round"].movement, due_on=TODAY, title="Sơ kết 01 năm"
    )

    with translation.override("vi"):
        call_command("reminders_send", stdout=None)
        call_command("reminders_send", stdout=None)

    officer_notes = Notification.objects.filter(recipient=people["officer"])
    assert officer_notes.count() == 2
    assert not officer_notes.filter(digest_pending=True).exists()
    digests = OutgoingEmail.objects.filter(to="phongtrao@example.vn")
    assert digests.count() == 1
    digest = digests.get()
    assert digest.subject == f"[Sáng tạo] Thông báo của bạn ngày {TODAY:%d/%m/%Y}"
    assert digest.body.count("- Nhắc việc") == 2
    assert "Mốc “Sơ kết 01 năm”" in digest.body
    assert "Mốc “Thành lập Hội đồng”" in digest.body
    # the others, who chose single e-mails, got one each and no digest
    assert OutgoingEmail.objects.filter(to="vanthu@example.vn").count() == 1
