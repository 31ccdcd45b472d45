"""Reminders of deadlines: one row per person, object, deadline and how many days before it,
written when the reminder is sent, so the nightly run sends each once."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sangtao.core.fields import ref, unique, user_ref


class Reminder(models.Model):
    """A reminder sent to one person about one deadline of one object (a round's closing, a
    council's scoring deadline, a report's deadline, a milestone's due date), `days_before`
    being the reminder's step of `SANGTAO_REMINDER_DAYS` (0: on the day; negative, a step
    of `SANGTAO_REMINDER_DAYS_AFTER`: that many days late). Unique, so two runs of
    `reminders_send` never send it twice; a deadline moved later is reminded again."""

    class Kind(models.TextChoices):
        ROUND = "round", _("Round closing")
        SCORING = "scoring", _("Scoring deadline")
        REPORT = "report", _("Report deadline")
        MILESTONE = "milestone", _("Milestone due")

    person = user_ref(_("person"), on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    target_type = ref(ContentType, _("object type"), on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField(_("object id"))
    deadline = models.DateField(_("deadline"))
    days_before = models.SmallIntegerField(
        _("days before"), help_text=_("Negative: days after the deadline.")
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            unique(
                "person",
                "target_type",
                "target_id",
                "deadline",
                "days_before",
                name="reminder_once",
            )
        ]
        indexes = [models.Index(fields=["deadline"], name="reminder_deadline")]

    def __str__(self) -> str:
        return f"{self.person} · {self.kind} {self.target_id} · {self.deadline} -{self.days_before}"
