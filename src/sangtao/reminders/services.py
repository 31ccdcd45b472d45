"""The nightly reminders: each deadline reminds who must act, some days before and on the day,
once (see `models.Reminder`)."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sangtao.accounts.models import User
from sangtao.core.services import notify_each

from .deadlines import KINDS, Due
from .models import Reminder


def reminder_days() -> list[int]:
    """The days before a deadline a reminder goes out (`SANGTAO_REMINDER_DAYS`), and the day
    itself (0), from the nearest."""
    return sorted({0, *(int(day) for day in settings.SANGTAO_REMINDER_DAYS if int(day) >= 0)})


def reminder_step(deadline: datetime.date, today: datetime.date, days: list[int]) -> int | None:
    """The reminder due today for a deadline: the nearest step at or beyond the days left
    (a night missed is made up the next night, once), None when none is due."""
    left = (deadline - today).days
    return next((day for day in days if day >= left), None) if left >= 0 else None


def _message(due: Due, today: datetime.date) -> str:
    left = (due.deadline - today).days
    when = (
        _("Reminder, due today")
        if left == 0
        else ngettext("Reminder, due in %(days)d day", "Reminder, due in %(days)d days", left)
        % {"days": left}
    )
    return f"{when}: {due.what}"


@transaction.atomic
def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Remind, in the app and by e-mail (or in the daily digest of those who chose it), each
    person who must act before a deadline of the coming days; record each reminder so that
    it is sent once, whatever the number of runs. One query per kind of deadline, one for the
    reminders already sent and one for the people, then bulk inserts. Returns the number
    sent per kind."""
    today = today or timezone.localdate()
    days = reminder_days()
    last = today + datetime.timedelta(days=days[-1])
    sent = set(
        Reminder.objects.filter(deadline__range=(today, last)).values_list(
            "person_id", "kind", "target_id", "deadline", "days_before"
        )
    )
    new: list[tuple[Due, int, ContentType]] = []
    for kind, (model, find) in KINDS.items():
        content_type = ContentType.objects.get_for_model(model)
        for due in find(today, last):
            step = reminder_step(due.deadline, today, days)
            key = (due.person_id, kind, due.target_id, due.deadline, step)
            if step is not None and key not in sent:
                sent.add(key)
                new.append((due, step, content_type))
    people = User.objects.in_bulk({due.person_id for due, _step, _type in new})
    Reminder.objects.bulk_create(
        [
            Reminder(
                person_id=due.person_id,
                kind=due.kind,
                target_type=content_type,
                target_id=due.target_id,
                deadline=due.deadline,
                days_before=step,
            )
            for due, step, content_type in new
        ]
    )
    notify_each(
        items=[(people[due.person_id], _message(due, today), due.url) for due, *rest in new]
    )
    return {kind: sum(1 for due, *rest in new if due.kind == kind) for kind in KINDS}
