"""The dashboard's charts as tables: one description per chart gives the canvas its data, the
accessible table its rows and the XLSX its sheet, so the three always show the same numbers."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sangtao.initiatives.states import State

from .selectors import Figures

FUNNEL_LABELS = {
    "created": gettext_lazy("Created (drafts included)"),
    "submitted": gettext_lazy("Submitted"),
    "forwarded": gettext_lazy("Sent to a council"),
    "recognised": gettext_lazy("Recognised"),
    "nominated": gettext_lazy("Nominated to the next level"),
}


@dataclass
class Chart:
    """One chart: `kind` is Chart.js's type; `headers` name the label column and each series;
    `rows` are [label, value, ...]."""

    code: str
    title: str
    kind: str
    headers: list[str]
    rows: list[list]
    plotted: int = 0  # how many series the chart draws (0: all; the table shows them all)

    @property
    def data(self) -> dict:
        """What the chart script reads (through json_script): labels and one series a column."""
        headers = self.headers[1 : 1 + self.plotted] if self.plotted else self.headers[1:]
        return {
            "type": self.kind,
            "labels": [str(row[0]) for row in self.rows],
            "series": [
                {"label": str(header), "values": [row[index] for row in self.rows]}
                for index, header in enumerate(headers, start=1)
            ],
        }


CODES = ("funnel", "state", "field", "level", "year", "units", "participation", "money")


def charts(figures: Figures) -> list[Chart]:
    """Every chart of the dashboard, in the page's order (see CODES)."""
    filed, recognised = _("Filed"), _("Recognised")
    states = dict(State.choices)
    return [
        Chart(
            "funnel",
            _("From draft to recognition"),
            "bar",
            [_("Stage"), _("Initiatives")],
            [[str(FUNNEL_LABELS[code]), value] for code, value in figures.funnel],
        ),
        Chart(
            "state",
            _("Initiatives by current state"),
            "bar",
            [_("State"), _("Initiatives")],
            [[str(states.get(row.key, row.key)), row.filed] for row in figures.by_state],
        ),
        Chart(
            "field",
            _("By field"),
            "bar",
            [_("Field"), filed, recognised],
            [[row.label, row.filed, row.recognised] for row in figures.by_field],
        ),
        Chart(
            "level",
            _("By level of the unit"),
            "bar",
            [_("Level"), filed, recognised],
            [[row.label, row.filed, row.recognised] for row in figures.by_level],
        ),
        Chart(
            "year",
            _("By year of the round"),
            "line",
            [_("Year"), filed, recognised],
            [[row.label, row.filed, row.recognised] for row in figures.by_year],
        ),
        Chart(
            "units",
            _("Units that filed the most"),
            "bar",
            [_("Unit"), filed, recognised],
            [[row.label, row.filed, row.recognised] for row in figures.top_units],
        ),
        Chart(
            "participation",
            _("Participation before and after the reform of 1 July 2025"),
            "bar",
            [_("Period"), _("Units that filed"), _("Units in force")],
            [
                [_("Before 1 July 2025"), figures.participants_before, figures.units_before],
                [_("From 1 July 2025"), figures.participants_after, figures.units_after],
            ],
        ),
        Chart(
            "money",
            _("Estimated yearly saving (VND)"),
            "bar",
            [_("Initiatives"), _("Saving (VND)"), _("Dossiers stating a saving")],
            [
                [_("Recognised"), figures.saving_recognised, figures.saving_recognised_count],
                [_("Filed"), figures.saving_filed, figures.saving_filed_count],
            ],
            plotted=1,
        ),
    ]
