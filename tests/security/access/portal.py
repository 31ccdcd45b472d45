"""Who may open the public idea database: everyone, signed in or not. The world's forwarded
initiative holds a recognition (world.py `_certificate`), so it is public on both sides."""

from . import Expect, rows

EVERYONE = "200 200 200 200 200 200 200 200 200"
NOBODY = "405 405 405 405 405 405 405 405 405"

EXPECTATIONS = {
    "portal:list": Expect(get=rows(own=EVERYONE), post=rows(own=NOBODY)),
    "portal:detail": Expect(
        kwargs=lambda w, side: {"public_id": w.side(side).forwarded.public_id},
        get=rows(own=EVERYONE, other=EVERYONE),
        post=rows(own=NOBODY, other=NOBODY),
    ),
    # A committee's public page (its contact): public on both sides, so that it exists is
    # no secret.
    "portal:committee": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).province.pk},
        get=rows(own=EVERYONE, other=EVERYONE),
        post=rows(own=NOBODY, other=NOBODY),
        exists_leak="a committee's public page is public: anyone may read it",
    ),
    "portal:unit_pick": Expect(get=rows(own=EVERYONE), post=rows(own=NOBODY)),
    "help": Expect(get=rows(own=EVERYONE), post=rows(own=NOBODY)),
}
