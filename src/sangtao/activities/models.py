"""What units do for the movement besides initiatives (issue 16): their response plans, the
events they hold and the inspections of lower levels, each a register (sangtao.registers)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sangtao.core.fields import ref, unique, user_ref
from sangtao.registers.files import RowFile
from sangtao.registers.rows import RegisterRow, list_indexes


class ResponsePlan(RegisterRow):
    """A unit's plan answering a movement (kế hoạch hưởng ứng): its number, date, signer and
    its own targets. One per unit and movement."""

    movement = ref("movements.Movement", _("movement"), related_name="response_plans")
    unit = ref("orgs.OrgUnit", _("unit"))
    number = models.CharField(_("number"), max_length=60)
    issued_on = models.DateField(_("issued on"))
    signer = models.CharField(_("signer"), max_length=120)
    targets = models.TextField(_("its own targets"), blank=True)

    class Meta:
        verbose_name = _("response plan")
        verbose_name_plural = _("response plans")
        constraints = [unique("movement", "unit", name="responseplan_one_per_unit")]
        indexes = list_indexes(
            "issued_on", by_unit="responseplan_unit_date", sort="responseplan_sort"
        )

    def __str__(self) -> str:
        return f"{self.number} – {self.unit.name}"


class Event(RegisterRow):
    """A talk, seminar, contest, exhibition, fair, review or award ceremony a unit held, with
    the number of people who took part."""

    class Kind(models.TextChoices):
        TALK = "talk", _("Talk")
        SEMINAR = "seminar", _("Seminar")
        CONTEST = "contest", _("Technical innovation contest")
        EXHIBITION = "exhibition", _("Exhibition")
        FAIR = "fair", _("Fair")
        INTERIM_REVIEW = "interim_review", _("Interim review")
        FINAL_REVIEW = "final_review", _("Final review")
        AWARD_CEREMONY = "award_ceremony", _("Award ceremony")

    unit = ref("orgs.OrgUnit", _("unit"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=255)
    participants = models.PositiveIntegerField(_("participants"), default=0)
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        blank=True,
        related_name="+",
        verbose_name=_("linked initiatives"),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = list_indexes("held_on", by_unit="event_unit_date", sort="event_sort")

    def __str__(self) -> str:
        return self.title


class Inspection(RegisterRow):
    """An inspection or supervision of a unit by a unit above it: the findings, the
    recommendations with their follow-up due date, and the inspected unit's answer."""

    inspector = ref("orgs.OrgUnit", _("inspecting unit"))
    inspected = ref("orgs.OrgUnit", _("inspected unit"))
    inspected_on = models.DateField(_("inspected on"))
    findings = models.TextField(_("findings"))
    recommendations = models.TextField(_("recommendations"), blank=True)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    response = models.TextField(_("answer of the inspected unit"), blank=True)
    responded_on = models.DateField(_("answered on"), null=True, blank=True)
    responded_by = user_ref(_("answered by"), on_delete=models.SET_NULL, optional=True)

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        indexes = [
            *list_indexes(
                "inspected_on",
                by_unit="inspection_unit_date",
                sort="inspection_sort",
                unit="inspector",
            ),
            models.Index(fields=["inspected"], name="inspection_inspected"),
        ]

    def __str__(self) -> str:
        return f"{self.inspected.name} ({self.inspected_on:%d/%m/%Y})"


class EventFile(RowFile):
    """A photo (JPG, PNG) or a document (PDF, DOCX) of the event, stored privately: those
    who see the event open it."""

    event = ref(Event, _("event"), related_name="files", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("file of the event")
        verbose_name_plural = _("files of the event")
        ordering = ["uploaded_at", "pk"]
