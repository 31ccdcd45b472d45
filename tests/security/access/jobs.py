"""Who may open and post to the jobs pages."""

from . import Expect, rows

# Columns: anonymous author clerk officer secretary member chair leader admin
# The job is the minutes the secretary asked for: built for them (the figures and, before
# sealing, the authors they may read), so nobody else opens it.
EXPECTATIONS = {
    "jobs:mine": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own="405 405 405 405 405 405 405 405 405"),
    ),
    "jobs:detail": Expect(
        kwargs=lambda w, side: {"public_id": w.side(side).job.public_id},
        get=rows(
            own="login 403 403 403 200 403 403 403 403",
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
            own="login 403 403 403 404 403 403 403 403",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="405 405 405 405 405 405 405 405 405",
            other="405 405 405 405 405 405 405 405 405",
        ),
    ),
}
