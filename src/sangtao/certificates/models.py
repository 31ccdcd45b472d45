"""Certificates (giấy chứng nhận) of initiatives recognised by a sealed council decision.

A certificate is a paper: what it prints is copied onto its row when it is issued (the holder,
the initiative's title, the grade, the decision, the signer), so that a later edit of the
dossier or of the committee's settings never changes a certificate already handed out. The
committee's seal and signature images are read from its settings when the PDF is drawn.

Each certificate carries two secrets: `token`, in the public verification link and the QR code,
and `check_code`, printed on the paper for typing into the verification form with the serial
number. The serial number itself ("15/2019/GCN-MTTQ") is public and proves nothing.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sangtao.core.fields import ref, unique, user_ref
from sangtao.formats.documents import LOCALITY

# Characters of the printed check code: no 0/O, 1/I/L to misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def new_token() -> str:
    return secrets.token_urlsafe(16)


def new_check_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def image_path(instance: "CertificateSettings", filename: str) -> str:
    return f"certificates/{instance.unit_id}/{secrets.token_hex(8)}.png"


class CertificateSettings(models.Model):
    """What a committee prints on its certificates: the signer, the place, seal and signature."""

    unit = models.OneToOneField(
        "orgs.OrgUnit",
        on_delete=models.PROTECT,
        related_name="certificate_settings",
        verbose_name=_("issuing committee"),
    )
    signer_title = models.CharField(
        _("signer's title"),
        max_length=255,
        help_text=_("E.g. CHỦ TỊCH, or PHÓ CHỦ TỊCH THƯỜNG TRỰC."),
    )
    signer_name = models.CharField(_("signer's name"), max_length=150)
    place = models.CharField(
        _("place name"), max_length=100, help_text=_("Written before the date, e.g. Tây Ninh.")
    )
    symbol = models.CharField(
        _("serial number symbol"),
        max_length=30,
        default="GCN-MTTQ",
        help_text=_("After the number and the year: 15/2019/GCN-MTTQ."),
    )
    seal = models.FileField(_("seal (PNG)"), upload_to=image_path, max_length=255, blank=True)
    signature = models.FileField(
        _("signature (PNG)"), upload_to=image_path, max_length=255, blank=True
    )
    updated_by = user_ref(_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("certificate settings")
        verbose_name_plural = _("certificate settings")

    def __str__(self) -> str:
        return str(self.unit)


class CertificateSequence(models.Model):
    """The last serial number a committee gave in a year (numbers restart each year)."""

    unit = ref("orgs.OrgUnit", _("committee"))
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("serial number sequence")
        verbose_name_plural = _("serial number sequences")
        constraints = [unique("unit", "year", name="certificatesequence_unique")]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.last}"


class Certificate(models.Model):
    """Giấy chứng nhận: one author's (or the collective's) certificate of a recognition."""

    class Holder(models.TextChoices):
        AUTHOR = "author", _("Author")
        COLLECTIVE = "collective", _("Collective")

    token = models.CharField(_("verification token"), max_length=32, unique=True, default=new_token)
    check_code = models.CharField(
        _("check code"), max_length=CODE_LENGTH, unique=True, default=new_check_code
    )
    # The foreign keys that lead a composite index below get no index of their own.
    unit = ref("orgs.OrgUnit", _("issuing committee"), related_name="certificates", db_index=False)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    serial = models.CharField(_("serial number"), max_length=60)
    council = ref("appraisal.Council", _("council"), related_name="certificates", db_index=False)
    recognition = ref(
        "appraisal.Recognition", _("recognition"), related_name="certificates", db_index=False
    )
    initiative = ref("initiatives.Initiative", _("initiative"), related_name="certificates")
    holder_kind = models.CharField(_("holder"), max_length=20, choices=Holder.choices)
    # "author:<InitiativeAuthor id>" or "collective": one certificate per holder and recognition.
    holder_key = models.CharField(max_length=40)
    author = ref(
        "initiatives.InitiativeAuthor",
        _("author"),
        related_name="certificates",
        on_delete=models.SET_NULL,
        optional=True,
    )
    # Whose "My certificates" page shows it: the author's account, or who filed for a collective.
    holder_user = user_ref(
        _("account"),
        related_name="certificates",
        on_delete=models.SET_NULL,
        optional=True,
        db_index=False,
    )
    holder_name = models.CharField(_("awarded to"), max_length=255)
    holder_unit = models.CharField(_("holder's unit"), max_length=255, blank=True)
    share = models.DecimalField(
        _("contribution share (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    authors = models.JSONField(_("authors and shares"), default=list, blank=True)
    initiative_title = models.CharField(_("initiative"), max_length=500)
    grade_name = models.CharField(_("grade"), max_length=100)
    issuer_name = models.CharField(_("issued by"), max_length=255)
    # The committee above the issuing body on the letterhead (certificates issued before it was
    # recorded have none: their issuer was the committee itself).
    governing_name = models.CharField(_("committee"), max_length=255, blank=True, default="")
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    place = models.CharField(pgettext_lazy("place name", "place"), max_length=100)
    signer_title = models.CharField(_("signer's title"), max_length=255)
    signer_name = models.CharField(_("signer's name"), max_length=150)
    issued_on = models.DateField(_("date"))
    issued_by = user_ref(_("issued by"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = user_ref(_("revoked by"), optional=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            unique("unit", "year", "number", name="certificate_serial_unique"),
            unique("recognition", "holder_key", name="certificate_holder_unique"),
        ]
        indexes = [
            models.Index(fields=["holder_user", "-issued_at"], name="certificate_holder_idx"),
            models.Index(fields=["unit", "-issued_at"], name="certificate_unit_idx"),
            models.Index(fields=["council", "number"], name="certificate_council_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.serial} · {self.holder_name}"

    def get_absolute_url(self) -> str:
        return reverse("certificates:detail", args=[self.pk])

    @property
    def verify_path(self) -> str:
        return reverse("certificates:verify", args=[self.token])

    @property
    def verify_url(self) -> str:
        return f"{settings.SITE_URL.rstrip('/')}{self.verify_path}"

    @property
    def issuer_in_full(self) -> str:
        """The issuing body named in full ("Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Tây
        Ninh"): a body whose name names no locality, followed by its committee's name."""
        name, governing = self.issuer_name, self.governing_name
        if governing and LOCALITY.search(name) is None:
            return f"{name} {governing}"
        return name

    @property
    def check_code_display(self) -> str:
        return f"{self.check_code[:5]}-{self.check_code[5:]}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_withdrawn(self) -> bool:
        """The recognition it attests was withdrawn (the council reopened its results)."""
        return self.recognition.withdrawn_at is not None
