"""Who may open and post to the needs pages: everyone reads; clerks, officers and
administrators over the posting unit (and the poster) change; people who file initiatives
answer."""

from sangtao.challenges import services

from . import Expect, rows


def extend(s):
    if hasattr(s, "need"):
        return
    s.need = services.challenge_create(
        by=s.clerk,
        data={"title": "Nhu cầu thử", "description": "Cần một giải pháp.", "unit": s.commune},
    )


def _need(w, side):
    """The need of that side (made here, outside the requests' savepoints, when the world has
    not called `extend` yet)."""
    s = w.side(side)
    extend(s)
    return {"public_id": s.need.public_id}


# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = {
    "challenges:list": Expect(
        get=rows(own="200 200 200 200 200 200 200 200 200"),
        post=rows(own="200 200 200 200 200 200 200 200 200"),
    ),
    "challenges:create": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own="login 200 200 200 200 200 200 200 200"),
    ),
    "challenges:detail": Expect(
        kwargs=_need,
        get=rows(
            own="200 200 200 200 200 200 200 200 200",
            other="200 200 200 200 200 200 200 200 200",
        ),
        post=rows(
            own="200 200 200 200 200 200 200 200 200",
            other="200 200 200 200 200 200 200 200 200",
        ),
    ),
    "challenges:edit": Expect(
        kwargs=_need,
        get=rows(
            own="login 403 200 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="login 403 200 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "challenges:close": Expect(
        kwargs=_need,
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 403 302 302 403 403 403 403 302",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "challenges:reopen": Expect(
        kwargs=_need,
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 403 302 302 403 403 403 403 302",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "challenges:answer": Expect(
        kwargs=_need,
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 302 302 302 403 403 403 403 302",
            other="login 302 302 302 403 403 403 403 302",
        ),
    ),
    "challenges:answer_new": Expect(
        kwargs=_need,
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 302 302 302 403 403 403 403 302",
            other="login 302 302 302 403 403 403 403 302",
        ),
    ),
}
