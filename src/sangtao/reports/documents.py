"""A report as a DOCX in the national administrative layout (sangtao.formats.documents: the same
letterhead, number and signer rules as the honours decision and the council's papers).

The compiling unit's report lists the figures (with the computed value and the reason beside
each corrected one), the breakdowns, the figures of each unit below it, its own narrative and,
after it, the narratives of the units below, each under the unit's name.
"""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from sangtao.formats import documents as layout
from sangtao.orgs.selectors import unit_line_names

from . import selectors
from .models import Report

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The indicators of one roll-up table (the columns a portrait page holds); the template's
# indicators are split into as many tables as needed.
ROLL_UP_COLUMNS = 3


def number(value: int | None) -> str:
    """1.250.000, or a dash when nobody entered it."""
    if value is None:
        return "–"
    return formats.number_format(value, 0, force_grouping=True)


def period_words(report: Report) -> str:
    period = report.period
    return _("%(kind)s, from %(start)s to %(end)s") % {
        "kind": period.get_kind_display(),
        "start": period.starts_on.strftime("%d/%m/%Y"),
        "end": period.ends_on.strftime("%d/%m/%Y"),
    }


def _letterhead(report: Report) -> layout.Letterhead:
    unit = report.unit
    committee = unit.kind.code == "front_committee"
    submitted = timezone.localtime(report.submitted_at).date() if report.submitted_at else None
    return layout.Letterhead(
        governing_body=unit.name if committee else (unit.parent.name if unit.parent else ""),
        issuer=_("Standing committee") if committee else unit.name,
        number=report.number,
        symbol=_("BC-MTTQ-BTT") if committee else _("BC"),
        place=layout.place_name(unit_line_names(unit=unit)),
        date=submitted,
    )


def _heading(text: str) -> layout.Paragraph:
    return layout.Paragraph.of(text, bold=True, indent=False, keep_with_next=True)


def _figures_table(lines) -> layout.Table:
    """Each indicator's figure (with the computed one and the reason when corrected), then
    its parts."""
    rows = []
    for index, line in enumerate(lines, start=1):
        total = line.total
        note = ""
        if total is not None and total.reason:
            note = _("Computed %(computed)s; %(reason)s") % {
                "computed": number(total.computed),
                "reason": total.reason,
            }
        name = line.indicator.name
        rows.append((str(index), name, number(total.value if total else None), note))
        for part in line.parts:
            rows.append(("", f"- {part.label}", number(part.value), ""))
    return layout.Table(
        headers=(_("No."), _("Indicator"), _("Figure"), _("Note")),
        rows=tuple(rows),
        widths=(12, 85, 28, 40),
        align=("center", "left", "right", "left"),
    )


def _units_tables(report: Report, lines, roll) -> list[layout.Block]:
    """Every indicator's figures of each unit below (a dash for those not sent), then the
    report's direct figures (its unit and the units below that no report covers) and the
    computed total, their sum: the indicators `ROLL_UP_COLUMNS` at a time, a table each (the
    columns a portrait page holds), so that no figure is left out."""
    groups = [
        lines[start : start + ROLL_UP_COLUMNS] for start in range(0, len(lines), ROLL_UP_COLUMNS)
    ]
    blocks: list[layout.Block] = []
    for start, group in zip(range(1, len(lines) + 1, ROLL_UP_COLUMNS), groups, strict=False):
        if len(groups) > 1:
            last = start + len(group) - 1
            words = (
                _("Indicators %(first)s to %(last)s") % {"first": start, "last": last}
                if last > start
                else _("Indicator %(first)s") % {"first": start}
            )
            blocks.append(
                layout.Paragraph.of(words, italic=True, indent=False, keep_with_next=True)
            )
        blocks.append(_units_table(report, group, roll))
    return blocks


def _units_table(report: Report, lines, roll) -> layout.Table:
    """The figures of `lines`' indicators for each unit below, its direct figures and total."""
    shown = [line.indicator for line in lines]
    unit_rows = []
    for index, child in enumerate(roll.children, start=1):
        figures = roll.by_unit.get(child.pk, {})
        unit_rows.append(
            (
                str(index),
                child.unit.name,
                child.get_state_display(),
                *(number(figures.get(ind.pk)) if child.sent else "–" for ind in shown),
            )
        )
    totals = [line.total for line in lines]
    unit_rows.append(
        (
            "",
            _("Direct figures of %(unit)s") % {"unit": report.unit.name},
            "",
            *(number(total.own if total else None) for total in totals),
        )
    )
    unit_rows.append(
        ("", _("Computed total"), "", *(number(t.computed if t else None) for t in totals))
    )
    return layout.Table(
        headers=(_("No."), _("Unit"), _("State"), *(ind.name for ind in shown)),
        rows=tuple(unit_rows),
        widths=(10, 55, 25, *([75 / len(shown)] * len(shown))),
        align=("center", "left", "left", *(["right"] * len(shown))),
        size=11,
    )


def _sections(report: Report) -> list[layout.Block]:
    """The report's own narrative, a numbered heading per section of the period."""
    body: list[layout.Block] = []
    for number_, (code, title) in enumerate(report.period.sections, start=2):
        body.append(_heading(f"{_roman(number_)}. {title.upper()}"))
        text = report.narratives.get(code, "")
        for paragraph in text.splitlines() or [""]:
            if paragraph.strip():
                body.append(layout.Paragraph.of(paragraph.strip()))
    return body


def _children_sections(report: Report, roll) -> list[layout.Block]:
    """The narratives of the units below that sent theirs, unit by unit."""
    sent_children = [child for child in roll.children if child.sent]
    if not sent_children:
        return []
    body: list[layout.Block] = [
        _heading(
            f"{_roman(len(report.period.sections) + 2)}. " + _("REPORTS OF THE UNITS BELOW").upper()
        )
    ]
    for child in sent_children:
        body.append(layout.Paragraph.of(child.unit.name, bold=True, italic=True, indent=False))
        for code, title in report.period.sections:
            text = (child.narratives or {}).get(code, "").strip()
            if text:
                body.append(
                    layout.Paragraph(runs=(layout.Run(f"{title}: ", italic=True), layout.Run(text)))
                )
    return body


def report_document(report: Report) -> layout.Document:
    lines = selectors.report_lines(report=report)
    roll = selectors.roll_up(report=report)
    body: list[layout.Block] = [_heading(_("I. FIGURES")), _figures_table(lines)]
    if roll.children:
        body += [_heading(_("Figures of the units below")), *_units_tables(report, lines, roll)]
    body += _sections(report) + _children_sections(report, roll)
    receivers = selectors.addressees(report=report)
    committee = report.unit.kind.code == "front_committee"
    return layout.Document(
        letterhead=_letterhead(report),
        title=_("REPORT"),
        subject=[
            _("Results of the emulation movement “%(movement)s”")
            % {"movement": report.period.movement.name},
            period_words(report),
        ],
        body=body,
        recipients=[f"- {name};" for name in receivers] + [_("- Archived.")],
        signatures=[
            layout.Signature(
                capacity=_("On behalf of the standing committee") if committee else "",
                title=report.signer_title,
                name=report.signer_name,
            )
        ],
        draft=not report.is_sent,
    )


def _roman(value: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")[
        min(value, 12) - 1
    ]


def report_docx(*, report: Report) -> tuple[bytes, str]:
    """(content, file name) of the report as DOCX, in Vietnamese."""
    with translation.override(layout.LANGUAGE):
        document = report_document(report)
        filename = _("report-%(period)s-%(pk)s") % {"period": report.period_id, "pk": report.pk}
    return layout.docx_build(document), f"{filename}.docx"
