"""Who may open and post to the certificate pages (the world's certificate belongs to the
commune of each side and is held by its author; its council is not sealed, so issuing and
printing are refused to everyone who sees the council)."""

from . import Expect, rows


def _certificate(w, side):
    return {"pk": w.side(side).certificate.pk}


def _council(w, side):
    return {"pk": w.side(side).council.pk}


def _commune(w, side):
    return {"unit_pk": w.side(side).commune.pk}


NOBODY_OTHER = "login 404 404 404 404 404 404 404 404"
SAFE_ONLY = "login 405 405 405 405 405 405 405 405"
POST_ONLY = "405 405 405 405 405 405 405 405 405"

# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = {
    "certificates:mine": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own=SAFE_ONLY),
    ),
    "certificates:registry": Expect(
        get=rows(own="login 403 403 200 403 403 403 200 200"),
        post=rows(own=SAFE_ONLY),
    ),
    "certificates:detail": Expect(
        kwargs=_certificate,
        get=rows(own="login 200 404 200 404 404 404 200 200", other=NOBODY_OTHER),
        post=rows(own=SAFE_ONLY, other=SAFE_ONLY),
    ),
    "certificates:download": Expect(
        kwargs=_certificate,
        get=rows(own="login 200 404 200 404 404 404 200 200", other=NOBODY_OTHER),
        post=rows(own=SAFE_ONLY, other=SAFE_ONLY),
    ),
    "certificates:revoke": Expect(
        kwargs=_certificate,
        get=rows(own=POST_ONLY, other=POST_ONLY),
        # Officers and administrators over the commune: an empty reason is refused (400).
        post=rows(own="login 403 404 400 404 404 404 403 400", other=NOBODY_OTHER),
    ),
    "certificates:settings": Expect(
        kwargs=_commune,
        get=rows(own="login 404 404 200 404 404 404 404 200", other=NOBODY_OTHER),
        post=rows(own="login 404 404 200 404 404 404 404 200", other=NOBODY_OTHER),
    ),
    "certificates:council_issue": Expect(
        kwargs=_council,
        get=rows(own=POST_ONLY, other=POST_ONLY),
        post=rows(own="login 404 404 403 403 403 403 403 403", other=NOBODY_OTHER),
    ),
    "certificates:council_batch": Expect(
        kwargs=lambda w, side: _council(w, side) | {"extension": "pdf"},
        get=rows(own=POST_ONLY, other=POST_ONLY),
        post=rows(own="login 404 404 403 403 403 403 403 403", other=NOBODY_OTHER),
    ),
    # The round is posted; the file holds the certificates of the asker's own subtrees, and a
    # round with none of them there is 404 (the other side's round, as a missing one).
    "certificates:round_batch": Expect(
        kwargs=lambda w, side: {"extension": "pdf"},
        data=lambda w, side: {"round": w.side(side).round.pk},
        get=rows(own=POST_ONLY, other=POST_ONLY),
        post=rows(own="login 404 404 302 404 404 404 404 302", other=NOBODY_OTHER),
    ),
    "certificates:verify_form": Expect(
        get=rows(own="200 200 200 200 200 200 200 200 200"),
        post=rows(own="200 200 200 200 200 200 200 200 200"),
    ),
    "certificates:verify": Expect(
        kwargs=lambda w, side: {"token": w.side(side).certificate.token},
        missing=lambda w: {"token": "khong-co-giay-nao-abcdef"},
        get=rows(
            own="200 200 200 200 200 200 200 200 200",
            other="200 200 200 200 200 200 200 200 200",
        ),
        post=rows(
            own="405 405 405 405 405 405 405 405 405",
            other="405 405 405 405 405 405 405 405 405",
        ),
        exists_leak="the token is the proof: whoever holds it may read the certificate",
    ),
}
