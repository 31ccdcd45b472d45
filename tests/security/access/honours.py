"""Who may open and post to the honours pages. Each side's province holds an honours round of
2018 (opened by its officer) and a yearly book of 2018; officers and administrators of the
province run them, the staff over the province (none of the other roles here) would read them,
and nobody learns what exists in another province."""

from sangtao.honours import services

from . import Expect, rows


def extend(s):
    if hasattr(s, "honours_round"):
        return
    s.honours_round = services.honours_round_open(
        movement=s.movement, unit=s.province, year=2018, by=s.officer
    )
    s.yearbook = services.yearbook_create(
        movement=s.movement, unit=s.province, year=2018, title="Gương người Việt", by=s.officer
    )


def _side(w, side):
    """The side, with its honours objects (made here, outside the requests' savepoints, when
    the world has not called `extend` yet)."""
    s = w.side(side)
    extend(s)
    return s


def _round(w, side):
    return {"pk": _side(w, side).honours_round.pk}


def _book(w, side):
    return {"pk": _side(w, side).yearbook.pk}


NOBODY_OTHER = "login 404 404 404 404 404 404 404 404"
SAFE_ONLY = "login 405 405 405 405 405 405 405 405"
POST_ONLY = "405 405 405 405 405 405 405 405 405"
MANAGERS_ONLY = "login 403 403 200 403 403 403 403 200"
SEEN_BY_MANAGERS = "login 404 404 200 404 404 404 404 200"
STAFF_LEDGER = "login 403 200 200 403 403 403 200 200"

# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = {
    "honours:index": Expect(
        get=rows(own="login 302 200 200 302 302 302 200 200"),
        post=rows(own=SAFE_ONLY),
    ),
    "honours:round_create": Expect(
        get=rows(own=MANAGERS_ONLY),
        post=rows(own=MANAGERS_ONLY),
    ),
    "honours:round": Expect(
        kwargs=_round,
        get=rows(own=SEEN_BY_MANAGERS, other=NOBODY_OTHER),
        post=rows(own=SAFE_ONLY, other=SAFE_ONLY),
    ),
    "honours:round_confirm": Expect(
        kwargs=_round,
        get=rows(own=POST_ONLY, other=POST_ONLY),
        # An empty form is refused (400) to those who may confirm.
        post=rows(own="login 404 404 400 404 404 404 404 400", other=NOBODY_OTHER),
    ),
    "honours:round_decide": Expect(
        kwargs=_round,
        get=rows(own=POST_ONLY, other=POST_ONLY),
        post=rows(own="login 404 404 400 404 404 404 404 400", other=NOBODY_OTHER),
    ),
    # Proposing upward and taking in proposals: managers, with a message on the round's page
    # (the world's round is open: proposing is refused with a message, taking in adds none).
    "honours:round_propose": Expect(
        kwargs=_round,
        get=rows(own=POST_ONLY, other=POST_ONLY),
        post=rows(own="login 404 404 302 404 404 404 404 302", other=NOBODY_OTHER),
    ),
    "honours:round_take": Expect(
        kwargs=_round,
        get=rows(own=POST_ONLY, other=POST_ONLY),
        post=rows(own="login 404 404 302 404 404 404 404 302", other=NOBODY_OTHER),
    ),
    # Adding a candidate by hand: an empty form is refused (400) to those who may manage.
    "honours:round_candidate_add": Expect(
        kwargs=_round,
        get=rows(own=POST_ONLY, other=POST_ONLY),
        post=rows(own="login 404 404 400 404 404 404 404 400", other=NOBODY_OTHER),
    ),
    # Removing a hand-added candidate: a missing one is said on the round's page (302).
    "honours:round_candidate_remove": Expect(
        kwargs=_round,
        get=rows(own=POST_ONLY, other=POST_ONLY),
        post=rows(own="login 404 404 302 404 404 404 404 302", other=NOBODY_OTHER),
    ),
    # Its unit picker (htmx): units of the round's subtree, to those who may manage it.
    "honours:round_unit_pick": Expect(
        kwargs=_round,
        get=rows(own=SEEN_BY_MANAGERS, other=NOBODY_OTHER),
        post=rows(own=SAFE_ONLY, other=SAFE_ONLY),
    ),
    "honours:round_file": Expect(
        kwargs=lambda w, side: _round(w, side) | {"extension": "pdf"},
        get=rows(own=POST_ONLY, other=POST_ONLY),
        post=rows(own="login 404 404 302 404 404 404 404 302", other=NOBODY_OTHER),
    ),
    "honours:register": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own=SAFE_ONLY),
    ),
    "honours:book_create": Expect(
        get=rows(own=MANAGERS_ONLY),
        post=rows(own=MANAGERS_ONLY),
    ),
    "honours:book": Expect(
        kwargs=_book,
        get=rows(own=SEEN_BY_MANAGERS, other=NOBODY_OTHER),
        # An empty title is refused (400).
        post=rows(own="login 404 404 400 404 404 404 404 400", other=NOBODY_OTHER),
    ),
    "honours:book_pick": Expect(
        kwargs=_book,
        get=rows(own=POST_ONLY, other=POST_ONLY),
        post=rows(own="login 404 404 302 404 404 404 404 302", other=NOBODY_OTHER),
    ),
    "honours:book_file": Expect(
        kwargs=lambda w, side: _book(w, side) | {"extension": "pdf"},
        get=rows(own=POST_ONLY, other=POST_ONLY),
        post=rows(own="login 404 404 302 404 404 404 404 302", other=NOBODY_OTHER),
    ),
    "honours:ledger": Expect(
        get=rows(own=STAFF_LEDGER),
        post=rows(own=SAFE_ONLY),
    ),
    "honours:payment_create": Expect(
        get=rows(own=POST_ONLY),
        # An empty payment is refused (400) to those who manage the province.
        post=rows(own="login 403 403 400 403 403 403 403 400"),
    ),
    "honours:ledger_xlsx": Expect(
        get=rows(own=STAFF_LEDGER),
        post=rows(own=SAFE_ONLY),
    ),
}
