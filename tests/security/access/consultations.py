"""Who may open and post to the consultations' pages.

Each side holds its province committee's draft, put to the units of its subtree, open today,
with one section and one comment of the commune (its clerk). The province's officer and
administrator keep the draft and answer; staff of the units below (the commune's clerk, the
district's leader) see it and comment for their unit; nobody else sees it (404)."""

import datetime

from django.utils import timezone

from sangtao.consultations import services

from . import Expect, rows


def extend(s) -> None:
    today = timezone.localdate()
    s.consultation = services.consultation_create(
        by=s.officer,
        unit=s.province,
        title="Dự thảo tiêu chí năm 2027",
        kind="criteria",
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=30),
    )
    s.section = services.section_add(
        consultation=s.consultation, heading="Tiêu chí tập thể", text="Nội dung.", by=s.officer
    )
    s.comment = services.comment_add(
        section=s.section, text="Đề nghị bổ sung.", unit=s.commune, by=s.clerk
    )


def _side(w, side):
    s = w.side(side)
    if not hasattr(s, "consultation"):
        extend(s)
    return s


def _pk(w, side):
    return {"pk": _side(w, side).consultation.pk}


def _item(w, side):
    return {"item": _side(w, side).consultation.pk}


def _section(w, side):
    s = _side(w, side)
    return {"pk": s.consultation.pk, "section": s.section.pk}


def _comment(w, side):
    s = _side(w, side)
    return {"pk": s.consultation.pk, "comment": s.comment.pk}


# Columns: anonymous author clerk officer secretary member chair leader admin
HIDDEN = "login 404 404 404 404 404 404 404 404"
NO_POST = "login 405 405 405 405 405 405 405 405"
SEE = "login 404 200 200 404 404 404 200 200"
KEEP = "login 404 403 200 404 404 404 403 200"
KEEP_POSTED = "login 404 403 302 404 404 404 403 302"
KEEP_FORM = "login 404 403 400 404 404 404 403 400"

EXPECTATIONS = {
    "consultations:consultations": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"), post=rows(own=NO_POST)
    ),
    "consultations:consultation_create": Expect(
        get=rows(own="login 403 200 200 403 403 403 403 200"),
        post=rows(own="login 403 200 200 403 403 403 403 200"),
    ),
    "consultations:consultation_detail": Expect(
        kwargs=_item, get=rows(own=SEE, other=HIDDEN), post=rows(own=NO_POST, other=NO_POST)
    ),
    "consultations:consultation_edit": Expect(
        kwargs=_item, get=rows(own=KEEP, other=HIDDEN), post=rows(own=KEEP, other=HIDDEN)
    ),
    "consultations:consultation_delete": Expect(
        kwargs=_item, get=rows(own=KEEP, other=HIDDEN), post=rows(own=KEEP_POSTED, other=HIDDEN)
    ),
    "consultations:sections": Expect(
        kwargs=_pk, get=rows(own=KEEP, other=HIDDEN), post=rows(own=KEEP_FORM, other=HIDDEN)
    ),
    "consultations:section_edit": Expect(
        kwargs=_section, get=rows(own=KEEP, other=HIDDEN), post=rows(own=KEEP_FORM, other=HIDDEN)
    ),
    "consultations:section_delete": Expect(
        kwargs=_section,
        get=rows(own=NO_POST, other=NO_POST),
        post=rows(own=KEEP_POSTED, other=HIDDEN),
    ),
    "consultations:section_move": Expect(
        kwargs=_section,
        get=rows(own=NO_POST, other=NO_POST),
        post=rows(own=KEEP_POSTED, other=HIDDEN),
    ),
    "consultations:comment_add": Expect(
        kwargs=_section,
        get=rows(own=NO_POST, other=NO_POST),
        post=rows(own="login 404 400 403 404 404 404 400 403", other=HIDDEN),
    ),
    "consultations:comment_respond": Expect(
        kwargs=_comment, get=rows(own=KEEP, other=HIDDEN), post=rows(own=KEEP_FORM, other=HIDDEN)
    ),
    "consultations:publish": Expect(
        kwargs=_pk, get=rows(own=NO_POST, other=NO_POST), post=rows(own=KEEP_POSTED, other=HIDDEN)
    ),
    "consultations:download": Expect(
        kwargs=_pk, get=rows(own=KEEP, other=HIDDEN), post=rows(own=NO_POST, other=NO_POST)
    ),
}

# The register's export asked for in the background (sangtao.registers): whoever sees the list.
EXPECTATIONS["consultations:consultation_export"] = Expect(
    get=rows(own=NO_POST), post=rows(own="login 302 302 302 302 302 302 302 302")
)
