"""Extension points of the tree's writes.

`on_unit_closed` holds the functions `orgs.services.unit_close` calls, inside its transaction,
once a unit's closure and its successions are recorded. Each is called as
`hook(unit=..., successors=[(successor, kind), ...], on=date, by=user_or_None)`. The hand-over
of a closed unit's open work to its successor (`unit_hand_over`) registers itself here; a hook
that raises undoes the whole closure.
"""

from collections.abc import Callable

on_unit_closed: list[Callable[..., None]] = []
