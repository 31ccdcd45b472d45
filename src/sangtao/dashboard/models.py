"""The summary of counts the dashboard reads for wide subtrees (the country, a province).

A wide subtree holds hundreds of thousands of initiatives: counting them at each view takes
seconds (docs/performance.md, "Reports and dashboard"). `services.summary_refresh` (run by
`manage.py dashboard_refresh`, within a minute of a write that changes them: see
`SummaryChange`) counts them ahead into these tables, which are derived data: rewritten
whole by each refresh, never edited, and holding no key that would stop a unit, round or
field being removed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The counts are kept per part of the tree: a unit at this depth or above stands for itself,
# one below it for its ancestor at this depth (a province). A subtree whose root is at this
# depth or above is the sum of the parts under its path.
SUMMARY_DEPTH = 1
# The units that file most kept per part and scope: as many as the page shows.
TOP_KEPT = 15


class SummaryCount(models.Model):
    """The initiatives of one part of the tree (`scope` "part", `path`: a province with
    everything under it, or a unit above the provinces on its own), or of a whole tree
    (`scope` "tree", `path`: its root; the sum of its parts, read for the country instead of
    its tens of thousands of rows), of one round, field, state and level of their unit: how
    many, submitted, sent to a council, nominated, standing recognised, and the savings stated
    (over those submitted and over those recognised)."""

    PART, TREE = "part", "tree"

    path = models.CharField(max_length=255)
    scope = models.CharField(max_length=5, default=PART)
    round_id = models.IntegerField(null=True)
    year = models.IntegerField(null=True)
    field_id = models.IntegerField(null=True)
    state = models.CharField(max_length=20)
    level_id = models.IntegerField(null=True)
    total = models.IntegerField()
    submitted = models.IntegerField()
    forwarded = models.IntegerField()
    nominated = models.IntegerField()
    recognised = models.IntegerField()
    saving_filed = models.BigIntegerField(null=True)
    saving_filed_count = models.IntegerField()
    saving_recognised = models.BigIntegerField(null=True)
    saving_recognised_count = models.IntegerField()

    class Meta:
        verbose_name = _("dashboard summary count")
        indexes = [models.Index(fields=["scope", "path", "year"], name="summarycount_scope")]

    def __str__(self) -> str:
        return f"{self.path} {self.year} {self.state}: {self.total}"


class UnitCount(models.Model):
    """The initiatives of one unit (itself, not its subtree) filed before and after the 2025
    reform and standing recognised: per round (`scope` "round"), per year of the rounds
    ("year") and over every round ("all", one row a unit). The refresh's working rows, from
    which `PartUnits` and `TopUnit` are counted; the page does not read them. (A text, not a
    boolean: SQLite's planner uses an index for `scope = 'all'`, not for a bare boolean.)"""

    ALL, YEAR, ROUND = "all", "year", "round"

    unit_id = models.IntegerField()
    path = models.CharField(max_length=255)
    scope = models.CharField(max_length=5)
    round_id = models.IntegerField(null=True)
    year = models.IntegerField(null=True)
    filed = models.IntegerField()
    before = models.IntegerField()
    after = models.IntegerField()
    recognised = models.IntegerField()

    class Meta:
        verbose_name = _("dashboard unit count")

    def __str__(self) -> str:
        return f"{self.path} {self.year or ''}: {self.filed}"


class PartUnits(models.Model):
    """How many units of one part of the tree filed at least one initiative (at all, before
    and after the 2025 reform), over every round (`scope` "all"), in one year ("year") or one
    round ("round"): a subtree's participation is the sum over its parts (a unit is in one
    part only)."""

    path = models.CharField(max_length=255)
    scope = models.CharField(max_length=5)
    round_id = models.IntegerField(null=True)
    year = models.IntegerField(null=True)
    filing = models.IntegerField()
    before = models.IntegerField()
    after = models.IntegerField()

    class Meta:
        verbose_name = _("dashboard units that filed")
        indexes = [
            models.Index(fields=["scope", "year", "round_id", "path"], name="partunits_scope")
        ]

    def __str__(self) -> str:
        return f"{self.path} {self.scope} {self.year or ''}: {self.filing}"


class TopUnit(models.Model):
    """The TOP_KEPT units of one part of the tree that filed most (ties: the unit's path), over
    every round, in a year or in a round (`scope` as PartUnits): a subtree's top units are
    the first of its parts' (each of them is among its own part's first)."""

    path = models.CharField(max_length=255)
    scope = models.CharField(max_length=5)
    round_id = models.IntegerField(null=True)
    year = models.IntegerField(null=True)
    unit_id = models.IntegerField()
    unit_path = models.CharField(max_length=255)
    filed = models.IntegerField()
    recognised = models.IntegerField()

    class Meta:
        verbose_name = _("dashboard unit that files most")
        indexes = [models.Index(fields=["scope", "year", "round_id", "path"], name="topunit_scope")]

    def __str__(self) -> str:
        return f"{self.unit_path} {self.scope} {self.year or ''}: {self.filed}"


class NewestRecognition(models.Model):
    """The newest standing recognitions of initiatives of one part of the tree, per round
    (`scope` "round") and over every round (`scope` "all"): NEWEST_KEPT of each, from which
    the newest few of a subtree are picked (a recognition withdrawn since is left out when
    shown)."""

    ALL, ROUND = "all", "round"

    path = models.CharField(max_length=255)
    scope = models.CharField(max_length=5)
    round_id = models.IntegerField(null=True)
    year = models.IntegerField(null=True)
    recognition_id = models.IntegerField()
    recognised_at = models.DateTimeField()

    class Meta:
        verbose_name = _("dashboard newest recognition")
        indexes = [models.Index(fields=["scope", "path"], name="newestrecognition_scope_path")]

    def __str__(self) -> str:
        return f"{self.path} {self.recognition_id}"


class SummaryChange(models.Model):
    """A write that changes the counts (an initiative filed, recognised, nominated, withdrawn;
    a unit merged or moved) since the summary was last computed: written in the write's own
    transaction (from its audit entry, apps.py), so a crash loses no change, and deleted by
    the refresh that counts it. While one is left the page says an update is pending, and
    `manage.py dashboard_refresh --when-changed` (every minute, deploy/) counts again."""

    action = models.CharField(max_length=100)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("dashboard summary change")

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M:%S}"


class SummaryRun(models.Model):
    """When the summary was last computed (one row; none on a fresh install, when the
    dashboard counts every subtree live)."""

    refreshed_at = models.DateTimeField()
    seconds = models.FloatField(default=0)

    class Meta:
        verbose_name = _("dashboard summary run")

    def __str__(self) -> str:
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
