"""Who may open report periods, read, write, send, return and accept unit reports.

Each side has a period opened by its province's movement officer, with the district and the
commune reporting (the commune's report goes to the district's, the district's to the
province's): a draft of the commune's report, written by the commune's clerk, and in a second
period the commune's report sent up, with a PDF attached. A draft is seen by its writers only
(the clerk of the commune); once sent, by the level above (the district's leader, the
province's officer and administrator over it), and the officers over the level above may
return or accept it (the clerk and the leader, who see it, are refused: 403). The period's
page shows to its managers and to whoever writes one of its reports (the clerk); the district's
leader, with nothing sent to him in it yet, finds nothing (404). An empty form re-renders (200).
Nobody sees another province's periods or reports, and a report of
another province answers as one that does not exist."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from sangtao.reports import services

from . import Expect, rows
from .world import MINIMAL_PDF

SAFE_ONLY = "login 405 405 405 405 405 405 405 405"
NOBODY = "login 404 404 404 404 404 404 404 404"
# The sent report: its writer (the commune's clerk) and the level above (the district's
# leader, the province's officer and administrator over the district).
SENT_READERS = "login 404 200 200 404 404 404 200 200"


def _period(s, title: str):
    return services.period_open(
        movement=s.movement,
        kind="six_month",
        title=title,
        starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2018, 6, 30),
        deadline=datetime.date(2018, 7, 15),
        levels=(),
        kinds=(),
        receivers=[s.province],
        units=[s.district, s.commune],
        by=s.officer,
    )


def extend(s) -> None:
    """A period with the commune's draft, and one with the commune's report sent up."""
    if hasattr(s, "report_sent"):
        return
    s.period = _period(s, "Báo cáo 6 tháng đầu năm 2018")
    s.report_draft = s.period.reports.get(unit=s.commune)
    second = _period(s, "Báo cáo sơ kết 6 tháng 2018")
    s.report_sent = second.reports.get(unit=s.commune)
    s.report_attachment = services.report_attachment_add(
        report=s.report_sent,
        upload=SimpleUploadedFile("bao-cao.pdf", MINIMAL_PDF, content_type="application/pdf"),
        by=s.clerk,
    )
    services.report_submit(report=s.report_sent, by=s.clerk)


def _side(w, side):
    """The side, with its report objects (made here, outside the requests' savepoints, when
    the world has not called `extend` yet)."""
    s = w.side(side)
    extend(s)
    return s


def _pk(name):
    return lambda w, side: {"pk": getattr(_side(w, side), name).pk}


# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = {
    "reports:periods": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own=SAFE_ONLY),
    ),
    "reports:period_create": Expect(
        get=rows(own="login 403 403 200 403 403 403 403 200"),
        post=rows(own="login 403 403 200 403 403 403 403 200"),
    ),
    "reports:period": Expect(
        kwargs=_pk("period"),
        get=rows(own="login 404 200 200 404 404 404 404 200", other=NOBODY),
        post=rows(own=SAFE_ONLY, other=SAFE_ONLY),
    ),
    # Its managers only (the province's officer and administrator); the page does not exist
    # for anyone else. The world's period is past its deadline: closing works (302).
    "reports:period_close": Expect(
        kwargs=_pk("period"),
        get=rows(own="login 404 404 200 404 404 404 404 200", other=NOBODY),
        post=rows(own="login 404 404 302 404 404 404 404 302", other=NOBODY),
    ),
    # Its managers only; the world's period is already open: nothing to resume (302 back to
    # it). A POST-only action.
    "reports:period_resume": Expect(
        kwargs=_pk("period"),
        get=rows(own=SAFE_ONLY, other=SAFE_ONLY),
        post=rows(own="login 404 404 302 404 404 404 404 302", other=NOBODY),
    ),
    "reports:report": Expect(
        kwargs=_pk("report_sent"),
        get=rows(own=SENT_READERS, other=NOBODY),
        post=rows(own=SAFE_ONLY, other=SAFE_ONLY),
    ),
    "reports:report_edit": Expect(
        kwargs=_pk("report_draft"),
        get=rows(own="login 404 200 404 404 404 404 404 404", other=NOBODY),
        post=rows(own="login 404 200 404 404 404 404 404 404", other=NOBODY),
    ),
    "reports:report_attach": Expect(
        kwargs=_pk("report_draft"),
        get=rows(own=SAFE_ONLY, other=SAFE_ONLY),
        post=rows(own="login 404 400 404 404 404 404 404 404", other=NOBODY),
    ),
    "reports:report_file": Expect(
        kwargs=lambda w, side: {"pk": _side(w, side).report_sent.pk, "extension": "docx"},
        get=rows(own=SENT_READERS, other=NOBODY),
        post=rows(own=SAFE_ONLY, other=SAFE_ONLY),
    ),
    "reports:report_action": Expect(
        kwargs=lambda w, side: {"pk": _side(w, side).report_sent.pk, "action": "accept"},
        get=rows(own=SAFE_ONLY, other=SAFE_ONLY),
        post=rows(own="login 404 403 302 404 404 404 403 302", other=NOBODY),
    ),
    "reports:attachment": Expect(
        kwargs=_pk("report_attachment"),
        get=rows(own=SENT_READERS, other=NOBODY),
        post=rows(own=SAFE_ONLY, other=SAFE_ONLY),
    ),
}
