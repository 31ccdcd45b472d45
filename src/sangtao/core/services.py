"""Writes every app shares: the permission check, the audit trail, notifications and the
outbox of e-mails."""

import datetime
import logging
import re
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AuditEvent, Notification, OutgoingEmail

logger = logging.getLogger("sangtao.mail")


def require(user, perm: str, obj=None, *, message: str = "", system: bool = False) -> None:
    """Refuse (PermissionDenied, with a Vietnamese message) unless `user` has the `rules`
    permission `perm` on `obj`. Every service checks its rule with it.

    With `system=True` a `user` of None stands for the system (management commands, data
    loads) and is let through; without it, None is refused like anyone without the right.
    """
    if user is None and system:
        return
    if user is None or not user.has_perm(perm, obj):
        raise PermissionDenied(message or _("You are not allowed to do this."))


def audit_record(
    *,
    actor,
    action: str,
    target,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Append one event to the audit trail (call it inside the service's transaction)."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data or {},
    )


def state_move(
    row, state: str, *, by, action: str, fields: Iterable[str] = (), reason: str = ""
) -> None:
    """Move `row` to `state`: save its state (and the `fields` the caller set beside it) and
    record `action` with the states before and after (call it inside the service's
    transaction, once the move is allowed)."""
    before = row.state
    row.state = state
    row.save(update_fields=["state", *fields])
    audit_record(
        actor=by, action=action, target=row, from_state=before, to_state=row.state, reason=reason
    )


def notify(*, recipients: Iterable, message: str, url: str = "") -> list[Notification]:
    """Notify each recipient in the app, and by e-mail once the transaction commits.

    The e-mails are written to the outbox (`OutgoingEmail`) in the caller's transaction, so
    they exist exactly when the change they tell of does; they are sent after the commit, and
    one that fails stays in the outbox for `emails_send` to try again. The subject is the
    message's first line (a reason may hold several); the whole message is in the body.
    """
    people = {person.pk: person for person in recipients if person is not None}
    return notify_each(items=[(person, message, url) for person in people.values()])


def _wants_digest(person) -> bool:
    """The person chose one e-mail a day (`User.email_digest`) and has an address."""
    return bool(person.email) and bool(getattr(person, "email_digest", False))


def notify_each(*, items: Iterable[tuple]) -> list[Notification]:
    """`notify` with a message of its own for each (person, message, url), in one insert of
    the notifications and one of the e-mails however many there are. Whoever chose the daily
    digest gets no e-mail now: the notification waits for `notifications_digest_send`."""
    items = [(person, message, url) for person, message, url in items if person is not None]
    notes = Notification.objects.bulk_create(
        [
            Notification(
                recipient=person, message=message, url=url, digest_pending=_wants_digest(person)
            )
            for person, message, url in items
        ]
    )
    emails = [
        OutgoingEmail(to=person.email, subject=email_subject(message), body=_body(message, url))
        for person, message, url in items
        if person.email and not _wants_digest(person)
    ]
    _outbox_add(emails)
    return notes


def _body(message: str, url: str) -> str:
    return f"{message}\n\n{settings.SITE_URL}{url}\n"


def _outbox_add(emails: list[OutgoingEmail]) -> None:
    """Write the e-mails to the outbox and send them once the transaction commits."""
    if emails:
        ids = [email.pk for email in OutgoingEmail.objects.bulk_create(emails)]
        transaction.on_commit(lambda: emails_send(ids=ids), robust=True)


@transaction.atomic
def notifications_digest_send() -> int:
    """Send each person who chose the daily digest one e-mail listing the notifications that
    wait for it (oldest first), and mark them sent; returns how many e-mails were written.
    The rows are locked while read, so two runs never send the same notification twice."""
    waiting = list(
        Notification.objects.select_for_update(of=("self",))
        .filter(digest_pending=True)
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    )
    by_person: dict[int, list[Notification]] = {}
    for note in waiting:
        by_person.setdefault(note.recipient_id, []).append(note)
    today = timezone.localdate().strftime("%d/%m/%Y")
    emails = []
    for notes in by_person.values():
        if not notes[0].recipient.email:
            continue
        lines = [_("Your notifications on Sáng tạo, %(date)s:") % {"date": today}, ""]
        for note in notes:
            message = note.message.strip().replace("\n", "\n  ")
            lines += [f"- {message}", f"  {settings.SITE_URL}{note.url}", ""]
        emails.append(
            OutgoingEmail(
                to=notes[0].recipient.email,
                subject=email_subject(_("Your notifications of %(date)s") % {"date": today}),
                body="\n".join(lines),
            )
        )
    Notification.objects.filter(pk__in=[note.pk for note in waiting]).update(digest_pending=False)
    _outbox_add(emails)
    return len(emails)


SUBJECT_PREFIX = "[Sáng tạo] "
SUBJECT_LENGTH = 150
# Control characters (line breaks included) never reach a header.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def email_subject(message: str) -> str:
    """An e-mail subject from a message: its first line, on one line, at most 150 characters."""
    lines = [line for line in message.splitlines() if line.strip()]
    line = " ".join(_CONTROL.sub(" ", lines[0] if lines else "").split())
    subject = f"{SUBJECT_PREFIX}{line}"
    if len(subject) > SUBJECT_LENGTH:
        subject = subject[: SUBJECT_LENGTH - 1].rstrip() + "…"
    return subject


# How often an e-mail is tried, and how long to wait after each failure: 5 minutes, doubled
# each time up to 6 hours (ten attempts span about a day).
EMAIL_MAX_ATTEMPTS = 10
EMAIL_FIRST_PAUSE = datetime.timedelta(minutes=5)
EMAIL_LONGEST_PAUSE = datetime.timedelta(hours=6)
# An e-mail left "being sent" this long was being sent by a process that died: try it again.
EMAIL_SENDING_STALE = datetime.timedelta(minutes=15)


def _email_due(now: datetime.datetime) -> Q:
    Status = OutgoingEmail.Status
    return Q(status__in=[Status.PENDING, Status.FAILED], next_attempt_at__lte=now) | Q(
        status=Status.SENDING, last_attempt_at__lt=now - EMAIL_SENDING_STALE
    )


def emails_send(*, ids: Iterable[int] | None = None, limit: int = 500) -> dict[str, int]:
    """Send the outbox's e-mails that are due (or only those of `ids`, when due).

    Each is claimed with one conditional UPDATE, so two senders never send it both; a
    failure is logged and the e-mail waits for its next attempt, or is given up (logged as
    an error) after `EMAIL_MAX_ATTEMPTS`. Never raises for a failed e-mail. Returns
    {"sent": n, "failed": n, "abandoned": n}.
    """
    Status = OutgoingEmail.Status
    now = timezone.now()
    due = OutgoingEmail.objects.filter(_email_due(now))
    if ids is not None:
        due = due.filter(pk__in=list(ids))
    counts = {"sent": 0, "failed": 0, "abandoned": 0}
    connection = None
    for pk in list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit]):
        claimed = (
            OutgoingEmail.objects.filter(_email_due(now), pk=pk).update(
                status=Status.SENDING, attempts=F("attempts") + 1, last_attempt_at=now
            )
            == 1
        )
        if not claimed:
            continue
        email = OutgoingEmail.objects.get(pk=pk)
        try:
            connection = connection or get_connection(fail_silently=False)
            EmailMessage(
                subject=email.subject, body=email.body, to=[email.to], connection=connection
            ).send()
        except Exception as error:
            counts[_email_failed(email, error)] += 1
        else:
            OutgoingEmail.objects.filter(pk=pk).update(
                status=Status.SENT, sent_at=timezone.now(), last_error=""
            )
            counts["sent"] += 1
    return counts


def _email_failed(email: OutgoingEmail, error: Exception) -> str:
    Status = OutgoingEmail.Status
    text = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= EMAIL_MAX_ATTEMPTS:
        OutgoingEmail.objects.filter(pk=email.pk).update(status=Status.ABANDONED, last_error=text)
        logger.error(
            "E-mail %s (%s) given up after %s attempts: %s",
            email.pk,
            email.subject,
            email.attempts,
            text,
        )
        return "abandoned"
    pause = min(EMAIL_FIRST_PAUSE * 2 ** (email.attempts - 1), EMAIL_LONGEST_PAUSE)
    retry_at = email.last_attempt_at + pause
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=Status.FAILED, last_error=text, next_attempt_at=retry_at
    )
    logger.warning(
        "E-mail %s (%s) not sent (attempt %s of %s), tried again after %s: %s",
        email.pk,
        email.subject,
        email.attempts,
        EMAIL_MAX_ATTEMPTS,
        retry_at.isoformat(timespec="seconds"),
        text,
    )
    return "failed"


def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one notification (or all of a user's) as read; returns how many changed."""
    notes = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        notes = notes.filter(pk=notification_id)
    return notes.update(read_at=timezone.now())
