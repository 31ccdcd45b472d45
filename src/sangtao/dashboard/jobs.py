"""The lists a Front office asks for, built in the background (sangtao.jobs) as XLSX: the year's
recognised initiatives, nominations and honours of a unit's subtree. The job's target is the
unit; whoever may see that unit's dashboard (`dashboard.view_unit`) may ask for and download
them, and the file is the same for all of them."""

from django.utils.translation import gettext_lazy as _

from sangtao.jobs.registry import JobKind, register

from . import spreadsheets

BUILDERS = {
    "dashboard.recognised_xlsx": (
        _("Recognised initiatives of the year (XLSX)"),
        spreadsheets.recognised_workbook,
    ),
    "dashboard.nominations_xlsx": (
        _("Nominations sent up in the year (XLSX)"),
        spreadsheets.nominations_workbook,
    ),
    "dashboard.honours_xlsx": (
        _("Honours given in the year (XLSX)"),
        spreadsheets.honours_workbook,
    ),
}
# The short names the page posts.
KINDS = {
    "recognised": "dashboard.recognised_xlsx",
    "nominations": "dashboard.nominations_xlsx",
    "honours": "dashboard.honours_xlsx",
}


def _builder(workbook):
    def build(job, progress):
        return workbook(unit=job.target, year=int(job.params["year"]), progress=progress)

    return build


for code, (label, workbook) in BUILDERS.items():
    register(
        JobKind(
            code=code,
            label=label,
            build=_builder(workbook),
            permission="dashboard.view_unit",
            content_type=spreadsheets.CONTENT_TYPE,
        )
    )
