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
from .models import CouncilMember


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
LOWER_MINUTES_KIND = "appraisal.lower_minutes_pdf"


def _lower_minutes(job, progress):
    """A sealed council's minutes for a council above it: its record, as its secretary (or
    chair) prints it; sealed papers are the same for everyone who may read them."""
    council = job.target
    keeper = next(
        (
            m.user
            for role in (CouncilMember.Role.SECRETARY, CouncilMember.Role.CHAIR)
            for m in council.members.select_related("user")
            if m.role == role
        ),
        job.requested_by,
    )
    return documents.council_paper(
        council=council,
        user=keeper,
        name=documents.MINUTES,
        extension=documents.PDF,
        progress=progress,
    )


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
register(
    JobKind(
        code=LOWER_MINUTES_KIND,
        label=_("Minutes of the lower council (PDF)"),
        build=_lower_minutes,
        permission="appraisal.view_lower_minutes",
        content_type=documents.CONTENT_TYPES[documents.PDF],
        personal=True,
    )
)
