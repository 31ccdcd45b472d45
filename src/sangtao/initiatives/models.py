"""The initiative dossier: the record, its authors and its attachments."""

import uuid
from pathlib import PurePath

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sangtao.core.fields import ref, unique, user_ref
from sangtao.orgs.text import fold

from .states import EDITABLE_STATES, State


class Initiative(models.Model):
    """An initiative, new idea, invention or new method, with its dossier and state."""

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("Initiative")
        IDEA = "idea", _("New idea")
        INVENTION = "invention", _("Invention")
        METHOD = "method", _("New method")

    # The parts of a dossier an author may ask to keep confidential.
    class Section(models.TextChoices):
        ESSENCE = "essence", _("Description of the essence")
        BENEFITS = "benefits", _("Benefits")
        CONDITIONS = "conditions", _("Conditions for applying it")
        ATTACHMENTS = "attachments", _("Attachments")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INITIATIVE)
    title = models.CharField(pgettext_lazy("initiative", "title"), max_length=500)
    round = ref("movements.Round", _("round"), related_name="initiatives", optional=True)
    field = ref("movements.Field", _("field"), related_name="initiatives", optional=True)
    unit = ref(
        "orgs.OrgUnit",
        _("unit"),
        related_name="initiatives",
        help_text=_("The unit the initiative belongs to."),
    )
    summary = models.TextField(_("summary"), blank=True)
    essence = models.TextField(_("description of the essence"), blank=True)
    first_applied_on = models.DateField(_("first applied (or tried) on"), null=True, blank=True)
    application_scope = models.TextField(_("where it applies"), blank=True)
    benefits = models.TextField(_("benefits"), blank=True)
    yearly_saving_vnd = models.BigIntegerField(
        _("estimated yearly saving (VND)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    conditions = models.TextField(_("conditions needed to apply it"), blank=True)
    campaigns = models.ManyToManyField(
        "movements.Campaign",
        blank=True,
        related_name="initiatives",
        verbose_name=_("campaigns it serves"),
    )
    confidential_sections = models.JSONField(
        _("confidential parts"),
        default=list,
        blank=True,
        help_text=_("Parts of the dossier the author asks to keep confidential."),
    )
    confidential_note = models.TextField(_("note on confidentiality"), blank=True)
    is_collective = models.BooleanField(_("filed by a collective"), default=False)
    collective_name = models.CharField(_("collective"), max_length=255, blank=True)
    appraisal_unit = ref(
        "orgs.OrgUnit",
        _("appraised by"),
        related_name="initiatives_in_appraisal",
        optional=True,
        help_text=_("The committee or organisation whose council appraises it."),
    )
    created_by = user_ref(_("filed by"), related_name="initiatives")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # When the dossier reached its present state (set by every transition): how long it waits.
    state_since = models.DateTimeField(_("in this state since"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [
            models.Index(fields=["unit", "state", "created_at"], name="initiative_unit_state"),
            models.Index(fields=["created_by", "created_at"], name="initiative_owner"),
            # The unit queues, oldest submission first: walked in order and stopped at a page.
            models.Index(fields=["state", "submitted_at", "id"], name="initiative_state_submitted"),
            models.Index(
                fields=["appraisal_unit", "state", "created_at"], name="initiative_appraisal"
            ),
            # The officers' lists (initiatives/registers.py): waiting longest first (and the
            # "waiting more than N days" filter), newest first, by title.
            models.Index(fields=["state", "state_since", "id"], name="initiative_state_since"),
            models.Index(fields=["state_since", "id"], name="initiative_waiting"),
            models.Index(fields=["created_at", "id"], name="initiative_created"),
            models.Index(fields=["title", "id"], name="initiative_title"),
            # What the reports' sources and the dashboard count per unit, read from the index
            # alone (no visit to the wide rows): a unit's submissions of a period are one range.
            models.Index(
                fields=[
                    "unit",
                    "submitted_at",
                    "round",
                    "field",
                    "state",
                    "appraisal_unit",
                    "yearly_saving_vnd",
                ],
                name="initiative_unit_figures",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    @property
    def waiting_days(self) -> int:
        """Whole days the dossier has been in its present state."""
        return max((timezone.now() - self.state_since).days, 0)


class InitiativeAuthor(models.Model):
    """A person credited with an initiative and their contribution share."""

    initiative = ref(Initiative, _("initiative"), related_name="authors", on_delete=models.CASCADE)
    user = user_ref(
        _("account"), related_name="authorships", on_delete=models.SET_NULL, optional=True
    )
    full_name = models.CharField(_("full name"), max_length=150)
    # The name folded (no tones, lower case): a person finds the rows naming them by it.
    name_key = models.CharField(_("name key"), max_length=150, blank=True, db_index=True)
    unit_name = models.CharField(_("unit"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    share = models.DecimalField(
        _("contribution share (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["initiative", "order", "id"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.name_key = fold(self.full_name)[:150]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name_key" not in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_key"}
        super().save(*args, **kwargs)


class AuthorClaim(models.Model):
    """A signed-in person asks to be linked to an author row that names them but has no
    account; the filer or a clerk over the dossier's unit confirms (the row is linked) or
    refuses (`initiatives.services.author_claim_create`, `author_claim_decide`)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Confirmed")
        REFUSED = "refused", _("Refused")

    author = ref(InitiativeAuthor, _("author"), related_name="claims", on_delete=models.CASCADE)
    user = user_ref(_("asked by"), related_name="author_claims", on_delete=models.CASCADE)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    decided_by = user_ref(_("answered by"), on_delete=models.SET_NULL, optional=True)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("request to be linked to an author")
        verbose_name_plural = _("requests to be linked to an author")
        constraints = [
            unique(
                "author",
                "user",
                name="author_claim_one_pending",
                condition=models.Q(state="pending"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.author}"


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"attachments/{instance.initiative.public_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file of the dossier, stored privately and served only to those allowed."""

    initiative = ref(
        Initiative, _("initiative"), related_name="attachments", on_delete=models.CASCADE
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    description = models.CharField(_("description"), max_length=255, blank=True)
    uploaded_by = user_ref(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["initiative", "uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    def download_name(self, *, named: bool = True) -> str:
        """The file's name when downloaded: its own, or (for a blind council, whose file names
        may carry the authors' names) a neutral one with the same extension."""
        if named:
            return self.original_name
        extension = PurePath(self.original_name).suffix.lower()[:10]
        return f"tep-dinh-kem-{self.pk}{extension}"


class SearchStale(models.Model):
    """An initiative whose search entry waits to be written again: the index's outbox.

    Noted in the transaction of the write that changed the dossier (so it exists exactly when
    the change does); the refresh runs once that transaction commits and clears it, and if the
    process died in between, the worker's catch-up (`search_catch_up`) writes the entry from
    here. While any is left, the search page says the index is catching up.
    """

    initiative = models.OneToOneField(
        Initiative, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    noted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("search entry to refresh")
        verbose_name_plural = _("search entries to refresh")

    def __str__(self) -> str:
        return str(self.initiative_id)


class SearchEntry(models.Model):
    """The search and novelty index row of one initiative (`initiatives.search` keeps it).

    Only the title and the summary are indexed: they are never confidential, so neither the
    public search nor the novelty check's "what matches" can show a confidential part. The
    facets (`is_public` … `recognised_at`) follow the initiative's official recognitions.
    """

    initiative = models.OneToOneField(
        Initiative, primary_key=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    title_key = models.CharField(max_length=500, blank=True)
    is_public = models.BooleanField(default=False)
    kind = models.CharField(max_length=20, blank=True)
    field_id = models.IntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    level_id = models.IntegerField(null=True, blank=True)
    grade_id = models.IntegerField(null=True, blank=True)
    recognised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            models.Index(fields=["title_key"], name="search_title_key"),
            # Partial indexes over the recognised rows only, one per way the portal sorts a
            # filtered list (newest recognition first, any filter before it).
            models.Index(
                fields=["recognised_at", "initiative"],
                name="search_public_latest",
                condition=models.Q(is_public=True),
            ),
            models.Index(
                fields=["field_id", "recognised_at", "initiative"],
                name="search_public_field",
                condition=models.Q(is_public=True),
            ),
            models.Index(
                fields=["year", "recognised_at", "initiative"],
                name="search_public_year",
                condition=models.Q(is_public=True),
            ),
            models.Index(
                fields=["level_id", "recognised_at", "initiative"],
                name="search_public_level",
                condition=models.Q(is_public=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title_key


class SearchTerm(models.Model):
    """How many indexed initiatives hold a term (refreshed by `manage.py search_rebuild`).

    The novelty check reads it to pick a draft's rarest terms; an approximate figure only
    changes which candidates are fetched first, never what is shown.
    """

    term = models.CharField(max_length=100, primary_key=True)
    documents = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.term


class SearchPosting(models.Model):
    """An initiative holding a rare term (PostgreSQL only): the novelty check looks a draft's
    rare terms up here, the initiative's id in the primary key's index, with no visit to the
    search entry's row that the GIN index of `tsv` would need (`search.POSTED_ROWS`).

    Holds every term of every entry except those more than POSTED_ROWS entries held at the
    last count (SearchTerm): written with the entry (`search_index_refresh`); a new count
    (`search_terms_refresh`) drops the terms it finds common and adds those no longer so.
    SQLite's FTS5 index holds the ids itself and leaves this table empty.
    """

    pk = models.CompositePrimaryKey("term", "initiative")
    term = models.CharField(max_length=100)
    # No database constraint: the table is filled by the million in one statement, and the
    # entry it comes from is checked there; a deleted initiative's postings go with it.
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )

    class Meta:
        verbose_name = _("search posting")
        verbose_name_plural = _("search postings")

    def __str__(self) -> str:
        return f"{self.term} {self.initiative_id}"


class PairFinding(models.Model):
    """What a council member's finding about an initiative and an `other` one records besides
    the pair (a link, a not-the-same finding): who recorded it and when."""

    created_by = user_ref(_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        abstract = True


def one_pair_each(name: str) -> list[models.BaseConstraint]:
    """A finding's constraints, `<name>_unique` and `<name>_not_self`: one finding per pair,
    and none pairing an initiative with itself."""
    return [
        unique("initiative", "other", name=f"{name}_unique"),
        models.CheckConstraint(
            condition=~models.Q(initiative=models.F("other")), name=f"{name}_not_self"
        ),
    ]


class InitiativeLink(PairFinding):
    """A council's finding that one initiative duplicates or builds on another, on record."""

    class Kind(models.TextChoices):
        DUPLICATE = "duplicate", _("duplicate of")
        BUILDS_ON = "builds_on", _("builds on")

    initiative = ref(Initiative, _("initiative"), related_name="links", on_delete=models.CASCADE)
    other = ref(
        Initiative, _("earlier initiative"), related_name="linked_from", on_delete=models.CASCADE
    )
    kind = models.CharField(_("link"), max_length=20, choices=Kind.choices)
    similarity = models.DecimalField(
        _("similarity"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["initiative", "-created_at"]
        verbose_name = _("initiative link")
        verbose_name_plural = _("initiative links")
        constraints = one_pair_each("initiative_link")

    def __str__(self) -> str:
        return f"{self.initiative} → {self.other}"


class NotDuplicate(PairFinding):
    """A council member's finding that an initiative the novelty check flags as a possible
    duplicate of another is not the same initiative: the pair is flagged no more, and the
    panel says who found so and when."""

    initiative = ref(
        Initiative, _("initiative"), related_name="not_duplicates", on_delete=models.CASCADE
    )
    other = ref(Initiative, _("other initiative"), on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("not-the-same finding")
        verbose_name_plural = _("not-the-same findings")
        constraints = one_pair_each("not_duplicate")

    def __str__(self) -> str:
        return f"{self.initiative} ≠ {self.other}"
