"""The summary of counts the dashboard reads for wide subtrees (the country, a province).

A wide subtree holds hundreds of thousands of initiatives: counting them at each view takes
seconds (docs/performance.md, "Reports and dashboard"). `services.summary_refresh` (run by
`manage.py dashboard_refresh`, every few minutes by deploy/sangtao-dashboard.timer) counts
them ahead into these tables, which are derived data: rewritten whole by each refresh, never
edited, and holding no key that would stop a unit, round or field being removed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The counts are kept per part of the tree: a unit at this depth or above stands for itself,
# one below it for its ancestor at this depth (a province). A subtree whose root is at this
# depth or above is the sum of the parts under its path.
SUMMARY_DEPTH = 1


class SummaryCount(models.Model):
    """The initiatives of one part of the tree (`path`: a province with everything under it, or
    a unit above the provinces on its own) of one round, field, state and level of their unit:
    how many, submitted, sent to a council, nominated, standing recognised, and the savings
    stated (over those submitted and over those recognised)."""

    path = models.CharField(max_length=255)
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
        indexes = [models.Index(fields=["path", "year"], name="summarycount_path_year")]

    def __str__(self) -> str:
        return f"{self.path} {self.year} {self.state}: {self.total}"


class UnitCount(models.Model):
    """The initiatives of one unit (itself, not its subtree) filed before and after the 2025
    reform and standing recognised: per round (`scope` "round"), and over every round (`scope`
    "all", one row a unit), for the participation and the units that file most. (A text, not a
    boolean: SQLite's planner uses the index for `scope = 'all'`, not for a bare boolean.)"""

    ALL, ROUND = "all", "round"

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
        indexes = [
            models.Index(fields=["scope", "path"], name="unitcount_scope_path"),
            models.Index(fields=["year", "path"], name="unitcount_year_path"),
        ]

    def __str__(self) -> str:
        return f"{self.path} {self.year or ''}: {self.filed}"


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


class SummaryRun(models.Model):
    """When the summary was last computed (one row; none on a fresh install, when the
    dashboard counts every subtree live)."""

    refreshed_at = models.DateTimeField()
    seconds = models.FloatField(default=0)

    class Meta:
        verbose_name = _("dashboard summary run")

    def __str__(self) -> str:
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
