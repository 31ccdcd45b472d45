"""The files of honours, built in the background (sangtao.jobs): the honours decision as DOCX
and PDF, and the yearly book as PDF and DOCX (with progress per initiative)."""

from django.utils.translation import gettext_lazy as _

from sangtao.jobs.registry import JobKind, register

from . import documents

DECISION_KINDS = {
    documents.DOCX: "honours.decision_docx",
    documents.PDF: "honours.decision_pdf",
}
BOOK_KINDS = {
    documents.PDF: "honours.book_pdf",
    documents.DOCX: "honours.book_docx",
}


def _decision(extension: str):
    def build(job, progress):
        return documents.decision_paper(round=job.target, extension=extension, progress=progress)

    return build


def _book(extension: str):
    def build(job, progress):
        return documents.book_file(yearbook=job.target, extension=extension, progress=progress)

    return build


LABELS = {
    DECISION_KINDS[documents.DOCX]: _("Honours decision (DOCX)"),
    DECISION_KINDS[documents.PDF]: _("Honours decision (PDF)"),
    BOOK_KINDS[documents.PDF]: _("Yearly book (PDF)"),
    BOOK_KINDS[documents.DOCX]: _("Yearly book (DOCX)"),
}

for kinds, build in ((DECISION_KINDS, _decision), (BOOK_KINDS, _book)):
    for extension, code in kinds.items():
        register(
            JobKind(
                code=code,
                label=LABELS[code],
                build=build(extension),
                permission="honours.view",
                content_type=documents.CONTENT_TYPES[extension],
            )
        )
