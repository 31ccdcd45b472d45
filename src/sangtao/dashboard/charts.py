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


def _filed_recognised(code: str, title: str, label: str, rows, kind: str = "bar") -> Chart:
    """A chart of the initiatives filed and recognised per `label` (field, level, year...)."""
    return Chart(
        code,
        title,
        kind,
        [label, _("Filed"), _("Recognised")],
        [[row.label, row.filed, row.recognised] for row in rows],
    )


def charts(figures: Figures) -> list[Chart]:
    """Every chart of the dashboard, in the page's order (see CODES)."""
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
        _filed_recognised("field", _("By field"), _("Field"), figures.by_field),
        _filed_recognised("level", _("By level of the unit"), _("Level"), figures.by_level),
        _filed_recognised("year", _("By year of the round"), _("Year"), figures.by_year, "line"),
        _filed_recognised("units", _("Units that filed the most"), _("Unit"), figures.top_units),
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
