"""Who may open and post to the movements pages."""

from . import Expect, rows

# Movements are open to every signed-in person (movements:list and movements:detail answer 200
# for another province's movement too): a 403 on their settings pages tells nothing new.
PUBLIC = "every signed-in person sees every movement on movements:detail"

# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = {
    "movements:list": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own="login 200 200 200 200 200 200 200 200"),
    ),
    "movements:create": Expect(
        get=rows(own="login 403 403 200 403 403 403 403 200"),
        post=rows(own="login 403 403 200 403 403 403 403 200"),
    ),
    "movements:detail": Expect(
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk},
        get=rows(
            own="login 200 200 200 200 200 200 200 200",
            other="login 200 200 200 200 200 200 200 200",
        ),
        post=rows(
            own="login 200 200 200 200 200 200 200 200",
            other="login 200 200 200 200 200 200 200 200",
        ),
    ),
    "movements:edit": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk},
        get=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:rounds": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk},
        get=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:fields": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk},
        get=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:criteria": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk},
        get=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:grades": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk},
        get=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:milestones": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk},
        get=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:campaigns": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk},
        get=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:round_edit": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk, "item": w.side(side).round.pk},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:field_edit": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk, "item": w.side(side).field.pk},
        get=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:criterion_edit": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk, "item": w.side(side).criterion.pk},
        get=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:field_move": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk, "item": w.side(side).field.pk},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 403 403 302 403 403 403 403 302",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:criterion_move": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk, "item": w.side(side).criterion.pk},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 403 403 302 403 403 403 403 302",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:field_delete": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk, "item": w.side(side).field.pk},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 403 403 302 403 403 403 403 302",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:criterion_delete": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk, "item": w.side(side).criterion.pk},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 403 403 302 403 403 403 403 302",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:milestone_edit": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk, "item": w.side(side).milestone.pk},
        get=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:milestone_done": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk, "item": w.side(side).milestone.pk},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 403 403 200 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:milestone_delete": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {"pk": w.side(side).movement.pk, "item": w.side(side).milestone.pk},
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 403 403 302 403 403 403 403 302",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
    "movements:campaign_set_active": Expect(
        exists_leak=PUBLIC,
        kwargs=lambda w, side: {
            "pk": w.side(side).movement.pk,
            "item": w.side(side).campaign_link.pk,
        },
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 403 403 302 403 403 403 403 302",
            other="login 403 403 403 403 403 403 403 403",
        ),
    ),
}
