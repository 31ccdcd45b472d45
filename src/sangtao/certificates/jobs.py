"""A council's certificates printed in the background (sangtao.jobs): all in one PDF, or a ZIP
of one PDF per certificate. The job's page shows the progress, then the download."""

from django.utils.translation import gettext_lazy as _

from sangtao.jobs.registry import JobKind, register

from . import documents, selectors

BATCH_PDF = "certificates.council_pdf"
BATCH_ZIP = "certificates.council_zip"


def _batch(build, extension: str):
    def run(job, progress):
        council = job.target
        certificates = list(selectors.certificates_of_council(council=council))
        content = build(certificates=certificates, unit_id=council.unit_id, progress=progress)
        return content, f"giay-chung-nhan-hoi-dong-{council.pk}.{extension}"

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
