"""The movement's money (plan III.7, V.3.3): each unit's budget lines per year (an activity's
estimate, the amount approved and the amount spent, and where the money comes from) and the
contributions the fund "Người Việt sáng tạo" receives. Amounts are whole đồng."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sangtao.core.fields import ref
from sangtao.registers.rows import RegisterRow, list_indexes

# The form shows these next to the field (the services refuse the same, the database too).
NOT_NEGATIVE = MinValueValidator(0, message=_("An amount cannot be negative."))
ABOVE_ZERO = MinValueValidator(1, message=_("A contribution is an amount above zero."))


class Kind(models.TextChoices):
    """The activities the plan budgets for (III.7)."""

    COMMUNICATION = "communication", _("Communication and mobilisation")
    CONFERENCES = "conferences", _("Conferences")
    PRACTICES = "practices", _("Building and replicating practices")
    APPRAISAL = "appraisal", _("Appraisal of initiatives")
    HONOURS = "honours", _("Commendation and honours")
    INSPECTIONS = "inspections", _("Inspections")
    OTHER = "other", _("Other")


class Source(models.TextChoices):
    """Where a budget line's money comes from."""

    STATE_BUDGET = "state_budget", _("State budget")
    CONTRIBUTIONS = "contributions", _("Contributions (socialisation)")


class BudgetLine(RegisterRow):
    """One activity of a unit's budget for a year: the estimate (dự toán), the amount approved
    by the finance office (null until approved) and the amount spent, settled on a date of the
    same year. Spending needs an approval and never exceeds it."""

    unit = ref("orgs.OrgUnit", _("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind of activity"), max_length=20, choices=Kind.choices)
    source = models.CharField(_("source of money"), max_length=20, choices=Source.choices)
    activity = models.CharField(_("activity"), max_length=255)
    estimated_vnd = models.BigIntegerField(_("estimate (VND)"), validators=[NOT_NEGATIVE])
    approved_vnd = models.BigIntegerField(
        _("approved (VND)"), null=True, blank=True, validators=[NOT_NEGATIVE]
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    spent_vnd = models.BigIntegerField(
        _("spent (VND)"), default=0, blank=True, validators=[NOT_NEGATIVE]
    )
    spent_on = models.DateField(_("settled on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        indexes = [
            models.Index(fields=["unit", "year"], name="budgetline_unit_year"),
            # the list's order starts with the year (then the unit's place in the tree)
            models.Index(fields=["-year", "kind"], name="budgetline_sort"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_vnd__gte=0)
                & Q(spent_vnd__gte=0)
                & (Q(approved_vnd__isnull=True) | Q(approved_vnd__gte=0)),
                name="budgetline_amounts_gte0",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} ({self.year})"


class Contribution(RegisterRow):
    """Money given to the fund "Người Việt sáng tạo" (V.3.3), received by a unit: recorded
    once here, read by the honours' ledger of the fund."""

    unit = ref("orgs.OrgUnit", _("receiving unit"))
    giver = models.CharField(_("given by"), max_length=255)
    amount_vnd = models.BigIntegerField(_("amount (VND)"), validators=[ABOVE_ZERO])
    received_on = models.DateField(_("received on"))
    reference = models.CharField(_("reference"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = list_indexes(
            "received_on", by_unit="contribution_unit_date", sort="contribution_sort"
        )
        constraints = [
            models.CheckConstraint(condition=Q(amount_vnd__gt=0), name="contribution_amount_gt0")
        ]

    def __str__(self) -> str:
        return f"{self.giver} ({self.received_on:%d/%m/%Y})"
