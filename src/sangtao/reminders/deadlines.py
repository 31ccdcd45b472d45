"""The deadlines that remind, one function per kind: who must act before which deadline.

Each takes the first and last deadline day to look at and answers, in one query (the measured
milestones add their few aggregates each), the people who must still act and what about:

- a round closing for submissions: the filers of its draft or returned initiatives;
- a council's scoring deadline: the members with score sheets not yet submitted;
- a report period's deadline: the clerks, officers and administrators of each unit whose
  report is not sent (the unit's own role holders, as the period's notices go to); and,
  after the deadline, those of each unit still late (`report_overdue`);
- a milestone's due date: the officers of the movement's committee, while it is not done
  (for a measured milestone, not done by the data).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from sangtao.accounts.models import Role
from sangtao.appraisal.models import Assignment, Council
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State
from sangtao.movements.models import Milestone, Round
from sangtao.movements.selectors import measure_milestones
from sangtao.reports.models import Report, ReportPeriod
from sangtao.reports.rules import WRITERS

from .models import Reminder


@dataclass(frozen=True)
class Due:
    """One person who must act on one object before its deadline; `what` says what."""

    person_id: int
    kind: str
    target_id: int
    deadline: datetime.date
    what: str
    url: str


def _date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _counted(
    rows: QuerySet, *, kind: str, person: str, target: str, deadline: str, name: str, text, url
) -> list[Due]:
    """One Due per person and object, `text` telling how many of `rows` are theirs."""
    counted = rows.values(person, target, name, deadline).annotate(count=Count("pk")).order_by()
    return [
        Due(
            person_id=row[person],
            kind=kind,
            target_id=row[target],
            deadline=row[deadline],
            what=text % {"name": row[name], "date": _date(row[deadline]), "count": row["count"]},
            url=url,
        )
        for row in counted
    ]


def round_closing(first: datetime.date, last: datetime.date) -> list[Due]:
    drafts = Initiative.objects.filter(
        state__in=(State.DRAFT, State.RETURNED),
        created_by__is_active=True,
        round__status=Round.Status.OPEN,
        round__closes_on__range=(first, last),
    )
    return _counted(
        drafts,
        kind=Reminder.Kind.ROUND,
        person="created_by_id",
        target="round_id",
        deadline="round__closes_on",
        name="round__name",
        text=ngettext_lazy(
            "The round “%(name)s” closes for submissions on %(date)s and %(count)d of "
            "your initiatives in it is not submitted.",
            "The round “%(name)s” closes for submissions on %(date)s and %(count)d of "
            "your initiatives in it are not submitted.",
            "count",
        ),
        url=reverse("initiatives:mine"),
    )


def scoring_deadline(first: datetime.date, last: datetime.date) -> list[Due]:
    sheets = Assignment.objects.filter(
        state=Assignment.State.DRAFT,
        member__user__is_active=True,
        council__sealed_at__isnull=True,
        council__scoring_deadline__range=(first, last),
    )
    return _counted(
        sheets,
        kind=Reminder.Kind.SCORING,
        person="member__user_id",
        target="council_id",
        deadline="council__scoring_deadline",
        name="council__name",
        text=ngettext_lazy(
            "The council “%(name)s” closes its scoring on %(date)s and %(count)d of your "
            "score sheets is not submitted.",
            "The council “%(name)s” closes its scoring on %(date)s and %(count)d of your "
            "score sheets are not submitted.",
            "count",
        ),
        url=reverse("appraisal:tasks"),
    )


def _reports_not_sent(reports: QuerySet, text: str) -> list[Due]:
    """One Due per writer of each report's unit (its clerks, officers and administrators,
    as the period's notices go to), `text` naming the unit, the period and its deadline."""
    rows = (
        reports.filter(
            state__in=(Report.State.DRAFT, Report.State.RETURNED),
            period__state=ReportPeriod.State.OPEN,
            unit__memberships__role__in=WRITERS,
            unit__memberships__user__is_active=True,
        )
        .values(
            "unit__memberships__user_id", "pk", "unit__name", "period__title", "period__deadline"
        )
        .distinct()
        .order_by()
    )
    return [
        Due(
            person_id=row["unit__memberships__user_id"],
            kind=Reminder.Kind.REPORT,
            target_id=row["pk"],
            deadline=row["period__deadline"],
            what=text
            % {
                "unit": row["unit__name"],
                "period": row["period__title"],
                "date": _date(row["period__deadline"]),
            },
            url=reverse("reports:report", args=[row["pk"]]),
        )
        for row in rows
    ]


def report_deadline(first: datetime.date, last: datetime.date) -> list[Due]:
    return _reports_not_sent(
        Report.objects.filter(period__deadline__range=(first, last)),
        _("The report of %(unit)s for “%(period)s” is due on %(date)s and is not sent."),
    )


def report_overdue(first: datetime.date, last: datetime.date) -> list[Due]:
    """The reports late past a deadline of the days (draft, or returned and not resent), as
    the period's page counts them: neither the compiling unit's own report (it compiles
    after the deadline) nor that of a unit merged away during the period."""
    late = Report.objects.filter(period__deadline__range=(first, last), parent__isnull=False)
    merged_away = Q(unit__valid_to__isnull=False) & Q(unit__valid_to__lt=F("period__ends_on"))
    return _reports_not_sent(
        late.exclude(merged_away),
        _("The report of %(unit)s for “%(period)s” was due on %(date)s and is not sent."),
    )


def _milestones_not_done(first: datetime.date, last: datetime.date) -> list[int]:
    """Ids of the milestones due in the days and not done: by hand, or by the data."""
    due = Milestone.objects.filter(due_on__range=(first, last))
    by_hand = list(due.filter(condition="", done_on__isnull=True).values_list("pk", flat=True))
    measured = measure_milestones(list(due.exclude(condition="")))
    return by_hand + [milestone.pk for milestone in measured if milestone.done_on is None]


def milestone_due(first: datetime.date, last: datetime.date) -> list[Due]:
    ids = _milestones_not_done(first, last)
    if not ids:
        return []
    rows = (
        Milestone.objects.filter(
            pk__in=ids,
            movement__unit__memberships__role=Role.OFFICER,
            movement__unit__memberships__user__is_active=True,
        )
        .values(
            "movement__unit__memberships__user_id",
            "pk",
            "title",
            "due_on",
            "movement_id",
            "movement__name",
        )
        .distinct()
        .order_by()
    )
    return [
        Due(
            person_id=row["movement__unit__memberships__user_id"],
            kind=Reminder.Kind.MILESTONE,
            target_id=row["pk"],
            deadline=row["due_on"],
            what=_(
                "The milestone “%(title)s” of the movement “%(movement)s” is due on %(date)s "
                "and is not done."
            )
            % {
                "title": row["title"],
                "movement": row["movement__name"],
                "date": _date(row["due_on"]),
            },
            url=reverse("movements:detail", args=[row["movement_id"]]),
        )
        for row in rows
    ]


# Each kind, with the model of the object its reminders are about.
KINDS = {
    Reminder.Kind.ROUND: (Round, round_closing),
    Reminder.Kind.SCORING: (Council, scoring_deadline),
    Reminder.Kind.REPORT: (Report, report_deadline),
    Reminder.Kind.MILESTONE: (Milestone, milestone_due),
}
# The kinds that also remind after their deadline, while the object is still late (see
# `SANGTAO_REMINDER_DAYS_AFTER`).
OVERDUE = {Reminder.Kind.REPORT: report_overdue}
