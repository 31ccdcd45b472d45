"""The movement pages: who sees what, the forms and their Vietnamese errors, query counts."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sangtao.initiatives.models import Initiative
from sangtao.movements.models import (
    Campaign,
    Criterion,
    Field,
    Grade,
    Milestone,
    Movement,
    MovementCampaign,
    Round,
)

pytestmark = pytest.mark.django_db

EDIT_PAGES = ["edit", "rounds", "fields", "criteria", "grades", "milestones", "campaigns"]


def _url(name, movement, *args):
    return reverse(f"movements:{name}", args=[movement.pk, *args])


def _flash(response) -> list[str]:
    """The messages waiting to be shown (those of earlier unfollowed redirects first)."""
    return [str(m) for m in get_messages(response.wsgi_request)]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# -- reading ----------------------------------------------------------------------------------


def test_movement_list_anonymous_is_sent_to_sign_in(district_movement):
    response = Client().get(reverse("movements:list"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={reverse('movements:list')}"


def test_movement_list_author_reads_without_create_button(client_for, people, district_movement):
    response = client_for(people["author"]).get(reverse("movements:list"))
    assert response.status_code == 200
    assert district_movement.name in response.content.decode()
    assert reverse("movements:create") not in response.content.decode()


def test_movement_list_officer_sees_create_button_and_open_round(
    client_for, officers, district_movement
):
    district_movement.rounds.filter(year=2019).update(status=Round.Status.OPEN)
    page = client_for(officers["other_branch"]).get(reverse("movements:list")).content.decode()
    assert reverse("movements:create") in page
    assert "Đợt năm 2019" in page


def test_movement_list_is_paginated(client_for, people, tree):
    Movement.objects.bulk_create(
        [
            Movement(
                name=f"Phong trào {i:02}", unit=tree["district"], start_year=2020, end_year=2021
            )
            for i in range(30)
        ]
    )
    client = client_for(people["author"])
    first = client.get(reverse("movements:list"))
    assert len(first.context["page"]) == 25
    assert first.context["page"].paginator.num_pages == 2
    second = client.get(reverse("movements:list"), {"page": 2})
    assert len(second.context["page"]) == 5


def test_movement_list_query_count_does_not_grow(client_for, people, tree):
    def add(count, offset):
        movements = Movement.objects.bulk_create(
            [
                Movement(
                    name=f"Phong trào {offset + i}",
                    unit=tree["district"],
                    start_year=2020,
                    end_year=2021,
                )
                for i in range(count)
            ]
        )
        Round.objects.bulk_create(
            [Round(movement=m, year=2020, name="2020", status=Round.Status.OPEN) for m in movements]
        )

    client = client_for(people["author"])
    add(1, 0)
    one = _queries(client, reverse("movements:list"))
    add(49, 1)
    fifty = _queries(client, reverse("movements:list"))
    assert one == fifty


def test_movement_detail_author_reads_every_part_without_edit_links(
    client_for, people, district_movement
):
    response = client_for(people["author"]).get(_url("detail", district_movement))
    page = response.content.decode()
    assert response.status_code == 200
    for name in ["Tính mới", "Tính phù hợp", "Tính tập thể", "Tính thiết thực, hiệu quả"]:
        assert name in page
    assert "Xuất sắc" in page and "Không đạt" in page
    assert "Người Việt Nam ưu tiên dùng hàng Việt Nam" in page
    assert "Tổng điểm tối đa có thể đạt (có trọng số)" in page
    assert response.context["max_total"] == Decimal("100")
    for name in EDIT_PAGES:
        assert _url(name, district_movement) not in page


def test_movement_detail_marks_overdue_and_done_milestones(client_for, people, district_movement):
    done, *others = district_movement.milestones.all()
    Milestone.objects.filter(pk=done.pk).update(done_on=datetime.date(2018, 6, 1))
    Milestone.objects.create(
        movement=district_movement,
        due_on=timezone.localdate() + datetime.timedelta(days=30),
        title="Việc sắp tới",
    )
    page = client_for(people["author"]).get(_url("detail", district_movement)).content.decode()
    assert page.count(">Quá hạn<") == 2 * len(others)  # the table and the timeline
    assert "Hoàn thành ngày 01/06/2018" in page
    assert page.count(">Chưa hoàn thành<") == 2
    assert "30/06/2018" in page


def test_movement_detail_manager_sees_edit_links(client_for, officers, district_movement):
    page = client_for(officers["province"]).get(_url("detail", district_movement)).content.decode()
    for name in EDIT_PAGES:
        assert _url(name, district_movement) in page


def test_movement_detail_unknown_is_404(client_for, people):
    assert client_for(people["author"]).get("/movements/999999/").status_code == 404


_batch = itertools.count(1)


def _filled_movement(tree, rows: int) -> Movement:
    batch = next(_batch)
    movement = Movement.objects.create(
        name="Đo truy vấn", unit=tree["district"], start_year=2000, end_year=2100
    )
    Round.objects.bulk_create(
        [Round(movement=movement, year=2000 + i, name=f"Năm {2000 + i}") for i in range(rows)]
    )
    Field.objects.bulk_create(
        [Field(movement=movement, code=f"f{i}", name=f"Lĩnh vực {i}", order=i) for i in range(rows)]
    )
    Criterion.objects.bulk_create(
        [
            Criterion(movement=movement, code=f"c{i}", name=f"Tiêu chí {i}", order=i)
            for i in range(rows)
        ]
    )
    Grade.objects.bulk_create(
        [Grade(movement=movement, name=f"Mức {i}", min_total=i) for i in range(rows)]
    )
    Milestone.objects.bulk_create(
        [
            Milestone(movement=movement, due_on=datetime.date(2019, 1, 1), title=f"Việc {i}")
            for i in range(rows)
        ]
    )
    campaigns = Campaign.objects.bulk_create(
        [Campaign(name=f"Cuộc vận động {batch}-{i}") for i in range(rows)]
    )
    MovementCampaign.objects.bulk_create(
        [MovementCampaign(movement=movement, campaign=c) for c in campaigns]
    )
    return movement


@pytest.mark.parametrize("page", ["detail", *EDIT_PAGES])
def test_movement_page_query_count_does_not_grow(client_for, officers, tree, page):
    client = client_for(officers["province"])
    one = _queries(client, _url(page, _filled_movement(tree, 1)))
    fifty = _queries(client, _url(page, _filled_movement(tree, 50)))
    assert one == fifty


# -- permissions of the configuration pages ---------------------------------------------------


@pytest.mark.parametrize("page", EDIT_PAGES)
def test_edit_page_anonymous_is_sent_to_sign_in(district_movement, page):
    url = _url(page, district_movement)
    response = Client().get(url)
    assert response.status_code == 302
    assert response.url.startswith(f"{reverse('login')}?next=")


@pytest.mark.parametrize("page", EDIT_PAGES)
@pytest.mark.parametrize("who", ["other_branch", "below", "author", "clerk"])
def test_edit_page_someone_not_covering_the_movement_is_refused(
    client_for, officers, people, district_movement, page, who
):
    user = officers.get(who) or people[who]
    client = client_for(user)
    url = _url(page, district_movement)
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403


@pytest.mark.parametrize("page", EDIT_PAGES)
@pytest.mark.parametrize("who", ["province", "district", "admin"])
def test_edit_page_manager_over_the_movement_is_allowed(
    client_for, officers, district_movement, page, who
):
    assert client_for(officers[who]).get(_url(page, district_movement)).status_code == 200


def test_row_actions_by_another_branch_are_refused_and_change_nothing(
    client_for, officers, district_movement
):
    client = client_for(officers["other_branch"])
    field = district_movement.fields.first()
    milestone = district_movement.milestones.first()
    link = district_movement.campaign_links.first()
    posts = [
        (_url("field_delete", district_movement, field.pk), {}),
        (_url("field_move", district_movement, field.pk), {"offset": "1"}),
        (_url("milestone_done", district_movement, milestone.pk), {"reopen": "1"}),
        (_url("campaign_set_active", district_movement, link.pk), {"active": "0"}),
        (_url("round_edit", district_movement, district_movement.rounds.first().pk), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403
    assert district_movement.fields.count() == 5
    link.refresh_from_db()
    assert link.active is True


def test_row_of_another_movement_is_404(client_for, officers, district_movement, movement):
    client = client_for(officers["province"])  # covers both movements
    field = movement.fields.first()
    assert client.get(_url("field_edit", district_movement, field.pk)).status_code == 404
    assert client.post(_url("field_delete", district_movement, field.pk)).status_code == 404
    assert Field.objects.filter(pk=field.pk).exists()


def test_row_actions_need_post(client_for, officers, district_movement):
    field = district_movement.fields.first()
    client = client_for(officers["district"])
    assert client.get(_url("field_delete", district_movement, field.pk)).status_code == 405


# -- create a movement ------------------------------------------------------------------------


def test_create_page_author_is_refused(client_for, people):
    assert client_for(people["author"]).get(reverse("movements:create")).status_code == 403


def test_create_page_offers_only_units_the_officer_covers(client_for, officers, tree):
    response = client_for(officers["district"]).get(reverse("movements:create"))
    units = list(response.context["form"].fields["unit"].queryset)
    # Tân Châu and its committees right below: not the school, not Gò Dầu, not the province
    assert units == [tree["district"], tree["commune"]]


def test_create_page_offers_the_committees_one_level_below(client_for, officers, tree):
    response = client_for(officers["province"]).get(reverse("movements:create"))
    units = list(response.context["form"].fields["unit"].queryset)
    assert units == [tree["province"], tree["district"], tree["other_district"]]


def test_create_page_leaves_out_closed_units(client_for, officers, tree):
    tree["other_district"].valid_to = timezone.localdate() - datetime.timedelta(days=1)
    tree["other_district"].save()
    response = client_for(officers["province"]).get(reverse("movements:create"))
    units = list(response.context["form"].fields["unit"].queryset)
    assert units == [tree["province"], tree["district"]]


def test_create_page_creates_with_the_plan_defaults(client_for, officers, tree):
    response = client_for(officers["district"]).post(
        reverse("movements:create"),
        {
            "name": "Đoàn kết sáng tạo huyện Tân Châu",
            "unit": tree["district"].pk,
            "start_year": "2017",
            "end_year": "2020",
            "theme": "Đoàn kết, năng động, sáng tạo",
            "plan_reference": "Kế hoạch số 12/KH-MTTQ ngày 01/12/2017",
        },
    )
    movement = Movement.objects.get(name="Đoàn kết sáng tạo huyện Tân Châu")
    assert response.status_code == 302
    assert response.url == _url("detail", movement)
    assert _flash(response) == ["Đã tạo phong trào với các nội dung mặc định theo kế hoạch."]
    assert (movement.fields.count(), movement.criteria.count(), movement.rounds.count()) == (
        5,
        5,
        4,
    )


def test_create_page_unit_outside_the_subtree_is_refused(client_for, officers, tree):
    response = client_for(officers["district"]).post(
        reverse("movements:create"),
        {"name": "X", "unit": tree["other_district"].pk, "start_year": "2020", "end_year": "2021"},
    )
    assert response.status_code == 200
    # Django's own "choose a valid choice" message, in Vietnamese
    [message] = response.context["form"].errors["unit"]
    assert message.startswith("Hãy chọn một lựa chọn hợp lệ.")
    assert not Movement.objects.filter(name="X").exists()


def test_create_page_years_in_the_wrong_order_show_the_error_next_to_the_field(
    client_for, officers, tree
):
    response = client_for(officers["district"]).post(
        reverse("movements:create"),
        {"name": "X", "unit": tree["district"].pk, "start_year": "2021", "end_year": "2019"},
    )
    form = response.context["form"]
    assert form.errors == {"end_year": ["Năm kết thúc không được trước năm bắt đầu."]}
    assert 'class="invalid-feedback d-block" role="alert">Năm kết thúc không được trước' in (
        response.content.decode()
    )
    assert not Movement.objects.filter(name="X").exists()


# -- the header, rounds -----------------------------------------------------------------------


def test_edit_page_saves_the_header(client_for, officers, district_movement, tree):
    response = client_for(officers["district"]).post(
        _url("edit", district_movement),
        {
            "name": "Tên mới",
            "unit": tree["district"].pk,
            "start_year": "2017",
            "end_year": "2021",
            "theme": "",
            "plan_reference": "Số 5",
        },
    )
    assert response.status_code == 302
    district_movement.refresh_from_db()
    assert (district_movement.name, district_movement.end_year) == ("Tên mới", 2021)


def test_edit_page_narrowing_shows_the_error(client_for, officers, district_movement, tree):
    response = client_for(officers["district"]).post(
        _url("edit", district_movement),
        {"name": "Tên mới", "unit": tree["district"].pk, "start_year": "2017", "end_year": "2019"},
    )
    assert response.context["form"].errors == {
        "end_year": ["Phong trào đã có đợt các năm 2020: giai đoạn phải bao gồm các năm này."]
    }
    district_movement.refresh_from_db()
    assert district_movement.name == "Đoàn kết sáng tạo huyện Tân Châu 2017-2020"


def test_rounds_page_opens_a_round_with_dates(client_for, officers, district_movement):
    round_ = district_movement.rounds.get(year=2018)
    prefix = f"round-{round_.pk}"
    response = client_for(officers["district"]).post(
        _url("round_edit", district_movement, round_.pk),
        {
            f"{prefix}-name": round_.name,
            f"{prefix}-status": "open",
            f"{prefix}-opens_on": "2018-03-01",
            f"{prefix}-closes_on": "2018-09-30",
        },
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert (round_.status, round_.opens_on) == (Round.Status.OPEN, datetime.date(2018, 3, 1))


def test_rounds_page_second_open_round_shows_the_error_on_its_row(
    client_for, officers, district_movement
):
    district_movement.rounds.filter(year=2018).update(status=Round.Status.OPEN)
    round_ = district_movement.rounds.get(year=2019)
    prefix = f"round-{round_.pk}"
    response = client_for(officers["district"]).post(
        _url("round_edit", district_movement, round_.pk),
        {f"{prefix}-name": round_.name, f"{prefix}-status": "open"},
    )
    assert response.status_code == 200
    forms = {r.pk: form for r, form in response.context["rows"]}
    assert forms[round_.pk].errors == {
        "status": [
            "Phong trào đang có một đợt khác nhận hồ sơ: "
            "hãy chuyển đợt đó sang trạng thái khác trước."
        ]
    }
    assert all(not form.is_bound for pk, form in forms.items() if pk != round_.pk)


def test_rounds_page_adds_a_missing_year(client_for, officers, district_movement):
    district_movement.end_year = 2021
    district_movement.save()
    client = client_for(officers["district"])
    assert client.get(_url("rounds", district_movement)).context["add_form"].fields[
        "year"
    ].choices == [(2021, 2021)]
    response = client.post(_url("rounds", district_movement), {"year": "2021"})
    assert response.status_code == 302
    assert _flash(response) == ["Đã thêm đợt năm 2021."]
    assert district_movement.rounds.filter(year=2021).exists()


# -- fields and criteria ----------------------------------------------------------------------


def test_fields_page_adds_edits_moves_and_deletes(client_for, officers, district_movement):
    client = client_for(officers["district"])
    client.post(_url("fields", district_movement), {"new-name": "Thanh niên", "new-code": ""})
    field = district_movement.fields.get(code="thanh-nien")
    client.post(
        _url("field_edit", district_movement, field.pk),
        {"name": "Thanh niên, học sinh", "code": "thanh-nien", "description": "Đoàn viên"},
    )
    client.post(_url("field_move", district_movement, field.pk), {"offset": "-1"})
    field.refresh_from_db()
    assert (field.name, field.order) == ("Thanh niên, học sinh", 5)
    response = client.post(_url("field_delete", district_movement, field.pk))
    assert _flash(response) == [
        "Đã thêm lĩnh vực.",
        "Đã lưu lĩnh vực.",
        "Đã xóa lĩnh vực “Thanh niên, học sinh”.",
    ]
    assert district_movement.fields.count() == 5


def test_fields_page_taken_code_shows_the_error(client_for, officers, district_movement):
    response = client_for(officers["district"]).post(
        _url("fields", district_movement), {"new-name": "Trùng", "new-code": "su-nghiep"}
    )
    assert response.context["add_form"].errors == {
        "code": ["Mã này đã được dùng cho một lĩnh vực khác của phong trào."]
    }


def test_fields_page_deleting_a_used_field_explains_why(
    client_for, officers, district_movement, tree, people
):
    field = district_movement.fields.get(code="doanh-nghiep")
    Initiative.objects.create(
        title="Dây chuyền mới", field=field, unit=tree["school"], created_by=people["author"]
    )
    response = client_for(officers["district"]).post(
        _url("field_delete", district_movement, field.pk), follow=True
    )
    page = response.content.decode()
    assert "Không thể xóa lĩnh vực “Nâng cao năng suất lao động ở doanh nghiệp" in page
    assert Field.objects.filter(pk=field.pk).exists()


def test_criteria_page_shows_the_weighted_maximum(client_for, officers, district_movement):
    district_movement.criteria.filter(code="tinh-moi").update(weight=Decimal("1.5"))
    response = client_for(officers["district"]).get(_url("criteria", district_movement))
    assert response.context["max_total"] == Decimal("110")
    assert ">110<" in response.content.decode()


def test_criteria_page_range_error_is_next_to_the_field(client_for, officers, district_movement):
    response = client_for(officers["district"]).post(
        _url("criteria", district_movement),
        {
            "new-name": "Tính lan tỏa",
            "new-weight": "1",
            "new-min_score": "10",
            "new-max_score": "5",
        },
    )
    assert response.context["add_form"].errors == {
        "max_score": ["Điểm cao nhất phải lớn hơn điểm thấp nhất."]
    }
    assert district_movement.criteria.count() == 5


def test_criteria_page_negative_weight_is_refused(client_for, officers, district_movement):
    criterion = district_movement.criteria.first()
    response = client_for(officers["district"]).post(
        _url("criterion_edit", district_movement, criterion.pk),
        {
            "name": criterion.name,
            "code": criterion.code,
            "weight": "-2",
            "min_score": "0",
            "max_score": "20",
        },
    )
    assert list(response.context["form"].errors) == ["weight"]
    criterion.refresh_from_db()
    assert criterion.weight == Decimal("1")


def test_criteria_page_adds_a_criterion(client_for, officers, district_movement):
    response = client_for(officers["district"]).post(
        _url("criteria", district_movement),
        {
            "new-name": "Tính lan tỏa",
            "new-description": "Được nhân rộng.",
            "new-weight": "0.5",
            "new-min_score": "0",
            "new-max_score": "10",
        },
    )
    assert response.status_code == 302
    criterion = district_movement.criteria.get(code="tinh-lan-toa")
    assert (criterion.weight, criterion.max_score) == (Decimal("0.5"), 10)


# -- grading scale ----------------------------------------------------------------------------


def _scale_post(movement, rows, extra=()):
    grades = list(movement.grades.all())
    data = {
        "grades-TOTAL_FORMS": str(len(grades) + 2),
        "grades-INITIAL_FORMS": str(len(grades)),
        "grades-MIN_NUM_FORMS": "0",
        "grades-MAX_NUM_FORMS": "30",
    }
    for index, (grade, row) in enumerate(zip(grades, rows, strict=True)):
        data[f"grades-{index}-id"] = str(grade.pk)
        for key, value in row.items():
            data[f"grades-{index}-{key}"] = value
    for offset, row in enumerate(extra):
        for key, value in row.items():
            data[f"grades-{len(grades) + offset}-{key}"] = value
    return data


KEEP = [
    {"name": "Xuất sắc", "min_total": "90", "recognised": "on"},
    {"name": "Tốt", "min_total": "75", "recognised": "on"},
    {"name": "Đạt", "min_total": "60", "recognised": "on"},
    {"name": "Không đạt", "min_total": "0"},
]


def test_grades_page_saves_the_whole_scale(client_for, officers, district_movement):
    rows = [dict(row) for row in KEEP]
    rows[2]["DELETE"] = "on"
    response = client_for(officers["district"]).post(
        _url("grades", district_movement),
        _scale_post(
            district_movement,
            rows,
            extra=[{"name": "Khá", "min_total": "65,5", "recognised": "on"}],
        ),
    )
    assert response.status_code == 302
    assert list(district_movement.grades.values_list("name", "min_total")) == [
        ("Xuất sắc", Decimal("90")),
        ("Tốt", Decimal("75")),
        ("Khá", Decimal("65.5")),
        ("Không đạt", Decimal("0")),
    ]


def test_grades_page_without_a_zero_saves_no_row(client_for, officers, district_movement):
    rows = [dict(row) for row in KEEP]
    rows[0]["name"] = "Rất xuất sắc"
    rows[3]["min_total"] = "5"
    response = client_for(officers["district"]).post(
        _url("grades", district_movement), _scale_post(district_movement, rows)
    )
    assert response.status_code == 200
    assert response.context["scale_errors"] == [
        "Thang xếp loại phải có một mức thấp nhất với tổng điểm tối thiểu là 0."
    ]
    assert list(district_movement.grades.values_list("name", "min_total")) == [
        ("Xuất sắc", Decimal("90")),
        ("Tốt", Decimal("75")),
        ("Đạt", Decimal("60")),
        ("Không đạt", Decimal("0")),
    ]


def test_grades_page_equal_thresholds_error_is_on_the_row(client_for, officers, district_movement):
    rows = [dict(row) for row in KEEP]
    rows[2]["min_total"] = "75"
    response = client_for(officers["district"]).post(
        _url("grades", district_movement), _scale_post(district_movement, rows)
    )
    forms = response.context["formset"].forms
    assert forms[2].errors == {"min_total": ["Mức “Tốt” đã dùng ngưỡng 75 điểm."]}
    assert response.context["scale_errors"] == []
    assert district_movement.grades.get(name="Đạt").min_total == Decimal("60")


def test_grades_page_row_error_of_the_form_saves_nothing(client_for, officers, district_movement):
    rows = [dict(row) for row in KEEP]
    rows[1]["min_total"] = "nhiều"
    rows[0]["name"] = "Đổi tên"
    response = client_for(officers["district"]).post(
        _url("grades", district_movement), _scale_post(district_movement, rows)
    )
    assert list(response.context["formset"].forms[1].errors) == ["min_total"]
    assert district_movement.grades.filter(name="Đổi tên").count() == 0


# -- milestones and campaigns -----------------------------------------------------------------


def test_milestones_page_adds_marks_done_and_reopens(client_for, officers, district_movement):
    client = client_for(officers["district"])
    client.post(
        _url("milestones", district_movement),
        {
            "new-due_on": "2019-05-15",
            "new-title": "Hội thảo sáng tạo",
            "new-target": "02 hội thảo",
            "new-target_count": "2",
            "new-responsible": "Ban Phong trào",
        },
    )
    milestone = district_movement.milestones.get(title="Hội thảo sáng tạo")
    response = client.post(
        _url("milestone_done", district_movement, milestone.pk),
        {f"done-{milestone.pk}-done_on": "2019-05-16"},
    )
    assert _flash(response) == ["Đã thêm mốc tiến độ.", "Đã đánh dấu mốc tiến độ hoàn thành."]
    milestone.refresh_from_db()
    assert milestone.done_on == datetime.date(2019, 5, 16)
    client.post(_url("milestone_done", district_movement, milestone.pk), {"reopen": "1"})
    milestone.refresh_from_db()
    assert milestone.done_on is None


def test_milestones_page_future_done_date_shows_the_error(client_for, officers, district_movement):
    milestone = district_movement.milestones.first()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(officers["district"]).post(
        _url("milestone_done", district_movement, milestone.pk),
        {f"done-{milestone.pk}-done_on": tomorrow.isoformat()},
    )
    forms = {m.pk: form for m, form in response.context["rows"]}
    assert forms[milestone.pk].errors == {
        "done_on": ["Ngày hoàn thành không được sau ngày hôm nay."]
    }
    milestone.refresh_from_db()
    assert milestone.done_on is None


def test_milestones_page_edit_and_delete(client_for, officers, district_movement):
    client = client_for(officers["district"])
    milestone = district_movement.milestones.first()
    response = client.post(
        _url("milestone_edit", district_movement, milestone.pk),
        {"due_on": "2018-07-31", "title": milestone.title, "target": "", "responsible": "BTT"},
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.due_on, milestone.responsible) == (datetime.date(2018, 7, 31), "BTT")
    client.post(_url("milestone_delete", district_movement, milestone.pk))
    assert not Milestone.objects.filter(pk=milestone.pk).exists()


def test_campaigns_page_links_deactivates_and_activates(client_for, officers, district_movement):
    client = client_for(officers["district"])
    response = client.post(_url("campaigns", district_movement), {"name": "Ngày hội sáng tạo"})
    assert _flash(response) == ["Đã gắn cuộc vận động với phong trào."]
    link = district_movement.campaign_links.get(campaign__name="Ngày hội sáng tạo")
    client.post(_url("campaign_set_active", district_movement, link.pk), {"active": "0"})
    link.refresh_from_db()
    assert link.active is False
    page = client.get(_url("detail", district_movement)).content.decode()
    assert "Đã ngừng áp dụng" in page
    client.post(_url("campaign_set_active", district_movement, link.pk), {"active": "1"})
    link.refresh_from_db()
    assert link.active is True


def test_campaigns_page_linking_twice_shows_the_error(client_for, officers, district_movement):
    response = client_for(officers["district"]).post(
        _url("campaigns", district_movement),
        {"name": "người việt nam ưu tiên dùng hàng việt nam"},
    )
    assert response.context["form"].errors == {
        "name": ["Cuộc vận động này đã được gắn với phong trào."]
    }
