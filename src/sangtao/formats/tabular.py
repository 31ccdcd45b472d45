"""The cells of every spreadsheet (XLSX) and CSV file the platform writes: the one place that
writes them, so that no text a person typed becomes a formula in the reader's spreadsheet.

OWASP's advice on CSV injection: a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return may be run as a formula by Excel or LibreOffice (``=HYPERLINK(...)``,
``=cmd|...``). So:

- in XLSX every text is written as a text cell (openpyxl makes any text starting with ``=`` a
  formula, and ``#N/A`` an error): ``sheet_cell`` sets the type to text and, for text starting
  with one of those characters, Excel's "quote prefix" (the cell stays text when someone edits
  it). The value read back is the text as typed;
- in CSV, where a cell has no type, such a text gets a leading single quote (``'=1+1``);
- characters XML 1.0 forbids (the C0 controls other than tab, line feed and carriage return,
  U+FFFE, U+FFFF, lone surrogates) are dropped: openpyxl would refuse the whole file
  (IllegalCharacterError), and the forms refuse them anyway (core.validators).

Numbers, dates and None pass through unchanged. openpyxl is imported inside the functions that
use it (STYLE.md 8).

Every workbook is saved office-ready (`lay_out`, run by `workbook().save`), so that an official
can print and sort it as received (design/PAPERS.md, "Spreadsheets officials receive"): one font
(Times New Roman) throughout; the header row bold, wrapped, frozen and filtered; column widths
fitted to their text (capped, longer text wraps); whole numbers grouped (``#,##0``, which a
Vietnamese Excel shows as 1.250.000) and fractions with two decimals (78,25); dates as real
dates shown dd/mm/yyyy; a landscape print, one page wide, the header row repeated on each page.
The header row is the one a writer filtered or froze below, else the first row filled across
the sheet's width with text only. A write-only workbook is laid out by reading its saved file
back (its columns and panes are written with its first row).

tests/formats/test_tabular.py checks that no other module of src writes with openpyxl or
csv.writer.
"""

import csv
import datetime
import io
import re
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 does not allow in a document (a superset of openpyxl's
# ILLEGAL_CHARACTERS_RE, which has only the C0 controls).
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Excel's longest text in a cell (openpyxl truncates silently; we do it first, knowingly).
MAX_CELL_TEXT = 32_767


def cell_text(value: str) -> str:
    """`value` without the characters XML 1.0 forbids, cut to what a cell holds."""
    return XML_FORBIDDEN.sub("", value)[:MAX_CELL_TEXT]


def is_formula_like(value: Any) -> bool:
    """Whether a spreadsheet could read `value` as a formula (text starting with =, +, -, @,
    a tab or a carriage return)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_value(value: Any) -> Any:
    """A CSV cell: text cleaned and, when it could be read as a formula, quoted with '."""
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        return value
    value = cell_text(value)
    return "'" + value if is_formula_like(value) else value


FONT_NAME = "Times New Roman"
WHOLE = "#,##0"
FRACTION = "#,##0.00"
DATE = "DD/MM/YYYY"
DATE_TIME = "DD/MM/YYYY HH:MM"
# Column widths in characters: at least, at most (longer text wraps), and a header's share.
MIN_WIDTH, MAX_WIDTH, HEADER_WIDTH = 6, 60, 24


def workbook(*, write_only: bool = False):
    """A new openpyxl Workbook, saved office-ready (`lay_out`); fill it only with
    `sheet_cell`/`sheet_row`."""
    from openpyxl import Workbook

    class OfficeWorkbook(Workbook):
        def save(self, filename):
            if not self.write_only:
                lay_out(self)
                return super().save(filename)
            from openpyxl import load_workbook

            raw = io.BytesIO()
            super().save(raw)
            book = load_workbook(io.BytesIO(raw.getvalue()))
            lay_out(book)
            return book.save(filename)

    return OfficeWorkbook(write_only=write_only)


def lay_out(book) -> None:
    """Make every sheet of `book` (not write-only) office-ready: see the module's docstring."""
    from copy import copy

    from openpyxl.utils.indexed_list import IndexedList

    # The first font is the workbook's default (empty cells, Excel's "Normal" style).
    fonts = list(book._fonts)
    default = copy(fonts[0])
    default.name, default.scheme = FONT_NAME, None
    book._fonts = IndexedList([default, *fonts[1:]])
    renamed: dict = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.has_style and cell.font.name != FONT_NAME:
                    font_id = cell._style.fontId
                    if font_id not in renamed:
                        font = copy(book._fonts[font_id])
                        font.name, font.scheme = FONT_NAME, None
                        renamed[font_id] = font
                    cell.font = renamed[font_id]
        _lay_out_sheet(sheet)


def _header_row(sheet) -> int | None:
    from openpyxl.utils.cell import coordinate_from_string

    if sheet.auto_filter.ref:
        return coordinate_from_string(sheet.auto_filter.ref.split(":")[0])[1]
    if sheet.freeze_panes:
        row = coordinate_from_string(sheet.freeze_panes)[1]
        if row > 1:
            return row - 1
    width = sheet.max_column
    for row in sheet.iter_rows(max_row=min(sheet.max_row, 20)):
        values = [cell.value for cell in row[:width]]
        if len(values) == width and all(isinstance(v, str) and v.strip() for v in values):
            return row[0].row
    return None


def _shown(value) -> int:
    """About how many characters a cell's value takes on screen."""
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    if isinstance(value, int | float | Decimal):
        return len(f"{value:,.2f}") if value % 1 else len(f"{int(value):,}")
    text = str(value)
    if "\n" not in text:
        return len(text)
    return max((len(line) for line in text.splitlines()), default=0)


def _number_format(value, column_is_years: bool) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime.datetime):
        return DATE if value.time() == datetime.time() else DATE_TIME
    if isinstance(value, datetime.date):
        return DATE
    if isinstance(value, int | float | Decimal):
        if value % 1:
            return FRACTION
        return None if column_is_years else WHOLE
    return None


def _lay_out_sheet(sheet) -> None:
    from copy import copy

    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    header = _header_row(sheet)
    if header is None:
        return
    width = sheet.max_column
    last = header
    for row in sheet.iter_rows(min_row=header + 1):
        if all(cell.value in (None, "") for cell in row):
            break
        last = row[0].row
    letter = get_column_letter(width)
    sheet.auto_filter.ref = f"A{header}:{letter}{last}"
    if (
        not sheet.freeze_panes
        or int("".join(filter(str.isdigit, sheet.freeze_panes))) != header + 1
    ):
        sheet.freeze_panes = f"A{header + 1}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True
    sheet.print_options.horizontalCentered = True
    columns = list(zip(*sheet.iter_rows(min_row=header, max_col=width), strict=True))
    for column, cells in enumerate(columns, start=1):
        head, body = cells[0], [cell for cell in cells[1:] if cell.value not in (None, "")]
        numbers = [
            c.value for c in body if isinstance(c.value, int) and not isinstance(c.value, bool)
        ]
        years = bool(numbers) and all(1900 <= n <= 2100 for n in numbers)
        keep_plain = column == 1 and bool(numbers)  # row numbers and codes: never grouped
        for cell in body:
            if cell.number_format == "General" or cell.is_date:
                chosen = _number_format(cell.value, years or keep_plain)
                if chosen:
                    cell.number_format = chosen
            if isinstance(cell.value, str) and _shown(cell.value) > MAX_WIDTH:
                alignment = copy(cell.alignment)
                alignment.wrap_text, alignment.vertical = True, "top"
                cell.alignment = alignment
        title = str(head.value or "")
        longest_word = max((len(word) for word in title.split()), default=0)
        fitted = max(
            [min(len(title), HEADER_WIDTH), longest_word] + [_shown(c.value) for c in body]
        )
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(fitted + 2, MIN_WIDTH), MAX_WIDTH
        )
        head.font = Font(name=FONT_NAME, bold=True, size=head.font.size)
        head.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def sheet_cell(sheet, value: Any, *, font=None, alignment=None, number_format=None):
    """An openpyxl cell for `sheet` (write-only or not) holding `value`: text always as text,
    never a formula or an error value; append it with `sheet.append([...])`."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, Promise):  # a lazy translation
        value = str(value)
    if isinstance(value, str):
        value = cell_text(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # not "f" (text starting with =) nor "e" (#N/A, #REF!…)
        if is_formula_like(value):
            cell.quotePrefix = True
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    if number_format is not None:
        cell.number_format = number_format
    return cell


def sheet_row(sheet, values) -> list:
    """`sheet_cell` of each value, for `sheet.append`."""
    return [sheet_cell(sheet, value) for value in values]


class CsvWriter:
    """csv.writer whose rows go through `csv_value`: ``CsvWriter(file).writerow([...])``."""

    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, row) -> None:
        self._writer.writerow([csv_value(value) for value in row])

    def writerows(self, rows) -> None:
        self._writer.writerows([csv_value(value) for value in row] for row in rows)
