"""Opening a large report period in the background (sangtao.jobs): above
`services.opening_limit()` units, `services.period_open` saves the period "being opened" and
asks for this job, which makes and pre-fills its reports a batch at a time
(`services.period_opening_run`), its progress on the job's page and the period's. Its file is
the record of what it made (a short text). An interrupted job is asked for again from the
period's page and completes what is missing."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sangtao.jobs.registry import JobKind, register

from . import services
from .models import ReportPeriod

OPEN_KIND = "reports.period_open"


def _open(job, progress) -> tuple[bytes, str]:
    period = services.period_opening_run(
        period=ReportPeriod.objects.get(pk=job.target_id), progress=progress
    )
    text = _("Report period “%(title)s”: %(reports)s reports made and pre-filled.") % {
        "title": period.title,
        "reports": period.reports.count(),
    }
    return (text + "\n").encode("utf-8"), f"mo-ky-bao-cao-{period.pk}.txt"


register(
    JobKind(
        code=OPEN_KIND,
        label=gettext_lazy("Opening a report period"),
        build=_open,
        permission="reports.manage_reportperiod",
        content_type="text/plain; charset=utf-8",
        writes=True,
    )
)
