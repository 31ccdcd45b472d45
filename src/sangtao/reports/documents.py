"""A report as a DOCX in the national administrative layout (sangtao.core.documents: the same
letterhead, number and signer rules as the honours decision and the council's papers).

The compiling unit's report lists the figures (with the computed value and the reason beside
each corrected one), the breakdowns, the figures of each unit below it, its own narrative and,
after it, the narratives of the units below, each under the unit's name.
"""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from sangtao.core import documents as layout
from sangtao.orgs.selectors import unit_line_names

from . import selectors
from .models import Report

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The indicators shown for each unit in the roll-up table (the columns a page can hold).
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


def report_document(report: Report) -> layout.Document:
    P = layout.Paragraph.of

    def heading(text: str) -> layout.Paragraph:
        return P(text, bold=True, indent=False, keep_with_next=True)

    lines = selectors.report_lines(report=report)
    roll = selectors.roll_up(report=report)
    body: list[layout.Block] = [
        heading(_("I. FIGURES")),
    ]
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
    body.append(
        layout.Table(
            headers=(_("No."), _("Indicator"), _("Figure"), _("Note")),
            rows=tuple(rows),
            widths=(12, 85, 28, 40),
            align=("center", "left", "right", "left"),
        )
    )
    if roll.children:
        shown = [line.indicator for line in lines][:ROLL_UP_COLUMNS]
        body.append(heading(_("Figures of the units below")))
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
        body.append(
            layout.Table(
                headers=(_("No."), _("Unit"), _("State"), *(ind.name for ind in shown)),
                rows=tuple(unit_rows),
                widths=(10, 55, 25, *([75 / len(shown)] * len(shown))),
                align=("center", "left", "left", *(["right"] * len(shown))),
                size=11,
            )
        )
    for number_, (code, title) in enumerate(report.period.sections, start=2):
        body.append(heading(f"{_roman(number_)}. {title.upper()}"))
        text = report.narratives.get(code, "")
        for paragraph in text.splitlines() or [""]:
            if paragraph.strip():
                body.append(P(paragraph.strip()))
    sent_children = [child for child in roll.children if child.sent]
    if sent_children:
        body.append(
            heading(
                f"{_roman(len(report.period.sections) + 2)}. "
                + _("REPORTS OF THE UNITS BELOW").upper()
            )
        )
        for child in sent_children:
            body.append(P(child.unit.name, bold=True, italic=True, indent=False))
            for code, title in report.period.sections:
                text = (child.narratives or {}).get(code, "").strip()
                if text:
                    body.append(
                        layout.Paragraph(
                            runs=(layout.Run(f"{title}: ", italic=True), layout.Run(text))
                        )
                    )
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
