"""A report as an XLSX workbook (cells through the formula-safe formats.tabular), in Vietnamese:
the indicators by unit (the units below that sent their reports, the report's direct figures,
counted on its unit and the units below that no report covers, then the report's figures) and
the figures with their breakdowns, computed values and reasons.

Every cell is written by `_write_rows`, so that the project's shared formula-safe writer (in
sangtao.formats) can take over in one place.
"""

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sangtao.core import files
from sangtao.formats import documents as layout
from sangtao.formats import tabular

from . import selectors
from .documents import period_words
from .models import Report

CONTENT_TYPE = files.XLSX.content_type
NUMBER = "#,##0"


def _write_rows(sheet, rows: list[list], *, header: int, widths: list[int]) -> None:
    """Append the rows (title rows, then the header row at index `header`, then the body)
    with a bold, frozen and filtered header, whole numbers grouped, fitted widths and a
    landscape print on one page wide."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for row in rows:
        sheet.append(tabular.sheet_row(sheet, row))
    head = header + 1
    sheet.cell(row=1, column=1).font = Font(bold=True)
    for cell in sheet[head]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=head + 1):
        for cell in line:
            if isinstance(cell.value, int):
                cell.number_format = NUMBER
    last = get_column_letter(max(len(rows[header]), 1))
    sheet.freeze_panes = sheet.cell(row=head + 1, column=1)
    sheet.auto_filter.ref = f"A{head}:{last}{max(sheet.max_row, head)}"
    sheet.print_title_rows = f"{head}:{head}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def report_workbook(*, report: Report) -> tuple[bytes, str]:
    with translation.override(layout.LANGUAGE):
        lines = selectors.report_lines(report=report)
        roll = selectors.roll_up(report=report)
        indicators = [line.indicator for line in lines]
        title = [
            [
                _("Report of %(unit)s – %(period)s")
                % {"unit": report.unit.name, "period": report.period.title}
            ],
            [
                period_words(report),
                _("Drawn up on %(date)s") % {"date": timezone.localdate().strftime("%d/%m/%Y")},
            ],
            [],
        ]
        book = tabular.workbook()
        sheet = book.active
        sheet.title = _("Indicators by unit")
        rows = [*title, [_("No."), _("Unit"), _("State"), *(ind.name for ind in indicators)]]
        for index, child in enumerate(roll.children, start=1):
            figures = roll.by_unit.get(child.pk, {})
            rows.append(
                [
                    index,
                    child.unit.name,
                    str(child.get_state_display()),
                    *((figures.get(ind.pk) if child.sent else None) for ind in indicators),
                ]
            )
        rows.append(
            [
                "",
                _("Direct figures of %(unit)s") % {"unit": report.unit.name},
                "",
                *(line.total.own if line.total else None for line in lines),
            ]
        )
        totals = {line.indicator.pk: line.total.value if line.total else None for line in lines}
        rows.append(
            [
                "",
                _("Report of %(unit)s") % {"unit": report.unit.name},
                str(report.get_state_display()),
                *(totals.get(ind.pk) for ind in indicators),
            ]
        )
        _write_rows(sheet, rows, header=3, widths=[6, 45, 14, *([16] * len(indicators))])
        detail = book.create_sheet(_("Figures"))
        rows = [
            *title,
            [_("Indicator"), _("Breakdown"), _("Computed"), _("Reported"), _("Reason")],
        ]
        for line in lines:
            if line.total is not None:
                total = line.total
                rows.append([line.indicator.name, "", total.computed, total.value, total.reason])
            for part in line.parts:
                rows.append([line.indicator.name, part.label, part.computed, part.value, ""])
        _write_rows(detail, rows, header=3, widths=[45, 35, 14, 14, 45])
        output = io.BytesIO()
        book.save(output)
        filename = _("report-%(period)s-%(pk)s") % {"period": report.period_id, "pk": report.pk}
    return output.getvalue(), f"{filename}.xlsx"
