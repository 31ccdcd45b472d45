"""Certificates as PDF: A4 landscape, in Vietnamese, with the committee's seal and signature and
a QR code of the public verification link.

The page extends core/documents/base.html (the embedded Liberation Serif of formats/fonts). The
renderer here reads nothing but those fonts and the images written into the page as data: URIs
(the seal, the signature and the QR code): no other file, no network. Every certificate fills
exactly one page (its frame has a fixed height and hides what would overflow), so a batch of N
certificates is N pages and can be cut into N single files.

WeasyPrint, pypdf and segno are imported inside the functions that use them.
"""

import base64
import io
import zipfile
from collections.abc import Iterable, Sequence

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sangtao.formats import documents as layout
from sangtao.jobs.registry import Progress, no_progress

from .models import Certificate, CertificateSettings

PDF = "application/pdf"
ZIP = "application/zip"
CHUNK = 10  # certificates drawn at a time in a batch (one progress step each)
# The stamp's geometry, in millimetres from the middle of the signature column: the signature
# spans SIGNATURE_WIDTH centred; the round seal of SEAL_SIZE covers its left third, as a
# stamped paper does (PAPERS.md).
SIGNATURE_WIDTH, SIGNATURE_HEIGHT, SEAL_SIZE = 40, 22, 28
SEAL_LEFT = -SIGNATURE_WIDTH / 2 + SIGNATURE_WIDTH / 3 - SEAL_SIZE
DRAWING = gettext_noop("Drawing the certificates: %(drawn)s of %(count)s")


def qr_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG data URI (sharp at any print size)."""
    import segno

    return segno.make(url, error="m").svg_data_uri(scale=4, border=1)


def _image_uri(field) -> str:
    if not field:
        return ""
    with field.open("rb") as handle:
        return "data:image/png;base64," + base64.b64encode(handle.read()).decode("ascii")


def _images(unit_ids) -> dict[int, dict[str, str]]:
    """{committee id: its seal and signature as data URIs ("" when it has none)}."""
    found = {
        record.unit_id: {"seal": _image_uri(record.seal), "signature": _image_uri(record.signature)}
        for record in CertificateSettings.objects.filter(unit_id__in=set(unit_ids))
    }
    return {unit_id: found.get(unit_id, {"seal": "", "signature": ""}) for unit_id in unit_ids}


def _share(value) -> str:
    text = format(value.normalize(), "f") if value is not None else ""
    return text.replace(".", ",")


def _sheet(certificate: Certificate, images: dict[str, str]) -> dict:
    """What one page prints, worded in Vietnamese."""
    if certificate.holder_kind == Certificate.Holder.COLLECTIVE:
        role = _("Collective author of the initiative")
    elif len(certificate.authors) > 1:
        role = _("Co-author (contribution %(share)s%%) of the initiative") % {
            "share": _share(certificate.share)
        }
    else:
        role = _("Author of the initiative")
    authors = ", ".join(
        f"{author['name']} ({author['share'].replace('.', ',')}%)" for author in certificate.authors
    )
    return {
        "certificate": certificate,
        "governing_lines": layout.issuer_lines(certificate.governing_name)
        if certificate.governing_name
        else [],
        "issuer_lines": layout.issuer_lines(certificate.issuer_name),
        "issuer": certificate.issuer_in_full,
        "serial_line": _("No.: %(serial)s") % {"serial": certificate.serial},
        "role": role,
        "authors": authors if len(certificate.authors) > 1 else "",
        "decision": _("Recognised by Decision No. %(number)s of %(date)s.")
        % {
            "number": certificate.decision_number,
            "date": certificate.decision_date.strftime("%d/%m/%Y"),
        },
        "place_date": _("%(place)s, %(date)s")
        % {"place": certificate.place, "date": layout.date_words(certificate.issued_on)},
        "qr": qr_data_uri(certificate.verify_url),
        "images": images,
    }


def _html(certificates: Sequence[Certificate], images: dict[int, dict[str, str]]) -> str:
    """The pages of `certificates`, each with its committee's seal and signature (`images`)."""
    with translation.override(layout.LANGUAGE):
        sheets = [_sheet(c, images[c.unit_id]) for c in certificates]
        return render_to_string(
            "certificates/documents/certificates.html",
            {
                "sheets": sheets,
                "motto": layout.motto(),
                "lang": layout.LANGUAGE,
                "stamp": {
                    "signature_width": SIGNATURE_WIDTH,
                    "signature_height": SIGNATURE_HEIGHT,
                    "signature_left": -SIGNATURE_WIDTH / 2,
                    "seal_size": SEAL_SIZE,
                    "seal_left": SEAL_LEFT,
                },
            },
        )


def _render(html: str) -> bytes:
    """HTML to PDF with WeasyPrint, reading only the shipped fonts and data: images."""
    import weasyprint

    def images(url, fetch):
        return fetch() if url.startswith("data:image/") else None

    fetcher = layout.fonts_fetcher(others=images, protocols=("file", "data"), reader="Certificates")
    page = weasyprint.HTML(
        string=html, base_url=layout.FONT_DIR.as_uri() + "/", url_fetcher=fetcher
    )
    return page.write_pdf()


def certificate_pdf(*, certificate: Certificate) -> bytes:
    """One certificate, one page."""
    return _render(_html([certificate], _images([certificate.unit_id])))


def file_name(certificate: Certificate) -> str:
    serial = certificate.serial.replace("/", "-")
    return f"giay-chung-nhan-{serial}-{slugify(certificate.holder_name)[:40]}.pdf"


def _chunks(certificates: Sequence[Certificate], progress: Progress) -> Iterable[bytes]:
    images = _images({certificate.unit_id for certificate in certificates})
    total = len(certificates)
    progress(0, total, DRAWING, drawn=0, count=total)
    for start in range(0, total, CHUNK):
        chunk = certificates[start : start + CHUNK]
        yield _render(_html(chunk, images))
        done = start + len(chunk)
        progress(done, total, DRAWING, drawn=done, count=total)


def batch_pdf(*, certificates: Sequence[Certificate], progress: Progress = no_progress) -> bytes:
    """All the certificates in one PDF, one page each, drawn CHUNK at a time."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in _chunks(certificates, progress):
        writer.append(io.BytesIO(part))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def batch_zip(*, certificates: Sequence[Certificate], progress: Progress = no_progress) -> bytes:
    """A ZIP of one PDF per certificate (the pages of each drawn chunk, cut apart)."""
    from pypdf import PdfReader, PdfWriter

    out = io.BytesIO()
    chunks = _chunks(certificates, progress)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for start, part in zip(range(0, len(certificates), CHUNK), chunks, strict=True):
            reader = PdfReader(io.BytesIO(part))
            for offset, page in enumerate(reader.pages):
                single = PdfWriter()
                single.add_page(page)
                buffer = io.BytesIO()
                single.write(buffer)
                archive.writestr(file_name(certificates[start + offset]), buffer.getvalue())
    return out.getvalue()
