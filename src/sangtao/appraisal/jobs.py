"""The council's files, built in the background (sangtao.jobs): the minutes and the
recognition decision as DOCX and PDF, and the results workbook.

Each is built for the person who asked, so only they download it: the workbook (a conflicted
member's copy hides the members' scores of that initiative) and the papers (figures only of the
initiatives whose sheets they may read; before sealing, no authors or units to who appraises
blind, conflict reasons only to the chair, the secretary and who declared them).
"""

from django.utils.translation import gettext_lazy as _

from sangtao.jobs.registry import JobKind, register

from . import documents, spreadsheets


def _paper(name: str, extension: str):
    def build(job, progress):
        return documents.council_paper(
            council=job.target,
            user=job.requested_by,
            name=name,
            extension=extension,
            progress=progress,
        )

    return build


def _results(job, progress):
    return spreadsheets.results_workbook(
        council=job.target, user=job.requested_by, progress=progress
    )


PAPERS = {
    (documents.MINUTES, documents.DOCX): _("Council minutes (DOCX)"),
    (documents.MINUTES, documents.PDF): _("Council minutes (PDF)"),
    (documents.DECISION, documents.DOCX): _("Recognition decision (DOCX)"),
    (documents.DECISION, documents.PDF): _("Recognition decision (PDF)"),
}


def paper_kind(name: str, extension: str) -> str:
    return f"appraisal.{name}_{extension}"


RESULTS_KIND = "appraisal.results_xlsx"

for (name, extension), label in PAPERS.items():
    register(
        JobKind(
            code=paper_kind(name, extension),
            label=label,
            build=_paper(name, extension),
            permission="appraisal.export",
            content_type=documents.CONTENT_TYPES[extension],
            personal=True,
        )
    )
register(
    JobKind(
        code=RESULTS_KIND,
        label=_("Results workbook (XLSX)"),
        build=_results,
        permission="appraisal.export",
        content_type=spreadsheets.CONTENT_TYPE,
        personal=True,
    )
)
