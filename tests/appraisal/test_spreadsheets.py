"""The council's results workbook and the import of paper score sheets in the same layout."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sangtao.appraisal import imports, selectors, services, spreadsheets
from sangtao.appraisal.models import Assignment, Conflict, Score
from sangtao.core.models import AuditEvent
from sangtao.movements.models import Grade

from .conftest import member

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIRST_DATA_ROW = 6  # four lines naming the council, then the header row
PEOPLE = ["Phạm Văn Chủ", "Lê Thị Một", "Võ Văn Hai", "Đỗ Thị Giáo", "Ngô Chuyên Gia"]
CRITERIA = ["Tính mới", "Tính kinh tế"]


def load(content: bytes):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(content))


def header_and_rows(content: bytes) -> tuple[list[str], dict[int, dict[str, object]], object]:
    """(header, {initiative code: {column: value}}, sheet)."""
    sheet = load(content)["Kết quả"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[FIRST_DATA_ROW - 2])
    table = {row[0]: dict(zip(header, row, strict=True)) for row in rows[FIRST_DATA_ROW - 1 :]}
    return header, table, sheet


def export(council, user) -> bytes:
    return spreadsheets.results_workbook(council=council, user=user)[0]


def line_of(content: bytes, initiative) -> int:
    sheet = load(content)["Kết quả"]
    for index, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if row[0] == initiative.pk:
            return index
    raise AssertionError(initiative)


def fill(content: bytes, values: dict[tuple[int, str], object], extra_columns=()) -> bytes:
    """The workbook with cells set: {(initiative id, column): value}; extra columns appended."""
    book = load(content)
    sheet = book["Kết quả"]
    header_row = FIRST_DATA_ROW - 1
    header = [cell.value for cell in sheet[header_row]]
    for name in extra_columns:
        sheet.cell(row=header_row, column=len(header) + 1, value=name)
        header.append(name)
    lines = {sheet.cell(row=r, column=1).value: r for r in range(FIRST_DATA_ROW, sheet.max_row + 1)}
    for (initiative_id, column), value in values.items():
        sheet.cell(row=lines[initiative_id], column=header.index(column) + 1, value=value)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def upload(content: bytes, name: str = "ket-qua.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def paper_scores(forwarded, people=("Phạm Văn Chủ", "Lê Thị Một", "Võ Văn Hai")):
    """Distinct scores of chair, Lê Thị Một and Võ Văn Hai for every initiative."""
    values = {}
    for i, initiative in enumerate(forwarded):
        for j, person in enumerate(people):
            values[(initiative.pk, f"Tính mới – {person}")] = 10 + i + j
            values[(initiative.pk, f"Tính kinh tế – {person}")] = Decimal("12.5") + j
    return values


def post(client_for, council, user, file):
    return client_for(user).post(
        reverse("appraisal:sheets_import", args=[council.pk]), {"file": file}
    )


def nothing_saved():
    assert Score.objects.count() == 0
    assert Assignment.objects.count() == 0
    assert AuditEvent.objects.filter(action="sheet.import").count() == 0


@pytest.fixture
def scored(council, forwarded, people, movement):
    services.assignments_auto(council=council, by=people["secretary"])
    criteria = list(movement.criteria.order_by("order"))
    values = {"chutich": (18, 17), "uyvien1": (16, 15), "uyvien2": (17, 19)}
    for sheet in Assignment.objects.select_related("member__user"):
        first, second = values[sheet.member.user.username]
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={criteria[0].pk: (first, ""), criteria[1].pk: (second, "")},
            submit=True,
        )
    excellent = Grade.objects.get(movement=movement, name="Xuất sắc")
    services.decision_record(
        council=council,
        initiative=forwarded[0],
        outcome="recognised",
        grade=excellent,
        by=council.people["chair"],
    )
    return council


# --- the export ------------------------------------------------------------------------------


def test_results_workbook_names_a_column_per_criterion_and_member(council, forwarded, people):
    content, filename = spreadsheets.results_workbook(council=council, user=people["secretary"])
    assert filename == f"ket-qua-hoi-dong-{council.pk}.xlsx"
    book = load(content)
    assert book.sheetnames == ["Kết quả", "Tiêu chí"]
    sheet = book["Kết quả"]
    assert sheet["A1"].value == "Hội đồng thẩm định xã Tân Hòa năm 2018"
    assert sheet["A2"].value == "Ủy ban MTTQ Việt Nam xã Tân Hòa · Năm 2018"
    expected = ["Mã", "Tên sáng kiến", "Đơn vị", "Lĩnh vực"]
    for person in PEOPLE:
        expected += [f"{name} – {person}" for name in CRITERIA] + [f"Tổng điểm – {person}"]
    expected += [
        "Điểm trung bình",
        "Điểm tổng hợp",
        "Độ chênh lệch",
        "Điểm chuẩn hóa",
        "Xếp loại đề xuất",
        "Kết quả",
    ]
    header, table, _sheet = header_and_rows(content)
    assert header == expected
    assert sorted(table) == sorted(i.pk for i in forwarded)
    assert {row["Tên sáng kiến"] for row in table.values()} == {
        "Sáng kiến 1",
        "Sáng kiến 2",
        "Sáng kiến 3",
    }
    assert [list(row) for row in book["Tiêu chí"].iter_rows(values_only=True)] == [
        ["Tiêu chí", "Điểm thấp nhất", "Điểm cao nhất", "Hệ số"],
        ["Tính mới", 0, 20, 1],
        ["Tính kinh tế", 0, 20, 1],
    ]


def test_results_workbook_rows_hold_the_submitted_sheets_and_the_councils_figures(
    scored, forwarded, people
):
    _header, table, _sheet = header_and_rows(export(scored, people["secretary"]))
    results = dict(selectors.ranking(council=scored))
    for initiative in forwarded:
        row = table[initiative.pk]
        for sheet in Assignment.objects.filter(initiative=initiative).select_related(
            "member__user"
        ):
            name = sheet.member.user.display_name
            scores = [s.value for s in sheet.scores.order_by("criterion__order")]
            assert [row[f"{c} – {name}"] for c in CRITERIA] == scores
            assert row[f"Tổng điểm – {name}"] == sheet.total
        result = results[initiative]
        assert row["Điểm tổng hợp"] == result.aggregate
        assert row["Độ chênh lệch"] == result.spread
        assert row["Đơn vị"] == "Trường THCS Tân Hòa"
        assert row["Lĩnh vực"] == "Doanh nghiệp"
        # Nobody assigned the teacher (conflicted) nor the expert (not invited).
        assert row["Tính mới – Đỗ Thị Giáo"] is None
        assert row["Tính mới – Ngô Chuyên Gia"] is None
    assert table[forwarded[0].pk]["Kết quả"] == "Công nhận – Xuất sắc"
    assert table[forwarded[1].pk]["Kết quả"] is None


def test_results_workbook_hides_the_scores_of_an_initiative_its_reader_is_conflicted_with(
    council, forwarded, people, movement
):
    chair = council.people["chair"]
    services.conflict_declare(
        initiative=forwarded[0],
        user=chair,
        by=chair,
        reason="Cùng tổ chuyên môn với tác giả",
        source=Conflict.Source.MEMBER,
    )
    services.assignments_auto(council=council, by=people["secretary"])
    criteria = list(movement.criteria.order_by("order"))
    for sheet in Assignment.objects.select_related("member__user"):
        services.sheet_save(
            assignment=sheet,
            by=sheet.member.user,
            scores={c.pk: (15, "") for c in criteria},
            submit=True,
        )
    _h, as_chair, _s = header_and_rows(export(council, chair))
    _h, as_secretary, _s = header_and_rows(export(council, people["secretary"]))
    columns = [f"{c} – {p}" for c in CRITERIA for p in ("Lê Thị Một", "Võ Văn Hai")]
    assert [as_secretary[forwarded[0].pk][c] for c in columns] == [15, 15, 15, 15]
    assert [as_chair[forwarded[0].pk][c] for c in columns] == [None, None, None, None]
    assert as_chair[forwarded[0].pk]["Tổng điểm – Lê Thị Một"] is None
    # The chair's other rows are whole.
    assert as_chair[forwarded[1].pk] == as_secretary[forwarded[1].pk]


# --- the import: a round trip ----------------------------------------------------------------


def test_import_round_trip_reproduces_the_scores(council, forwarded, people, client_for):
    blank = export(council, people["secretary"])
    values = paper_scores(forwarded)
    response = post(client_for, council, people["secretary"], upload(fill(blank, values)))
    assert response.status_code == 302
    assert response.url == reverse("appraisal:council", args=[council.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Đã nhập và nộp 9 phiếu chấm (0 phiếu đã nộp trước đó với cùng số điểm)."
    ]
    sheets = Assignment.objects.filter(council=council)
    assert sheets.count() == 9
    assert set(sheets.values_list("state", flat=True)) == {Assignment.State.SUBMITTED}
    assert sheets.get(initiative=forwarded[2], member=member(council, "m2")).total == Decimal(
        "28.50"
    )  # 10 + 2 + 2 and 12.5 + 2
    events = AuditEvent.objects.filter(action="sheet.import")
    assert events.count() == 9
    assert {e.actor for e in events} == {people["secretary"]}
    assert {e.data["imported_by"] for e in events} == {people["secretary"].pk}
    assert {e.data["assignment_created"] for e in events} == {True}
    # Exported again, the cells hold what was filled.
    _header, table, _sheet = header_and_rows(export(council, people["secretary"]))
    assert {key: table[key[0]][key[1]] for key in values} == values
    # Uploaded again, nothing changes: the same sheets are already submitted.
    again = post(client_for, council, people["secretary"], upload(fill(blank, values)))
    assert again.status_code == 302
    assert AuditEvent.objects.filter(action="sheet.import").count() == 9


def test_import_fills_the_sheets_left_open_online(council, forwarded, people, movement):
    services.assignments_auto(council=council, by=people["secretary"])
    draft = Assignment.objects.filter(member=member(council, "m1")).first()
    criteria = list(movement.criteria.order_by("order"))
    services.sheet_save(assignment=draft, by=council.people["m1"], scores={criteria[0].pk: (3, "")})
    rows = [
        {
            "line": 6,
            "code": str(draft.initiative_id),
            "scores": {"Tính mới – Lê Thị Một": 14, "Tính kinh tế – Lê Thị Một": "13,5"},
        }
    ]
    result = imports.sheets_import(council=council, by=people["secretary"], rows=rows)
    assert (result.imported, result.unchanged, result.assignments_created) == (1, 0, 0)
    draft.refresh_from_db()
    assert draft.state == Assignment.State.SUBMITTED
    assert [s.value for s in draft.scores.order_by("criterion__order")] == [
        Decimal("14.00"),
        Decimal("13.50"),
    ]


# --- the import: what is refused -------------------------------------------------------------


def _problems(response) -> list[str]:
    assert response.status_code == 200
    return list(response.context["problems"])


def test_import_refuses_a_file_that_is_not_a_workbook(council, forwarded, people, client_for):
    response = post(
        client_for, council, people["secretary"], upload(b"%PDF-1.4 not a workbook", "x.xlsx")
    )
    assert _problems(response) == ["Tệp này không phải là bảng tính Excel (.xlsx)."]
    nothing_saved()


def test_import_refuses_a_broken_zip_renamed_xlsx(council, forwarded, people, client_for):
    response = post(
        client_for, council, people["secretary"], upload(b"PK\x03\x04" + b"\x00garbage" * 50)
    )
    assert _problems(response) == ["Không đọc được bảng tính: tệp bị hỏng."]
    nothing_saved()


def test_import_refuses_a_workbook_openpyxl_cannot_parse(council, forwarded, people, client_for):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "not xml at all <<<")
    response = post(client_for, council, people["secretary"], upload(output.getvalue()))
    assert _problems(response) == ["Không đọc được bảng tính: tệp bị hỏng."]
    nothing_saved()


def test_import_refuses_a_zip_bomb(council, forwarded, people, client_for):
    content = fill(export(council, people["secretary"]), paper_scores(forwarded))
    output = io.BytesIO(content)
    with zipfile.ZipFile(output, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\x00" * (spreadsheets.MAX_EXPANDED_BYTES + 1))
    assert len(output.getvalue()) < 1024 * 1024  # small on the wire
    response = post(client_for, council, people["secretary"], upload(output.getvalue()))
    assert _problems(response) == [
        "Bảng tính giải nén ra dung lượng quá lớn, không thể đọc an toàn."
    ]
    nothing_saved()


def test_import_refuses_too_many_rows_or_columns(
    council, forwarded, people, client_for, monkeypatch
):
    content = upload(fill(export(council, people["secretary"]), paper_scores(forwarded)))
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 2)
    monkeypatch.setattr(spreadsheets, "HEADER_SEARCH_ROWS", 5)
    response = post(client_for, council, people["secretary"], content)
    assert _problems(response) == ["Bảng tính có quá nhiều dòng (tối đa 2 sáng kiến)."]
    monkeypatch.setattr(spreadsheets, "MAX_ROWS", 5000)
    monkeypatch.setattr(spreadsheets, "MAX_COLUMNS", 10)
    content.seek(0)
    response = post(client_for, council, people["secretary"], content)
    assert _problems(response) == ["Bảng tính có quá nhiều cột (tối đa 10)."]
    nothing_saved()


def test_import_refuses_a_sheet_without_the_header_row(council, forwarded, people, client_for):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Tên", "Điểm"])
    output = io.BytesIO()
    book.save(output)
    response = post(client_for, council, people["secretary"], upload(output.getvalue()))
    assert _problems(response) == [
        "Không tìm thấy dòng tiêu đề bắt đầu bằng “Mã”: hãy dùng bảng kết quả tải từ hệ thống."
    ]


def test_import_reports_every_wrong_cell_by_row_and_saves_nothing(
    council, forwarded, people, client_for
):
    blank = export(council, people["secretary"])
    first, second, third = (line_of(blank, i) for i in forwarded)
    values = paper_scores(forwarded)
    values[(forwarded[0].pk, "Tính mới – Lê Thị Một")] = 25
    values[(forwarded[1].pk, "Tính kinh tế – Võ Văn Hai")] = "mười"
    values[(forwarded[1].pk, "Tính mới – Đỗ Thị Giáo")] = 10  # the teacher: own school
    values[(forwarded[1].pk, "Tính kinh tế – Đỗ Thị Giáo")] = 10
    values[(forwarded[2].pk, "Tính mới – Ngô Chuyên Gia")] = 10  # not invited
    values[(forwarded[2].pk, "Tính kinh tế – Ngô Chuyên Gia")] = 10
    del values[(forwarded[2].pk, "Tính kinh tế – Phạm Văn Chủ")]
    values[(forwarded[2].pk, "Tính mới – Lê Thị Lạ")] = 10
    content = fill(blank, values, extra_columns=["Tính mới – Lê Thị Lạ"])
    response = post(client_for, council, people["secretary"], upload(content))
    assert _problems(response) == [
        f"Dòng {first}, cột 'Tính mới – Lê Thị Một': điểm 25 vượt quá 20",
        f"Dòng {second}, cột 'Tính kinh tế – Võ Văn Hai': “mười” không phải là số",
        f"Dòng {second}, cột 'Tính mới – Đỗ Thị Giáo': Đỗ Thị Giáo có xung đột lợi ích với "
        "sáng kiến này nên không được chấm",
        f"Dòng {third}, cột 'Tính mới – Lê Thị Lạ': không có thành viên Hội đồng hay tiêu chí "
        "nào mang tên này",
        f"Dòng {third}: phiếu chấm của Phạm Văn Chủ thiếu điểm tiêu chí Tính kinh tế",
        f"Dòng {third}, cột 'Tính mới – Ngô Chuyên Gia': Ngô Chuyên Gia không được mời chấm "
        "sáng kiến này",
    ]
    nothing_saved()


def test_import_refuses_a_declared_conflict_and_an_unknown_initiative(council, forwarded, people):
    m1 = council.people["m1"]
    services.conflict_declare(
        initiative=forwarded[0], user=m1, by=m1, reason="Vợ của tác giả", source="member"
    )
    rows = [
        {"line": 6, "code": forwarded[0].pk, "scores": {"Tính mới – Lê Thị Một": 10}},
        {"line": 7, "code": 999999, "scores": {"Tính mới – Lê Thị Một": 10}},
        {"line": 8, "code": "", "scores": {"Tính mới – Lê Thị Một": 10}},
        {"line": 9, "code": forwarded[0].pk, "scores": {}},
    ]
    with pytest.raises(ValidationError) as error:
        imports.sheets_import(council=council, by=people["secretary"], rows=rows)
    assert error.value.messages == [
        "Dòng 6, cột 'Tính mới – Lê Thị Một': Lê Thị Một có xung đột lợi ích với sáng kiến này "
        "nên không được chấm",
        "Dòng 7: không có sáng kiến mã 999999 trong Hội đồng này",
        "Dòng 8: thiếu mã sáng kiến",
        f"Dòng 9: sáng kiến mã {forwarded[0].pk} đã có ở dòng 6",
    ]
    assert Assignment.objects.count() == 0


def test_import_never_changes_a_submitted_sheet(scored, forwarded, people):
    sheet = Assignment.objects.filter(member=member(scored, "m1")).first()
    same = {"Tính mới – Lê Thị Một": 16, "Tính kinh tế – Lê Thị Một": 15}
    rows = [{"line": 6, "code": sheet.initiative_id, "scores": same}]
    result = imports.sheets_import(council=scored, by=people["secretary"], rows=rows)
    assert (result.imported, result.unchanged) == (0, 1)
    rows[0]["scores"] = {**same, "Tính mới – Lê Thị Một": 20}
    with pytest.raises(ValidationError) as error:
        imports.sheets_import(council=scored, by=people["secretary"], rows=rows)
    assert error.value.messages == [
        "Dòng 6, cột 'Tính mới – Lê Thị Một': Lê Thị Một đã nộp phiếu chấm này, không thể thay "
        "đổi điểm"
    ]
    assert [s.value for s in sheet.scores.order_by("criterion__order")] == [16, 15]


def test_import_of_an_empty_file_says_so(council, forwarded, people):
    with pytest.raises(ValidationError) as error:
        imports.sheets_import(
            council=council,
            by=people["secretary"],
            rows=[{"line": 6, "code": forwarded[0].pk, "scores": {}}],
        )
    assert error.value.messages == ["Tệp không có điểm nào để nhập."]


# --- the import: who ---------------------------------------------------------------------------


def test_import_is_the_secretarys_while_the_council_is_open(council, forwarded, people, client_for):
    url = reverse("appraisal:sheets_import", args=[council.pk])
    assert client_for(people["secretary"]).get(url).status_code == 200
    for user in [council.people["chair"], council.people["m1"], people["officer"]]:
        assert client_for(user).get(url).status_code == 403
    rows = [{"line": 6, "code": forwarded[0].pk, "scores": {"Tính mới – Lê Thị Một": 10}}]
    with pytest.raises(PermissionDenied):
        imports.sheets_import(council=council, by=council.people["chair"], rows=rows)


def test_import_refused_once_the_council_is_sealed(scored, forwarded, people, client_for):
    chair = scored.people["chair"]
    for initiative in forwarded[1:]:
        services.decision_record(
            council=scored,
            initiative=initiative,
            outcome="not_recognised",
            reason="Chưa đạt",
            by=chair,
        )
    services.council_seal(council=scored, by=chair)
    url = reverse("appraisal:sheets_import", args=[scored.pk])
    assert client_for(people["secretary"]).get(url).status_code == 403


def test_results_workbook_writes_a_formula_typed_as_a_title_as_text(council, forwarded, people):
    from sangtao.initiatives.models import Initiative

    # A title typed before the forms refused control characters, beginning like a formula.
    Initiative.objects.filter(pk=forwarded[0].pk).update(
        title='=HYPERLINK("http://example.com","Bấm")\x07'
    )
    Initiative.objects.filter(pk=forwarded[1].pk).update(title="@SUM(1+1)")

    _header, table, sheet = header_and_rows(export(council, people["secretary"]))

    assert table[forwarded[0].pk]["Tên sáng kiến"] == '=HYPERLINK("http://example.com","Bấm")'
    assert table[forwarded[1].pk]["Tên sáng kiến"] == "@SUM(1+1)"
    titles = [row[1] for row in sheet.iter_rows(min_row=FIRST_DATA_ROW)]
    assert [(cell.data_type, cell.quotePrefix) for cell in titles if cell.value[0] in "=@"] == [
        ("s", True),
        ("s", True),
    ]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
