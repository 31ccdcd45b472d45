"""Who may open and post to the jobs pages."""

from . import Expect, rows

# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = {
    "jobs:mine": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own="405 405 405 405 405 405 405 405 405"),
    ),
    "jobs:detail": Expect(
        kwargs=lambda w, side: {"public_id": w.side(side).job.public_id},
        get=rows(
            own="login 403 403 200 200 403 200 200 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="405 405 405 405 405 405 405 405 405",
            other="405 405 405 405 405 405 405 405 405",
        ),
    ),
    "jobs:download": Expect(
        kwargs=lambda w, side: {"public_id": w.side(side).job.public_id},
        get=rows(
            own="login 403 403 404 404 403 404 404 404",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="405 405 405 405 405 405 405 405 405",
            other="405 405 405 405 405 405 405 405 405",
        ),
    ),
}
