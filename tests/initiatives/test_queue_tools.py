"""The officers' lists as tools: "Hồ sơ chờ xử lý" (what waits for the person's own action) and
"Tất cả hồ sơ" (every dossier of the subtrees they serve). Search without tones, filters (year,
round, unit picker, field, state, waiting more than N days), sorts, days waiting, XLSX export
(at once and in the background), what each role sees, query counts and index use."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from sangtao.initiatives import services
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.registers import ALL, WAITING
from sangtao.initiatives.search import search_catch_up
from sangtao.jobs.models import Job
from sangtao.movements.models import Round

from ..factories import ONE_AUTHOR, complete_dossier

pytestmark = pytest.mark.django_db

QUEUE = reverse("initiatives:queue")
ALL_URL = reverse("initiatives:all")


def _at(year, month, day) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 9, 0))


def _dossier(movement, unit, by, title, *, created, waiting_days, field=None, round_=None):
    """A submitted dossier filed on `created`, in its state for `waiting_days` days."""
    data = complete_dossier(movement, unit) | {"title": title}
    if field is not None:
        data["field"] = field
    if round_ is not None:
        data["round"] = round_
    initiative = services.initiative_create(by=by, data=data, authors=ONE_AUTHOR)
    services.initiative_submit(initiative=initiative, by=by)
    Initiative.objects.filter(pk=initiative.pk).update(
        created_at=created,
        submitted_at=created + datetime.timedelta(days=1),
        state_since=timezone.now() - datetime.timedelta(days=waiting_days, hours=1),
    )
    return initiative


@pytest.fixture
def dossiers(movement, tree, people, commune_council):
    """At the school (under the commune clerk): two submitted, one forwarded, one draft; at the
    commune: one submitted; at Gò Dầu's school (another district): one submitted."""
    author, clerk = people["author"], people["clerk"]
    later = Round.objects.create(movement=movement, year=2019, name="Năm 2019")
    second_field = movement.fields.order_by("order")[1]
    made = {
        "one_stop": _dossier(
            movement,
            tree["school"],
            author,
            "Số hóa hồ sơ một cửa",
            created=_at(2025, 3, 2),
            waiting_days=40,
        ),
        "garden": _dossier(
            movement,
            tree["school"],
            author,
            "Vườn rau sạch trường học",
            created=_at(2026, 5, 4),
            waiting_days=5,
            field=second_field,
            round_=later,
        ),
        "library": _dossier(
            movement,
            tree["commune"],
            clerk,
            "Tủ sách cộng đồng",
            created=_at(2026, 2, 1),
            waiting_days=12,
        ),
        "lamps": _dossier(
            movement,
            tree["school"],
            author,
            "Bóng đèn năng lượng mặt trời",
            created=_at(2026, 6, 1),
            waiting_days=2,
        ),
        "godau": _dossier(
            movement,
            tree["other_school"],
            people["outsider"],
            "Phân loại rác Gò Dầu",
            created=_at(2026, 1, 5),
            waiting_days=20,
        ),
    }
    services.initiative_forward(initiative=made["lamps"], by=clerk)
    Initiative.objects.filter(pk=made["lamps"].pk).update(
        state_since=timezone.now() - datetime.timedelta(days=3, hours=1)
    )
    services.initiative_create(
        by=author,
        data=complete_dossier(movement, tree["school"]) | {"title": "Bản nháp chưa nộp"},
        authors=ONE_AUTHOR,
    )
    search_catch_up()  # the index is written after the commit, which a test never reaches
    return made


def _titles(response) -> list[str]:
    assert response.status_code == 200
    return [row.title for row in response.context["rows"]]


# -- what waits for the person, and everything they serve ---------------------------------------


def test_queue_lists_only_what_waits_for_the_clerks_action_waiting_longest_first(
    client_for, people, dossiers
):
    response = client_for(people["clerk"]).get(QUEUE)
    assert _titles(response) == [
        "Số hóa hồ sơ một cửa",
        "Tủ sách cộng đồng",
        "Vườn rau sạch trường học",
    ]
    page = response.content.decode()
    assert '<h1 class="h3 m-0">Hồ sơ chờ xử lý</h1>' in page
    assert f'href="{ALL_URL}">Tất cả hồ sơ</a>' in page


def test_all_dossiers_lists_the_clerks_subtree_past_the_draft_newest_first(
    client_for, people, dossiers
):
    assert _titles(client_for(people["clerk"]).get(ALL_URL)) == [
        "Bóng đèn năng lượng mặt trời",
        "Vườn rau sạch trường học",
        "Tủ sách cộng đồng",
        "Số hóa hồ sơ một cửa",
    ]


def test_queue_of_a_leader_is_empty_and_all_dossiers_shows_their_subtree(
    client_for, people, dossiers
):
    client = client_for(people["leader"])
    queue = client.get(QUEUE)
    assert _titles(queue) == []
    assert "Không có hồ sơ nào chờ bạn xử lý." in queue.content.decode()
    assert _titles(client.get(ALL_URL, {"sort": "title"})) == [
        "Bóng đèn năng lượng mặt trời",
        "Số hóa hồ sơ một cửa",
        "Tủ sách cộng đồng",
        "Vườn rau sạch trường học",
    ]


def test_queue_of_the_province_officer_holds_both_districts(client_for, people, dossiers):
    assert _titles(client_for(people["officer"]).get(QUEUE)) == [
        "Số hóa hồ sơ một cửa",
        "Phân loại rác Gò Dầu",
        "Tủ sách cộng đồng",
        "Vườn rau sạch trường học",
    ]


def test_queue_refused_to_an_author_and_a_secretary(client_for, people):
    assert client_for(people["author"]).get(QUEUE).status_code == 403
    assert client_for(people["secretary"]).get(ALL_URL).status_code == 403


def test_menu_and_home_link_both_lists(client_for, people, dossiers):
    home = client_for(people["clerk"]).get(reverse("home")).content.decode()
    assert f'href="{QUEUE}">Hồ sơ chờ xử lý</a>' in home
    assert f'href="{ALL_URL}">Tất cả hồ sơ</a>' in home
    assert "Có 3 sáng kiến đã nộp đang chờ chuyển Hội đồng hoặc trả lại." in home


# -- search, filters, sorts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "so hoa"}, ["Số hóa hồ sơ một cửa"]),
        ({"q": "VƯỜN rau"}, ["Vườn rau sạch trường học"]),
        ({"q": "tu sach cong"}, ["Tủ sách cộng đồng"]),
        ({"q": "go dau"}, []),
        ({"waiting": "10"}, ["Số hóa hồ sơ một cửa", "Tủ sách cộng đồng"]),
        ({"waiting": "40"}, ["Số hóa hồ sơ một cửa"]),
        ({"year": "2025"}, ["Số hóa hồ sơ một cửa"]),
        ({"year": "2026"}, ["Tủ sách cộng đồng", "Vườn rau sạch trường học"]),
        ({"field": "second"}, ["Vườn rau sạch trường học"]),
        ({"round": "later"}, ["Vườn rau sạch trường học"]),
        ({"unit": "school"}, ["Số hóa hồ sơ một cửa", "Vườn rau sạch trường học"]),
        ({"unit__q": "thcs tan hoa"}, ["Số hóa hồ sơ một cửa", "Vườn rau sạch trường học"]),
        (
            {"sort": "newest"},
            ["Vườn rau sạch trường học", "Tủ sách cộng đồng", "Số hóa hồ sơ một cửa"],
        ),
        (
            {"sort": "oldest"},
            ["Số hóa hồ sơ một cửa", "Tủ sách cộng đồng", "Vườn rau sạch trường học"],
        ),
        (
            {"sort": "title"},
            ["Số hóa hồ sơ một cửa", "Tủ sách cộng đồng", "Vườn rau sạch trường học"],
        ),
        ({"q": "ho so", "waiting": "30", "unit": "school"}, ["Số hóa hồ sơ một cửa"]),
    ],
)
def test_queue_search_filters_and_sorts(
    client_for, people, dossiers, tree, movement, query, expected
):
    names = {
        "school": str(tree["school"].pk),
        "second": str(movement.fields.order_by("order")[1].pk),
        "later": str(Round.objects.get(movement=movement, year=2019).pk),
    }
    data = {key: names.get(value, value) for key, value in query.items()}
    assert _titles(client_for(people["clerk"]).get(QUEUE, data)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"state": "in_appraisal"}, ["Bóng đèn năng lượng mặt trời"]),
        (
            {"state": "submitted", "sort": "waiting"},
            ["Số hóa hồ sơ một cửa", "Tủ sách cộng đồng", "Vườn rau sạch trường học"],
        ),
        (
            {"sort": "waiting"},
            [
                "Số hóa hồ sơ một cửa",
                "Tủ sách cộng đồng",
                "Vườn rau sạch trường học",
                "Bóng đèn năng lượng mặt trời",
            ],
        ),
        ({"q": "nang luong"}, ["Bóng đèn năng lượng mặt trời"]),
        ({"state": "draft"}, []),
    ],
)
def test_all_dossiers_filters_by_state_and_sorts(client_for, people, dossiers, query, expected):
    assert _titles(client_for(people["clerk"]).get(ALL_URL, query)) == expected


def test_waiting_days_show_in_their_column(client_for, people, dossiers):
    page = client_for(people["clerk"]).get(QUEUE).content.decode()
    assert '<th scope="col" class="text-end">Chờ (ngày)</th>' in page
    cells = [
        line.split(">")[-2].split("<")[0]
        for line in page.splitlines()
        if 'class="text-end" title="Ở trạng thái này từ' in line
    ]
    assert cells == ["40", "12", "5"]


def test_a_step_restarts_the_days_waiting(client_for, people, dossiers):
    services.initiative_return(initiative=dossiers["garden"], by=people["clerk"], reason="Thiếu")
    services.initiative_submit(initiative=dossiers["garden"], by=people["author"])
    garden = Initiative.objects.get(pk=dossiers["garden"].pk)
    assert garden.waiting_days == 0
    assert (timezone.now() - garden.state_since) < datetime.timedelta(minutes=1)


def test_waiting_filter_with_no_number_shows_a_vietnamese_message_and_no_rows(
    client_for, people, dossiers
):
    response = client_for(people["clerk"]).get(QUEUE, {"waiting": "ba mươi"})
    assert _titles(response) == []
    assert "Hãy nhập một số nguyên." in response.content.decode()


# -- what each role sees: rows, filter options, exports ---------------------------------------


def test_forged_unit_outside_the_subtree_shows_no_rows_and_says_why(
    client_for, people, dossiers, tree
):
    response = client_for(people["clerk"]).get(QUEUE, {"unit": tree["other_school"].pk})
    assert _titles(response) == []
    assert "Đơn vị đã chọn không thuộc phạm vi bạn phụ trách" in response.content.decode()
    every = client_for(people["clerk"]).get(ALL_URL, {"unit": tree["other_school"].pk})
    assert _titles(every) == []
    assert "Phân loại rác Gò Dầu" not in every.content.decode()


def test_unit_picker_offers_only_the_units_the_person_serves(client_for, people, dossiers, tree):
    url = reverse("initiatives:waiting_pick", args=["unit"])
    clerk = client_for(people["clerk"]).get(url, {"unit__q": "tan hoa"})
    assert [unit.name for unit in clerk.context["units"]] == [
        "Ủy ban MTTQ Việt Nam xã Tân Hòa",
        "Trường THCS Tân Hòa",
    ]
    godau = client_for(people["clerk"]).get(url, {"unit__q": "go dau"})
    assert godau.context["units"] == []
    officer = client_for(people["officer"]).get(url, {"unit__q": "go dau"})
    assert [unit.name for unit in officer.context["units"]] == [
        "Ủy ban MTTQ Việt Nam huyện Gò Dầu",
        "Trường THPT Gò Dầu",
    ]


def test_state_choices_are_those_each_list_holds(client_for, people, dossiers):
    client = client_for(people["clerk"])
    queue = client.get(QUEUE).context["filter_form"].fields["state"].choices
    every = client.get(ALL_URL).context["filter_form"].fields["state"].choices
    assert queue == [("", "Tất cả"), ("submitted", "Đã nộp")]
    assert [value for value, _label in every] == [
        "",
        "submitted",
        "returned",
        "in_appraisal",
        "recognised",
        "not_recognised",
        "withdrawn",
    ]
    sorts = client.get(QUEUE).context["filter_form"].fields["sort"].choices
    assert sorts == [
        ("", "Chờ lâu nhất trước"),
        ("newest", "Mới nhất trước"),
        ("oldest", "Cũ nhất trước"),
        ("title", "Theo tên (A–Z)"),
    ]


def _sheet(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_export_holds_the_rows_the_page_shows(client_for, people, dossiers):
    response = client_for(people["clerk"]).get(QUEUE, {"waiting": "10", "export": "xlsx"})
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    rows = _sheet(response.content)
    assert rows[0] == [
        "Tên sáng kiến",
        "Loại",
        "Đơn vị",
        "Lĩnh vực",
        "Đợt",
        "Trạng thái",
        "Ngày nộp",
        "Ở trạng thái này từ",
        "Chờ (ngày)",
        "Các tệp",
    ]
    assert [(row[0], row[2], row[5], row[8]) for row in rows[1:]] == [
        ("Số hóa hồ sơ một cửa", "Trường THCS Tân Hòa", "Đã nộp", 40),
        ("Tủ sách cộng đồng", "Ủy ban MTTQ Việt Nam xã Tân Hòa", "Đã nộp", 12),
    ]
    assert rows[1][6] == datetime.datetime(2025, 3, 3, 9, 0)


def test_export_of_another_units_dossiers_is_empty(client_for, people, dossiers, tree):
    response = client_for(people["other_clerk"]).get(
        ALL_URL, {"unit": tree["school"].pk, "export": "xlsx"}
    )
    assert len(_sheet(response.content)) == 1  # the header alone
    mine = _sheet(client_for(people["other_clerk"]).get(ALL_URL, {"export": "xlsx"}).content)
    assert [row[0] for row in mine[1:]] == ["Phân loại rác Gò Dầu"]


def test_long_export_is_written_in_the_background_with_the_same_filters(
    client_for, people, dossiers, settings, run_jobs
):
    settings.REGISTERS_EXPORT_IN_REQUEST = 1
    client = client_for(people["clerk"])
    offer = client.get(ALL_URL, {"state": "submitted", "sort": "title", "export": "xlsx"})
    assert f'action="{reverse("initiatives:dossier_export")}"' in offer.content.decode()
    with run_jobs():
        response = client.post(
            reverse("initiatives:dossier_export"), {"state": "submitted", "sort": "title"}
        )
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.state, job.requested_by) == (Job.State.DONE, people["clerk"])
    with job.file.open("rb") as file:
        rows = _sheet(file.read())
    assert [row[0] for row in rows[1:]] == [
        "Số hóa hồ sơ một cửa",
        "Tủ sách cộng đồng",
        "Vườn rau sạch trường học",
    ]


def test_htmx_filter_answers_with_the_results_alone(client_for, people, dossiers):
    response = client_for(people["clerk"]).get(QUEUE, {"q": "vuon"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body and "<form" not in body
    assert "Vườn rau sạch trường học" in body
    assert "Số hóa hồ sơ một cửa" not in body


# -- scale ------------------------------------------------------------------------------------


def _queries(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, data or {}).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_rows(client_for, people, movement, tree, dossiers):
    client = client_for(people["clerk"])
    filtered = {"q": "sang kien", "waiting": "1", "unit": tree["school"].pk, "sort": "title"}
    _dossier(
        movement,
        tree["school"],
        people["author"],
        "Sáng kiến số 100",
        created=_at(2026, 7, 1),
        waiting_days=3,
    )
    before = [_queries(client, QUEUE), _queries(client, ALL_URL), _queries(client, QUEUE, filtered)]
    for number in range(30):
        _dossier(
            movement,
            tree["school"],
            people["author"],
            f"Sáng kiến số {number}",
            created=_at(2026, 7, 1),
            waiting_days=3,
        )
    after = [_queries(client, QUEUE), _queries(client, ALL_URL), _queries(client, QUEUE, filtered)]
    assert after == before
    assert len(client.get(QUEUE).context["rows"]) == 25


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


FILTERS = [{"waiting": "30"}, {"year": "2025"}, {"unit__q": "tan hoa"}, {"q": "so hoa"}]
PLANS = [
    *[(WAITING, data) for data in [{}, {"sort": "newest"}, {"sort": "oldest"}, {"sort": "title"}]],
    *[(ALL, data) for data in [{}, {"sort": "oldest"}, {"sort": "waiting"}, {"sort": "title"}]],
    *[(ALL, {"state": "submitted", "sort": "waiting"})],
    *[(register, data) for register in (WAITING, ALL) for data in FILTERS],
]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN")
@pytest.mark.parametrize(("register", "data"), PLANS)
def test_every_filter_and_sort_reads_the_dossiers_through_an_index(
    people, dossiers, register, data
):
    """A province officer's page never scans the dossiers table: each filter and sort finds its
    rows through an index of Initiative or of the units' paths."""
    from sangtao.registers.filters import filter_form, filtered_rows

    officer = people["officer"]
    form = filter_form(register, user=officer, data=data)
    assert form.is_valid(), form.errors
    rows = filtered_rows(register, form, register.queryset(user=officer), user=officer)
    plan = _plan(rows[:25])
    assert "SCAN initiatives_initiative" not in plan, plan
    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's EXPLAIN QUERY PLAN")
@pytest.mark.parametrize("data", [{}, {"waiting": "30"}, {"q": "so hoa"}])
def test_queue_walks_its_index_in_the_order_of_waiting(people, dossiers, data):
    """The queue's page is read down (state, state_since, id) and stops at 25 rows."""
    from sangtao.registers.filters import filter_form, filtered_rows

    officer = people["officer"]
    form = filter_form(WAITING, user=officer, data=data)
    rows = filtered_rows(WAITING, form, WAITING.queryset(user=officer), user=officer)
    plan = _plan(rows[:25])
    assert "initiatives_initiative USING INDEX initiative_state_since" in plan, plan
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
