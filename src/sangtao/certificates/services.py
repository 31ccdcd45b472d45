"""Writes of certificates: the committee's settings, issuing a council's certificates, revoking.

Serial numbers are a sequence per committee and year (`CertificateSequence`), taken with an
UPDATE ... SET last = last + n first: the row stays locked until the transaction commits (on
PostgreSQL a row lock, on SQLite the database's write lock, taken at BEGIN IMMEDIATE), so two
officers issuing at once never get the same numbers; the unique constraint on (unit, year,
number) is the last guard.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sangtao.accounts.models import User
from sangtao.appraisal import recognition as recognitions
from sangtao.appraisal.models import Council, Recognition, RecognitionDecision
from sangtao.core import files
from sangtao.core.services import audit_record, notify, require
from sangtao.orgs import issuers
from sangtao.orgs.models import OrgUnit

from .models import Certificate, CertificateSequence, CertificateSettings

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_SIDE = 4000  # pixels
SETTINGS_FIELDS = ("signer_title", "signer_name", "place", "symbol")


def _png(upload, field: str):
    """The upload when it is a PNG by its bytes (not its name), else a Vietnamese error."""
    if upload is None:
        return None
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError({field: [_("The image is larger than 2 MB.")]})
    if files.sniff(upload) != files.PNG or not _readable_png(upload):
        raise ValidationError({field: [_("Upload a PNG image (the file's content is not PNG).")]})
    return upload


def _readable_png(upload) -> bool:
    """The PNG's structure holds together and its size is sane (no decompression bomb)."""
    from PIL import Image

    try:
        with Image.open(upload) as image:
            width, height = image.size
            image.verify()
    except Exception:  # noqa: BLE001 (Pillow raises many kinds for a broken file)
        return False
    finally:
        upload.seek(0)
    return 0 < width <= MAX_IMAGE_SIDE and 0 < height <= MAX_IMAGE_SIDE


@transaction.atomic
def certificate_settings_update(
    *, unit: OrgUnit, by: User, data: dict, seal=None, signature=None
) -> CertificateSettings:
    """Save what the committee prints on its certificates; images are checked by content."""
    require(by, "certificates.change_settings", unit)
    seal, signature = _png(seal, "seal"), _png(signature, "signature")
    record = CertificateSettings.objects.select_for_update().filter(unit=unit).first()
    if record is None:
        record = CertificateSettings(unit=unit, updated_by=by)
    for name in SETTINGS_FIELDS:
        if name in data:
            setattr(record, name, (data[name] or "").strip())
    missing = {
        name: [_("This field is required.")]
        for name in ("signer_title", "signer_name", "place", "symbol")
        if not getattr(record, name)
    }
    if missing:
        raise ValidationError(missing)
    if seal is not None:
        record.seal.save("seal.png", seal, save=False)
    if signature is not None:
        record.signature.save("signature.png", signature, save=False)
    record.updated_by, record.updated_at = by, timezone.now()
    record.save()
    audit_record(
        actor=by,
        action="certificates.settings_update",
        target=record,
        data={
            **{name: getattr(record, name) for name in SETTINGS_FIELDS},
            "seal": seal is not None,
            "signature": signature is not None,
        },
    )
    return record


def _allocate(unit: OrgUnit, year: int, count: int) -> int:
    """Reserve `count` consecutive numbers of the committee's year; returns the first."""
    rows = CertificateSequence.objects.filter(unit=unit, year=year)
    if not rows.update(last=F("last") + count):
        try:
            with transaction.atomic():
                CertificateSequence.objects.create(unit=unit, year=year, last=0)
        except IntegrityError:
            pass  # created meanwhile by another transaction: its row is now ours to lock
        rows.update(last=F("last") + count)
    return rows.values_list("last", flat=True).get() - count + 1


def _holders(recognition: Recognition) -> list[dict]:
    """One certificate for each author, and one for the collective that filed it."""
    initiative = recognition.initiative
    authors = list(initiative.authors.all())
    shares = [{"name": a.full_name, "share": format(a.share.normalize(), "f")} for a in authors]
    holders = [
        {
            "holder_kind": Certificate.Holder.AUTHOR,
            "holder_key": f"author:{author.pk}",
            "author": author,
            "holder_user_id": author.user_id,
            "holder_name": author.full_name,
            "holder_unit": author.unit_name,
            "share": author.share,
            "authors": shares,
        }
        for author in authors
    ]
    if initiative.is_collective and initiative.collective_name:
        holders.append(
            {
                "holder_kind": Certificate.Holder.COLLECTIVE,
                "holder_key": "collective",
                "author": None,
                "holder_user_id": initiative.created_by_id,
                "holder_name": initiative.collective_name,
                "holder_unit": initiative.unit.name,
                "share": None,
                "authors": shares,
            }
        )
    return holders


def _issue_settings(*, council: Council) -> CertificateSettings:
    """The committee's certificate settings, once they exist."""
    settings = CertificateSettings.objects.filter(unit=council.unit).first()
    if settings is None:
        raise ValidationError(
            _(
                "Set up the committee's certificates first (signer, place, seal and signature) "
                "on its certificate settings page."
            )
        )
    return settings


def _owed(council: Council) -> list[tuple[Recognition, dict]]:
    """(recognition, holder) of every certificate the council's standing recognitions owe
    and that was not issued yet, by initiative title."""
    recognitions = (
        Recognition.objects.filter(council=council, withdrawn_at__isnull=True)
        .select_related("grade", "initiative__unit")
        .prefetch_related("initiative__authors")
        .order_by("initiative__title", "initiative_id")
    )
    issued = set(
        Certificate.objects.filter(recognition__council=council).values_list(
            "recognition_id", "holder_key"
        )
    )
    return [
        (recognition, holder)
        for recognition in recognitions
        for holder in _holders(recognition)
        if (recognition.pk, holder["holder_key"]) not in issued
    ]


def _settings_signer(settings: CertificateSettings) -> issuers.Signer:
    """The signer typed on the certificate settings ("TM. BAN THƯỜNG TRỰC" over "CHỦ TỊCH", or
    the title alone), for a committee that recorded no positions."""
    lines = [line.strip() for line in settings.signer_title.splitlines() if line.strip()]
    if len(lines) > 1:
        return issuers.Signer(
            capacity=lines[0], title=" ".join(lines[1:]), name=settings.signer_name
        )
    return issuers.signer_from_title(title=settings.signer_title, name=settings.signer_name)


def _decision(
    council: Council,
    by: User,
    settings: CertificateSettings,
    number: str,
    date: datetime.date | None,
) -> RecognitionDecision:
    """The council's recognition decision: the one recorded (a number and date given must be
    its own), or recorded now from `number` and `date`."""
    decision = recognitions.recognition_of(council)
    if decision is not None and not number and date is None:
        return decision
    return recognitions.recognition_decision_record(
        council=council,
        number=number,
        date=date,
        by=by,
        fallback=_settings_signer(settings),
        permission="certificates.issue",
    )


@transaction.atomic
def certificate_issue_for_council(
    *,
    council: Council,
    by: User,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
) -> list[Certificate]:
    """Issue the certificates a sealed council owes and has not issued yet; returns the new
    ones (none when everything was issued already: running it again is harmless).

    They cite the council's recognition decision (`appraisal.recognition`), its issuer and
    its signer: the one recorded, or the one recorded now from `decision_number` and
    `decision_date`."""
    require(by, "certificates.issue", council)
    council = Council.objects.select_for_update().select_related("unit").get(pk=council.pk)
    if council.sealed_at is None:
        raise PermissionDenied
    settings = _issue_settings(council=council)
    decision = _decision(council, by, settings, (decision_number or "").strip(), decision_date)
    owed = _owed(council)
    if not owed:
        return []
    year = decision.date.year
    first = _allocate(council.unit, year, len(owed))
    now = timezone.now()
    made = Certificate.objects.bulk_create(
        [
            Certificate(
                unit=council.unit,
                year=year,
                number=first + index,
                serial=f"{first + index}/{year}/{settings.symbol}",
                council=council,
                recognition=recognition,
                initiative=recognition.initiative,
                grade_name=recognition.grade.name,
                initiative_title=recognition.initiative.title,
                issuer_name=decision.issuer_name,
                governing_name=decision.governing_name,
                decision_number=decision.full_number,
                decision_date=decision.date,
                place=settings.place,
                signer_title="\n".join(
                    line for line in (decision.signer_capacity, decision.signer_title) if line
                ),
                signer_name=decision.signer_name,
                issued_on=decision.date,
                issued_by=by,
                issued_at=now,
                **holder,
            )
            for index, (recognition, holder) in enumerate(owed)
        ]
    )
    audit_record(
        actor=by,
        action="certificates.issue",
        target=council,
        data={
            "count": len(made),
            "first": made[0].serial,
            "last": made[-1].serial,
            "decision": decision.full_number,
        },
    )
    notify(
        recipients=User.objects.filter(pk__in={c.holder_user_id for c in made}),
        message=_("A certificate of a recognised initiative was issued to you."),
        url=reverse("certificates:mine"),
    )
    return made


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by: User, reason: str) -> Certificate:
    """Revoke a certificate, with the reason the public verification page shows."""
    certificate = (
        Certificate.objects.select_for_update().select_related("unit").get(pk=certificate.pk)
    )
    require(by, "certificates.revoke", certificate)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for revoking the certificate.")]})
    certificate.revoked_at, certificate.revoked_by = timezone.now(), by
    certificate.revoked_reason = reason
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    audit_record(
        actor=by,
        action="certificates.revoke",
        target=certificate,
        from_state="valid",
        to_state="revoked",
        reason=reason,
    )
    if certificate.holder_user_id:
        notify(
            recipients=[certificate.holder_user],
            message=_("Your certificate %(serial)s was revoked: %(reason)s")
            % {"serial": certificate.serial, "reason": reason},
            url=certificate.get_absolute_url(),
        )
    return certificate
