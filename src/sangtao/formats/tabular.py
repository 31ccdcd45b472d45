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
use it (STYLE.md 8). tests/formats/test_tabular.py checks that no other module of src writes
with openpyxl or csv.writer.
"""

import csv
import re
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


def workbook(*, write_only: bool = False):
    """A new openpyxl Workbook; fill it only with `sheet_cell`/`sheet_row`."""
    from openpyxl import Workbook

    return Workbook(write_only=write_only)


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
