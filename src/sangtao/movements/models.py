"""Movements, their rounds, fields, criteria, grading scale, milestones and linked campaigns."""

import datetime
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sangtao.core.fields import ref, unique


class Movement(models.Model):
    """An emulation movement run by one Front committee, e.g. "Đoàn kết sáng tạo 2017-2020"."""

    name = models.CharField(_("name"), max_length=255)
    theme = models.TextField(_("theme"), blank=True)
    unit = ref("orgs.OrgUnit", _("organising committee"), related_name="movements")
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    plan_reference = models.CharField(
        _("plan reference"),
        max_length=255,
        blank=True,
        help_text=_("Number and date of the plan that launched the movement."),
    )

    class Recogniser(models.TextChoices):
        COUNCIL = "council", _("The appraisal council (it uses the committee's seal)")
        BOARD = "board", _("The committee's Standing Board, on the council's recommendation")

    # The plan reads "thẩm định và công nhận" (the council recognises and hands out the
    # certificates under the committee's seal); many provinces have the Standing Board decide.
    recognised_by = models.CharField(
        _("who recognises"),
        max_length=10,
        choices=Recogniser.choices,
        default=Recogniser.COUNCIL,
        help_text=_(
            "Who signs the recognition decision and the certificates. Default: the council, "
            "as the plan reads."
        ),
    )
    campaigns = models.ManyToManyField(
        "Campaign",
        through="MovementCampaign",
        related_name="movements",
        blank=True,
        verbose_name=_("linked campaigns"),
    )

    class Meta:
        ordering = ["-start_year", "name"]
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="movement_years_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Round(models.Model):
    """One yearly cycle of submission, appraisal and honours."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for submissions")
        APPRAISAL = "appraisal", _("In appraisal")
        CLOSED = "closed", _("Closed")

    movement = ref(Movement, _("movement"), related_name="rounds", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("year"))
    name = models.CharField(_("name"), max_length=255)
    opens_on = models.DateField(_("submissions open on"), null=True, blank=True)
    closes_on = models.DateField(_("submissions close on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        ordering = ["movement", "year"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            unique("movement", "year", name="round_unique_year"),
            models.CheckConstraint(
                condition=models.Q(opens_on__isnull=True)
                | models.Q(closes_on__isnull=True)
                | models.Q(closes_on__gte=models.F("opens_on")),
                name="round_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def reference_date(self) -> datetime.date:
        """The day the round's tree is read on: which committees existed to appraise it."""
        return datetime.date(self.year, 12, 31)


class Field(models.Model):
    """One of the movement's fields (section II of the plan)."""

    movement = ref(Movement, _("movement"), related_name="fields", on_delete=models.CASCADE)
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["movement", "order", "id"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        constraints = [unique("movement", "code", name="field_unique_code")]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """An appraisal criterion (section III.5.1) with its weight, score range and minimum.

    The plan recognises an initiative "khi đảm bảo các tiêu chí sau": every criterion must
    hold. `minimum` is the least the council's figure for this criterion (its aggregate of the
    sheets' scores, as for the total) must reach; below it the proposed grade is the scale's
    lowest grade that is not recognised, whatever the total (`appraisal.scoring`). The plan
    gives no figure: the services default it to half the highest score, a default of this
    platform that a movement officer changes.
    """

    movement = ref(Movement, _("movement"), related_name="criteria", on_delete=models.CASCADE)
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    min_score = models.PositiveSmallIntegerField(_("lowest score"), default=0)
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=20)
    minimum = models.DecimalField(
        _("minimum to pass"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["movement", "order", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            unique("movement", "code", name="criterion_unique_code"),
            models.CheckConstraint(
                condition=models.Q(max_score__gt=models.F("min_score")),
                name="criterion_range_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gte=0), name="criterion_weight_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(minimum__gte=0, minimum__lte=models.F("max_score")),
                name="criterion_minimum_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def weighted_max(self) -> Decimal:
        """The most this criterion adds to a total: weight × highest score."""
        return self.weight * self.max_score


class Grade(models.Model):
    """A step of the grading scale: a name and the lowest weighted total that earns it."""

    movement = ref(Movement, _("movement"), related_name="grades", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=100)
    min_total = models.DecimalField(_("lowest total"), max_digits=6, decimal_places=2)
    recognised = models.BooleanField(
        _("recognised"),
        default=True,
        help_text=_("Whether an initiative of this grade is recognised."),
    )

    class Meta:
        ordering = ["movement", "-min_total"]
        verbose_name = _("grade")
        verbose_name_plural = _("grading scale")
        constraints = [
            unique("movement", "name", name="grade_unique_name"),
            models.CheckConstraint(
                condition=models.Q(min_total__gte=0), name="grade_min_total_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    """A dated task of the plan with its target (section IV).

    Ticked by hand, or tied to a measurable `condition` (with its `condition_params`): then
    `selectors.milestone_progress` computes its progress and the date it was done from the
    data, and the hand-set `done_on` is not used."""

    class Condition(models.TextChoices):
        NONE = "", _("Ticked by hand")
        # {"level": "<level code>", "year": <round year, optional>}
        COUNCIL_LEVEL = "council_level", _("A council of the level exists for the round")
        # {"kind": "<report period kind>", "year": <year the period ends, optional>}
        REPORT_PERIOD = "report_period", _("A report period of the kind is closed or complete")

    movement = ref(Movement, _("movement"), related_name="milestones", on_delete=models.CASCADE)
    due_on = models.DateField(_("due on"))
    title = models.CharField(_("task"), max_length=500)
    target = models.CharField(_("target"), max_length=500, blank=True)
    target_count = models.PositiveIntegerField(_("target count"), null=True, blank=True)
    responsible = models.CharField(_("responsible"), max_length=255, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    condition = models.CharField(
        _("measured by"), max_length=20, choices=Condition.choices, default="", blank=True
    )
    condition_params = models.JSONField(_("condition parameters"), default=dict, blank=True)

    class Meta:
        ordering = ["movement", "due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        """Not done and its due date has passed."""
        return self.done_on is None and self.due_on < timezone.localdate()


class Campaign(models.Model):
    """A campaign the movement is tied to (III.3, V.1): a tag on initiatives and practices."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    active = models.BooleanField(pgettext_lazy("in use", "active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("linked campaign")
        verbose_name_plural = _("linked campaigns")

    def __str__(self) -> str:
        return self.name


class MovementCampaign(models.Model):
    """A campaign linked to one movement; deactivating the link keeps its history."""

    movement = ref(Movement, _("movement"), related_name="campaign_links", on_delete=models.CASCADE)
    campaign = ref(Campaign, _("linked campaign"), related_name="movement_links")
    active = models.BooleanField(pgettext_lazy("in use", "active"), default=True)

    class Meta:
        ordering = ["movement", "campaign__name"]
        verbose_name = _("campaign link")
        verbose_name_plural = _("campaign links")
        constraints = [unique("movement", "campaign", name="movementcampaign_unique_pair")]

    def __str__(self) -> str:
        return f"{self.movement} · {self.campaign}"
