"""Feedback ("Phản ánh, kiến nghị", issue 16.8): the plan ends by asking units to send their
problems to the Standing Board. A unit's clerk or officer opens a thread with the nearest open
Front committee above the unit; both sides write in it until the committee closes it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sangtao.core.fields import ref, user_ref
from sangtao.registers.files import RowFile


class Thread(models.Model):
    """A question or a problem a unit (`unit`) sent to a Front committee above it
    (`receiver`), with its state: open (waiting for the committee), answered (the committee
    wrote last) or closed."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for an answer")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    unit = ref("orgs.OrgUnit", _("sending unit"))
    receiver = ref("orgs.OrgUnit", _("receiving committee"))
    subject = models.CharField(_("subject"), max_length=300)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    opened_by = user_ref(on_delete=models.SET_NULL, null=True)
    opened_at = models.DateTimeField(_("sent at"), default=timezone.now)
    last_message_at = models.DateTimeField(_("last message"), default=timezone.now)
    search_key = models.CharField(max_length=700, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("feedback thread")
        verbose_name_plural = _("feedback threads")
        indexes = [
            models.Index(fields=["receiver", "state", "last_message_at"], name="thread_receiver"),
            models.Index(fields=["unit", "last_message_at"], name="thread_unit"),
            models.Index(fields=["-last_message_at", "-id"], name="thread_newest"),
        ]

    def __str__(self) -> str:
        return self.subject


class Message(models.Model):
    """One message of a thread, from the sending unit's side or the committee's
    (`from_receiver`), with an optional file."""

    thread = ref(Thread, _("thread"), related_name="messages", on_delete=models.CASCADE)
    author = user_ref(on_delete=models.SET_NULL, null=True)
    from_receiver = models.BooleanField(_("from the receiving committee"), default=False)
    text = models.TextField(_("text"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback message")
        verbose_name_plural = _("feedback messages")
        indexes = [models.Index(fields=["thread", "sent_at"], name="message_thread_sent")]

    def __str__(self) -> str:
        return self.text[:80]


class MessageFile(RowFile):
    """The file a message brings (a scan, a photo), stored privately: those who see the
    thread may open it."""

    message = models.OneToOneField(
        Message, on_delete=models.CASCADE, related_name="attached", verbose_name=_("message")
    )

    class Meta:
        verbose_name = _("file of a message")
        verbose_name_plural = _("files of messages")
