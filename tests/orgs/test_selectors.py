"""Reads of the tree: subtree ranges, current units, subtree sizes, search and history."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sangtao.orgs.models import OrgUnit, UnitSuccession
from sangtao.orgs.selectors import (
    current_q,
    subtree_q,
    unit_ancestors,
    unit_children,
    unit_history,
    unit_search,
    unit_subtree,
    unit_subtree_size,
)
from sangtao.orgs.services import unit_close
from sangtao.orgs.text import fold

from .. import factories as f

TODAY = timezone.localdate()
LONG_AGO = datetime.date(2025, 6, 30)


def raw_unit(pk: int, path: str, parent_id: int | None = None) -> OrgUnit:
    """A row with a chosen id, so that ids that share leading digits meet."""
    return OrgUnit.objects.create(
        pk=pk,
        name=f"Đơn vị {pk}",
        kind=f.kind("other"),
        level=f.level("grassroots"),
        parent_id=parent_id,
        path=path,
        depth=path.count("/") - 2,
    )


@pytest.fixture
def look_alike_ids(db):
    """Units 5, 50, 55 and 500 side by side, with children, so "/5/" prefixes "/50/" as text."""
    units = {
        5: raw_unit(5, "/5/"),
        50: raw_unit(50, "/50/"),
        55: raw_unit(55, "/55/"),
        7: raw_unit(7, "/5/7/", 5),
        500: raw_unit(500, "/50/500/", 50),
        501: raw_unit(501, "/5/7/501/", 7),
    }
    return units


def ids(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_subtree_q_does_not_confuse_unit_5_with_unit_50(look_alike_ids):
    assert ids(OrgUnit.objects.filter(subtree_q("/5/"))) == {5, 7, 501}
    assert ids(OrgUnit.objects.filter(subtree_q("/50/"))) == {50, 500}
    assert ids(OrgUnit.objects.filter(subtree_q("/5/7/"))) == {7, 501}
    assert ids(OrgUnit.objects.filter(subtree_q("/55/"))) == {55}


def test_subtree_q_through_a_relation(look_alike_ids):
    author = f.make_user(unit=look_alike_ids[500])
    f.make_user(unit=look_alike_ids[7])
    from sangtao.accounts.models import User

    assert list(User.objects.filter(subtree_q("/50/", prefix="unit__"))) == [author]


def test_subtree_sizes_do_not_confuse_unit_5_with_unit_50(look_alike_ids):
    sizes = dict(unit_children(unit=None, with_sizes=True).values_list("pk", "subtree_size"))
    assert sizes == {5: 2, 50: 1, 55: 0}
    assert unit_subtree_size(unit=look_alike_ids[5]) == 2


def test_path_column_compares_bytes_on_postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite compares text byte by byte already")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_name = 'orgs_orgunit' AND column_name = 'path'"
        )
        assert cursor.fetchone()[0] == "C"


def test_unit_subtree_includes_itself_on_request(tree):
    district = tree["district"]
    assert ids(unit_subtree(unit=district)) == {
        district.pk,
        tree["commune"].pk,
        tree["school"].pk,
    }
    assert ids(unit_subtree(unit=district, include_self=False)) == {
        tree["commune"].pk,
        tree["school"].pk,
    }


def test_current_q_leaves_out_closed_and_pending_units(db):
    parent = f.make_unit("Tỉnh")
    current = f.make_unit("Xã đang hoạt động", parent=parent)
    f.make_unit("Xã đã sáp nhập", parent=parent, valid_to=LONG_AGO)
    f.make_unit("Xã sắp thành lập", parent=parent, valid_from=TODAY + datetime.timedelta(days=1))
    last_day = f.make_unit("Xã hết hạn hôm nay", parent=parent, valid_to=TODAY)
    assert ids(OrgUnit.objects.filter(current_q(), parent=parent)) == {current.pk, last_day.pk}


def test_unit_children_lists_current_units_by_name_with_their_sizes(db):
    province = f.make_unit("Tỉnh")
    b = f.make_unit("Xã B", parent=province)
    a = f.make_unit("Xã A", parent=province)
    closed = f.make_unit("Xã C", parent=province, valid_to=LONG_AGO)
    f.make_unit("Ấp 1", parent=a, level_code="grassroots")
    f.make_unit("Ấp 2", parent=a, level_code="grassroots", valid_to=LONG_AGO)
    f.make_unit("Ấp 3", parent=closed, level_code="grassroots", valid_to=LONG_AGO)

    current = unit_children(unit=province, active_only=True, with_sizes=True)
    assert [(u.name, u.subtree_size) for u in current] == [("Xã A", 1), ("Xã B", 0)]

    everything = unit_children(unit=province, with_sizes=True)
    assert [(u.name, u.subtree_size) for u in everything] == [
        ("Xã A", 2),
        ("Xã B", 0),
        ("Xã C", 1),
    ]
    assert b.pk in ids(everything)


def test_unit_children_sizes_cost_one_query(db):
    province = f.make_unit("Tỉnh")
    for number in range(20):
        commune = f.make_unit(f"Xã {number}", parent=province)
        f.make_unit(f"Ấp {number}", parent=commune, level_code="grassroots")
    with CaptureQueriesContext(connection) as queries:
        sizes = [u.subtree_size for u in unit_children(unit=province, with_sizes=True)]
    assert len(queries) == 1
    assert sizes == [1] * 20


def test_unit_subtree_size_counts_current_units_below(tree):
    f.make_unit("Xã cũ", parent=tree["district"], valid_to=LONG_AGO)
    assert unit_subtree_size(unit=tree["province"]) == 6
    assert unit_subtree_size(unit=tree["province"], current_only=True) == 5
    assert unit_subtree_size(unit=tree["school"]) == 0


def test_unit_search_ignores_case_and_diacritics(tree):
    found = unit_search(within=tree["central"], query="TAN hoa")
    assert [u.name for u in found] == ["Ủy ban MTTQ Việt Nam xã Tân Hòa", "Trường THCS Tân Hòa"]


def test_unit_search_matches_words_in_any_order(tree):
    found = unit_search(within=None, query="hòa thcs")
    assert [u.name for u in found] == ["Trường THCS Tân Hòa"]


def test_unit_search_stays_within_the_subtree(tree):
    assert [u.name for u in unit_search(within=tree["other_district"], query="trường")] == [
        "Trường THPT Gò Dầu"
    ]
    assert ids(unit_search(within=tree["school"], query="trường")) == set()


def test_unit_search_finds_an_official_code(tree):
    ward = f.make_unit(
        "Ủy ban MTTQ Việt Nam phường 1", parent=tree["province"], official_code="25456"
    )
    f.make_unit("Ủy ban MTTQ Việt Nam phường 10", parent=tree["province"], official_code="254560")
    assert list(unit_search(within=tree["central"], query=" 25456 ")) == [ward]


def test_unit_search_leaves_closed_units_out_when_asked(tree):
    old = f.make_unit("Xã Tân Hòa cũ", parent=tree["district"], valid_to=LONG_AGO)
    assert old.pk not in ids(unit_search(within=None, query="tan hoa", active_only=True))
    assert old.pk in ids(unit_search(within=None, query="tan hoa"))


def test_unit_search_of_blank_text_finds_nothing(tree):
    assert list(unit_search(within=None, query="  ")) == []


def test_unit_search_takes_percent_signs_literally(tree):
    assert list(unit_search(within=None, query="%")) == []


def test_unit_ancestors_from_the_root_down(tree):
    assert unit_ancestors(unit=tree["school"]) == [
        tree["central"],
        tree["province"],
        tree["district"],
        tree["commune"],
    ]
    assert unit_ancestors(unit=tree["central"]) == []


def test_unit_history_lists_predecessors_and_successors(tree):
    on = datetime.date(2025, 7, 1)
    new = f.make_unit("Xã mới", parent=tree["province"], valid_from=on)
    unit_close(unit=tree["commune"], on=on, successors=[(new, "merged")])
    other = f.make_unit("Xã khác", parent=tree["district"])
    unit_close(unit=other, on=on, successors=[(new, "partial")])

    history = unit_history(unit=new)
    assert [(s.predecessor, s.kind) for s in history["predecessors"]] == [
        (tree["commune"], UnitSuccession.Kind.MERGED),
        (other, UnitSuccession.Kind.PARTIAL),
    ]
    assert list(history["successors"]) == []
    assert [s.successor for s in unit_history(unit=other)["successors"]] == [new]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ủy ban MTTQ Việt Nam phường Tân Ninh", "uy ban mttq viet nam phuong tan ninh"),
        ("Xã  Đức   Hòa", "xa duc hoa"),
        ("Thị trấn Dương Minh Châu", "thi tran duong minh chau"),
        ("Phường Ngũ Hành Sơn", "phuong ngu hanh son"),
    ],
)
def test_fold_drops_case_diacritics_and_extra_spaces(text, folded):
    assert fold(text) == folded


def test_unit_children_sort_vietnamese_names_alphabetically(db):
    province = f.make_unit("Tỉnh")
    for name in ["Phường Trảng Bàng", "Phường Tân An", "Phường Đức Hòa", "Phường Ấp Bắc"]:
        f.make_unit(name, parent=province)
    assert [u.name for u in unit_children(unit=province, active_only=True)] == [
        "Phường Ấp Bắc",
        "Phường Đức Hòa",
        "Phường Tân An",
        "Phường Trảng Bàng",
    ]
