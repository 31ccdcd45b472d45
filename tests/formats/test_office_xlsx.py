"""Every XLSX leaves the platform office-ready (design/PAPERS.md): one font, a frozen and
filtered header row, fitted widths, Vietnamese number formats, real dates shown dd/mm/yyyy and
a landscape print one page wide with the header row on every page."""

import datetime
import io

import pytest

from sangtao.formats import tabular

from .office import needs_soffice, soffice_pdf

LONG_TITLE = "Ứng dụng " + "chuyển đổi số " * 8


def _saved(*, write_only: bool) -> bytes:
    book = tabular.workbook(write_only=write_only)
    sheet = book.create_sheet("Danh sách") if write_only else book.active
    if not write_only:
        sheet.title = "Danh sách"
    rows = [
        ["Danh sách sáng kiến – Ủy ban MTTQ Việt Nam tỉnh Tây Ninh"],
        ["Lập ngày 07/12/2026"],
        [],
        ["STT", "Sáng kiến", "Năm", "Tiền thưởng (đồng)", "Điểm", "Ngày công nhận"],
        [1, "Vườn rau sạch", 2018, 1_250_000, 78.25, datetime.date(2019, 3, 15)],
        [2, LONG_TITLE, 2019, 500_000, 80, datetime.datetime(2019, 11, 20, 9, 30)],
        [],
        ["", "Tổng cộng", "", 1_750_000, "", ""],
    ]
    for row in rows:
        sheet.append(tabular.sheet_row(sheet, row))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def _sheet(content: bytes):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(content))["Danh sách"]


@pytest.mark.parametrize("write_only", [True, False])
def test_xlsx_header_row_is_frozen_filtered_and_printed_on_every_page(write_only):
    sheet = _sheet(_saved(write_only=write_only))

    assert sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref == "A4:F6"  # the totals below the blank row stay unfiltered
    assert sheet.print_title_rows == "$4:$4"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_options.gridLines is True
    header = sheet["B4"]
    assert header.font.bold is True
    assert header.alignment.wrap_text is True


@pytest.mark.parametrize("write_only", [True, False])
def test_xlsx_numbers_and_dates_use_vietnamese_formats_not_text(write_only):
    sheet = _sheet(_saved(write_only=write_only))

    assert (sheet["D5"].value, sheet["D5"].number_format) == (1_250_000, "#,##0")
    assert (sheet["E5"].value, sheet["E5"].number_format) == (78.25, "#,##0.00")
    assert (sheet["E6"].value, sheet["E6"].number_format) == (80, "#,##0")
    assert sheet["D8"].number_format == "#,##0"
    # Years and row numbers are not grouped (2.018 would read as a number of thousands).
    assert (sheet["C5"].value, sheet["C5"].number_format) == (2018, "General")
    assert (sheet["A5"].value, sheet["A5"].number_format) == (1, "General")
    assert sheet["F5"].value == datetime.datetime(2019, 3, 15)
    assert sheet["F5"].number_format == "DD/MM/YYYY"
    assert sheet["F6"].number_format == "DD/MM/YYYY HH:MM"
    assert sheet["F5"].is_date is True


@pytest.mark.parametrize("write_only", [True, False])
def test_xlsx_columns_fit_their_text_up_to_a_cap_and_one_font_rules(write_only):
    sheet = _sheet(_saved(write_only=write_only))

    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEF"}
    assert widths == {
        "A": tabular.MIN_WIDTH,
        "B": tabular.MAX_WIDTH,  # the long title is capped and wraps
        "C": len("2,018") + 2,
        "D": len("Tiền thưởng (đồng)") + 2,
        "E": len("78,25") + 2,  # longer than its header "Điểm"
        "F": len("20/11/2019 09:30") + 2,
    }
    assert sheet["B6"].alignment.wrap_text is True
    fonts = {cell.font.name for row in sheet.iter_rows() for cell in row}
    assert fonts == {"Times New Roman"}
    assert sheet.parent._fonts[0].name == "Times New Roman"  # the default, for new cells


def test_xlsx_laid_out_still_keeps_formula_like_text_as_text():
    book = tabular.workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.append(tabular.sheet_row(sheet, ["Tên", "Ghi chú"]))
    sheet.append(tabular.sheet_row(sheet, ["=1+1", "@SUM(1)"]))
    output = io.BytesIO()
    book.save(output)
    cell = _sheet(output.getvalue())["A2"]

    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)


@needs_soffice
def test_xlsx_laid_out_converts_with_libreoffice(tmp_path):
    source = tmp_path / "danh-sach.xlsx"
    source.write_bytes(_saved(write_only=True))
    pdf = soffice_pdf(source, tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
