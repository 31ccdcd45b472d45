"""Importing the list of units a province office keeps: preview, then all rows or none."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from sangtao.accounts.models import Role
from sangtao.core.models import AuditEvent
from sangtao.orgs.models import OrgUnit, UnitChange

from .. import factories as f

HEADER = ["Mã", "Tên", "Loại", "Đơn vị cấp trên (mã hoặc tên)", "Ngày hiệu lực"]


def workbook(rows, header=HEADER) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐƠN VỊ TỈNH TÂY NINH"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return SimpleUploadedFile(
        "don-vi.xlsx",
        output.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@pytest.fixture
def coded(tree):
    """The province's units with the codes its office uses."""
    for key, code in (("province", "72"), ("district", "706"), ("commune", "25522")):
        OrgUnit.objects.filter(pk=tree[key].pk).update(official_code=code)
    OrgUnit.objects.filter(pk=tree["other_district"].pk).update(official_code="710")
    return {key: OrgUnit.objects.get(pk=unit.pk) for key, unit in tree.items()}


@pytest.fixture
def admin(tree):
    return f.make_user("quantri", unit=tree["province"], roles=((Role.ADMIN, tree["province"]),))


@pytest.fixture
def client(admin, client_for):
    return client_for(admin)


def preview(client, unit, rows, **kwargs):
    return client.post(reverse("orgs:import", args=[unit.pk]), {"file": workbook(rows, **kwargs)})


def confirm(client, unit):
    return client.post(reverse("orgs:import", args=[unit.pk]), {"confirm": "1"})


GOOD = [
    ["25600", "Ủy ban MTTQ Việt Nam phường Bình Minh", "Phường", "72", datetime.date(2026, 1, 1)],
    ["T-01", "Trường Tiểu học Bình Minh", "Trường học", "25600", "01/01/2026"],
    [
        "25522",
        "Ủy ban MTTQ Việt Nam xã Tân Hòa (mới)",
        "Ủy ban Mặt trận Tổ quốc",
        "72",
        "01/01/2026",
    ],
    ["710", "Ủy ban MTTQ Việt Nam huyện Gò Dầu", "Ủy ban Mặt trận Tổ quốc", "72", ""],
]


def test_unit_list_preview_shows_each_row_and_saves_nothing(coded, client):
    before = OrgUnit.objects.count()
    response = preview(client, coded["province"], GOOD)
    assert response.status_code == 200
    plan = response.context["plan"]
    assert [(row.line, row.statuses) for row in plan.rows] == [
        (3, ["new"]),
        (4, ["new"]),
        (5, ["renamed", "moved"]),
        (6, ["unchanged"]),
    ]
    html = response.content.decode()
    assert "2 thêm mới, 1 đổi tên, 1 chuyển, 1 không đổi, 0 có lỗi." in html
    assert "đổi tên, chuyển đơn vị cấp trên" in html
    assert "Áp dụng các thay đổi này" in html
    assert OrgUnit.objects.count() == before


def test_unit_list_confirm_applies_every_row_with_history(coded, client):
    preview(client, coded["province"], GOOD)
    response = confirm(client, coded["province"])
    assert response.status_code == 302
    ward = OrgUnit.objects.get(official_code="25600")
    school = OrgUnit.objects.get(official_code="T-01")
    commune = OrgUnit.objects.get(pk=coded["commune"].pk)
    assert (ward.parent, ward.level.code, ward.kind.code, ward.valid_from) == (
        coded["province"],
        "commune",
        "front_committee",
        datetime.date(2026, 1, 1),
    )
    assert (school.parent, school.level.code, school.path) == (
        ward,
        "grassroots",
        f"{ward.path}{school.pk}/",
    )
    assert (commune.name, commune.parent, commune.depth) == (
        "Ủy ban MTTQ Việt Nam xã Tân Hòa (mới)",
        coded["province"],
        2,
    )
    assert OrgUnit.objects.get(pk=coded["school"].pk).path == f"{commune.path}{coded['school'].pk}/"
    assert sorted(UnitChange.objects.values_list("action", flat=True)) == [
        "created",
        "created",
        "moved",
        "renamed",
    ]
    event = AuditEvent.objects.get(action="unit.import_list")
    assert event.data == {"new": 2, "renamed": 1, "moved": 1, "unchanged": 1}


def test_unit_list_broken_sheet_gets_a_message_per_row_and_saves_nothing(coded, client, rival_unit):
    before = list(OrgUnit.objects.values_list("pk", "name", "path"))
    rows = [
        ["30001", "Trường A", "Tàu vũ trụ", "72", "01/01/2026"],
        ["30002", "Trường B", "Trường học", "99999", "01/01/2026"],
        ["30003", "Trường C", "Trường học", "80", "01/01/2026"],
        ["30004", "Trường D", "Trường học", "72", "01/01/2026"],
        ["30004", "Trường E", "Trường học", "72", "01/01/2026"],
        ["30006", "Trường F", "Trường học", "72", "31/02/2026"],
        ["80", "Ủy ban tỉnh khác", "Ủy ban Mặt trận Tổ quốc", "72", "01/01/2026"],
    ]
    response = preview(client, coded["province"], rows)
    plan = response.context["plan"]
    assert [(row.line, row.errors) for row in plan.rows if row.errors] == [
        (3, ["Không có loại đơn vị “Tàu vũ trụ”."]),
        (4, ["Không tìm thấy đơn vị cấp trên “99999”."]),
        (5, ["Đơn vị cấp trên “80” nằm ngoài phạm vi bạn quản trị."]),
        (7, ["Mã 30004 bị trùng với dòng 6."]),
        (8, ["“31/02/2026” không phải ngày hợp lệ (dd/mm/yyyy)."]),
        (9, ["Mã 80 là của một đơn vị ngoài phạm vi bạn quản trị."]),
    ]
    html = response.content.decode()
    assert "Danh sách có lỗi" in html
    assert "Áp dụng các thay đổi này" not in html
    assert confirm(client, coded["province"]).status_code == 302  # nothing kept to apply
    assert list(OrgUnit.objects.values_list("pk", "name", "path")) == before


@pytest.fixture
def rival_unit(tree):
    return f.make_unit(
        "Ủy ban MTTQ Việt Nam tỉnh Long An", parent=tree["central"], official_code="80"
    )


def test_unit_list_with_wrong_columns_is_refused(coded, client):
    response = preview(client, coded["province"], GOOD, header=["Mã", "Tên", "Cấp trên"])
    assert response.context["plan"] is None
    assert (
        "Dòng tiêu đề thiếu các cột: “loại”, “đơn vị cấp trên”, “ngày hiệu lực”."
        in response.content.decode()
    )


def test_unit_list_that_is_not_a_workbook_is_refused(coded, client):
    response = client.post(
        reverse("orgs:import", args=[coded["province"].pk]),
        {"file": SimpleUploadedFile("don-vi.xlsx", b"ma;ten\n1;2\n")},
    )
    assert "Tệp này không phải là bảng tính Excel (.xlsx)." in response.content.decode()


def test_unit_list_with_too_many_rows_is_refused(coded, client):
    rows = [[f"4{n:04d}", f"Trường {n}", "Trường học", "72", "01/01/2026"] for n in range(2001)]
    response = preview(client, coded["province"], rows)
    assert "Danh sách có hơn 2000 đơn vị." in response.content.decode()


def test_unit_list_is_planned_again_and_refused_whole_when_the_tree_changed(
    coded, client, rival_unit
):
    preview(client, coded["province"], GOOD)
    # Meanwhile another province gives the code T-01 to one of its units.
    f.make_unit("Trường trùng mã", parent=rival_unit, official_code="T-01")
    before = OrgUnit.objects.count()
    response = confirm(client, coded["province"])
    assert response.status_code == 200
    assert "Danh sách có lỗi: chưa có gì được lưu." in response.content.decode()
    assert OrgUnit.objects.count() == before
    assert not UnitChange.objects.exists()


def test_unit_list_refuses_an_administrator_of_another_province(coded, rival_unit, client_for):
    rival = f.make_user("quantri.la", unit=rival_unit, roles=((Role.ADMIN, rival_unit),))
    client = client_for(rival)
    assert preview(client, coded["province"], GOOD).status_code == 403
    assert confirm(client, coded["province"]).status_code == 403
    assert not OrgUnit.objects.filter(official_code="25600").exists()
