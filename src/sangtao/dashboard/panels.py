"""Panels other apps add to the dashboard, without the dashboard importing them.

An app that knows something the dashboard should show (the reports app: how many units have
submitted their report of the period) registers a panel from its AppConfig.ready()::

    from sangtao.dashboard.panels import Panel, register

    class ReportsConfig(AppConfig):
        def ready(self):
            register(Panel(
                code="reports.completion",
                title=_("Report completion"),
                template="reports/_dashboard_panel.html",
                context=completion_for_dashboard,   # (*, user, filters) -> dict or None
                order=50,
            ))

`context` is called once per dashboard view with the signed-in user and the dashboard's
`selectors.Filters` (the subtree's paths, the unit, year and round chosen): it must read only
what lies in `filters.paths` (the unit chosen, or the person's subtrees), with a number of
queries that does not grow with the data, and return the template's context, or None to show
nothing. The template is included with that context under the name `panel`. A panel that is not
registered is simply not shown: the report completion appears once the reports app registers it.

Most panels are a title over a few (label, value) rows: `plain_panel(code, title, figures,
order=...)` shows them with the plain template `dashboard/_panel.html`, where
`figures(user=, filters=)` returns {"rows": [(label, value), ...]} and, if it has one, a "note".
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Panel:
    code: str
    title: str
    template: str
    context: Callable[..., dict[str, Any] | None]
    order: int = 100


PLAIN_TEMPLATE = "dashboard/_panel.html"


def plain_panel(code: str, title: str, figures: Callable[..., dict], *, order: int) -> Panel:
    """A panel of the plain template: `title` over the rows of `figures(user=, filters=)`
    ({"rows": [(label, value), ...], "note": ...}; no note unless it gives one)."""

    def context(*, user, filters) -> dict[str, Any]:
        return {"title": title, "note": "", **figures(user=user, filters=filters)}

    return Panel(code=code, title=title, template=PLAIN_TEMPLATE, context=context, order=order)


_PANELS: dict[str, Panel] = {}


def register(panel: Panel) -> Panel:
    """Add `panel` (once; registering the same code with another panel is an error)."""
    if panel.code in _PANELS and _PANELS[panel.code] != panel:
        raise ValueError(f"Dashboard panel {panel.code!r} is registered twice")
    _PANELS[panel.code] = panel
    return panel


def unregister(code: str) -> None:
    """Remove a panel (tests, or an app that turns its panel off)."""
    _PANELS.pop(code, None)


def panels() -> list[Panel]:
    """The registered panels in their order."""
    return sorted(_PANELS.values(), key=lambda panel: (panel.order, panel.code))
