"""Who may open and post to the budget registers (budget lines, contributions) and the summary.

Each side holds the commune's budget line and a contribution the commune received. A unit's
clerk, officer and administrator keep the records of their subtree, its leaders read them, and
nobody else sees them (404, as for a row that does not exist): the administrator of another
province included. The summary is for the staff of a subtree (the first unit they follow)."""

import datetime

from sangtao.budget import services

from . import Expect, rows


def extend(s) -> None:
    s.budget_line = services.budget_line_create(
        by=s.officer,
        unit=s.commune,
        year=2026,
        kind="conferences",
        source="state_budget",
        activity="Hội nghị sơ kết phong trào",
        estimated_vnd=15_000_000,
    )
    s.contribution = services.contribution_create(
        by=s.officer,
        unit=s.commune,
        giver="Hợp tác xã Nông nghiệp",
        amount_vnd=3_000_000,
        received_on=datetime.date(2026, 3, 1),
    )


def _side(w, side):
    s = w.side(side)
    if not hasattr(s, "budget_line"):
        extend(s)
    return s


# Columns: anonymous author clerk officer secretary member chair leader admin
LIST = "login 403 200 200 403 403 403 200 200"
ADD = "login 403 200 200 403 403 403 403 200"
NO_POST = "login 405 405 405 405 405 405 405 405"
HIDDEN = "login 404 404 404 404 404 404 404 404"
SEE = "login 404 200 200 404 404 404 200 200"
EDIT = "login 404 200 200 404 404 404 403 200"
DELETED = "login 404 302 302 404 404 404 403 302"


def _registers() -> dict:
    expectations = {}
    for plural, name, attr in (
        ("lines", "line", "budget_line"),
        ("contributions", "contribution", "contribution"),
    ):
        item = lambda w, side, attr=attr: {"item": getattr(_side(w, side), attr).pk}  # noqa: E731
        expectations |= {
            f"budget:{plural}": Expect(get=rows(own=LIST), post=rows(own=NO_POST)),
            f"budget:{name}_create": Expect(get=rows(own=ADD), post=rows(own=ADD)),
            f"budget:{name}_detail": Expect(
                kwargs=item,
                get=rows(own=SEE, other=HIDDEN),
                post=rows(own=NO_POST, other=NO_POST),
            ),
            f"budget:{name}_edit": Expect(
                kwargs=item, get=rows(own=EDIT, other=HIDDEN), post=rows(own=EDIT, other=HIDDEN)
            ),
            f"budget:{name}_delete": Expect(
                kwargs=item,
                get=rows(own=EDIT, other=HIDDEN),
                post=rows(own=DELETED, other=HIDDEN),
            ),
        }
    return expectations


EXPECTATIONS = _registers() | {
    "budget:summary": Expect(get=rows(own=LIST), post=rows(own=NO_POST)),
}

# A register's export asked for in the background (sangtao.registers): whoever sees the list.
EXPECTATIONS |= {
    f"budget:{name}_export": Expect(
        get=rows(own=NO_POST), post=rows(own=LIST.replace("200", "302"))
    )
    for name in ("line", "contribution")
}
