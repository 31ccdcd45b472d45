"""What units do with the movement besides filing initiatives (issue 16, items 2 and 3):
the practices they build ("mô hình Đoàn kết sáng tạo"), their replication by other units, and
the applications of recognised initiatives."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sangtao.core.fields import ref, user_ref
from sangtao.registers.files import RowFile
from sangtao.registers.rows import list_indexes


class Practice(models.Model):
    """A practice ("mô hình Đoàn kết sáng tạo") a unit built: what it is, since when, what it
    gave, the initiatives it rests on; `published` shows it on the public portal."""

    unit = ref("orgs.OrgUnit", _("unit"), related_name="practices")
    field = ref("movements.Field", _("field"), related_name="practices", optional=True)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    started_on = models.DateField(_("started on"))
    results = models.TextField(_("results"), blank=True)
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        blank=True,
        related_name="practices",
        verbose_name=_("linked initiatives"),
    )
    published = models.BooleanField(_("published on the portal"), default=False, db_index=True)
    search_key = models.CharField(max_length=400, blank=True, db_index=True, editable=False)
    created_by = user_ref(on_delete=models.SET_NULL, null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        indexes = list_indexes("started_on", by_unit="practice_unit_started", sort="practice_sort")

    def __str__(self) -> str:
        return self.title


class Replication(models.Model):
    """A practice taken up by another unit, with its own start and results."""

    practice = ref(Practice, _("practice"), related_name="replications", on_delete=models.CASCADE)
    unit = ref("orgs.OrgUnit", _("unit"), related_name="replications")
    started_on = models.DateField(_("started on"))
    results = models.TextField(_("results"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        indexes = [models.Index(fields=["unit", "started_on"], name="replication_unit_started")]

    def __str__(self) -> str:
        return f"{self.practice.title} — {self.unit.name}"


class Application(models.Model):
    """A unit applied a recognised initiative in its work: when, where (scope), what it gave
    and the money saved (VND)."""

    initiative = ref("initiatives.Initiative", _("initiative"), related_name="applications")
    unit = ref("orgs.OrgUnit", _("unit"), related_name="applications")
    applied_on = models.DateField(_("applied on"))
    scope = models.CharField(_("scope"), max_length=300)
    result = models.TextField(_("result"), blank=True)
    saved_vnd = models.PositiveBigIntegerField(_("money saved (VND)"), default=0)
    search_key = models.CharField(max_length=900, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("application of an initiative")
        verbose_name_plural = _("applications of initiatives")
        indexes = list_indexes(
            "applied_on", by_unit="application_unit_applied", sort="application_sort"
        )

    def __str__(self) -> str:
        return f"{self.initiative.title} — {self.unit.name}"


class PracticeFile(RowFile):
    """A photo (JPG, PNG) or a document (PDF, DOCX) of the practice, stored privately: those
    who see the practice open it, and the public portal shows the photos of a published one."""

    practice = ref(Practice, _("practice"), related_name="files", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("file of the practice")
        verbose_name_plural = _("files of the practice")
        ordering = ["uploaded_at", "pk"]
