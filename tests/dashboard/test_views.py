"""The dashboard page: who sees it, the unit filter bounded by the subtree, the charts' data
and tables, the figures as XLSX, the panel registry and the page's query count."""

import datetime
import io
import json

import pytest
from django.urls import reverse

from sangtao.accounts.models import Role
from sangtao.dashboard import panels

from .. import factories as f
from .conftest import at, file

URL = reverse("dashboard:index")


def chart_data(response, code):
    html = response.content.decode()
    start = html.index(f'id="chart-{code}-data"')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])


def test_dashboard_shows_the_officers_subtree_with_exact_cards(known, dashboard_people, client_for):
    response = client_for(dashboard_people["officer"]).get(URL, {"year": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="submitted">6<' in html
    assert 'data-figure="recognised">2<' in html
    assert 'data-figure="nominated">1<' in html
    assert 'data-figure="milestones_done">1/2<' in html
    assert chart_data(response, "field") == {
        "type": "bar",
        "labels": ["Doanh nghiệp", "Đơn vị sự nghiệp"],
        "series": [
            {"label": "Đã nộp", "values": [3, 3]},
            {"label": "Được công nhận", "values": [1, 1]},
        ],
    }
    # Each chart's numbers are in a table with a caption too.
    assert "<caption>Theo lĩnh vực" in html
    assert "Thư viện số của trường" in html  # the newest recognitions


def test_dashboard_opens_on_the_newest_year(known, dashboard_people, client_for):
    response = client_for(dashboard_people["officer"]).get(URL)
    assert response.context["filters"].year == 2025
    assert 'data-figure="submitted">2<' in response.content.decode()


def test_dashboard_is_refused_to_an_author_in_vietnamese(known, dashboard_people, client_for):
    response = client_for(dashboard_people["author"]).get(URL)
    assert response.status_code == 403
    assert "Bảng điều khiển dành cho" in response.content.decode()


def test_a_leader_sees_only_their_district(known, dashboard_people, client_for):
    response = client_for(dashboard_people["leader"]).get(URL, {"year": ""})
    html = response.content.decode()
    assert response.context["figures"].created == 5
    assert "Trường THPT Gò Dầu" not in html
    assert "Thư viện xanh Gò Dầu" not in html


def test_a_forged_unit_outside_the_subtree_is_refused_and_ignored(
    known, dashboard_people, tree, client_for
):
    client = client_for(dashboard_people["other_clerk"])
    response = client.get(URL, {"year": "", "unit": tree["school"].pk})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Đơn vị này nằm ngoài các đơn vị bạn phụ trách" in html
    # The figures stay those of the clerk's own district: Gò Dầu's one initiative.
    assert response.context["figures"].created == 1
    assert "Trường THCS Tân Hòa" not in html
    assert "Vườn rau sạch" not in html
    # The same through the figures' workbook.
    refused = client.get(reverse("dashboard:xlsx", args=["all"]), {"unit": tree["school"].pk})
    assert refused.status_code == 403


def test_a_unit_inside_the_subtree_narrows_the_figures(known, dashboard_people, tree, client_for):
    response = client_for(dashboard_people["officer"]).get(
        URL, {"year": "", "unit": tree["other_district"].pk}
    )
    assert response.status_code == 200
    assert response.context["figures"].created == 1
    assert response.context["filters"].paths == (tree["other_district"].path,)


def test_the_unit_picker_lists_the_subtree_only(known, dashboard_people, tree, client_for):
    response = client_for(dashboard_people["leader"]).get(URL)
    units = [unit.pk for unit in response.context["units"]]
    assert units == [tree["district"].pk, tree["commune"].pk]


def test_figures_workbook_holds_the_tables_numbers(known, dashboard_people, client_for):
    from openpyxl import load_workbook

    response = client_for(dashboard_people["officer"]).get(
        reverse("dashboard:xlsx", args=["field"]), {"year": ""}
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = [row for row in sheet.iter_rows(values_only=True) if any(v is not None for v in row)]
    assert rows[-3:] == [
        ("Lĩnh vực", "Đã nộp", "Được công nhận"),
        ("Doanh nghiệp", 3, 1),
        ("Đơn vị sự nghiệp", 3, 1),
    ]
    assert sheet.freeze_panes == "A7"  # below the header row
    everything = client_for(dashboard_people["officer"]).get(
        reverse("dashboard:xlsx", args=["all"]), {"year": ""}
    )
    assert len(load_workbook(io.BytesIO(everything.content)).worksheets) == 8


def test_the_page_loads_charts_from_static_files_only(known, dashboard_people, client_for):
    response = client_for(dashboard_people["officer"]).get(URL)
    html = response.content.decode()
    assert "dashboard/vendor/chartjs/chart.umd.min.js" in html
    assert "<script>" not in html  # no inline script: the CSP allows 'self' only
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_registered_panel_is_shown_and_reads_the_filters(known, dashboard_people, client_for):
    seen = []

    def context(*, user, filters):
        seen.append(filters.paths)
        return {"title": "Hoàn thành báo cáo", "rows": [("Đơn vị đã nộp", "3 / 4")]}

    panels.register(
        panels.Panel(
            code="tests.completion",
            title="Report completion",
            template="dashboard/_panel.html",
            context=context,
        )
    )
    try:
        response = client_for(dashboard_people["leader"]).get(URL)
    finally:
        panels.unregister("tests.completion")
    html = response.content.decode()
    assert "<caption>Hoàn thành báo cáo</caption>" in html and "3 / 4" in html
    assert seen == [(dashboard_people["leader"].memberships.get().unit.path,)]


def test_the_practices_panel_counts_the_subtree_of_the_year(
    known, reform, dashboard_people, client_for
):
    from sangtao.practices import services as practice_services

    officer = dashboard_people["officer"]
    for year, unit in (
        (2025, reform["school"]),
        (2025, reform["other_school"]),
        (2024, reform["school"]),
    ):
        practice_services.practice_create(
            by=officer,
            unit=unit,
            title=f"Mô hình {year} {unit.pk}",
            started_on=datetime.date(year, 3, 1),
        )

    response = client_for(officer).get(URL, {"year": 2025})

    context = dict((panel.code, context) for panel, context in response.context["panels"])[
        "practices.counts"
    ]
    assert context["rows"] == [
        ("Mô hình đã xây dựng", 2),
        ("Mô hình được nhân rộng", 0),
        ("Sáng kiến được áp dụng", 0),
    ]
    assert "<caption>Mô hình, nhân rộng và áp dụng sáng kiến</caption>" in response.content.decode()
    leader = client_for(dashboard_people["leader"]).get(URL, {"year": ""})
    context = dict((panel.code, context) for panel, context in leader.context["panels"])[
        "practices.counts"
    ]
    assert context["rows"][0] == ("Mô hình đã xây dựng", 2)  # the school of the leader's district


@pytest.mark.parametrize("count", [1, 50])
def test_the_page_runs_the_same_queries_at_1_and_50_initiatives(
    count, reform, movement, people, client_for, django_assert_num_queries
):
    officer = people["officer"]
    round = movement.rounds.get()
    fields = list(movement.fields.all())
    units = [reform["school"], reform["other_school"], reform["commune"], reform["ward"]]
    for number in range(count):
        file(
            unit=units[number % 4],
            round=round,
            field=fields[number % 2],
            by=people["author"],
            title=f"Sáng kiến {number}",
            submitted=at(2018, 3, 1),
            saving=1_000_000,
        )
    client = client_for(officer)
    with django_assert_num_queries(QUERIES):
        response = client.get(URL, {"year": ""})
    assert response.context["figures"].submitted == count


# Sign-in, session and memberships, the form's rounds and root units, whether a summary was
# computed (none here) and the figures (eleven statements), milestones (two), the practices
# panel (three counts), the unit picker and the unread notifications: 24 in all, whatever the
# number of initiatives (the menu reads no permission tables: accounts/backends.py); and the
# panels of the activities (five), the budget (two), consultations (two) and feedback (one).
QUERIES = 24 + 10


def test_a_person_with_two_subtrees_sees_both(known, tree, client_for):
    person = f.make_user(
        "hai_noi",
        roles=((Role.CLERK, tree["commune"]), (Role.LEADER, tree["other_district"])),
    )
    response = client_for(person).get(URL, {"year": ""})
    # The commune's school (4) and the commune's own (1), Gò Dầu's (1).
    assert response.context["figures"].created == 6
