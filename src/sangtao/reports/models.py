"""Periodic reports (báo cáo định kỳ 6 tháng, năm; sơ kết, tổng kết; plan III.6).

An officer opens a `ReportPeriod` for a movement: its dates, a deadline, the units that must
report, the receivers and a template of `ReportIndicator` rows and narrative sections. Opening
creates one `Report` per unit that must report, plus the period unit's own report at the top;
each report's `parent` is the report of the nearest unit above it that also reports, so a
level's report adds up its children's. A report's figures are `ReportValue` rows, one per
indicator and breakdown key: the computed figure (from the sources in `sources.py`, or the
roll-up of the children) and the figure the unit reports, with the reason when they differ.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sangtao.core.fields import ref, unique, user_ref


class ReportPeriod(models.Model):
    """One round of reporting of a movement: who reports what, for which dates, by when."""

    class Kind(models.TextChoices):
        SIX_MONTH = "six_month", _("6-month report")
        ANNUAL = "annual", _("Annual report")
        INTERIM_REVIEW = "interim_review", _("Interim review")
        FINAL_REVIEW = "final_review", _("Final review")

    class State(models.TextChoices):
        OPENING = "opening", _("Being opened")
        OPEN = "open", _("Open for reports")
        CLOSED = "closed", _("Closed for reports")

    movement = ref("movements.Movement", _("movement"), related_name="report_periods")
    unit = ref(
        "orgs.OrgUnit",
        _("compiling unit"),
        related_name="report_periods",
        help_text=_("The committee that opens the period and compiles the reports."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title of the period"), max_length=255)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(pgettext_lazy("date", "to"))
    deadline = models.DateField(_("deadline for reports"))
    receivers = models.ManyToManyField(
        "orgs.OrgUnit", related_name="+", verbose_name=_("receivers")
    )
    sections = models.JSONField(
        _("narrative sections"), default=list, help_text=_("[[code, title], ...]")
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    # While the period is being opened (a large tree opens in the background, see
    # `services.period_opening_run`): the ids of the units that must report, so that an
    # interrupted opening resumes where it stopped; emptied once every report is ready.
    opening_units = models.JSONField(_("units still being opened"), default=list, blank=True)
    created_by = user_ref()
    created_at = models.DateTimeField(_("opened at"), default=timezone.now)

    class Meta:
        ordering = ["-ends_on", "-id"]
        verbose_name = _("report period")
        verbose_name_plural = _("report periods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="reportperiod_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_opening(self) -> bool:
        return self.state == self.State.OPENING


class ReportIndicator(models.Model):
    """A numeric line of the period's template; `source` names the computed source that
    pre-fills it (see `sources.SOURCES`), or is empty when units enter it by hand."""

    period = ref(ReportPeriod, _("period"), related_name="indicators", on_delete=models.CASCADE)
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("indicator"), max_length=255)
    source = models.CharField(_("computed from"), max_length=40, blank=True)
    unit_label = models.CharField(_("unit of measure"), max_length=30, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["period", "order", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [unique("period", "code", name="reportindicator_unique_code")]

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    """One unit's report for a period, moving draft → submitted → returned → submitted …
    (→ accepted)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Sent")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    period = ref(ReportPeriod, _("period"), related_name="reports", on_delete=models.CASCADE)
    unit = ref("orgs.OrgUnit", _("unit"), related_name="reports")
    parent = ref(
        "self", _("reports to"), related_name="children", on_delete=models.CASCADE, optional=True
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    narratives = models.JSONField(_("narrative"), default=dict, blank=True)
    number = models.CharField(_("number"), max_length=30, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    return_comment = models.TextField(_("comment on return"), blank=True)
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    submitted_by = user_ref(optional=True)
    computed_at = models.DateTimeField(_("figures computed at"), null=True, blank=True)

    class Meta:
        ordering = ["period", "unit__path"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [unique("period", "unit", name="report_unique_unit")]
        indexes = [models.Index(fields=["parent", "state"], name="report_parent_state")]

    def __str__(self) -> str:
        return f"{self.period} · {self.unit}"

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)

    @property
    def is_sent(self) -> bool:
        return self.state in (self.State.SUBMITTED, self.State.ACCEPTED)


class ReportValue(models.Model):
    """One figure of a report: an indicator's total (`key` empty) or one breakdown of it
    ("field:<id>", "level:<id>"), as computed and as reported."""

    report = ref(Report, _("report"), related_name="values", on_delete=models.CASCADE)
    indicator = ref(ReportIndicator, _("indicator"), on_delete=models.CASCADE)
    key = models.CharField(_("breakdown"), max_length=40, blank=True)
    label = models.CharField(_("breakdown label"), max_length=255, blank=True)
    own = models.BigIntegerField(
        _("counted in the unit's own part"),
        null=True,
        blank=True,
        help_text=_(
            "What the sources count in the part of the unit's subtree no child reports for, "
            "with the units merged into it during the period."
        ),
    )
    computed = models.BigIntegerField(
        _("computed"),
        null=True,
        blank=True,
        help_text=_("The figure offered: the children's sent figures plus the unit's own part."),
    )
    value = models.BigIntegerField(_("reported"), null=True, blank=True)
    reason = models.TextField(_("reason for the correction"), blank=True)

    class Meta:
        ordering = ["report", "indicator__order", "key"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [unique("report", "indicator", "key", name="reportvalue_unique_key")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.key}: {self.value}"

    @property
    def corrected(self) -> bool:
        return self.value != self.computed and self.computed is not None


def attachment_path(instance: "ReportAttachment", filename: str) -> str:
    return f"reports/{instance.report_id}/{uuid.uuid4().hex}"


class ReportAttachment(models.Model):
    """A file attached to a report, stored privately, its type judged by its bytes."""

    report = ref(Report, _("report"), related_name="attachments", on_delete=models.CASCADE)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = user_ref()
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name
