"""A report as DOCX (read back with python-docx) and as XLSX (read back with openpyxl)."""

import io

import docx
import openpyxl
import pytest

from sangtao.reports import services

from ..formats.office import needs_soffice, soffice_pdf
from .conftest import report_of


@pytest.fixture
def compiled(period, units, staff):
    """Tân Châu corrects a figure and sends; the women's union sends; the province writes its
    own narrative and signs."""
    district = report_of(period, units["district"])
    total = district.values.get(indicator__code="initiatives_submitted", key="")
    services.report_update(
        report=district,
        figures={total.pk: (3, "Một sáng kiến nộp bằng giấy")},
        narratives={"results": "Tân Châu phát động tới mọi xã."},
        by=staff["district_clerk"],
    )
    services.report_submit(report=district, by=staff["district_clerk"])
    women = report_of(period, units["women"])
    services.report_update(
        report=women,
        figures={},
        narratives={"results": "Hội viên phụ nữ tham gia tích cực."},
        by=staff["women_clerk"],
    )
    services.report_submit(report=women, by=staff["women_clerk"])
    top = report_of(period, units["province"])
    services.report_update(
        report=top,
        figures={},
        narratives={"results": "Toàn tỉnh có nhiều sáng kiến.", "proposals": "Tăng kinh phí."},
        number="15",
        signer_title="Chủ tịch",
        signer_name="Huỳnh Văn Quang",
        by=staff["officer"],
    )
    services.report_submit(report=top, by=staff["officer"])
    return top


def _paragraphs(document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [p.text for p in cell.paragraphs]
    return texts


def test_report_docx_has_the_administrative_layout(client_for, compiled, staff):
    response = client_for(staff["officer"]).get(f"/reports/{compiled.pk}/report.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="bao-cao-{compiled.period_id}-{compiled.pk}.docx"'
    )
    document = docx.Document(io.BytesIO(response.content))
    texts = _paragraphs(document)
    for expected in (
        "ỦY BAN MTTQ VIỆT NAM",
        "TỈNH TÂY NINH",
        "BAN THƯỜNG TRỰC",
        "Số: 15/BC-MTTQ-BTT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "BÁO CÁO",
        "Kết quả thực hiện phong trào thi đua “Đoàn kết sáng tạo 2018-2020”",
        "Báo cáo 6 tháng, từ ngày 01/01/2018 đến ngày 30/06/2018",
        "I. KẾT QUẢ THỰC HIỆN (SỐ LIỆU)",
        "II. KẾT QUẢ ĐẠT ĐƯỢC",
        "Toàn tỉnh có nhiều sáng kiến.",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "Tăng kinh phí.",
        "V. BÁO CÁO CỦA CÁC ĐƠN VỊ CẤP DƯỚI",
        "Ủy ban MTTQ Việt Nam huyện Tân Châu",
        "Kết quả đạt được: Tân Châu phát động tới mọi xã.",
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh",
        "- Ban Thi đua - Khen thưởng tỉnh Tây Ninh;",
        "- Lưu: VT, BPT.",
        "TM. BAN THƯỜNG TRỰC",
        "CHỦ TỊCH",
        "Huỳnh Văn Quang",
    ):
        assert expected in texts, expected
    figures = document.tables[1]
    rows = [[cell.text for cell in row.cells] for row in figures.rows]
    assert rows[0] == ["STT", "Chỉ tiêu", "Số liệu", "Ghi chú"]
    # The corrected 3 of Tân Châu, nothing of the women's union: 3 in the province.
    assert rows[1] == ["1", "Số sáng kiến, ý tưởng mới đã đăng ký", "3", ""]
    # The units in tree order (siblings by their paths, whose order follows the ids).
    by_unit = {
        row.cells[1].text: [cell.text for cell in row.cells] for row in document.tables[2].rows
    }
    assert by_unit["Ủy ban MTTQ Việt Nam huyện Tân Châu"][2:4] == ["Đã gửi", "3"]


def test_report_docx_of_a_corrected_figure_gives_the_computed_one_and_the_reason(
    client_for, compiled, period, units, staff
):
    district = report_of(period, units["district"])
    response = client_for(staff["officer"]).get(f"/reports/{district.pk}/report.docx")
    document = docx.Document(io.BytesIO(response.content))
    rows = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert rows[1] == [
        "1",
        "Số sáng kiến, ý tưởng mới đã đăng ký",
        "3",
        "Số tính tự động 2; Một sáng kiến nộp bằng giấy",
    ]


def test_report_xlsx_lists_the_indicators_by_unit(client_for, compiled, staff):
    response = client_for(staff["board_staff"]).get(f"/reports/{compiled.pk}/report.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Chỉ tiêu theo đơn vị", "Số liệu"]
    sheet = book["Chỉ tiêu theo đơn vị"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "Báo cáo của Ủy ban MTTQ Việt Nam tỉnh Tây Ninh – Báo cáo 6 tháng đầu năm 2018",
        *([None] * 15),
    ]
    assert rows[3][:5] == [
        "STT",
        "Đơn vị",
        "Trạng thái",
        "Số sáng kiến, ý tưởng mới đã đăng ký",
        "Số sáng kiến được công nhận",
    ]
    assert [row[0] for row in rows[4:7]] == [1, 2, 3]
    assert sorted(row[1:5] for row in rows[4:7]) == [
        ["Hội Liên hiệp Phụ nữ tỉnh Tây Ninh", "Đã gửi", 0, 0],
        ["Ủy ban MTTQ Việt Nam huyện Gò Dầu", "Bản nháp", None, None],
        ["Ủy ban MTTQ Việt Nam huyện Tân Châu", "Đã gửi", 3, 1],
    ]
    assert rows[7][:5] == [
        None,
        "Số liệu trực tiếp của Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        None,
        0,
        0,
    ]
    assert rows[8][:5] == [
        None,
        "Báo cáo của Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
        "Đã gửi",
        3,
        1,
    ]
    assert sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref == "A4:P9"


def test_report_xlsx_of_a_sibling_is_refused(client_for, compiled, period, units, staff):
    district = report_of(period, units["district"])
    response = client_for(staff["other_clerk"]).get(f"/reports/{district.pk}/report.xlsx")
    assert response.status_code == 404


def _unit_tables(document) -> list[list[list[str]]]:
    """The roll-up tables (a "Đơn vị" column), as rows of cell texts."""
    tables = [
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    ]
    return [rows for rows in tables if rows and rows[0][1:2] == ["Đơn vị"]]


def test_report_docx_lists_every_indicator_of_each_unit(client_for, compiled, period, staff, units):
    response = client_for(staff["officer"]).get(f"/reports/{compiled.pk}/report.docx")
    document = docx.Document(io.BytesIO(response.content))
    tables = _unit_tables(document)
    names = list(period.indicators.order_by("order").values_list("name", flat=True))
    assert len(names) == 13  # the plan's 12 and one entered by hand
    assert len(tables) == 5  # 3 indicators a table
    headers = [name for rows in tables for name in rows[0][3:]]
    assert headers == names
    district = report_of(period, units["district"])
    expected = {
        value.indicator.name: "–" if value.value is None else f"{value.value:,}".replace(",", ".")
        for value in district.values.filter(key="").select_related("indicator")
    }
    shown = {}
    for rows in tables:
        row = next(row for row in rows if row[1] == "Ủy ban MTTQ Việt Nam huyện Tân Châu")
        shown.update(zip(rows[0][3:], row[3:], strict=True))
    assert shown == expected
    assert shown["Số sáng kiến, ý tưởng mới đã đăng ký"] == "3"
    assert shown[names[-1]] == "–"  # entered by hand, left empty
    intro = [p.text for p in document.paragraphs if p.text.startswith("Chỉ tiêu ")]
    assert intro == [
        "Chỉ tiêu 1 đến 3",
        "Chỉ tiêu 4 đến 6",
        "Chỉ tiêu 7 đến 9",
        "Chỉ tiêu 10 đến 12",
        "Chỉ tiêu 13",
    ]


@needs_soffice
def test_report_docx_with_every_indicator_converts_with_libreoffice(
    client_for, compiled, period, staff, tmp_path
):
    import pypdf

    response = client_for(staff["officer"]).get(f"/reports/{compiled.pk}/report.docx")
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(response.content)
    reader = pypdf.PdfReader(soffice_pdf(source, tmp_path))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Chỉ tiêu 10 đến 12" in text and "Số hội viên tham gia" in text
    assert "Huỳnh Văn Quang" in text
