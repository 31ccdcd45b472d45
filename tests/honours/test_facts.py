"""The honours round reads the registers: a collective's response plan (no more tick box), its
latest inspection with the follow-up, the applications of the candidates' initiatives; the
decision prints the plan as it stood when decided; the page's queries do not grow with the
candidates."""

import datetime

import pytest
from django.urls import reverse

from sangtao.activities import services as activities
from sangtao.honours import documents, facts, services
from sangtao.honours.models import Honour
from sangtao.practices import services as practices

from ..factories import make_unit
from .conftest import authors, confirm_all, recognise


def _plan(movement, unit, by, number="18/KH-THCS"):
    return activities.plan_create(
        by=by,
        movement=movement,
        unit=unit,
        number=number,
        issued_on=datetime.date(2018, 3, 12),
        signer="Nguyễn Văn Bình",
    )


def _inspect(inspector, inspected, by, day, **more):
    return activities.inspection_create(
        by=by,
        inspector=inspector,
        inspected=inspected,
        inspected_on=day,
        findings="Trường đã triển khai phong trào đến toàn thể giáo viên; hồ sơ lưu đầy đủ.",
        **more,
    )


def _page(client, round) -> str:
    return client.get(reverse("honours:round", args=[round.pk])).content.decode()


def _achievements(round) -> dict[str, str]:
    """The decision's list: each honoured collective or person and their achievement."""
    document = documents.decision_document(round)
    return {row[1]: row[3] for block in document.annex for row in getattr(block, "rows", ())}


def test_a_collective_with_a_recorded_plan_shows_it_and_one_without_says_so(
    honours_round, movement, tree, people, client_for
):
    _plan(movement, tree["school"], people["officer"])

    page = _page(client_for(people["officer"]), honours_round)

    assert "Kế hoạch hưởng ứng:</span> Số 18/KH-THCS ngày 12/03/2018, do Nguyễn Văn Bình ký" in page
    assert page.count("Có kế hoạch riêng") == 1  # the school; Gò Dầu's school has none
    assert page.count("Chưa ghi nhận kế hoạch hưởng ứng") == 1
    assert 'name="c-0-own_plan"' not in page  # no tick box any more


def test_the_latest_inspection_is_shown_with_its_overdue_follow_up(
    honours_round, tree, people, client_for
):
    officer = people["officer"]
    _inspect(tree["district"], tree["school"], officer, datetime.date(2018, 5, 4))
    _inspect(
        tree["commune"],
        tree["school"],
        officer,
        datetime.date(2018, 11, 20),
        recommendations="Cập nhật danh sách sáng kiến của giáo viên.",
        follow_up_due=datetime.date(2018, 12, 31),
    )

    page = _page(client_for(officer), honours_round)

    assert (
        '<li class="text-danger"><span class="text-muted">Lần kiểm tra gần nhất:</span> '
        "20/11/2018 do Ủy ban MTTQ Việt Nam xã Tân Hòa: Trường đã triển khai phong trào đến "
        "toàn thể giáo viên; hồ sơ lưu đầy đủ. (quá hạn trả lời từ 31/12/2018)"
    ) in page
    assert "04/05/2018" not in page


def test_an_answered_inspection_says_when(honours_round, tree, people, client_for):
    officer = people["officer"]
    inspection = _inspect(
        tree["district"],
        tree["school"],
        officer,
        datetime.date(2018, 11, 20),
        recommendations="Cập nhật danh sách sáng kiến.",
        follow_up_due=datetime.date(2018, 12, 31),
    )
    activities.inspection_answer(
        inspection=inspection,
        response="Đã cập nhật.",
        responded_on=datetime.date(2018, 12, 10),
        by=people["clerk"],  # the commune's clerk keeps the school's records
    )

    page = _page(client_for(officer), honours_round)

    assert "(đã trả lời ngày 10/12/2018)" in page
    assert '<li class="text-danger">' not in page


def test_applications_of_the_candidates_initiatives_are_counted(
    honours_round, tree, people, recognised, client_for
):
    officer = people["officer"]
    for initiative in (recognised["hoa"], recognised["later"]):
        initiative.refresh_from_db()  # recognised through an update
    for unit in (tree["commune"], tree["district"], tree["commune"]):
        practices.application_create(
            by=officer,
            initiative=recognised["hoa"],
            unit=unit,
            applied_on=datetime.date(2018, 9, 1),
            scope="Toàn đơn vị",
        )
    practices.application_create(  # an initiative of the year after: not this round's
        by=officer,
        initiative=recognised["later"],
        unit=tree["commune"],
        applied_on=datetime.date(2019, 9, 1),
        scope="Toàn xã",
    )

    honours = facts.attach(round=honours_round, honours=honours_round.honours.all())

    counted = {
        h.name: [fact.text for fact in h.facts if fact.code == "applications"] for h in honours
    }
    assert counted == {
        "Trường THCS Tân Hòa": ["3 lượt áp dụng tại 2 đơn vị"],
        "Trường THPT Gò Dầu": [],
        "Trần Thị Hoa": ["3 lượt áp dụng tại 2 đơn vị"],
        "Lê Văn Đức": ["3 lượt áp dụng tại 2 đơn vị"],
        "Phạm Thị Lý": [],
        "Võ Thị Ngọc Ánh": [],
    }


def test_the_decision_prints_the_plan_and_keeps_it_when_the_register_changes(
    honours_round, movement, tree, people
):
    plan = _plan(movement, tree["school"], people["officer"])
    confirm_all(honours_round, people["officer"])
    assert _achievements(honours_round)["Trường THCS Tân Hòa"] == (
        "2 sáng kiến được công nhận, 1 sáng kiến được áp dụng vào thực tiễn; "
        "có kế hoạch hưởng ứng phong trào của đơn vị"
    )
    services.honours_decide(
        round=honours_round,
        number="15",
        date=datetime.date(2019, 1, 20),
        signer_title="Chủ tịch",
        signer_name="Nguyễn Thị Thanh Hương",
        by=people["officer"],
    )
    kept = dict(Honour.objects.filter(kind="collective").values_list("name", "own_plan"))
    assert kept == {"Trường THCS Tân Hòa": True, "Trường THPT Gò Dầu": False}

    activities.plan_delete(plan=plan, by=people["officer"])
    _plan(movement, tree["other_school"], people["officer"], number="9/KH-THPT")

    listed = _achievements(honours_round)
    assert listed["Trường THCS Tân Hòa"].endswith("; có kế hoạch hưởng ứng phong trào của đơn vị")
    assert "kế hoạch" not in listed["Trường THPT Gò Dầu"]


def test_the_officer_can_no_longer_tick_the_plan(honours_round, people):
    honour = honours_round.honours.get(name="Trường THPT Gò Dầu")
    services.honours_confirm(
        round=honours_round,
        choices={honour.pk: {"confirmed": True, "form": "merit", "own_plan": True}},
        by=people["officer"],
    )
    honour.refresh_from_db()
    assert (honour.confirmed, honour.own_plan) == (True, False)


def _round_with(count, movement, tree, people, council):
    """`count` schools, each with a recognised initiative, a plan, two inspections and an
    application: 2 × `count` candidates."""
    officer = people["officer"]
    for number in range(count):
        school = make_unit(
            f"Trường Tiểu học số {number}",
            parent=tree["commune"],
            kind_code="school",
            level_code="grassroots",
        )
        initiative = recognise(
            movement=movement,
            unit=school,
            title=f"Sáng kiến trường số {number}",
            authors=authors(f"Giáo Viên {number}"),
            council=council,
        )
        initiative.refresh_from_db()
        _plan(movement, school, officer, number=f"{number}/KH")
        for day in (datetime.date(2018, 4, 2), datetime.date(2018, 10, 2)):
            _inspect(tree["commune"], school, officer, day)
        practices.application_create(
            by=officer,
            initiative=initiative,
            unit=tree["district"],
            applied_on=datetime.date(2018, 11, 1),
            scope="Toàn huyện",
        )
    return services.honours_round_open(
        movement=movement, unit=tree["commune"], year=2018, by=officer
    )


@pytest.mark.parametrize("count", [1, 20])
def test_the_round_page_runs_the_same_queries_at_1_and_20_candidates(
    count, movement, tree, people, recognised, client_for, django_assert_num_queries
):
    round = _round_with(count, movement, tree, people, recognised["councils"][2018])
    client = client_for(people["officer"])
    page = _page(client, round)  # warm the session
    assert page.count("Kế hoạch hưởng ứng:") == count  # the school of `recognised` has none
    with django_assert_num_queries(ROUND_PAGE_QUERIES):
        client.get(reverse("honours:round", args=[round.pk]))


# Session, user, round, roles, candidates, the applications, the plans, the latest
# inspections, the finished files, the proposals from below waiting, the unread notifications
# and the council roles: 12 whatever the number of candidates (the menu reads no permission
# tables: accounts/backends.py).
ROUND_PAGE_QUERIES = 12


def test_a_plan_recorded_after_the_decision_is_not_shown_as_the_decisions(
    decided, movement, tree, people, client_for
):
    _plan(movement, tree["other_school"], people["officer"], number="9/KH-THPT")

    page = _page(client_for(people["officer"]), decided)

    assert "9/KH-THPT" not in page
    assert page.count("Chưa ghi nhận kế hoạch hưởng ứng") == 2  # both schools, as decided
