"""The nightly reminders: each deadline reminds who must act, some days before and on the day,
and a report still late some days after it, once each (see `models.Reminder`)."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sangtao.accounts.models import User
from sangtao.core.services import notify_each

from .deadlines import KINDS, OVERDUE, Due
from .models import Reminder

# A reminder after the deadline missed by the nightly run is made up this many nights after
# its day (the earlier steps are made up by the next step).
CATCH_UP_DAYS = 3


def reminder_days() -> list[int]:
    """The steps of the reminders, in days before a deadline: `SANGTAO_REMINDER_DAYS`, the day
    itself (0) and, negative, `SANGTAO_REMINDER_DAYS_AFTER` (for the kinds that remind after
    it), in order."""
    before = {int(day) for day in settings.SANGTAO_REMINDER_DAYS if int(day) >= 0}
    after = {-int(day) for day in settings.SANGTAO_REMINDER_DAYS_AFTER if int(day) > 0}
    return sorted({0, *before, *after})


def reminder_step(deadline: datetime.date, today: datetime.date, days: list[int]) -> int | None:
    """The reminder due today for a deadline, None when none is due. Before it and on the
    day: the nearest step at or beyond the days left. After it: the last step reached (-N,
    N days late); the last one only for `CATCH_UP_DAYS` more nights. A night missed is made
    up the next night, once."""
    left = (deadline - today).days
    if left >= 0:
        return next((day for day in days if day >= left), None)
    reached = [day for day in days if left <= day < 0]
    if not reached or left < days[0] - CATCH_UP_DAYS:
        return None
    return reached[0]


def _message(due: Due, today: datetime.date) -> str:
    left = (due.deadline - today).days
    if left == 0:
        when = _("Reminder, due today")
    elif left > 0:
        when = ngettext("Reminder, due in %(days)d day", "Reminder, due in %(days)d days", left) % {
            "days": left
        }
    else:
        when = ngettext(
            "Reminder, %(days)d day overdue", "Reminder, %(days)d days overdue", -left
        ) % {"days": -left}
    return f"{when}: {due.what}"


def _due(today: datetime.date, days: list[int]) -> list[tuple[str, type, list[Due]]]:
    """(kind, model, who must act) for the deadlines of the coming days, then for those of
    the past days whose kind reminds after them; one query per kind and direction."""
    found = []
    last = today + datetime.timedelta(days=days[-1])
    for kind, (model, find) in KINDS.items():
        found.append((kind, model, find(today, last)))
    if days[0] < 0:
        first = today + datetime.timedelta(days=days[0] - CATCH_UP_DAYS)
        for kind, find in OVERDUE.items():
            found.append((kind, KINDS[kind][0], find(first, today - datetime.timedelta(days=1))))
    return found


@transaction.atomic
def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Remind, in the app and by e-mail (or in the daily digest of those who chose it), each
    person who must act before a deadline of the coming days, and the writers of a report
    still late after its deadline (`SANGTAO_REMINDER_DAYS_AFTER`); record each reminder so
    that it is sent once, whatever the number of runs. One query per kind of deadline (and
    one for the late reports), one for the reminders already sent and one for the people,
    then bulk inserts. Returns the number sent per kind."""
    today = today or timezone.localdate()
    days = reminder_days()
    sent = set(
        Reminder.objects.filter(
            deadline__range=(
                today + datetime.timedelta(days=min(days[0], 0) - CATCH_UP_DAYS),
                today + datetime.timedelta(days=days[-1]),
            )
        ).values_list("person_id", "kind", "target_id", "deadline", "days_before")
    )
    new: list[tuple[Due, int, ContentType]] = []
    for kind, model, dues in _due(today, days):
        content_type = ContentType.objects.get_for_model(model)
        for due in dues:
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
