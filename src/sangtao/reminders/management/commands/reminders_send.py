"""`manage.py reminders_send`: the nightly reminders of deadlines, then the daily digests.

Run once a night by deploy/sangtao-reminders.timer. It reminds who must act before the
deadlines of the coming days (`SANGTAO_REMINDER_DAYS` before, and on the day; a report still
late, `SANGTAO_REMINDER_DAYS_AFTER` after), each reminder once however often it runs, then
sends each person who chose one e-mail a day the digest of their notifications waiting for it
(the night's reminders included).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from sangtao.core.services import notifications_digest_send
from sangtao.reminders.services import reminders_send


class Command(BaseCommand):
    help = "Send the reminders of the coming deadlines, then the daily digests of notifications."

    def handle(self, *args, **options) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            counts = reminders_send()
            digests = notifications_digest_send()
        self.stdout.write(
            "reminders: "
            + ", ".join(f"{kind} {count}" for kind, count in counts.items())
            + f"; digests: {digests}"
        )
