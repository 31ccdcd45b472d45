"""Who may open the dashboard, download its figures and ask for the Front office's lists.

The staff roles (clerk, officer, leader, administrator) see the figures of their own subtree;
the others are refused in Vietnamese. A list is prepared only for a unit of one's subtree: the
province's lists for its officer and administrator; the clerk of a commune and the leader of a
district are refused the province's, and everybody is refused another province's."""

from . import Expect, rows

SAFE_ONLY = "login 405 405 405 405 405 405 405 405"
STAFF = "login 403 200 200 403 403 403 200 200"


def _list(w, side):
    return {"unit": w.side(side).province.pk, "year": 2018}


# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = {
    "dashboard:index": Expect(get=rows(own=STAFF), post=rows(own=SAFE_ONLY)),
    "dashboard:xlsx": Expect(
        kwargs=lambda w, side: {"chart": "all"},
        get=rows(own=STAFF, other=STAFF),
        post=rows(own=SAFE_ONLY, other=SAFE_ONLY),
    ),
    "dashboard:export": Expect(
        kwargs=lambda w, side: {"kind": "recognised"},
        get=rows(
            own="405 405 405 405 405 405 405 405 405",
            other="405 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 400 400 302 400 400 400 400 302",
            other="login 400 400 400 400 400 400 400 400",
        ),
        data=_list,
    ),
}
