"""What every app shares: the append-only audit trail, in-app notifications and the outbox of
e-mails."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .fields import ref, user_ref


class AuditEvent(models.Model):
    """One recorded change: who, when, what, from which state to which, and why.

    Rows are only ever added (see `core.services.audit_record`); `save` refuses an update and
    `delete` refuses to run, so no page can edit the trail.
    """

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actor = user_ref(_("actor"), on_delete=models.SET_NULL, optional=True)
    action = models.CharField(_("action"), max_length=60)
    target_type = ref(ContentType, _("object type"))
    target_id = models.CharField(_("object id"), max_length=40)
    target_repr = models.CharField(_("object"), max_length=255)
    from_state = models.CharField(_("from state"), max_length=40, blank=True)
    to_state = models.CharField(_("to state"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        indexes = [
            models.Index(fields=["target_type", "target_id", "at"], name="auditevent_target")
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only.")


class Notification(models.Model):
    """A message to one user that something needs their attention; also sent by e-mail, at
    once or, for whoever chose it, in the daily digest (`digest_pending` until then)."""

    recipient = user_ref(_("recipient"), related_name="notifications", on_delete=models.CASCADE)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    message = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Its e-mail waits for the daily digest (the recipient chose one e-mail a day).
    digest_pending = models.BooleanField(_("waits for the daily digest"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at", "created_at"], name="notification_inbox"),
            models.Index(
                fields=["recipient"],
                condition=models.Q(digest_pending=True),
                name="notification_digest",
            ),
        ]

    def __str__(self) -> str:
        return self.message


class OutgoingEmail(models.Model):
    """One e-mail to one address, kept until it is sent (the outbox).

    `core.services.notify` writes it in the same transaction as the notification it carries
    and tries to send it once that transaction commits; an e-mail that could not be sent
    stays here, with the error, and `manage.py emails_send` (every few minutes, see
    deploy/sangtao-emails.timer) tries again, a bounded number of times with growing pauses.
    """

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("notification", "Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will be tried again")
        ABANDONED = "abandoned", _("Given up")

    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    to = models.CharField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outgoingemail_due")]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"
