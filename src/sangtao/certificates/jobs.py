"""Certificates printed in the background (sangtao.jobs): a council's, or a round's (those of
the committees in the requester's subtrees, so the file is theirs alone), all in one PDF or as a
ZIP of one PDF per certificate. The job's page shows the progress, then the download."""

from django.utils.translation import gettext_lazy as _

from sangtao.jobs.registry import JobKind, register

from . import documents, selectors

BATCH_PDF = "certificates.council_pdf"
BATCH_ZIP = "certificates.council_zip"
ROUND_PDF = "certificates.round_pdf"
ROUND_ZIP = "certificates.round_zip"


def _batch(build, extension: str):
    def run(job, progress):
        council = job.target
        certificates = list(selectors.certificates_of_council(council=council))
        content = build(certificates=certificates, progress=progress)
        return content, f"giay-chung-nhan-hoi-dong-{council.pk}.{extension}"

    return run


def _round_batch(build, extension: str):
    def run(job, progress):
        round_ = job.target
        rows = selectors.certificates_of_round(round=round_, user=job.requested_by)
        content = build(certificates=list(rows), progress=progress)
        return content, f"giay-chung-nhan-{round_.year}-dot-{round_.pk}.{extension}"

    return run


register(
    JobKind(
        code=BATCH_PDF,
        label=_("The council's certificates (one PDF)"),
        build=_batch(documents.batch_pdf, "pdf"),
        permission="certificates.export",
        content_type=documents.PDF,
    )
)
register(
    JobKind(
        code=BATCH_ZIP,
        label=_("The council's certificates (ZIP of PDF files)"),
        build=_batch(documents.batch_zip, "zip"),
        permission="certificates.export",
        content_type=documents.ZIP,
    )
)
register(
    JobKind(
        code=ROUND_PDF,
        label=_("The round's certificates (one PDF)"),
        build=_round_batch(documents.batch_pdf, "pdf"),
        permission="certificates.export_round",
        content_type=documents.PDF,
        personal=True,
    )
)
register(
    JobKind(
        code=ROUND_ZIP,
        label=_("The round's certificates (ZIP of PDF files)"),
        build=_round_batch(documents.batch_zip, "zip"),
        permission="certificates.export_round",
        content_type=documents.ZIP,
        personal=True,
    )
)
