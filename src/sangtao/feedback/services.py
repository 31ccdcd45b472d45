"""Writes of feedback threads: opening one, writing in it, closing it. Each runs in one
transaction, checks the rule, records the step on the thread and tells the other people of
both sides (a notification and an e-mail)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sangtao.accounts.models import User
from sangtao.accounts.scope import has_role_over
from sangtao.core.services import audit_record, notify, require, state_move
from sangtao.orgs.models import OrgUnit
from sangtao.orgs.text import fold
from sangtao.registers.files import file_store
from sangtao.registers.keepers import KEEPERS

from . import selectors
from .models import Message, MessageFile, Thread


def _text(text: str, field: str = "text") -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: _("Write the content of the message.")})
    return text


def _add_message(
    *, thread: Thread, by: User, text: str, upload, from_receiver: bool, at
) -> Message:
    message = Message.objects.create(
        thread=thread, author=by, from_receiver=from_receiver, text=text, sent_at=at
    )
    if upload is not None:
        file_store(
            MessageFile(message=message), upload=upload, by=by, folder=f"feedback/{thread.pk}"
        )
    return message


def _tell(thread: Thread, *, by: User, message: str) -> None:
    people = [person for person in selectors.thread_people(thread=thread) if person.pk != by.pk]
    notify(recipients=people, message=message, url=reverse("feedback:detail", args=[thread.pk]))


@transaction.atomic
def thread_open(
    *, by: User, unit: OrgUnit, subject: str, text: str, upload=None, at=None
) -> Thread:
    """Send a question or a problem of `unit` (one the person keeps) to the nearest Front
    committee above it that is in force. `at` (now by default) dates it, for the demo."""
    at = at or timezone.now()
    require(by, "feedback.add_thread")
    if not has_role_over(by, KEEPERS, unit):
        raise PermissionDenied(_("You do not keep the records of this unit."))
    subject = (subject or "").strip()
    if not subject:
        raise ValidationError({"subject": _("Write the subject of the feedback.")})
    text = _text(text)
    receiver = selectors.receiver_for(unit=unit)
    if receiver is None:
        raise ValidationError(
            {"unit": _("No Front committee above this unit can receive its feedback.")}
        )
    thread = Thread.objects.create(
        unit=unit,
        receiver=receiver,
        subject=subject[:300],
        opened_by=by,
        opened_at=at,
        last_message_at=at,
        search_key=fold(f"{subject} {unit.name} {text}")[:700],
    )
    _add_message(thread=thread, by=by, text=text, upload=upload, from_receiver=False, at=at)
    audit_record(actor=by, action="feedback.open", target=thread, data={"to": receiver.name})
    _tell(
        thread,
        by=by,
        message=_("%(unit)s sent feedback: “%(subject)s”.")
        % {"unit": unit.name, "subject": thread.subject},
    )
    return thread


@transaction.atomic
def message_post(*, thread: Thread, by: User, text: str, upload=None, at=None) -> Message:
    """Write in a thread that is not closed: the committee's keepers answer for it, the
    sending unit's keepers add to their question. The thread is locked while it changes."""
    thread = Thread.objects.select_for_update().select_related("unit", "receiver").get(pk=thread.pk)
    if thread.state == Thread.State.CLOSED:
        raise ValidationError(_("This thread is closed: nothing more can be written in it."))
    require(
        by,
        "feedback.reply_thread",
        thread,
        message=_("You may not write in this thread: it is not your unit's."),
    )
    from_receiver = has_role_over(by, KEEPERS, thread.receiver)
    message = _add_message(
        thread=thread,
        by=by,
        text=_text(text),
        upload=upload,
        from_receiver=from_receiver,
        at=at or timezone.now(),
    )
    thread.last_message_at = message.sent_at
    state_move(
        thread,
        Thread.State.ANSWERED if from_receiver else Thread.State.OPEN,
        by=by,
        action="feedback.message",
        fields=("last_message_at",),
    )
    side = thread.receiver.name if from_receiver else thread.unit.name
    _tell(
        thread,
        by=by,
        message=_("New message from %(side)s in the feedback “%(subject)s”.")
        % {"side": side, "subject": thread.subject},
    )
    return message


@transaction.atomic
def thread_close(*, thread: Thread, by: User) -> Thread:
    """The receiving committee closes the thread: nothing more is written in it."""
    thread = Thread.objects.select_for_update().select_related("unit", "receiver").get(pk=thread.pk)
    if thread.state == Thread.State.CLOSED:
        raise ValidationError(_("This thread is already closed."))
    require(by, "feedback.close_thread", thread)
    state_move(thread, Thread.State.CLOSED, by=by, action="feedback.close")
    _tell(
        thread,
        by=by,
        message=_("%(committee)s closed the feedback “%(subject)s”.")
        % {"committee": thread.receiver.name, "subject": thread.subject},
    )
    return thread
