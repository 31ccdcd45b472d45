"""Administrators run the tree in the app: add, rename, move, close or merge units within their
subtree, with dated history, and never delete one."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from sangtao.accounts.models import Role
from sangtao.core.models import AuditEvent
from sangtao.orgs.models import OrgUnit, UnitChange, UnitSuccession
from sangtao.orgs.services import unit_add, unit_retire

from .. import factories as f
from .test_views import many_children

DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def rival_province(tree):
    return f.make_unit("Ủy ban MTTQ Việt Nam tỉnh Long An", parent=tree["central"])


@pytest.fixture
def admin(tree):
    return f.make_user("quantri", unit=tree["province"], roles=((Role.ADMIN, tree["province"]),))


@pytest.fixture
def rival(rival_province):
    return f.make_user("quantri.la", unit=rival_province, roles=((Role.ADMIN, rival_province),))


def url(name: str, unit) -> str:
    return reverse(f"orgs:{name}", args=[unit.pk])


def decision(**extra) -> dict:
    return {"on": "2026-03-01", "decision_number": "123/QĐ-MTTQ", "decision_date": "2026-02-20"}


# --- adding ---------------------------------------------------------------------------------


def test_unit_add_creates_a_school_under_the_unit_with_history(tree, admin, client_for):
    response = client_for(admin).post(
        url("add", tree["commune"]),
        {"name": "Trường Tiểu học  Tân Hòa", "kind": f.kind("school").pk, **decision()},
    )
    unit = OrgUnit.objects.get(name="Trường Tiểu học Tân Hòa")
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:detail", args=[unit.pk])
    assert (unit.parent, unit.level.code, unit.valid_from) == (tree["commune"], "grassroots", DAY)
    assert unit.path == f"{tree['commune'].path}{unit.pk}/"
    change = UnitChange.objects.get(unit=unit)
    assert (change.action, change.effective_on, change.decision_number, change.recorded_by) == (
        "created",
        DAY,
        "123/QĐ-MTTQ",
        admin,
    )
    assert AuditEvent.objects.filter(action="unit.create", target_id=str(unit.pk)).count() == 1


def test_unit_add_puts_a_new_commune_at_commune_level_after_the_reform(tree, admin, client_for):
    client_for(admin).post(
        url("add", tree["province"]),
        {
            "name": "Ủy ban MTTQ Việt Nam phường Bình Minh",
            "kind": f.kind("front_committee").pk,
            **decision(),
        },
    )
    unit = OrgUnit.objects.get(name="Ủy ban MTTQ Việt Nam phường Bình Minh")
    assert unit.level.code == "commune"


def test_unit_add_offers_the_overseas_association_kind(tree, admin, client_for):
    response = client_for(admin).get(url("add", tree["province"]))
    assert "Hội, đoàn thể người Việt Nam ở nước ngoài" in response.content.decode()


def test_unit_add_refuses_a_code_in_use_and_saves_nothing(tree, admin, client_for):
    OrgUnit.objects.filter(pk=tree["commune"].pk).update(official_code="25522")
    before = OrgUnit.objects.count()
    response = client_for(admin).post(
        url("add", tree["province"]),
        {
            "name": "Xã mới",
            "kind": f.kind("front_committee").pk,
            "official_code": "25522",
            **decision(),
        },
    )
    assert response.status_code == 200
    assert "Một đơn vị khác đang hoạt động đã có mã 25522." in response.content.decode()
    assert OrgUnit.objects.count() == before


# --- renaming and moving --------------------------------------------------------------------


def test_unit_rename_keeps_the_former_name_in_history(tree, admin, client_for):
    client = client_for(admin)
    response = client.post(
        url("rename", tree["commune"]),
        {"name": "Ủy ban MTTQ Việt Nam xã Tân Hòa Mới", **decision()},
    )
    assert response.status_code == 302
    unit = OrgUnit.objects.get(pk=tree["commune"].pk)
    assert (unit.name, unit.search_key) == (
        "Ủy ban MTTQ Việt Nam xã Tân Hòa Mới",
        "uy ban mttq viet nam xa tan hoa moi",
    )
    change = UnitChange.objects.get(unit=unit)
    assert (change.action, change.old_value, change.new_value) == (
        "renamed",
        "Ủy ban MTTQ Việt Nam xã Tân Hòa",
        "Ủy ban MTTQ Việt Nam xã Tân Hòa Mới",
    )
    page = client.get(reverse("orgs:detail", args=[unit.pk])).content.decode()
    assert "Ủy ban MTTQ Việt Nam xã Tân Hòa → Ủy ban MTTQ Việt Nam xã Tân Hòa Mới" in page
    assert "123/QĐ-MTTQ (20/02/2026)" in page


def test_unit_move_takes_the_subtree_under_the_new_parent(tree, admin, client_for):
    OrgUnit.objects.filter(pk=tree["other_district"].pk).update(official_code="710")
    response = client_for(admin).post(
        url("move", tree["commune"]), {"new_parent": "710", **decision()}
    )
    assert response.status_code == 302
    commune = OrgUnit.objects.get(pk=tree["commune"].pk)
    school = OrgUnit.objects.get(pk=tree["school"].pk)
    assert commune.parent_id == tree["other_district"].pk
    assert school.path == f"{tree['other_district'].path}{commune.pk}/{school.pk}/"
    change = UnitChange.objects.get(unit=commune)
    assert (change.action, change.old_value, change.new_value) == (
        "moved",
        "Ủy ban MTTQ Việt Nam huyện Tân Châu",
        "Ủy ban MTTQ Việt Nam huyện Gò Dầu",
    )


def test_unit_move_finds_the_parent_by_its_name_without_tones(tree, admin, client_for):
    client_for(admin).post(
        url("move", tree["commune"]),
        {"new_parent": "uy ban mttq viet nam huyen go dau", **decision()},
    )
    assert OrgUnit.objects.get(pk=tree["commune"].pk).parent_id == tree["other_district"].pk


def test_unit_move_refuses_a_parent_in_another_province(tree, admin, rival_province, client_for):
    OrgUnit.objects.filter(pk=rival_province.pk).update(official_code="80")
    response = client_for(admin).post(
        url("move", tree["commune"]), {"new_parent": "80", **decision()}
    )
    assert response.status_code == 200
    assert (
        "Không có đơn vị đang hoạt động nào tên “80” trong phạm vi bạn quản trị."
        in response.content.decode()
    )
    assert OrgUnit.objects.get(pk=tree["commune"].pk).parent_id == tree["district"].pk
    assert not UnitChange.objects.exists()


def test_unit_move_refuses_a_unit_of_its_own_subtree(tree, admin, client_for):
    response = client_for(admin).post(
        url("move", tree["district"]),
        {"new_parent": "Ủy ban MTTQ Việt Nam xã Tân Hòa", **decision()},
    )
    assert "Không thể chuyển một đơn vị vào chính nó" in response.content.decode()
    assert OrgUnit.objects.get(pk=tree["district"].pk).parent_id == tree["province"].pk


# --- closing and merging --------------------------------------------------------------------


def test_unit_close_merges_into_the_successor_after_the_preview(tree, admin, client_for):
    client = client_for(admin)
    form = {"successor": "Ủy ban MTTQ Việt Nam huyện Gò Dầu", **decision()}
    preview = client.post(url("close", tree["district"]), form)
    assert preview.status_code == 200
    assert "1 đơn vị sẽ chuyển sang Ủy ban MTTQ Việt Nam huyện Gò Dầu." in preview.content.decode()
    assert OrgUnit.objects.get(pk=tree["district"].pk).valid_to is None
    key = f"{tree['other_district'].pk}:{DAY.isoformat()}"
    response = client.post(url("close", tree["district"]), form | {"confirm": key})
    assert response.status_code == 302
    district = OrgUnit.objects.get(pk=tree["district"].pk)
    assert district.valid_to == datetime.date(2026, 2, 28)
    succession = UnitSuccession.objects.get(predecessor=district)
    assert (succession.successor, succession.kind, succession.effective_on) == (
        tree["other_district"],
        "merged",
        DAY,
    )
    assert succession.legal_basis == "123/QĐ-MTTQ ngày 20/02/2026"
    assert OrgUnit.objects.get(pk=tree["commune"].pk).parent_id == tree["other_district"].pk
    assert UnitChange.objects.get(unit=district).action == "merged"
    assert OrgUnit.objects.filter(pk=district.pk).exists()


def test_unit_close_without_successor_refuses_a_unit_with_units_below(tree, admin, client_for):
    response = client_for(admin).post(url("close", tree["district"]), decision())
    assert response.status_code == 200
    assert "1 đơn vị đang hoạt động còn trực thuộc trực tiếp đơn vị này" in (
        response.content.decode()
    )
    assert OrgUnit.objects.get(pk=tree["district"].pk).valid_to is None


def test_unit_close_dissolves_a_school_and_requires_the_decision(tree, admin, client_for):
    client = client_for(admin)
    missing = client.post(url("close", tree["school"]), {"on": "2026-03-01"})
    assert missing.content.decode().count("Trường này là bắt buộc.") == 2
    client.post(url("close", tree["school"]), decision())
    school = OrgUnit.objects.get(pk=tree["school"].pk)
    assert school.valid_to == datetime.date(2026, 2, 28)
    assert not UnitSuccession.objects.exists()
    assert UnitChange.objects.get(unit=school).action == "closed"


def test_unit_close_refuses_a_successor_inside_the_unit(tree, admin):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        unit_retire(
            unit=tree["district"],
            on=DAY,
            successor=tree["commune"],
            decision_number="1",
            decision_date=DAY,
            by=admin,
        )
    assert "Đơn vị tiếp nhận không thể là chính đơn vị này" in str(error.value)


# --- who may ---------------------------------------------------------------------------------

PAGES = ["add", "rename", "move", "close", "import"]


def test_manage_pages_refuse_an_administrator_of_another_province(tree, rival, client_for):
    client = client_for(rival)
    before = (OrgUnit.objects.count(), list(OrgUnit.objects.values_list("name", "path")))
    for name in PAGES:
        for unit in (tree["province"], tree["commune"], tree["school"]):
            assert client.get(url(name, unit)).status_code == 403, (name, unit)
            posted = client.post(
                url(name, unit),
                {
                    "name": "X",
                    "kind": f.kind("school").pk,
                    "new_parent": tree["province"].name,
                    "successor": "",
                    "confirm": "1",
                    **decision(),
                },
            )
            assert posted.status_code == 403, (name, unit)
    assert (OrgUnit.objects.count(), list(OrgUnit.objects.values_list("name", "path"))) == before
    assert not UnitChange.objects.exists()


def test_manage_pages_refuse_staff_who_are_not_administrators(tree, people, client_for):
    for person in ("clerk", "officer", "leader", "author"):
        client = client_for(people[person])
        for name in PAGES:
            assert client.get(url(name, tree["school"])).status_code == 403


def test_manage_pages_send_anonymous_visitors_to_sign_in(tree, client):
    for name in PAGES:
        response = client.get(url(name, tree["school"]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_an_administrator_may_not_manage_the_unit_above_their_own(tree, admin, client_for):
    assert client_for(admin).get(url("add", tree["central"])).status_code == 403


def test_unit_page_offers_the_manage_buttons_to_its_administrators_only(
    tree, admin, rival, client_for
):
    link = url("rename", tree["commune"])
    assert (
        link
        in client_for(admin).get(reverse("orgs:detail", args=[tree["commune"].pk])).content.decode()
    )
    assert (
        link
        not in client_for(rival)
        .get(reverse("orgs:detail", args=[tree["commune"].pk]))
        .content.decode()
    )


def test_unit_page_query_count_for_an_administrator_does_not_grow_with_children(
    tree, admin, client_for
):
    client = client_for(admin)
    one = f.make_unit("Ủy ban MTTQ Việt Nam huyện Một", parent=tree["province"])
    fifty = f.make_unit("Ủy ban MTTQ Việt Nam huyện Năm Mươi", parent=tree["province"])
    many_children(one, 1)
    many_children(fifty, 50)
    counts = []
    for unit in (one, fifty):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("orgs:detail", args=[unit.pk]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


# --- the admin site never deletes a unit ------------------------------------------------------


@pytest.fixture
def superuser(tree):
    return f.make_user("sieuquantri", is_staff=True, is_superuser=True)


def test_admin_site_offers_no_delete_of_units(tree, superuser, client_for):
    client = client_for(superuser)
    listing = client.get(reverse("admin:orgs_orgunit_changelist"))
    assert listing.status_code == 200
    assert "delete_selected" not in listing.content.decode()
    assert "Xóa các đơn vị đã chọn" not in listing.content.decode()
    unit = tree["school"]
    assert client.get(reverse("admin:orgs_orgunit_delete", args=[unit.pk])).status_code == 403
    assert (
        client.post(
            reverse("admin:orgs_orgunit_delete", args=[unit.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    forged = client.post(
        reverse("admin:orgs_orgunit_changelist"),
        {"action": "delete_selected", "_selected_action": [unit.pk], "post": "yes"},
    )
    assert forged.status_code in (200, 302)
    assert OrgUnit.objects.filter(pk=unit.pk).exists()


def test_unit_close_merges_into_a_unit_that_starts_that_day(tree, admin, client_for):
    start = timezone.localdate() + datetime.timedelta(days=30)
    new = unit_add(
        parent=tree["province"],
        name="Ủy ban MTTQ Việt Nam xã Tân Hòa Hợp",
        kind=f.kind("front_committee"),
        valid_from=start,
        by=admin,
    )
    client = client_for(admin)
    early = client.post(
        url("close", tree["commune"]),
        {**decision(), "successor": new.name, "on": (start - datetime.timedelta(days=1))},
    )
    assert "Đơn vị tiếp nhận chỉ có hiệu lực từ" in early.content.decode()
    form = {**decision(), "successor": new.name, "on": start}
    response = client.post(
        url("close", tree["commune"]), form | {"confirm": f"{new.pk}:{start.isoformat()}"}
    )
    assert response.status_code == 302
    assert UnitSuccession.objects.get(predecessor=tree["commune"]).successor == new
    assert OrgUnit.objects.get(pk=tree["commune"].pk).valid_to == start - datetime.timedelta(days=1)
