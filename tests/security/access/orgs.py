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

# Administering the tree: the administrators of the unit or of a unit above it. The tree is
# open to every signed-in person (orgs:detail), so telling "another province's" from "missing"
# tells nothing new.
TREE_LEAK = "the tree is readable by every signed-in person: orgs:detail shows every unit"
for _name in ("add", "rename", "move", "close", "import"):
    EXPECTATIONS[f"orgs:{_name}"] = Expect(
        kwargs=lambda w, side: {"pk": w.side(side).commune.pk},
        get=rows(
            own="login 403 403 403 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        post=rows(
            own="login 403 403 403 403 403 403 403 200",
            other="login 403 403 403 403 403 403 403 403",
        ),
        exists_leak=TREE_LEAK,
    )
