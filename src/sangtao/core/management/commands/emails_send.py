"""`manage.py emails_send`: send the e-mails of the outbox that are due.

Notifications' e-mails are sent as soon as the change they tell of commits; one that could
not be sent (the mail server down, a crash before sending) waits in the outbox
(`core.OutgoingEmail`). This command, run every few minutes by deploy/sangtao-emails.timer,
tries those again, each at most `EMAIL_MAX_ATTEMPTS` times with growing pauses.
"""

from django.core.management.base import BaseCommand

from sangtao.core.services import emails_send


class Command(BaseCommand):
    help = "Send the outbox's e-mails that are due (new ones, and failed ones to try again)."

    def handle(self, *args, **options) -> None:
        counts = emails_send()
        self.stdout.write(
            f"{counts['sent']} sent, {counts['failed']} failed (tried again later), "
            f"{counts['abandoned']} given up"
        )
