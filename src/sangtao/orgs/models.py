"""The organisation tree: levels, unit kinds, units and the history of merges.

Levels and kinds are rows, not code: since 1 July 2025 there is no district level, and the tree
keeps both shapes. A unit's place is stored as a materialised path of ids ("/1/7/42/") so that a
subtree is one indexed range query at any size.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sangtao.core.fields import ref, unique


class Level(models.Model):
    """An administrative level: central, province, district, commune, grassroots."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("0 is the top level."))

    class Meta:
        ordering = ["rank"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")

    def __str__(self) -> str:
        return self.name


class UnitKind(models.Model):
    """What a unit is: front committee, member organisation, school, enterprise, ..."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    holds_council = models.BooleanField(
        _("may hold an appraisal council"),
        default=False,
        help_text=_("Front committees and member organisations set up appraisal councils."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit kind")
        verbose_name_plural = _("unit kinds")

    def __str__(self) -> str:
        return self.name


class OrgUnit(models.Model):
    """A unit of the tree: a Front committee, a member organisation, a school, a commune..."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    kind = models.ForeignKey(UnitKind, on_delete=models.PROTECT, verbose_name=_("kind"))
    level = models.ForeignKey(Level, on_delete=models.PROTECT, verbose_name=_("level"))
    parent = ref("self", _("parent unit"), related_name="children", optional=True)
    official_code = models.CharField(
        _("official code"), max_length=30, blank=True, help_text=_("E.g. the GSO code.")
    )
    # On PostgreSQL the column uses the "C" collation (migration 0001_squashed) so that the range of
    # `selectors.subtree_q` compares bytes, whatever the database's locale.
    path = models.CharField(_("path"), max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("Empty while the unit exists.")
    )
    search_key = models.CharField(
        _("search key"),
        max_length=400,
        blank=True,
        editable=False,
        help_text=_("The name without diacritics, in lower case (see orgs.text.fold)."),
    )
    # Where the public writes or calls (shown on the help page and the committee's public page).
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [
            models.Index(fields=["parent", "name"], name="orgunit_parent_name"),
            models.Index(fields=["official_code"], name="orgunit_official_code"),
            # Covers subtree counts of current units: the path range and the validity are read
            # from the index alone, without visiting the rows.
            models.Index(fields=["path", "valid_to", "valid_from"], name="orgunit_path_validity"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_validity_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        """Dissolved or merged: its last day has passed."""
        return self.valid_to is not None and self.valid_to < timezone.localdate()

    @property
    def is_pending(self) -> bool:
        """Set up by a decision that has not taken effect yet."""
        return self.valid_from is not None and self.valid_from > timezone.localdate()

    @property
    def is_active(self) -> bool:
        return not (self.is_closed or self.is_pending)

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to this unit, itself included."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def is_within(self, other: "OrgUnit") -> bool:
        """True when this unit is `other` or lies in its subtree."""
        return self.path.startswith(other.path)


class UnitSuccession(models.Model):
    """One unit taking over (all or part of) another: merges, renames, splits."""

    class Kind(models.TextChoices):
        MERGED = "merged", _("merged into")
        PARTIAL = "partial", _("partly merged into")
        RENAMED = "renamed", _("renamed to")

    predecessor = ref(
        OrgUnit, _("predecessor"), related_name="successions", on_delete=models.CASCADE
    )
    successor = ref(OrgUnit, _("successor"), related_name="predecessions", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MERGED)
    effective_on = models.DateField(_("effective on"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)

    class Meta:
        ordering = ["effective_on", "id"]
        verbose_name = _("succession")
        verbose_name_plural = _("successions")
        constraints = [unique("predecessor", "successor", name="unitsuccession_unique_pair")]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class UnitChange(models.Model):
    """One dated change of a unit made by an administrator: added, renamed, moved, closed or
    merged, with the legal basis (the decision's number and date) when there is one.

    Rows are only added (`orgs.services`); together with `UnitSuccession` they are the unit's
    history, which is why a unit is never deleted."""

    class Action(models.TextChoices):
        CREATED = "created", _("added")
        RENAMED = "renamed", _("renamed")
        MOVED = "moved", _("moved")
        CLOSED = "closed", _("dissolved")
        MERGED = "merged", _("merged")

    unit = ref(OrgUnit, _("unit"), related_name="changes")
    action = models.CharField(_("change"), max_length=20, choices=Action.choices)
    effective_on = models.DateField(_("effective on"))
    old_value = models.CharField(_("before"), max_length=255, blank=True)
    new_value = models.CharField(_("after"), max_length=255, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    recorded_by = ref("accounts.User", _("recorded by"), on_delete=models.SET_NULL, optional=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name = _("unit change")
        verbose_name_plural = _("unit changes")
        indexes = [models.Index(fields=["unit", "effective_on"], name="unitchange_unit_date")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_action_display()} · {self.effective_on}"


class CommitteePapers(models.Model):
    """How a committee's papers name it and number them (Nghị định 30/2020/NĐ-CP, Phụ lục I):
    the committee's name as printed on the letterhead's first line, its Standing Board's name
    on the second when the board issues, and its number codes per kind of paper (`codes`,
    {kind: code}, over the defaults of `orgs.issuers.DEFAULT_CODES`). Without a row the unit's
    own name, "Ban Thường trực" and the defaults apply."""

    unit = models.OneToOneField(
        OrgUnit, on_delete=models.CASCADE, related_name="papers", verbose_name=_("committee")
    )
    printed_name = models.CharField(
        _("name as printed"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Ủy ban MTTQ Việt Nam tỉnh Tây Ninh. Empty: the unit's name."),
    )
    board_name = models.CharField(
        _("standing board's name"), max_length=150, default="Ban Thường trực"
    )
    codes = models.JSONField(_("number codes per kind of paper"), default=dict, blank=True)

    class Meta:
        verbose_name = _("committee's papers")
        verbose_name_plural = _("committees' papers")

    def __str__(self) -> str:
        return self.printed_name or str(self.unit)


class Position(models.Model):
    """A person's position in a committee's Standing Board over a span of dates (Chủ tịch, Phó
    Chủ tịch…): who signs the committee's papers on a given day (`orgs.issuers`)."""

    class Rank(models.TextChoices):
        HEAD = "head", _("Chair")
        DEPUTY = "deputy", _("Vice-chair")

    unit = ref(OrgUnit, _("committee"), related_name="positions", on_delete=models.CASCADE)
    full_name = models.CharField(_("full name"), max_length=150)
    rank = models.CharField(_("rank"), max_length=10, choices=Rank.choices)
    title = models.CharField(
        _("title as printed"), max_length=150, help_text=_("E.g. Chủ tịch, Phó Chủ tịch.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Among deputies: who signs first.")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["unit", "rank", "order", "-starts_on"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        indexes = [models.Index(fields=["unit", "starts_on"], name="position_unit_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="position_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.full_name}"
