"""Who may open and post to the appraisal pages."""

from django.utils import timezone

from . import Expect, rows

# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = {
    "appraisal:list": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own="login 200 200 200 200 200 200 200 200"),
    ),
    "appraisal:create": Expect(
        get=rows(own="login 403 403 200 200 403 403 403 200"),
        post=rows(own="login 403 403 200 200 403 403 403 200"),
    ),
    "appraisal:tasks": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own="login 200 200 200 200 200 200 200 200"),
    ),
    "appraisal:sheet": Expect(
        kwargs=lambda w, side: {"sheet": w.side(side).sheet.public_id},
        get=rows(
            own="login 404 404 404 404 200 404 404 404",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 404 404 404 404 200 404 404 404",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:sheet_conflict": Expect(
        kwargs=lambda w, side: {"sheet": w.side(side).sheet.public_id},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 404 404 404 404 302 404 404 404",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:author_conflicts": Expect(
        kwargs=lambda w, side: {"initiative": w.side(side).forwarded.public_id},
        get=rows(
            own="login 200 404 404 404 404 404 404 404",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 200 404 404 404 404 404 404 404",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:council": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="login 404 404 200 200 200 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 404 404 200 200 200 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:edit": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="login 404 404 200 200 403 403 403 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 404 404 200 200 403 403 403 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:decision_file": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="login 404 404 200 200 200 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 404 404 200 200 200 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:members": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="login 404 404 200 200 200 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 404 404 200 200 403 403 403 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:people_pick": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="login 404 404 200 200 403 403 403 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
    ),
    "appraisal:assign": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 404 404 302 302 403 302 403 302",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:assign_auto": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 404 404 302 302 403 302 403 302",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:assignment_remove": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        data=lambda w, side: {"sheet": w.side(side).sheet.public_id},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 404 404 302 302 403 302 403 302",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:conflicts": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="login 404 404 200 200 403 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 404 404 200 200 403 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:ranking": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="login 404 404 200 200 403 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 404 404 200 200 403 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:agreement": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="login 404 404 403 200 403 200 403 403",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 404 404 403 200 403 200 403 403",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:seal": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="login 404 404 403 403 403 200 403 403",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 404 404 403 403 403 302 403 403",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:meeting": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        data=lambda w, side: {"meeting_date": timezone.localdate().isoformat()},
        get=rows(
            own="login 404 404 403 200 403 200 403 403",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 404 404 403 302 403 302 403 403",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:reopen": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 404 404 302 302 403 302 403 302",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:nominate": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        data=lambda w, side: {"initiatives": [w.side(side).forwarded.pk], "note": "Đề nghị"},
        get=rows(
            own="login 404 404 200 200 403 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 404 404 302 302 403 302 302 302",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:minutes_docx": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="405 405 405 405 405 405 405 405 405",
            other="405 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 404 404 302 302 403 302 302 302",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:minutes_pdf": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="405 405 405 405 405 405 405 405 405",
            other="405 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 404 404 302 302 403 302 302 302",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:decision_docx": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="405 405 405 405 405 405 405 405 405",
            other="405 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 404 404 302 302 403 302 302 302",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:decision_pdf": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="405 405 405 405 405 405 405 405 405",
            other="405 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 404 404 302 302 403 302 302 302",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:results_xlsx": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="405 405 405 405 405 405 405 405 405",
            other="405 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 404 404 302 302 403 302 302 302",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:sheets_import": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk},
        get=rows(
            own="login 404 404 403 200 403 403 403 403",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 404 404 403 200 403 403 403 403",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:member_remove": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).council.pk, "member": w.side(side).seat.pk},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 404 404 302 302 403 403 403 302",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:result": Expect(
        kwargs=lambda w, side: {
            "pk": w.side(side).council.pk,
            "initiative": w.side(side).forwarded.public_id,
        },
        get=rows(
            own="login 404 404 200 200 403 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 404 404 200 200 403 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:decide": Expect(
        kwargs=lambda w, side: {
            "pk": w.side(side).council.pk,
            "initiative": w.side(side).forwarded.public_id,
        },
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        # The member's sheet is not in and the deadline is ahead: the secretary and the chair,
        # who hold no sheet of it, read no sheets yet, and so decide nothing.
        post=rows(
            own="login 404 404 403 403 403 403 403 403",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:discuss": Expect(
        kwargs=lambda w, side: {
            "pk": w.side(side).council.pk,
            "initiative": w.side(side).forwarded.public_id,
        },
        # Officers, leaders and administrators follow the council without a seat: they read the
        # sheets and may discuss; the seated secretary and chair not before the sheets are in.
        data=lambda w, side: {"text": "Cần xem lại số liệu tiết kiệm."},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 404 404 302 403 403 403 302 302",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:conflict_record": Expect(
        kwargs=lambda w, side: {
            "pk": w.side(side).council.pk,
            "initiative": w.side(side).forwarded.public_id,
        },
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 404 404 403 302 403 403 403 403",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    # The minutes of a council below that proposed the initiative: the world's council has
    # none below it, so whoever reaches the view learns nothing (404), as for a guessed id.
    "appraisal:lower_minutes": Expect(
        kwargs=lambda w, side: {
            "pk": w.side(side).council.pk,
            "initiative": w.side(side).forwarded.public_id,
            "lower": w.side(side).council.pk,
        },
        get=rows(
            own="405 405 405 405 405 405 405 405 405",
            other="405 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 404 404 404 404 404 404 404 404",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "appraisal:attachment": Expect(
        kwargs=lambda w, side: {
            "pk": w.side(side).council.pk,
            "initiative": w.side(side).forwarded.public_id,
            "attachment": w.side(side).forwarded_attachment.pk,
        },
        get=rows(
            own="login 404 404 200 200 200 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 404 404 200 200 200 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
}
