"""Honours (tôn vinh, khen thưởng, III.5.2-5.3), the yearly book "Gương người Việt đoàn kết
sáng tạo" (IV) and the ledger of prizes of the fund "Người Việt sáng tạo" (V.1)."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sangtao.core.fields import ref, unique, user_ref


class Source(models.TextChoices):
    """Where the money of a prize comes from."""

    STATE_BUDGET = "state_budget", _("State budget")
    FUND = "fund", _("The fund “Người Việt sáng tạo”")
    SPONSORSHIP = "sponsorship", _("Sponsorship")
    OTHER = "other", pgettext_lazy("fund source", "Other")


class HonoursRound(models.Model):
    """One year's honours of a movement at one unit: proposed candidates, then a decision."""

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("honours round", "Open")
        DECIDED = "decided", _("Decided")

    movement = ref("movements.Movement", _("movement"), related_name="honours_rounds")
    unit = ref("orgs.OrgUnit", _("honouring unit"), related_name="honours_rounds")
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    # Set when decided: the number code (the committee's for honours, or as typed) and the
    # signing capacity ("TM. Ban Thường trực", "KT. Chủ tịch") of the signer's position.
    decision_code = models.CharField(_("number code"), max_length=40, blank=True)
    signer_capacity = models.CharField(_("signing capacity"), max_length=150, blank=True)
    created_by = user_ref()
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("honours round")
        verbose_name_plural = _("honours rounds")
        constraints = [unique("movement", "unit", "year", name="honours_round_unique")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.year}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("honours:round", args=[self.pk])

    @property
    def is_decided(self) -> bool:
        return self.state == self.State.DECIDED


class Honour(models.Model):
    """A collective or a person proposed in an honours round; once confirmed and decided, an
    honour with its form and prize."""

    class Kind(models.TextChoices):
        COLLECTIVE = "collective", _("Collective")
        INDIVIDUAL = "individual", _("Individual")

    class Form(models.TextChoices):
        MERIT = "merit", _("Certificate of merit")
        COMMENDATION = "commendation", _("Commendation")
        # Biểu dương (plan III.2, III.4, IV): collectives, enterprises included, and people.
        PRAISE = "praise", _("Public praise")
        # The yearly proposal to the central level (plan IV, V.2).
        CENTRAL = "central", _("Proposed to the central level: “Người Việt đoàn kết sáng tạo”")
        AWARD = "award", _("The award “Người Việt sáng tạo”")

    round = ref(HonoursRound, _("round"), related_name="honours", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    unit = ref("orgs.OrgUnit", _("unit"), related_name="honours")
    initiative = ref(
        "initiatives.Initiative", _("initiative"), related_name="honours", optional=True
    )
    author = ref(
        "initiatives.InitiativeAuthor", _("author"), on_delete=models.SET_NULL, optional=True
    )
    user = user_ref(_("account"), related_name="honours", on_delete=models.SET_NULL, optional=True)
    name = models.CharField(_("honoured"), max_length=255)
    # Added by an officer, not proposed from the recognitions (plan III.2: collectives,
    # enterprises included, and people praised for the movement itself).
    added_by_hand = models.BooleanField(_("added by hand"), default=False)
    # What the platform found, kept as proposed.
    recognised_count = models.PositiveIntegerField(_("initiatives recognised"), default=0)
    applied_count = models.PositiveIntegerField(_("initiatives applied"), default=0)
    grade = models.CharField(_("grade"), max_length=100, blank=True)
    level = models.CharField(pgettext_lazy("level", "recognised at"), max_length=255, blank=True)
    applied = models.BooleanField(_("applied in practice"), default=False)
    # Whether the collective had its response plan in the register when the round was decided
    # (an open round reads the register: honours.facts); rounds decided before the register
    # keep the officer's tick.
    own_plan = models.BooleanField(
        _("had a plan of its own for the movement when decided"), default=False
    )
    # What the officer confirms.
    research_topic = models.BooleanField(_("could become a research topic"), default=False)
    confirmed = models.BooleanField(_("confirmed"), default=False)
    form = models.CharField(_("form of honour"), max_length=15, choices=Form.choices, blank=True)
    prize_vnd = models.BigIntegerField(
        _("prize (VND)"), default=0, validators=[MinValueValidator(0)]
    )
    source = models.CharField(
        _("source of money"), max_length=15, choices=Source.choices, default=Source.FUND
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # The achievements and reasons the level writes (sent up with a proposal).
    reason = models.TextField(_("achievements and reasons"), blank=True)
    # Sent up: the level above this decided honour was proposed to, and when.
    proposed_to = ref("orgs.OrgUnit", _("proposed to"), optional=True)
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    # Taken in: the lower level's proposal this candidate comes from (read-only here).
    origin = ref("self", _("proposed by the lower level"), related_name="taken_up", optional=True)

    class Meta:
        ordering = ["round", "kind", "order", "id"]
        verbose_name = _("honour")
        verbose_name_plural = _("honours")
        constraints = [
            models.CheckConstraint(condition=models.Q(prize_vnd__gte=0), name="honour_prize_gte0")
        ]

    def __str__(self) -> str:
        return self.name


class Payment(models.Model):
    """A prize paid out (or part of it), recorded by an officer."""

    honour = ref(Honour, _("honour"), related_name="payments")
    paid_on = models.DateField(_("paid on"))
    amount_vnd = models.BigIntegerField(_("amount (VND)"), validators=[MinValueValidator(1)])
    source = models.CharField(_("source of money"), max_length=15, choices=Source.choices)
    reference = models.CharField(_("reference"), max_length=150, blank=True)
    recorded_by = user_ref()
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-paid_on", "-id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount_vnd__gt=0), name="payment_amount_gt0")
        ]

    def __str__(self) -> str:
        return f"{self.honour} · {self.amount_vnd}"


class Yearbook(models.Model):
    """Ấn phẩm "Gương người Việt đoàn kết sáng tạo" of one year, compiled at one unit."""

    movement = ref("movements.Movement", _("movement"), related_name="yearbooks")
    unit = ref("orgs.OrgUnit", _("compiled by"), related_name="yearbooks")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(pgettext_lazy("yearbook", "title"), max_length=255)
    foreword = models.TextField(_("foreword"), blank=True)
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        through="YearbookEntry",
        related_name="yearbooks",
        verbose_name=_("initiatives"),
    )
    created_by = user_ref()
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("yearbook")
        verbose_name_plural = _("yearbooks")

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("honours:book", args=[self.pk])


class YearbookEntry(models.Model):
    """An initiative printed in a yearbook, at its place."""

    yearbook = ref(Yearbook, related_name="entries", on_delete=models.CASCADE)
    initiative = ref("initiatives.Initiative")
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["yearbook", "order", "id"]
        verbose_name = _("yearbook entry")
        verbose_name_plural = _("yearbook entries")
        constraints = [unique("yearbook", "initiative", name="yearbook_entry_unique")]

    def __str__(self) -> str:
        return str(self.initiative_id)
