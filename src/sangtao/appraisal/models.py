"""Appraisal councils: members, conflicts, assignments, score sheets, decisions, nominations.

A council belongs to one round and one unit that holds councils (a Front committee or a
member organisation). Initiatives forwarded to that unit in that round land in its queue.
Once the chair seals the council, every write is refused until it is reopened with a reason.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sangtao.core.fields import ref, unique, user_ref


class Council(models.Model):
    """Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới (III.5.1)."""

    class Aggregate(models.TextChoices):
        MEAN = "mean", _("Mean")
        MEDIAN = "median", _("Median")
        TRIMMED_MEAN = "trimmed_mean", _("Trimmed mean (without the highest and lowest)")

    round = ref("movements.Round", _("round"), related_name="councils")
    unit = ref("orgs.OrgUnit", _("unit"), related_name="councils")
    name = models.CharField(_("name"), max_length=255)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    decision_signer = models.CharField(_("signed by"), max_length=150, blank=True)
    decision_file = models.FileField(
        _("decision (PDF)"), upload_to="councils/", max_length=255, blank=True
    )
    fields = models.ManyToManyField(
        "movements.Field",
        blank=True,
        related_name="councils",
        verbose_name=_("fields covered"),
        help_text=_("Empty: every field."),
    )
    appraisers_per_initiative = models.PositiveSmallIntegerField(
        _("appraisers per initiative"), default=3
    )
    blind = models.BooleanField(
        _("blind appraisal"),
        default=False,
        help_text=_("Hide the authors' names and units from members and experts."),
    )
    reveal_after_submit = models.BooleanField(
        _("show other sheets only after one's own is submitted"), default=True
    )
    aggregate = models.CharField(
        _("aggregate"), max_length=20, choices=Aggregate.choices, default=Aggregate.MEAN
    )
    disagreement_threshold = models.DecimalField(
        _("wide disagreement above"),
        max_digits=6,
        decimal_places=2,
        default=20,
        help_text=_("Flag an initiative whose highest and lowest totals differ by more."),
    )
    scoring_deadline = models.DateField(_("scoring deadline"), null=True, blank=True)
    decides_by_vote = models.BooleanField(
        _("the council decides by vote"),
        default=False,
        help_text=_(
            "Each decision records the votes for, against and abstaining; a recognition needs "
            "more votes for than half of the votes cast."
        ),
    )
    # The council's meeting (one per council): asked for at sealing, printed on its papers.
    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    meeting_start = models.TimeField(_("meeting started at"), null=True, blank=True)
    meeting_end = models.TimeField(_("meeting ended at"), null=True, blank=True)
    meeting_place = models.CharField(_("meeting place"), max_length=255, blank=True)
    minutes_number = models.CharField(
        _("minutes number"),
        max_length=20,
        blank=True,
        help_text=_("The number the council's record gives its minutes, before the code."),
    )
    sealed_at = models.DateTimeField(_("sealed at"), null=True, blank=True)
    sealed_by = user_ref(_("sealed by"), optional=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("appraisal council")
        verbose_name_plural = _("appraisal councils")
        indexes = [
            models.Index(fields=["unit", "round"], name="council_unit_round"),
            # The councils list of a year (appraisal.selectors.council_list_visible) read
            # from the index alone: a national officer follows thousands of them a year.
            models.Index(
                fields=["round", "unit"], include=["id", "name"], name="council_round_unit"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_sealed(self) -> bool:
        return self.sealed_at is not None


class CouncilMember(models.Model):
    """A person on a council: chair, secretary, member or invited expert."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")
        EXPERT = "expert", _("Invited expert")

    council = ref(Council, _("council"), related_name="members", on_delete=models.CASCADE)
    user = user_ref(_("person"), related_name="council_seats")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    title = models.CharField(
        _("title in the council"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam tỉnh."),
    )
    # At the council's meeting: True present, False absent, None not recorded yet.
    present = models.BooleanField(_("present at the meeting"), null=True, blank=True)
    fields = models.ManyToManyField(
        "movements.Field", blank=True, related_name="+", verbose_name=_("fields of expertise")
    )
    expert_initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        blank=True,
        related_name="+",
        verbose_name=_("invited for these initiatives only"),
    )

    class Meta:
        ordering = ["council", "role", "id"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [unique("council", "user", name="councilmember_unique")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    @property
    def scores(self) -> bool:
        """Chair, members and experts score; the secretary keeps the record."""
        return self.role != self.Role.SECRETARY


class Conflict(models.Model):
    """A declared conflict of interest between a person and an initiative."""

    class Source(models.TextChoices):
        MEMBER = "member", _("Declared by the council member")
        AUTHOR = "author", _("Named by the author")
        SECRETARY = "secretary", _("Recorded by the secretary")

    initiative = ref(
        "initiatives.Initiative",
        _("initiative"),
        related_name="conflicts",
        on_delete=models.CASCADE,
    )
    user = user_ref(_("person"), related_name="conflicts", on_delete=models.CASCADE)
    source = models.CharField(_("declared by"), max_length=20, choices=Source.choices)
    reason = models.TextField(_("reason"))
    declared_by = user_ref(_("recorded by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["initiative", "created_at"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [unique("initiative", "user", name="conflict_unique")]

    def __str__(self) -> str:
        return f"{self.user} ≠ {self.initiative}"


class Assignment(models.Model):
    """One member asked to appraise one initiative for one council, with its score sheet."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Not submitted")
        SUBMITTED = "submitted", _("Submitted")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    council = ref(Council, _("council"), related_name="assignments", on_delete=models.CASCADE)
    initiative = ref("initiatives.Initiative", _("initiative"), related_name="assignments")
    member = ref(CouncilMember, _("member"), related_name="assignments")
    assigned_by = user_ref(_("assigned by"))
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    # The score sheet (phiếu chấm) lives on the assignment: one per member and initiative.
    state = models.CharField(
        _("sheet state"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    overall_comment = models.TextField(_("overall comment"), blank=True)
    private_note = models.TextField(
        _("note for the council only"),
        blank=True,
        help_text=_("Never shown to the authors."),
    )
    total = models.DecimalField(
        _("weighted total"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["council", "initiative", "member"]
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [unique("council", "initiative", "member", name="assignment_unique")]
        indexes = [
            models.Index(fields=["member", "state"], name="assignment_member_state"),
            # The council's sheets by state, with what the figures read (the figures' cache key,
            # SUMMARY_SQL, the drafts of the sheet rule) in the index itself: a national
            # round's 150,000 sheets are read without visiting the table. It replaces
            # (council, initiative), which assignment_unique's index already serves.
            models.Index(
                fields=["council", "state", "initiative", "member", "total", "submitted_at", "id"],
                name="assignment_council_state",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.initiative}"


class Score(models.Model):
    """A member's score for one criterion on one sheet, with a comment."""

    assignment = ref(Assignment, _("sheet"), related_name="scores", on_delete=models.CASCADE)
    criterion = ref("movements.Criterion", _("criterion"), related_name="scores")
    value = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["assignment", "criterion__order"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [unique("assignment", "criterion", name="score_unique")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Discussion(models.Model):
    """A message in a council's discussion thread of one initiative."""

    council = ref(Council, _("council"), related_name="messages", on_delete=models.CASCADE)
    initiative = ref("initiatives.Initiative", _("initiative"), on_delete=models.CASCADE)
    author = user_ref(_("author"))
    text = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["council", "initiative", "created_at", "id"]
        verbose_name = _("discussion message")
        verbose_name_plural = _("discussion")

    def __str__(self) -> str:
        return self.text[:60]


class Decision(models.Model):
    """The council's decision on one initiative: recognised with a grade, not, or returned."""

    class Outcome(models.TextChoices):
        RECOGNISED = "recognised", _("Recognised")
        NOT_RECOGNISED = "not_recognised", _("Not recognised")
        RETURNED = "returned", _("Returned to the author for more information")

    council = ref(Council, _("council"), related_name="decisions", on_delete=models.CASCADE)
    initiative = ref("initiatives.Initiative", _("initiative"), related_name="decisions")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    grade = ref("movements.Grade", _("grade"), optional=True)
    total = models.DecimalField(
        _("council total"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    reason = models.TextField(_("reason"), blank=True)
    # The council's vote on the decision, when it decides by vote (None otherwise). Members
    # with a conflict of interest on the initiative stand aside and do not vote.
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    decided_by = user_ref(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        ordering = ["council", "initiative"]
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")
        constraints = [unique("council", "initiative", name="decision_unique")]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.get_outcome_display()}"

    @property
    def voted(self) -> bool:
        return self.votes_for is not None


class Recognition(models.Model):
    """Công nhận: an initiative recognised at a council's level, made official by the seal.

    A recognition stays true whatever a higher level decides later; it is withdrawn only
    when the council is reopened (with the reason recorded).
    """

    initiative = ref("initiatives.Initiative", _("initiative"), related_name="recognitions")
    council = ref(Council, _("council"), related_name="recognitions")
    unit = ref("orgs.OrgUnit", _("recognised by"), related_name="recognitions")
    grade = ref("movements.Grade", _("grade"))
    total = models.DecimalField(_("council total"), max_digits=8, decimal_places=2, null=True)
    recognised_at = models.DateTimeField(_("recognised at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        ordering = ["-recognised_at", "id"]
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        indexes = [
            # The dashboard's newest recognitions of a country or a province: walked from the
            # newest, stopped at the first few of the subtree.
            models.Index(fields=["recognised_at", "id"], name="recognition_newest"),
            # Whether an initiative stands recognised, answered by the index alone (the
            # dashboard asks it of every initiative of a subtree).
            models.Index(fields=["initiative", "withdrawn_at"], name="recognition_standing"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} · {self.unit} · {self.grade}"


class Nomination(models.Model):
    """Đề nghị lên cấp trên: a recognised initiative proposed to the next level's council."""

    initiative = ref("initiatives.Initiative", _("initiative"), related_name="nominations")
    from_council = ref(Council, _("proposed by"), related_name="nominations")
    to_unit = ref("orgs.OrgUnit", _("proposed to"))
    note = models.TextField(_("note"), blank=True)
    nominated_by = user_ref(_("proposed by"))
    nominated_at = models.DateTimeField(_("proposed at"), default=timezone.now)

    class Meta:
        ordering = ["-nominated_at", "id"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [unique("initiative", "from_council", name="nomination_unique")]

    def __str__(self) -> str:
        return f"{self.initiative} → {self.to_unit}"


class RecognitionDecision(models.Model):
    """The one decision that recognises a sealed council's initiatives (Quyết định công nhận):
    its number, date, issuing body and signer, recorded once. The decision paper, the minutes
    and every certificate cite it by this number and date.

    Who issues follows the movement's setting (`Movement.recognised_by`) as it stood when the
    decision was recorded: the council itself ("…/QĐ-HĐTĐ", "TM. HỘI ĐỒNG") or the committee's
    Standing Board on the council's recommendation ("…/QĐ-MTTQ-BTT", "TM. BAN THƯỜNG TRỰC").
    What it prints (names, code, signer) is copied here, so that a later change of the
    committee's settings or positions never changes a paper already signed."""

    class Issuer(models.TextChoices):
        COUNCIL = "council", _("The appraisal council")
        BOARD = "board", _("The Standing Board")

    council = models.OneToOneField(
        Council,
        on_delete=models.PROTECT,
        related_name="recognition_decision",
        verbose_name=_("council"),
    )
    issuer = models.CharField(_("issued by"), max_length=10, choices=Issuer.choices)
    number = models.CharField(_("number"), max_length=30)
    code = models.CharField(_("number code"), max_length=40)
    date = models.DateField(_("date signed"))
    governing_name = models.CharField(_("committee"), max_length=255)
    issuer_name = models.CharField(_("issuing body"), max_length=255)
    signer_capacity = models.CharField(_("signing capacity"), max_length=150, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=150)
    signer_name = models.CharField(_("signer's name"), max_length=150)
    recorded_by = user_ref(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("recognition decision")
        verbose_name_plural = _("recognition decisions")

    def __str__(self) -> str:
        return f"{self.full_number} ({self.date:%d/%m/%Y})"

    @property
    def full_number(self) -> str:
        """ "42/QĐ-MTTQ-BTT" """
        return f"{self.number}/{self.code}"


class Standing(models.Model):
    """A dossier's figures in one council, kept from its submitted sheets: what the ranking
    reads and orders by, in one indexed table, instead of computing every dossier's figures
    from the sheets at read time.

    Written in the transaction of every write that changes them (`services.standings_refresh`:
    a sheet submitted, sheets imported from paper, the council's aggregate changed); a
    submitted sheet is never changed or deleted, so nothing else moves them. Amounts are whole
    cents (exact sums and comparisons on every database). `criteria` holds, by criterion id,
    the count and sum of its scores (in cents) and its council figure (aggregated as the
    totals are): the first criterion's mean, the figures under each minimum and the proposed
    grade follow from it and the movement's scale when a page is read.
    """

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="standings", verbose_name=_("council")
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("initiative"),
    )
    sheets = models.PositiveIntegerField(_("submitted sheets"))
    total_cents = models.BigIntegerField(_("sum of the totals (cents)"))
    lowest_cents = models.BigIntegerField(_("lowest total (cents)"))
    highest_cents = models.BigIntegerField(_("highest total (cents)"))
    aggregate_cents = models.BigIntegerField(_("council figure (cents)"))
    criteria = models.JSONField(_("figures by criterion"), default=dict)

    class Meta:
        verbose_name = _("dossier standing")
        verbose_name_plural = _("dossier standings")
        constraints = [
            models.UniqueConstraint(fields=["council", "initiative"], name="standing_unique")
        ]
        indexes = [
            # The ranking's order (figure highest first), a page cut by OFFSET/LIMIT, and the
            # count above a figure: read from the index.
            models.Index(
                fields=["council", "-aggregate_cents", "initiative"], name="standing_rank"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.council_id} · {self.initiative_id}: {self.aggregate_cents}"


class SeatStanding(models.Model):
    """A scoring member's submitted totals in one council, summed (count, sum and sum of
    squares, in cents): each member's mean and spread, and the council's, for the normalised
    figure (`scoring.normalised`) without reading every sheet. Kept with `Standing`."""

    member = models.OneToOneField(
        CouncilMember,
        on_delete=models.CASCADE,
        related_name="standing",
        verbose_name=_("member"),
    )
    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, related_name="seat_standings", verbose_name=_("council")
    )
    sheets = models.PositiveIntegerField(_("submitted sheets"))
    total_cents = models.BigIntegerField(_("sum of the totals (cents)"))
    squares_cents = models.BigIntegerField(_("sum of the squared totals (cents²)"))

    class Meta:
        verbose_name = _("member standing")
        verbose_name_plural = _("member standings")

    def __str__(self) -> str:
        return f"{self.member_id}: {self.sheets}"
