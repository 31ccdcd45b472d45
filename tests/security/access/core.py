"""Who may open and post to the core pages."""

from . import Expect, rows

# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = {
    "home": Expect(
        get=rows(own="200 200 200 200 200 200 200 200 200"),
        post=rows(own="200 200 200 200 200 200 200 200 200"),
    ),
    "healthz": Expect(
        get=rows(own="200 200 200 200 200 200 200 200 200"),
        post=rows(own="405 405 405 405 405 405 405 405 405"),
    ),
    "notifications": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own="login 200 200 200 200 200 200 200 200"),
    ),
    "notification_read": Expect(
        get=rows(own="login 405 405 405 405 405 405 405 405"),
        post=rows(own="login 302 302 302 302 302 302 302 302"),
    ),
    "audit_trail": Expect(
        kwargs=lambda w, side: {
            "model": "initiatives.initiative",
            "object_id": w.side(side).forwarded.pk,
        },
        missing=lambda w: {"model": "initiatives.initiative", "object_id": 987_654_321},
        get=rows(
            own="login 200 200 200 200 200 403 200 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="405 405 405 405 405 405 405 405 405",
            other="405 405 405 405 405 405 405 405 405",
        ),
    ),
    # The typed pickers' answers (sangtao.registers.pickers): each person gets only what they
    # may choose (tests/practices/test_pickers.py); without the `field` it names, a 404.
    "pick": Expect(
        kwargs=lambda w, side: {"source": "units-kept"},
        missing=lambda w: {"source": "no-such-picker"},
        get=rows(
            own="login 404 404 404 404 404 404 404 404",
            other="login 404 404 404 404 404 404 404 404",
        ),
        post=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
    ),
}
