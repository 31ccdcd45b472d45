"""The ledger of prizes as an XLSX workbook (openpyxl): one row per year, honoured unit and
source of money with the amounts granted, paid and still due, then the totals per source and
the grand total. Amounts are whole đồng, as numbers, so the reader can sum them again."""

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sangtao.core import files
from sangtao.formats import documents as layout
from sangtao.formats import tabular

from .selectors import Ledger

CONTENT_TYPE = files.XLSX.content_type
MONEY = "#,##0"


def ledger_workbook(*, unit, year: int | None, ledger: Ledger) -> tuple[bytes, str]:
    from openpyxl.styles import Font

    bold = Font(bold=True)
    with translation.override(layout.LANGUAGE):
        book = tabular.workbook()
        sheet = book.active
        sheet.title = _("Prize ledger")

        def append(values):
            sheet.append(tabular.sheet_row(sheet, values))

        append([_("Ledger of prizes – %(unit)s") % {"unit": unit.name}])
        sheet["A1"].font = bold
        append(
            [
                _("Year: %(year)s") % {"year": year} if year else _("All years"),
                _("Drawn up on %(date)s") % {"date": timezone.localdate().strftime("%d/%m/%Y")},
            ]
        )
        append([])
        headers = [
            _("Year"),
            _("Honoured unit"),
            _("Source of money"),
            _("Granted (VND)"),
            _("Paid (VND)"),
            _("Still due (VND)"),
        ]
        append(headers)
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for row in ledger.rows:
            append([row.year, row.unit_name, row.source_label, row.granted, row.paid, row.due])
        append([])
        for total in ledger.by_source():
            append(["", _("Total"), total.source_label, total.granted, total.paid, total.due])
        append(["", _("Grand total"), "", ledger.granted, ledger.paid, ledger.due])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for column in ("D", "E", "F"):
            for cell in sheet[column][4:]:
                cell.number_format = MONEY
        for column, width in zip("ABCDEF", (8, 45, 30, 16, 16, 16), strict=True):
            sheet.column_dimensions[column].width = width
        output = io.BytesIO()
        book.save(output)
        filename = _("prize-ledger-%(pk)s") % {"pk": unit.pk}
    suffix = f"-{year}" if year else ""
    return output.getvalue(), f"{filename}{suffix}.xlsx"
