"""Who may open and post to the orgs pages."""

from . import Expect, rows

# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = {
    "orgs:tree": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own="login 200 200 200 200 200 200 200 200"),
    ),
    "orgs:detail": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).commune.pk},
        get=rows(
            own="login 200 200 200 200 200 200 200 200",
            other="login 200 200 200 200 200 200 200 200",
        ),
        post=rows(
            own="login 200 200 200 200 200 200 200 200",
            other="login 200 200 200 200 200 200 200 200",
        ),
    ),
}
