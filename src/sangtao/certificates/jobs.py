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


def _council_rows(job):
    council = job.target
    return selectors.certificates_of_council(council=council), f"hoi-dong-{council.pk}"


def _round_rows(job):
    round_ = job.target
    rows = selectors.certificates_of_round(round=round_, user=job.requested_by)
    return rows, f"{round_.year}-dot-{round_.pk}"


def _builder(rows_of, build, extension: str):
    def run(job, progress):
        rows, name = rows_of(job)
        content = build(certificates=list(rows), progress=progress)
        return content, f"giay-chung-nhan-{name}.{extension}"

    return run


# code: (label, which certificates, per round (personal), file extension)
KINDS = {
    BATCH_PDF: (_("The council's certificates (one PDF)"), _council_rows, False, "pdf"),
    BATCH_ZIP: (_("The council's certificates (ZIP of PDF files)"), _council_rows, False, "zip"),
    ROUND_PDF: (_("The round's certificates (one PDF)"), _round_rows, True, "pdf"),
    ROUND_ZIP: (_("The round's certificates (ZIP of PDF files)"), _round_rows, True, "zip"),
}
BUILDS = {"pdf": (documents.batch_pdf, documents.PDF), "zip": (documents.batch_zip, documents.ZIP)}

for code, (label, rows_of, per_round, extension) in KINDS.items():
    build, content_type = BUILDS[extension]
    register(
        JobKind(
            code=code,
            label=label,
            build=_builder(rows_of, build, extension),
            permission="certificates.export_round" if per_round else "certificates.export",
            content_type=content_type,
            # A round's file holds the certificates of the asker's subtrees: theirs alone.
            personal=per_round,
        )
    )
