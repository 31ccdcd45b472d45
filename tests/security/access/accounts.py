"""Who may open and post to the accounts pages."""

from . import Expect, rows

# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = {
    "login": Expect(
        get=rows(own="200 200 200 200 200 200 200 200 200"),
        post=rows(own="200 200 200 200 200 200 200 200 200"),
    ),
    "logout": Expect(
        get=rows(own="405 405 405 405 405 405 405 405 405"),
        post=rows(own="302 302 302 302 302 302 302 302 302"),
    ),
    "two_factor_setup": Expect(
        get=rows(own="login 302 302 200 302 302 200 302 200"),
        post=rows(own="login 302 302 200 302 302 200 302 200"),
    ),
    "two_factor_verify": Expect(
        get=rows(own="login 302 302 302 302 302 302 302 302"),
        post=rows(own="login 302 302 302 302 302 302 302 302"),
    ),
    # Shown once after enrolment; without an authenticator there is nothing to show.
    "two_factor_backup_codes": Expect(
        get=rows(own="login 302 302 302 302 302 302 302 302"),
        post=rows(own="login 302 302 302 302 302 302 302 302"),
    ),
    "password_reset": Expect(
        get=rows(own="200 200 200 200 200 200 200 200 200"),
        post=rows(own="200 200 200 200 200 200 200 200 200"),
    ),
    "password_reset_done": Expect(
        get=rows(own="200 200 200 200 200 200 200 200 200"),
        post=rows(own="405 405 405 405 405 405 405 405 405"),
    ),
    "password_reset_confirm": Expect(
        kwargs=lambda w, side: {"uidb64": "MQ", "token": "set-password"},
        get=rows(
            own="200 200 200 200 200 200 200 200 200",
            other="200 200 200 200 200 200 200 200 200",
        ),
        post=rows(
            own="200 200 200 200 200 200 200 200 200",
            other="200 200 200 200 200 200 200 200 200",
        ),
    ),
    "password_reset_complete": Expect(
        get=rows(own="200 200 200 200 200 200 200 200 200"),
        post=rows(own="405 405 405 405 405 405 405 405 405"),
    ),
    # One's own account page; an empty POST is a form refused (400).
    "account": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own="login 400 400 400 400 400 400 400 400"),
    ),
    "password_change": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own="login 200 200 200 200 200 200 200 200"),
    ),
    "password_change_done": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own="login 405 405 405 405 405 405 405 405"),
    ),
    "register": Expect(
        get=rows(own="200 302 302 302 302 302 302 302 302"),
        post=rows(own="200 302 302 302 302 302 302 302 302"),
    ),
    "register_sent": Expect(
        get=rows(own="200 200 200 200 200 200 200 200 200"),
        post=rows(own="405 405 405 405 405 405 405 405 405"),
    ),
    "register_confirm": Expect(
        kwargs=lambda w, side: {"token": "not-a-signed-link"},
        missing=lambda w: {"token": "nothing"},
        get=rows(
            own="400 400 400 400 400 400 400 400 400",
            other="400 400 400 400 400 400 400 400 400",
        ),
        post=rows(
            own="405 405 405 405 405 405 405 405 405",
            other="405 405 405 405 405 405 405 405 405",
        ),
    ),
    # People and roles: administrators, each in their subtree (another province's person: 404).
    "people": Expect(
        get=rows(own="login 403 403 403 403 403 403 403 200"),
        post=rows(own="login 403 403 403 403 403 403 403 405"),
    ),
    "people_invite": Expect(
        get=rows(own="login 403 403 403 403 403 403 403 200"),
        post=rows(own="login 403 403 403 403 403 403 403 200"),
    ),
    "people_pick": Expect(
        get=rows(own="login 403 403 200 200 403 403 403 200"),
        post=rows(own="login 403 403 405 405 403 403 403 405"),
    ),
    "people_detail": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).author.pk},
        get=rows(
            own="login 403 403 403 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 404",
        ),
        post=rows(
            own="login 403 403 403 403 403 403 403 405",
            other="login 403 403 403 403 403 403 403 405",
        ),
    ),
    "people_role_grant": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).author.pk},
        get=rows(
            own="login 403 403 403 403 403 403 403 405",
            other="login 403 403 403 403 403 403 403 405",
        ),
        post=rows(
            own="login 403 403 403 403 403 403 403 400",
            other="login 403 403 403 403 403 403 403 404",
        ),
    ),
    "people_role_revoke": Expect(
        kwargs=lambda w, side: {
            "pk": w.side(side).author.pk,
            "membership_pk": w.side(side).author.memberships.get().pk,
        },
        get=rows(
            own="login 403 403 403 403 403 403 403 405",
            other="login 403 403 403 403 403 403 403 405",
        ),
        post=rows(
            own="login 403 403 403 403 403 403 403 302",
            other="login 403 403 403 403 403 403 403 404",
        ),
    ),
    "people_deactivate": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).author.pk},
        get=rows(
            own="login 403 403 403 403 403 403 403 405",
            other="login 403 403 403 403 403 403 403 405",
        ),
        post=rows(
            own="login 403 403 403 403 403 403 403 302",
            other="login 403 403 403 403 403 403 403 404",
        ),
    ),
}
