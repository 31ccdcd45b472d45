"""Consultations (góp ý dự thảo, phản biện xã hội: plan III.6): the Front publishes a draft
divided into sections; member organisations, units and, when it is opened to the public,
signed-in citizens comment section by section until the deadline; the officer records the
response to each comment."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sangtao.core.fields import ref, user_ref
from sangtao.registers.rows import RegisterRow, list_indexes


class Consultation(RegisterRow):
    """A draft a unit (a Front committee) puts to comment: a policy to critique, or the
    movement's own criteria or plan. Its audience sees it from `opens_on` and comments until
    `closes_on` (included); its unit's staff see it always."""

    class Kind(models.TextChoices):
        POLICY = "policy", _("Draft policy (social critique)")
        CRITERIA = "criteria", _("Draft criteria of the movement")
        PLAN = "plan", _("Draft plan of the movement")

    class Audience(models.TextChoices):
        MEMBERS = "members", _("Member organisations and units of the subtree")
        PUBLIC = "public", _("Member organisations, units and the public")

    unit = ref("orgs.OrgUnit", _("publishing unit"))
    title = models.CharField(pgettext_lazy("consultation", "title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.TextField(_("summary"), blank=True)
    opens_on = models.DateField(_("open for comments from"))
    closes_on = models.DateField(_("comments close on"))
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.MEMBERS
    )
    responses_published = models.BooleanField(_("responses published"), default=False)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        indexes = list_indexes(
            "opens_on", by_unit="consultation_unit_opens", sort="consultation_sort"
        )

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.audience == self.Audience.PUBLIC

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class Section(models.Model):
    """One section of a consultation's draft, in its order, with a heading and its text."""

    consultation = ref(Consultation, related_name="sections", on_delete=models.CASCADE)
    order = models.PositiveIntegerField(_("order"), default=0)
    heading = models.CharField(_("heading"), max_length=255)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ("order", "pk")

    def __str__(self) -> str:
        return self.heading


class Comment(models.Model):
    """A comment on one section, by a person speaking for a unit of the consultation's subtree
    (`unit`) or, on a public consultation, for themselves (no unit); with the officer's
    response (accepted, explained or not accepted, and its text)."""

    class Response(models.TextChoices):
        ACCEPTED = "accepted", pgettext_lazy("consultation", "Accepted")
        EXPLAINED = "explained", _("Explained")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")

    consultation = ref(Consultation, related_name="comments", on_delete=models.CASCADE)
    section = ref(Section, related_name="comments")
    author = user_ref(_("commenter"))
    unit = ref("orgs.OrgUnit", _("on behalf of"), optional=True)
    text = models.TextField(pgettext_lazy("consultation", "comment"))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    response = models.CharField(_("response"), max_length=20, choices=Response.choices, blank=True)
    response_text = models.TextField(_("response text"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = user_ref(on_delete=models.SET_NULL, optional=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ("created_at", "pk")
        indexes = [
            models.Index(fields=["consultation", "section"], name="comment_consultation"),
            models.Index(fields=["author"], name="comment_author"),
        ]

    def __str__(self) -> str:
        return f"{self.section.heading}: {self.text[:40]}"

    @property
    def speaker(self) -> str:
        """Who the comment speaks for: the unit, else the person."""
        return self.unit.name if self.unit_id else self.author.display_name
