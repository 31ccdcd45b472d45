"""The services that create and configure a movement: defaults, validation, audit, permission."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sangtao.appraisal.models import Council, Decision
from sangtao.core.models import AuditEvent
from sangtao.initiatives.models import Initiative
from sangtao.movements import services
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
from sangtao.movements.selectors import campaigns_offered, movement_max_total

pytestmark = pytest.mark.django_db

CRITERIA_III_5_1 = [
    "Tính mới",
    "Tính phù hợp",
    "Tính tập thể",
    "Tính thiết thực, hiệu quả",
    "Tính kinh tế",
]


def _events(movement, action):
    return AuditEvent.objects.filter(target_id=str(movement.pk), action=action)


def _messages(error: ValidationError) -> dict[str, list[str]]:
    return error.value.message_dict


# -- movement_create: the plan's defaults ------------------------------------------------------


def test_movement_create_has_one_round_a_year(district_movement):
    rounds = list(district_movement.rounds.values_list("year", "name", "status"))
    assert rounds == [
        (year, f"Đoàn kết sáng tạo huyện Tân Châu 2017-2020 – năm {year}", Round.Status.PLANNED)
        for year in (2017, 2018, 2019, 2020)
    ]


def test_movement_create_has_the_five_fields_of_section_ii(district_movement):
    fields = list(district_movement.fields.values_list("order", "code"))
    assert fields == [
        (1, "doanh-nghiep"),
        (2, "he-thong-chinh-tri"),
        (3, "su-nghiep"),
        (4, "luc-luong-vu-trang"),
        (5, "dan-toc-ton-giao-kieu-bao"),
    ]


def test_movement_create_has_the_five_criteria_of_iii_5_1(district_movement):
    criteria = list(district_movement.criteria.all())
    assert [c.name for c in criteria] == CRITERIA_III_5_1
    assert {(c.weight, c.min_score, c.max_score) for c in criteria} == {(Decimal("1"), 0, 20)}
    assert criteria[0].description == (
        "Là sáng kiến, ý tưởng chưa được đề xuất và công nhận trước đây."
    )
    assert movement_max_total(movement=district_movement) == Decimal("100")


def test_movement_create_has_a_grading_scale_with_a_bottom_at_zero(district_movement):
    grades = list(district_movement.grades.values_list("name", "min_total", "recognised"))
    assert grades == [
        ("Xuất sắc", Decimal("90"), True),
        ("Tốt", Decimal("75"), True),
        ("Đạt", Decimal("60"), True),
        ("Không đạt", Decimal("0"), False),
    ]


def test_movement_create_lays_section_iv_on_the_years_after_the_launch(district_movement):
    milestones = list(district_movement.milestones.values_list("due_on", "title"))
    assert len(milestones) == 9
    assert {due.year for due, _ in milestones} == {2018, 2019, 2020}
    by_title = {title: due for due, title in milestones}
    assert by_title[
        "Thành lập Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới cấp tỉnh"
    ] == datetime.date(2018, 6, 30)
    assert by_title[
        "Sơ kết 01 năm thực hiện Phong trào; biểu dương tập thể, cá nhân điển hình"
    ] == datetime.date(2019, 12, 31)
    assert by_title[
        "Sơ kết 03 năm thực hiện Phong trào; biểu dương tập thể, cá nhân điển hình"
    ] == datetime.date(2020, 12, 31)
    yearbooks = sorted(due for due, title in milestones if "Gương người Việt" in title)
    assert yearbooks == [datetime.date(year, 11, 30) for year in (2018, 2019, 2020)]


def test_movement_create_short_period_keeps_milestones_inside_it(tree):
    movement = services.movement_create(
        unit=tree["district"], name="Ngắn", start_year=2018, end_year=2019, by=None
    )
    years = sorted({due.year for due in movement.milestones.values_list("due_on", flat=True)})
    assert years == [2018, 2019]
    assert movement.milestones.count() == 7


def test_movement_create_links_the_plan_campaigns(district_movement):
    names = set(
        district_movement.campaign_links.filter(active=True).values_list(
            "campaign__name", flat=True
        )
    )
    assert names == {
        "Người Việt Nam ưu tiên dùng hàng Việt Nam",
        "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
        "Tây Ninh chung sức xây dựng nông thôn mới",
    }


def test_movement_create_second_movement_reuses_the_campaigns(tree, district_movement):
    services.movement_create(
        unit=tree["other_district"], name="Gò Dầu", start_year=2017, end_year=2020, by=None
    )
    assert Campaign.objects.count() == 3
    assert MovementCampaign.objects.count() == 6


def test_movement_create_without_defaults_has_only_rounds(tree):
    movement = services.movement_create(
        unit=tree["district"],
        name="Trống",
        start_year=2021,
        end_year=2022,
        by=None,
        with_plan_defaults=False,
    )
    assert movement.rounds.count() == 2
    assert (movement.fields.count(), movement.criteria.count(), movement.grades.count()) == (
        0,
        0,
        0,
    )


def test_movement_create_by_officer_over_the_unit_records_the_actor(tree, officers):
    movement = services.movement_create(
        unit=tree["district"],
        name="  Phong trào huyện  ",
        start_year=2021,
        end_year=2023,
        by=officers["province"],
    )
    assert movement.name == "Phong trào huyện"
    event = _events(movement, "movement.create").get()
    assert event.actor == officers["province"]
    assert event.data == {
        "name": "Phong trào huyện",
        "unit": tree["district"].pk,
        "years": [2021, 2023],
    }


@pytest.mark.parametrize("who", ["other_branch", "below"])
def test_movement_create_outside_the_officer_subtree_is_refused(tree, officers, who):
    with pytest.raises(PermissionDenied):
        services.movement_create(
            unit=tree["district"], name="X", start_year=2021, end_year=2022, by=officers[who]
        )
    assert not Movement.objects.filter(name="X").exists()


def test_movement_create_by_author_or_anonymous_is_refused(tree, people):
    for by in (people["author"], people["clerk"], AnonymousUser()):
        with pytest.raises(PermissionDenied):
            services.movement_create(
                unit=tree["school"], name="X", start_year=2021, end_year=2022, by=by
            )


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (2021, 2020, "end_year", "Năm kết thúc không được trước năm bắt đầu."),
        (2021, 2031, "end_year", "Một phong trào kéo dài tối đa 10 năm."),
        (1999, 2001, "start_year", "Nhập năm trong khoảng từ 2000 đến 2100."),
    ],
)
def test_movement_create_bad_years_are_refused(tree, start, end, field, message):
    with pytest.raises(ValidationError) as error:
        services.movement_create(
            unit=tree["district"], name="X", start_year=start, end_year=end, by=None
        )
    assert _messages(error)[field] == [message]
    assert not Movement.objects.exists()


def test_movement_create_without_name_is_refused(tree):
    with pytest.raises(ValidationError) as error:
        services.movement_create(
            unit=tree["district"], name="   ", start_year=2020, end_year=2021, by=None
        )
    assert list(_messages(error)) == ["name"]


# -- movement_update --------------------------------------------------------------------------


def test_movement_update_records_the_changes(district_movement, officers):
    services.movement_update(
        movement=district_movement,
        data={"name": "Đổi tên", "plan_reference": "Số 12/KH-MTTQ", "start_year": 2017},
        by=officers["district"],
    )
    district_movement.refresh_from_db()
    assert (district_movement.name, district_movement.plan_reference) == (
        "Đổi tên",
        "Số 12/KH-MTTQ",
    )
    event = _events(district_movement, "movement.update").get()
    assert event.data == {
        "name": ["Đoàn kết sáng tạo huyện Tân Châu 2017-2020", "Đổi tên"],
        "plan_reference": ["", "Số 12/KH-MTTQ"],
    }


def test_movement_update_narrowing_past_a_round_is_refused(district_movement, officers):
    with pytest.raises(ValidationError) as error:
        services.movement_update(
            movement=district_movement,
            data={"start_year": 2018, "end_year": 2019},
            by=officers["district"],
        )
    assert _messages(error) == {
        "start_year": [
            "Phong trào đã có đợt các năm 2017, 2020: giai đoạn phải bao gồm các năm này."
        ]
    }
    district_movement.refresh_from_db()
    assert (district_movement.start_year, district_movement.end_year) == (2017, 2020)


def test_movement_update_failed_leaves_the_object_unchanged(district_movement, officers):
    with pytest.raises(ValidationError):
        services.movement_update(
            movement=district_movement, data={"name": "", "end_year": 2016}, by=officers["district"]
        )
    assert district_movement.name == "Đoàn kết sáng tạo huyện Tân Châu 2017-2020"
    assert district_movement.end_year == 2020


def test_movement_update_to_a_unit_outside_the_subtree_is_refused(
    district_movement, officers, tree
):
    with pytest.raises(PermissionDenied):
        services.movement_update(
            movement=district_movement,
            data={"unit": tree["other_district"]},
            by=officers["district"],
        )
    district_movement.refresh_from_db()
    assert district_movement.unit == tree["district"]


def test_movement_update_to_a_unit_inside_the_subtree_is_allowed(district_movement, officers, tree):
    services.movement_update(
        movement=district_movement, data={"unit": tree["commune"]}, by=officers["district"]
    )
    district_movement.refresh_from_db()
    assert district_movement.unit == tree["commune"]


def test_movement_update_unknown_field_is_a_programming_error(district_movement, officers):
    with pytest.raises(TypeError):
        services.movement_update(
            movement=district_movement, data={"pk": 5}, by=officers["district"]
        )


# -- permissions of every configuration service ------------------------------------------------


def _calls(movement):
    """Each configuration service, called on `movement` by `by`."""
    field = movement.fields.first()
    criterion = movement.criteria.first()
    milestone = movement.milestones.first()
    round_ = movement.rounds.first()
    link = movement.campaign_links.first()
    return {
        "movement_update": lambda by: services.movement_update(
            movement=movement, data={"name": "Y"}, by=by
        ),
        "round_add": lambda by: services.round_add(movement=movement, year=2020, by=by),
        "round_update": lambda by: services.round_update(
            round_=round_, data={"status": Round.Status.OPEN}, by=by
        ),
        "field_add": lambda by: services.field_add(movement=movement, name="Mới", by=by),
        "field_update": lambda by: services.field_update(field=field, data={"name": "Y"}, by=by),
        "field_move": lambda by: services.field_move(field=field, offset=1, by=by),
        "field_delete": lambda by: services.field_delete(field=field, by=by),
        "criterion_add": lambda by: services.criterion_add(movement=movement, name="Mới", by=by),
        "criterion_update": lambda by: services.criterion_update(
            criterion=criterion, data={"weight": Decimal("2")}, by=by
        ),
        "criterion_move": lambda by: services.criterion_move(criterion=criterion, offset=1, by=by),
        "criterion_delete": lambda by: services.criterion_delete(criterion=criterion, by=by),
        "grading_scale_set": lambda by: services.grading_scale_set(
            movement=movement, grades=[{"name": "Đạt", "min_total": 0, "recognised": True}], by=by
        ),
        "milestone_add": lambda by: services.milestone_add(
            movement=movement, due_on=datetime.date(2019, 1, 1), title="Mới", by=by
        ),
        "milestone_update": lambda by: services.milestone_update(
            milestone=milestone, data={"title": "Y"}, by=by
        ),
        "milestone_mark_done": lambda by: services.milestone_mark_done(
            milestone=milestone, done_on=datetime.date(2019, 1, 1), by=by
        ),
        "milestone_delete": lambda by: services.milestone_delete(milestone=milestone, by=by),
        "campaign_link": lambda by: services.campaign_link(movement=movement, name="Mới", by=by),
        "campaign_link_set_active": lambda by: services.campaign_link_set_active(
            link=link, active=False, by=by
        ),
    }


SERVICES = [
    "movement_update",
    "round_add",
    "round_update",
    "field_add",
    "field_update",
    "field_move",
    "field_delete",
    "criterion_add",
    "criterion_update",
    "criterion_move",
    "criterion_delete",
    "grading_scale_set",
    "milestone_add",
    "milestone_update",
    "milestone_mark_done",
    "milestone_delete",
    "campaign_link",
    "campaign_link_set_active",
]


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("who", ["other_branch", "below", "author", "clerk", "anonymous"])
def test_service_by_someone_not_covering_the_movement_is_refused(
    district_movement, officers, people, service, who
):
    by = {"author": people["author"], "clerk": people["clerk"], "anonymous": AnonymousUser()}.get(
        who
    ) or officers[who]
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        _calls(district_movement)[service](by)
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("who", ["province", "district", "admin"])
def test_service_by_a_manager_over_the_movement_is_allowed(
    district_movement, officers, service, who
):
    if service == "round_add":
        services.movement_update(
            movement=district_movement, data={"end_year": 2021}, by=officers[who]
        )
        result = services.round_add(movement=district_movement, year=2021, by=officers[who])
        assert result.year == 2021
        return
    _calls(district_movement)[service](officers[who])
    assert AuditEvent.objects.filter(
        target_id=str(district_movement.pk), actor=officers[who]
    ).exists()


# -- rounds -----------------------------------------------------------------------------------


def test_round_add_outside_the_period_is_refused(district_movement):
    with pytest.raises(ValidationError) as error:
        services.round_add(movement=district_movement, year=2021, by=None)
    assert _messages(error) == {
        "year": ["Hãy chọn một năm trong giai đoạn của phong trào (2017–2020)."]
    }


def test_round_add_existing_year_is_refused(district_movement):
    with pytest.raises(ValidationError) as error:
        services.round_add(movement=district_movement, year=2018, by=None)
    assert _messages(error) == {"year": ["Phong trào đã có đợt năm 2018."]}


def test_round_add_missing_year_is_planned_and_named(district_movement):
    district_movement.rounds.filter(year=2019).delete()
    round_ = services.round_add(movement=district_movement, year=2019, by=None)
    assert (round_.status, round_.name) == (
        Round.Status.PLANNED,
        "Đoàn kết sáng tạo huyện Tân Châu 2017-2020 – năm 2019",
    )


def test_round_update_status_is_audited_with_states(district_movement, officers):
    round_ = district_movement.rounds.get(year=2018)
    services.round_update(
        round_=round_,
        data={
            "status": Round.Status.OPEN,
            "opens_on": datetime.date(2018, 3, 1),
            "closes_on": datetime.date(2018, 9, 30),
        },
        by=officers["district"],
    )
    round_.refresh_from_db()
    assert round_.status == Round.Status.OPEN
    event = _events(district_movement, "round.update").get()
    assert (event.from_state, event.to_state) == ("planned", "open")
    assert event.data["opens_on"] == [None, "2018-03-01"]


def test_round_update_second_open_round_is_refused(district_movement):
    services.round_update(
        round_=district_movement.rounds.get(year=2018), data={"status": "open"}, by=None
    )
    other = district_movement.rounds.get(year=2019)
    with pytest.raises(ValidationError) as error:
        services.round_update(round_=other, data={"status": "open"}, by=None)
    assert _messages(error) == {
        "status": [
            "Phong trào đang có một đợt khác nhận hồ sơ: "
            "hãy chuyển đợt đó sang trạng thái khác trước."
        ]
    }
    other.refresh_from_db()
    assert other.status == Round.Status.PLANNED


def test_round_update_closing_before_opening_is_refused(district_movement):
    round_ = district_movement.rounds.get(year=2018)
    with pytest.raises(ValidationError) as error:
        services.round_update(
            round_=round_,
            data={"opens_on": datetime.date(2018, 5, 1), "closes_on": datetime.date(2018, 4, 1)},
            by=None,
        )
    assert _messages(error) == {
        "closes_on": ["Ngày kết thúc nhận hồ sơ không được trước ngày bắt đầu."]
    }
    assert round_.opens_on is None


def test_round_update_unknown_status_is_refused(district_movement):
    round_ = district_movement.rounds.get(year=2018)
    with pytest.raises(ValidationError) as error:
        services.round_update(round_=round_, data={"status": "archived"}, by=None)
    assert list(_messages(error)) == ["status"]


# -- fields -----------------------------------------------------------------------------------


def test_field_add_makes_a_code_from_the_vietnamese_name(district_movement):
    field = services.field_add(movement=district_movement, name="Đoàn viên, hội viên", by=None)
    assert (field.code, field.order) == ("doan-vien-hoi-vien", 6)
    again = services.field_add(movement=district_movement, name="Đoàn viên – hội viên", by=None)
    assert again.code == "doan-vien-hoi-vien-2"


def test_field_add_taken_code_is_refused(district_movement):
    with pytest.raises(ValidationError) as error:
        services.field_add(movement=district_movement, name="X", code="su-nghiep", by=None)
    assert _messages(error) == {
        "code": ["Mã này đã được dùng cho một lĩnh vực khác của phong trào."]
    }


def test_field_add_bad_code_and_empty_name_are_refused(district_movement):
    with pytest.raises(ValidationError) as error:
        services.field_add(movement=district_movement, name="", code="có dấu", by=None)
    assert set(_messages(error)) == {"name", "code"}
    assert district_movement.fields.count() == 5


def test_field_update_renames_and_keeps_the_code(district_movement):
    field = district_movement.fields.get(code="su-nghiep")
    services.field_update(field=field, data={"name": "Đơn vị sự nghiệp công lập"}, by=None)
    field.refresh_from_db()
    assert (field.name, field.code) == ("Đơn vị sự nghiệp công lập", "su-nghiep")


def test_field_move_renumbers_the_list(district_movement):
    field = district_movement.fields.get(code="su-nghiep")
    services.field_move(field=field, offset=-1, by=None)
    assert list(district_movement.fields.values_list("code", "order")) == [
        ("doanh-nghiep", 1),
        ("su-nghiep", 2),
        ("he-thong-chinh-tri", 3),
        ("luc-luong-vu-trang", 4),
        ("dan-toc-ton-giao-kieu-bao", 5),
    ]


def test_field_move_first_up_changes_nothing(district_movement):
    field = district_movement.fields.get(code="doanh-nghiep")
    services.field_move(field=field, offset=-1, by=None)
    assert district_movement.fields.first().code == "doanh-nghiep"
    assert not _events(district_movement, "field.move").exists()


def test_field_delete_unused_is_allowed(district_movement):
    field = district_movement.fields.get(code="su-nghiep")
    services.field_delete(field=field, by=None)
    assert district_movement.fields.count() == 4
    assert _events(district_movement, "field.delete").get().data["name"] == field.name


def test_field_delete_used_by_an_initiative_is_refused(district_movement, tree, people):
    field = district_movement.fields.get(code="su-nghiep")
    Initiative.objects.create(
        title="Sổ tay điện tử", field=field, unit=tree["school"], created_by=people["author"]
    )
    with pytest.raises(ValidationError) as error:
        services.field_delete(field=field, by=None)
    assert error.value.messages == [
        "Không thể xóa lĩnh vực “Các đơn vị sự nghiệp: trường nghề, trung tâm, trường phổ "
        "thông, bệnh viện” vì đã có sáng kiến hoặc hồ sơ khác thuộc lĩnh vực này. "
        "Bạn có thể đổi tên lĩnh vực thay vì xóa."
    ]
    assert Field.objects.filter(pk=field.pk).exists()
    assert not _events(district_movement, "field.delete").exists()


# -- criteria ---------------------------------------------------------------------------------


def test_criterion_add_with_weight_and_range(district_movement):
    criterion = services.criterion_add(
        movement=district_movement,
        name="Tính lan tỏa",
        description="Được nhân rộng ở đơn vị khác.",
        weight=Decimal("0.5"),
        min_score=0,
        max_score=10,
        by=None,
    )
    assert (criterion.code, criterion.order) == ("tinh-lan-toa", 6)
    assert movement_max_total(movement=district_movement) == Decimal("105")


def test_criterion_add_negative_weight_is_refused(district_movement):
    with pytest.raises(ValidationError) as error:
        services.criterion_add(movement=district_movement, name="X", weight=Decimal("-1"), by=None)
    assert _messages(error)["weight"] == ["Trọng số không được âm."]


@pytest.mark.parametrize(("low", "high"), [(10, 10), (10, 5)])
def test_criterion_update_range_not_ordered_is_refused(district_movement, low, high):
    criterion = district_movement.criteria.first()
    with pytest.raises(ValidationError) as error:
        services.criterion_update(
            criterion=criterion, data={"min_score": low, "max_score": high}, by=None
        )
    assert _messages(error) == {"max_score": ["Điểm cao nhất phải lớn hơn điểm thấp nhất."]}
    criterion.refresh_from_db()
    assert (criterion.min_score, criterion.max_score) == (0, 20)


def test_criterion_update_weight_zero_is_allowed(district_movement):
    criterion = district_movement.criteria.get(code="tinh-kinh-te")
    services.criterion_update(criterion=criterion, data={"weight": Decimal("0")}, by=None)
    assert movement_max_total(movement=district_movement) == Decimal("80")


def test_criterion_move_and_delete(district_movement):
    criterion = district_movement.criteria.get(code="tinh-kinh-te")
    services.criterion_move(criterion=criterion, offset=-1, by=None)
    assert list(district_movement.criteria.values_list("code", flat=True))[3:] == [
        "tinh-kinh-te",
        "tinh-thiet-thuc-hieu-qua",
    ]
    services.criterion_delete(criterion=criterion, by=None)
    assert not Criterion.objects.filter(pk=criterion.pk).exists()


# -- grading scale ----------------------------------------------------------------------------


def _scale(movement) -> list[tuple]:
    return list(movement.grades.values_list("name", "min_total", "recognised"))


def _rows(movement) -> list[dict]:
    return [
        {"id": g.pk, "name": g.name, "min_total": g.min_total, "recognised": g.recognised}
        for g in movement.grades.all()
    ]


def test_grading_scale_set_changes_adds_and_removes(district_movement, officers):
    rows = _rows(district_movement)
    rows[1]["min_total"] = Decimal("80")  # Tốt
    del rows[2]  # Đạt
    rows.append({"name": "Khá", "min_total": Decimal("65.5"), "recognised": True})
    services.grading_scale_set(movement=district_movement, grades=rows, by=officers["district"])
    assert _scale(district_movement) == [
        ("Xuất sắc", Decimal("90"), True),
        ("Tốt", Decimal("80"), True),
        ("Khá", Decimal("65.5"), True),
        ("Không đạt", Decimal("0"), False),
    ]
    event = _events(district_movement, "grading_scale.set").get()
    assert event.data["after"][2] == ["Khá", "65.50", True]


def test_grading_scale_set_may_swap_two_names(district_movement):
    rows = _rows(district_movement)
    rows[0]["name"], rows[1]["name"] = rows[1]["name"], rows[0]["name"]
    services.grading_scale_set(movement=district_movement, grades=rows, by=None)
    assert [name for name, _, _ in _scale(district_movement)][:2] == ["Tốt", "Xuất sắc"]


def test_grading_scale_set_without_a_bottom_at_zero_saves_nothing(district_movement):
    before = _scale(district_movement)
    rows = _rows(district_movement)
    rows[0]["name"] = "Xuất sắc lắm"
    rows[3]["min_total"] = Decimal("10")
    with pytest.raises(ValidationError) as error:
        services.grading_scale_set(movement=district_movement, grades=rows, by=None)
    assert _messages(error) == {
        "__all__": ["Thang xếp loại phải có một mức thấp nhất với tổng điểm tối thiểu là 0."]
    }
    assert _scale(district_movement) == before


def test_grading_scale_set_with_equal_thresholds_saves_nothing(district_movement):
    before = _scale(district_movement)
    rows = _rows(district_movement)
    rows[2]["min_total"] = Decimal("75.00")  # Đạt = Tốt
    with pytest.raises(ValidationError) as error:
        services.grading_scale_set(movement=district_movement, grades=rows, by=None)
    [problem] = error.value.error_dict["min_total"]
    assert problem.params["row"] == 2
    assert error.value.message_dict == {"min_total": ["Mức “Tốt” đã dùng ngưỡng 75 điểm."]}
    assert _scale(district_movement) == before


def test_grading_scale_set_with_equal_names_is_refused(district_movement):
    rows = _rows(district_movement)
    rows[1]["name"] = "xuất sắc"
    with pytest.raises(ValidationError) as error:
        services.grading_scale_set(movement=district_movement, grades=rows, by=None)
    assert _messages(error) == {"name": ["Có hai mức xếp loại cùng tên “xuất sắc”."]}


def test_grading_scale_set_above_the_highest_total_is_refused(district_movement):
    rows = _rows(district_movement)
    rows[0]["min_total"] = Decimal("100.5")
    with pytest.raises(ValidationError) as error:
        services.grading_scale_set(movement=district_movement, grades=rows, by=None)
    assert _messages(error) == {
        "min_total": ["Ngưỡng 100,5 vượt quá tổng điểm tối đa có thể đạt (100)."]
    }


def test_grading_scale_set_unrecognised_above_recognised_is_refused(district_movement):
    rows = _rows(district_movement)
    rows[0]["recognised"] = False  # Xuất sắc not recognised, above Tốt
    with pytest.raises(ValidationError) as error:
        services.grading_scale_set(movement=district_movement, grades=rows, by=None)
    assert _messages(error) == {
        "recognised": [
            "Mức không được công nhận không thể có ngưỡng cao hơn một mức được công nhận."
        ]
    }


def test_grading_scale_set_negative_or_empty_is_refused(district_movement):
    with pytest.raises(ValidationError) as error:
        services.grading_scale_set(movement=district_movement, grades=[], by=None)
    assert _messages(error) == {"__all__": ["Thang xếp loại phải có ít nhất một mức."]}
    with pytest.raises(ValidationError) as error:
        services.grading_scale_set(
            movement=district_movement,
            grades=[
                {"name": "Đạt", "min_total": Decimal("0"), "recognised": True},
                {"name": "Âm", "min_total": Decimal("-5"), "recognised": False},
            ],
            by=None,
        )
    assert _messages(error)["min_total"] == ["Tổng điểm tối thiểu không được âm."]
    assert district_movement.grades.count() == 4


def test_grading_scale_set_grade_of_another_movement_is_refused(district_movement, movement):
    other = movement.grades.first()
    rows = [*_rows(district_movement), {"id": other.pk, "name": "Lạ", "min_total": 50}]
    with pytest.raises(ValidationError) as error:
        services.grading_scale_set(movement=district_movement, grades=rows, by=None)
    assert _messages(error) == {"__all__": ["Có mức xếp loại không thuộc phong trào này."]}
    assert Grade.objects.get(pk=other.pk).name == other.name


# -- milestones -------------------------------------------------------------------------------


def test_milestone_add_update_and_delete(district_movement):
    milestone = services.milestone_add(
        movement=district_movement,
        due_on=datetime.date(2019, 5, 15),
        title="Hội thảo sáng tạo",
        target="02 hội thảo",
        target_count=2,
        responsible="Ban Phong trào",
        by=None,
    )
    services.milestone_update(milestone=milestone, data={"target_count": 3}, by=None)
    milestone.refresh_from_db()
    assert (milestone.target_count, milestone.responsible) == (3, "Ban Phong trào")
    services.milestone_delete(milestone=milestone, by=None)
    assert not Milestone.objects.filter(pk=milestone.pk).exists()
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="milestone.")] == [
        "milestone.delete",
        "milestone.update",
        "milestone.add",
    ]


def test_milestone_add_without_task_or_date_is_refused(district_movement):
    with pytest.raises(ValidationError) as error:
        services.milestone_add(movement=district_movement, due_on=None, title=" ", by=None)
    assert set(_messages(error)) == {"due_on", "title"}


def test_milestone_mark_done_and_reopen(district_movement):
    milestone = district_movement.milestones.first()
    assert milestone.is_overdue
    services.milestone_mark_done(milestone=milestone, done_on=datetime.date(2018, 6, 20), by=None)
    milestone.refresh_from_db()
    assert (milestone.done_on, milestone.is_overdue) == (datetime.date(2018, 6, 20), False)
    services.milestone_mark_done(milestone=milestone, done_on=None, by=None)
    milestone.refresh_from_db()
    assert milestone.done_on is None
    states = list(
        AuditEvent.objects.filter(action__in=["milestone.done", "milestone.reopen"])
        .order_by("id")
        .values_list("action", "from_state", "to_state")
    )
    assert states == [
        ("milestone.done", "pending", "done"),
        ("milestone.reopen", "done", "pending"),
    ]


def test_milestone_mark_done_in_the_future_is_refused(district_movement):
    milestone = district_movement.milestones.first()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.milestone_mark_done(milestone=milestone, done_on=tomorrow, by=None)
    assert _messages(error) == {"done_on": ["Ngày hoàn thành không được sau ngày hôm nay."]}
    assert milestone.done_on is None


def test_milestone_is_overdue_only_after_its_due_date(district_movement):
    today = timezone.localdate()
    later = services.milestone_add(
        movement=district_movement, due_on=today, title="Hôm nay", by=None
    )
    assert later.is_overdue is False


# -- linked campaigns -------------------------------------------------------------------------


def test_campaign_link_new_and_existing_campaigns(district_movement, movement):
    link = services.campaign_link(
        movement=district_movement, name="  Ngày hội   sáng tạo ", by=None
    )
    assert link.campaign.name == "Ngày hội sáng tạo"
    # the factory's movement reuses the campaign whatever the case
    again = services.campaign_link(movement=movement, name="ngày hội sáng tạo", by=None)
    assert again.campaign == link.campaign


def test_campaign_link_twice_is_refused(district_movement):
    with pytest.raises(ValidationError) as error:
        services.campaign_link(
            movement=district_movement, name="Người Việt Nam ưu tiên dùng hàng Việt Nam", by=None
        )
    assert _messages(error) == {"name": ["Cuộc vận động này đã được gắn với phong trào."]}


def test_campaign_link_deactivate_hides_it_from_new_initiatives(district_movement):
    link = district_movement.campaign_links.get(
        campaign__name="Người Việt Nam ưu tiên dùng hàng Việt Nam"
    )
    services.campaign_link_set_active(link=link, active=False, by=None)
    assert set(campaigns_offered(movement=district_movement).values_list("name", flat=True)) == {
        "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
        "Tây Ninh chung sức xây dựng nông thôn mới",
    }
    # linking it again activates it again
    services.campaign_link(
        movement=district_movement, name="Người Việt Nam ưu tiên dùng hàng Việt Nam", by=None
    )
    link.refresh_from_db()
    assert link.active is True
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="campaign.")] == [
        "campaign.link",
        "campaign.deactivate",
    ]


def test_grading_scale_set_removing_a_grade_a_decision_uses_is_refused(
    district_movement, tree, people, officers
):
    grade = district_movement.grades.get(name="Đạt")
    council = Council.objects.create(
        round=district_movement.rounds.get(year=2018), unit=tree["district"], name="Hội đồng"
    )
    initiative = Initiative.objects.create(
        title="Sổ tay điện tử", unit=tree["school"], created_by=people["author"]
    )
    Decision.objects.create(
        council=council,
        initiative=initiative,
        outcome="recognised",
        grade=grade,
        decided_by=officers["district"],
    )
    rows = [row for row in _rows(district_movement) if row["name"] != "Đạt"]
    with pytest.raises(ValidationError) as error:
        services.grading_scale_set(movement=district_movement, grades=rows, by=None)
    assert _messages(error) == {
        "__all__": ["Không thể bỏ mức “Đạt” vì đã có kết quả xếp loại theo mức này."]
    }
    assert district_movement.grades.count() == 4


def test_field_delete_covered_by_a_council_is_refused(district_movement, tree):
    field = district_movement.fields.get(code="su-nghiep")
    council = Council.objects.create(
        round=district_movement.rounds.get(year=2018), unit=tree["district"], name="Hội đồng"
    )
    council.fields.add(field)
    with pytest.raises(ValidationError):
        services.field_delete(field=field, by=None)
    assert list(council.fields.all()) == [field]
