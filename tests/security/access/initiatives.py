"""Who may open and post to the initiatives pages."""

from . import Expect, rows

# Columns: anonymous author clerk officer secretary member chair leader admin
STAFF = "login 403 200 200 403 403 403 200 200"
SIGNED_405 = "login 405 405 405 405 405 405 405 405"


def _unit_filter(w, side):
    return {"filter": "unit"}


EXPECTATIONS = {
    # The novelty check (views_novelty.py): a panel for whoever files, or may see or score the
    # dossier; links recorded by the chair or secretary of the appraising unit's council.
    "initiatives:novelty": Expect(
        get=rows(own="login 200 200 200 403 403 403 403 200"),
        post=rows(own="login 405 405 405 405 405 405 405 405"),
    ),
    "initiatives:similar": Expect(
        kwargs=lambda w, side: {"public_id": w.side(side).forwarded.public_id},
        get=rows(
            own="login 200 200 200 200 200 200 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
    ),
    "initiatives:link": Expect(
        kwargs=lambda w, side: {"public_id": w.side(side).forwarded.public_id},
        data=lambda w, side: {"other": str(w.side(side).forwarded.public_id), "kind": "builds_on"},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 403 403 403 302 403 302 403 403",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    # Any member of its council finds that a flagged pair is not the same initiative.
    "initiatives:not_duplicate": Expect(
        kwargs=lambda w, side: {"public_id": w.side(side).forwarded.public_id},
        data=lambda w, side: {"other": str(w.side(side).forwarded.public_id)},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 403 403 403 302 302 302 403 403",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "initiatives:mine": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own="login 200 200 200 200 200 200 200 200"),
    ),
    "initiatives:create": Expect(
        get=rows(own="login 200 200 200 403 403 403 403 200"),
        post=rows(own="login 200 200 200 403 403 403 403 200"),
    ),
    # The officers' lists (initiatives/registers.py): staff open them; GET only.
    "initiatives:queue": Expect(get=rows(own=STAFF), post=rows(own=SIGNED_405)),
    "initiatives:all": Expect(get=rows(own=STAFF), post=rows(own=SIGNED_405)),
    "initiatives:waiting_export": Expect(
        get=rows(own=SIGNED_405), post=rows(own=STAFF.replace("200", "302"))
    ),
    "initiatives:dossier_export": Expect(
        get=rows(own=SIGNED_405), post=rows(own=STAFF.replace("200", "302"))
    ),
    "initiatives:waiting_pick": Expect(
        kwargs=_unit_filter,
        get=rows(own=STAFF, other=STAFF),
        post=rows(own=SIGNED_405, other=SIGNED_405),
    ),
    "initiatives:dossier_pick": Expect(
        kwargs=_unit_filter,
        get=rows(own=STAFF, other=STAFF),
        post=rows(own=SIGNED_405, other=SIGNED_405),
    ),
    "initiatives:detail": Expect(
        kwargs=lambda w, side: {"public_id": w.side(side).forwarded.public_id},
        get=rows(
            own="login 200 200 200 200 200 404 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 200 200 200 200 200 404 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "initiatives:attachment_download": Expect(
        kwargs=lambda w, side: {
            "public_id": w.side(side).forwarded.public_id,
            "pk": w.side(side).forwarded_attachment.pk,
        },
        get=rows(
            own="login 200 200 200 200 200 404 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 200 200 200 200 200 404 200 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "initiatives:edit": Expect(
        kwargs=lambda w, side: {"public_id": w.side(side).draft.public_id},
        get=rows(
            own="login 200 404 404 404 404 404 404 404",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 200 404 404 404 404 404 404 404",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "initiatives:attachment_upload": Expect(
        kwargs=lambda w, side: {"public_id": w.side(side).draft.public_id},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 302 404 404 404 404 404 404 404",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "initiatives:attachment_delete": Expect(
        kwargs=lambda w, side: {
            "public_id": w.side(side).draft.public_id,
            "pk": w.side(side).draft_attachment.pk,
        },
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 302 404 404 404 404 404 404 404",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    # The forward confirmation: only for a submitted dossier; the world's is already forwarded
    # (the chair reads it through the council's pages, not this one).
    "initiatives:forward": Expect(
        kwargs=lambda w, side: {"public_id": w.side(side).forwarded.public_id},
        get=rows(
            own="login 403 403 403 403 403 404 403 403",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 403 403 403 403 403 404 403 403",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    # The summary confirmed before submitting: the filer's, while the dossier may be submitted.
    "initiatives:submit_confirm": Expect(
        kwargs=lambda w, side: {"public_id": w.side(side).draft.public_id},
        get=rows(
            own="login 200 404 404 404 404 404 404 404",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
    ),
    "initiatives:transition": Expect(
        kwargs=lambda w, side: {"public_id": w.side(side).draft.public_id, "transition": "submit"},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 302 404 404 404 404 404 404 404",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    # One person, many author rows: anyone signed in looks for the rows naming them (a POST
    # without a row is refused with a message); the filer and the clerks, officers and
    # administrators over the dossier's unit answer the requests.
    "initiatives:author_rows": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own="login 302 302 302 302 302 302 302 302"),
    ),
    "initiatives:author_claims": Expect(
        kwargs=lambda w, side: {"public_id": w.side(side).forwarded.public_id},
        get=rows(
            own="login 200 200 200 403 403 404 403 200",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 302 302 302 403 403 404 403 302",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
}
