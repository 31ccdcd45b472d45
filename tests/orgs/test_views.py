"""The tree pages: who may read them, what they show, and query counts that do not grow."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sangtao.orgs.models import OrgUnit
from sangtao.orgs.services import unit_bulk_create, unit_close

from .. import factories as f

MERGER_DAY = datetime.date(2025, 7, 1)
LAST_OLD_DAY = datetime.date(2025, 6, 30)


def detail(unit, **params) -> str:
    url = reverse("orgs:detail", args=[unit.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


@pytest.fixture
def reader(tree, client_for):
    return client_for(f.make_user("nguoidoc", unit=tree["school"]))


@pytest.fixture
def merged(tree):
    """The district and its commune closed on 30/06/2025; a new commune absorbs the old one."""
    new = f.make_unit(
        "Ủy ban MTTQ Việt Nam xã Tân Hòa mới",
        parent=tree["province"],
        level_code="commune",
        valid_from=MERGER_DAY,
        official_code="25522",
    )
    partner = f.make_unit("Ủy ban MTTQ Việt Nam xã Suối Ngô", parent=tree["other_district"])
    unit_close(
        unit=tree["commune"],
        on=MERGER_DAY,
        successors=[(new, "merged")],
        legal_basis="Nghị quyết 1682/NQ-UBTVQH15",
    )
    unit_close(unit=partner, on=MERGER_DAY, successors=[(new, "partial")])
    unit_close(unit=tree["district"], on=MERGER_DAY)
    return {"new": new, "partner": partner}


def many_children(parent, count: int, *, closed: int = 0) -> list[OrgUnit]:
    """`count` current commune units under `parent` (plus `closed` closed ones), each with one
    unit below it, so that every row has a subtree to count."""
    rows = [
        OrgUnit(
            name=f"Ủy ban MTTQ Việt Nam xã Thử {number:03d}",
            parent=parent,
            kind=f.kind("front_committee"),
            level=f.level("commune"),
            official_code=f"9{number:04d}",
            valid_to=LAST_OLD_DAY if number >= count else None,
        )
        for number in range(count + closed)
    ]
    children = unit_bulk_create(units=rows)
    unit_bulk_create(
        units=[
            OrgUnit(
                name=f"Trường Thử {child.pk}",
                parent=child,
                kind=f.kind("school"),
                level=f.level("grassroots"),
            )
            for child in children
        ]
    )
    return children


# --- who may read ---------------------------------------------------------------------------


def test_tree_sends_anonymous_visitors_to_sign_in(tree, client):
    for url in (reverse("orgs:tree"), detail(tree["province"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_unit_page_of_a_missing_unit_is_404(reader):
    assert reader.get(reverse("orgs:detail", args=[999999])).status_code == 404


# --- the root -------------------------------------------------------------------------------


def test_tree_root_lists_top_units_with_subtree_sizes(tree, reader):
    f.make_unit("Hội Liên hiệp Phụ nữ Việt Nam", kind_code="member_org", level_code="central")
    response = reader.get(reverse("orgs:tree"))
    assert response.status_code == 200
    rows = [(u.name, u.subtree_size) for u in response.context["page"]]
    assert rows == [("Hội Liên hiệp Phụ nữ Việt Nam", 0), ("Ủy ban Trung ương MTTQ Việt Nam", 6)]
    assert detail(tree["central"]) in response.content.decode()


def test_tree_root_searches_every_unit(tree, reader):
    response = reader.get(reverse("orgs:tree"), {"q": "go dau"})
    assert [u.name for u in response.context["page"]] == [
        "Ủy ban MTTQ Việt Nam huyện Gò Dầu",
        "Trường THPT Gò Dầu",
    ]
    assert detail(tree["province"]) in response.content.decode()  # "directly under" column


# --- a unit page ----------------------------------------------------------------------------


def test_unit_page_shows_breadcrumbs_and_details(tree, reader):
    unit = tree["commune"]
    OrgUnit.objects.filter(pk=unit.pk).update(official_code="25522", short_name="Xã Tân Hòa")
    response = reader.get(detail(unit))
    html = response.content.decode()
    assert response.context["ancestors"] == [tree["central"], tree["province"], tree["district"]]
    for ancestor in response.context["ancestors"]:
        assert f'<a href="{detail(ancestor)}">{ancestor.name}</a>' in html
    assert 'aria-current="page">Ủy ban MTTQ Việt Nam xã Tân Hòa</li>' in html
    assert "25522" in html and "Xã, phường, đặc khu" in html and "Ủy ban Mặt trận Tổ quốc" in html
    assert response.context["subtree_size"] == 1


def test_unit_page_marks_a_closed_unit_with_its_last_day(tree, merged, reader):
    response = reader.get(detail(tree["commune"]))
    html = response.content.decode()
    assert "Đã giải thể/sáp nhập" in html
    assert "30/06/2025" in html
    assert [s.successor for s in response.context["successors"]] == [merged["new"]]
    assert f'<a href="{detail(merged["new"])}">' in html
    assert "Nghị quyết 1682/NQ-UBTVQH15" in html


def test_unit_page_lists_what_a_new_unit_absorbed(tree, merged, reader):
    response = reader.get(detail(merged["new"]))
    html = response.content.decode()
    assert [(s.predecessor, s.kind) for s in response.context["predecessors"]] == [
        (tree["commune"], "merged"),
        (merged["partner"], "partial"),
    ]
    assert f'<a href="{detail(tree["commune"])}">' in html
    assert f'<a href="{detail(merged["partner"])}">' in html
    assert "01/07/2025" in html
    assert "Đã giải thể/sáp nhập" not in html.split("<h1")[1].split("</h1>")[0]


def test_unit_page_shows_current_children_by_default_and_history_on_request(tree, merged, reader):
    current = reader.get(detail(tree["province"]))
    assert [u.name for u in current.context["page"]] == [
        "Ủy ban MTTQ Việt Nam huyện Gò Dầu",
        "Ủy ban MTTQ Việt Nam xã Tân Hòa mới",
    ]
    assert current.context["subtree_size"] == 4  # Gò Dầu, its school, the new commune, ...
    everything = reader.get(detail(tree["province"], history="on"))
    assert [(u.name, u.subtree_size) for u in everything.context["page"]] == [
        ("Ủy ban MTTQ Việt Nam huyện Gò Dầu", 2),
        ("Ủy ban MTTQ Việt Nam xã Tân Hòa mới", 0),
        ("Ủy ban MTTQ Việt Nam huyện Tân Châu", 2),
    ]
    assert everything.context["subtree_size"] == 7


def test_unit_page_searches_within_its_subtree(tree, reader):
    response = reader.get(detail(tree["district"], q="tan hoa"))
    assert [u.name for u in response.context["page"]] == [
        "Ủy ban MTTQ Việt Nam xã Tân Hòa",
        "Trường THCS Tân Hòa",
    ]
    outside = reader.get(detail(tree["other_district"], q="tan hoa"))
    assert list(outside.context["page"]) == []


def test_unit_page_paginates_children_and_keeps_the_filters(tree, reader):
    many_children(tree["province"], 60, closed=3)
    first = reader.get(detail(tree["province"], history="on"))
    assert first.context["page"].paginator.count == 2 + 63
    assert len(first.context["page"]) == 50
    assert "?history=on&amp;page=2" in first.content.decode()
    second = reader.get(detail(tree["province"], history="on", page=2))
    assert len(second.context["page"]) == 15
    searched = reader.get(detail(tree["province"], q="xa thu"))
    assert searched.context["page"].paginator.count == 60
    assert "?q=xa+thu&amp;page=2" in searched.content.decode()


def test_unit_page_ignores_a_too_long_search(tree, reader):
    response = reader.get(detail(tree["province"], q="x" * 101))
    assert response.status_code == 200
    assert response.context["query"] == ""
    assert len(response.context["page"]) == 2


# --- query counts ---------------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def root_queries(client) -> int:
    """The root page with some top units: the page frame (session, user, menu) + 2 (count and
    page of the listing). A unit page adds 6: the unit, its ancestors, its subtree size, its
    predecessors, its successors and its dated changes."""
    return count_queries(client, reverse("orgs:tree"))


def test_unit_page_query_count_does_not_grow_with_children(tree, reader):
    one = f.make_unit("Tỉnh một", parent=tree["central"])
    fifty = f.make_unit("Tỉnh năm mươi", parent=tree["central"])
    many_children(one, 1)
    many_children(fifty, 50)
    at_one = count_queries(reader, detail(one))
    at_fifty = count_queries(reader, detail(fifty))
    assert at_one == at_fifty == root_queries(reader) + 6


def test_unit_page_with_history_query_count_does_not_grow(tree, reader):
    one = f.make_unit("Tỉnh một", parent=tree["central"])
    fifty = f.make_unit("Tỉnh năm mươi", parent=tree["central"])
    many_children(one, 0, closed=1)
    many_children(fifty, 25, closed=25)
    at_one = count_queries(reader, detail(one, history="on"))
    at_fifty = count_queries(reader, detail(fifty, history="on"))
    assert at_one == at_fifty == root_queries(reader) + 6


def test_search_query_count_does_not_grow_with_results(tree, reader):
    one = f.make_unit("Tỉnh một", parent=tree["central"])
    fifty = f.make_unit("Tỉnh năm mươi", parent=tree["central"])
    many_children(one, 1)
    many_children(fifty, 50)
    at_one = count_queries(reader, detail(one, q="xa thu"))
    at_fifty = count_queries(reader, detail(fifty, q="xa thu"))
    assert at_one == at_fifty == root_queries(reader) + 6


def test_tree_root_query_count_does_not_grow_with_top_units(db, client_for):
    reader = client_for(f.make_user())
    many_children(None, 1)
    at_one = count_queries(reader, reverse("orgs:tree"))
    many_children(None, 49)
    at_fifty = count_queries(reader, reverse("orgs:tree"))
    at_fifty_searched = count_queries(reader, reverse("orgs:tree") + "?q=xa+thu")
    assert at_one == at_fifty == at_fifty_searched


def test_admin_rename_keeps_the_unit_findable(tree, client_for):
    admin = f.make_user("quantri", is_staff=True, is_superuser=True)
    unit = tree["commune"]
    response = client_for(admin).post(
        reverse("admin:orgs_orgunit_change", args=[unit.pk]),
        {
            "name": "Ủy ban MTTQ Việt Nam xã Thạnh Đông",
            "short_name": "",
            "kind": unit.kind_id,
            "level": unit.level_id,
            "official_code": "",
            "valid_from": "",
            "valid_to": "",
            "successions-TOTAL_FORMS": "0",
            "successions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.search_key == "uy ban mttq viet nam xa thanh dong"
