"""Needs and challenges (plan III.2, “kết nối sáng kiến, ý tưởng với nhu cầu”): an enterprise,
agency or unit says what it needs; authors answer with initiatives."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sangtao.core.fields import ref, unique, user_ref


class Challenge(models.Model):
    """A need posted by a unit (its clerk or officer) or by a registered person for their
    organisation, open to answers until it is closed."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("challenge", "Open")
        CLOSED = "closed", _("Closed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(pgettext_lazy("challenge", "title"), max_length=300)
    description = models.TextField(_("what is needed"))
    field = ref("movements.Field", _("field"), optional=True)
    unit = ref("orgs.OrgUnit", _("posted by the unit"), related_name="challenges", optional=True)
    organisation = models.CharField(
        _("organisation"),
        max_length=255,
        blank=True,
        help_text=_("The enterprise or agency, when the need is not posted for a unit."),
    )
    deadline = models.DateField(_("answers wanted by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_by = user_ref(_("posted by"), related_name="challenges")
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        indexes = [models.Index(fields=["status", "created_at"], name="challenge_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False) | ~Q(organisation=""),
                name="challenge_has_a_poster",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def poster_name(self) -> str:
        return self.unit.name if self.unit_id else self.organisation

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ChallengeAnswer(models.Model):
    """An initiative put forward as an answer to a need, by one of its authors."""

    challenge = ref(Challenge, _("need"), related_name="answers", on_delete=models.CASCADE)
    initiative = ref(
        "initiatives.Initiative",
        _("initiative"),
        related_name="challenge_answers",
        on_delete=models.CASCADE,
    )
    created_by = user_ref(_("answered by"))
    created_at = models.DateTimeField(_("answered at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["challenge", "-created_at", "-id"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [unique("challenge", "initiative", name="challengeanswer_unique")]

    def __str__(self) -> str:
        return f"{self.challenge} · {self.initiative}"
