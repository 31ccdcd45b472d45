"""Each criterion's minimum (the plan: every criterion must hold): half the highest score by
default, editable between 0 and the highest score, said in Vietnamese when it is not."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sangtao.core.models import AuditEvent
from sangtao.movements import services


def _url(name, movement, *args):
    return reverse(f"movements:{name}", args=[movement.pk, *args])


def test_plan_defaults_give_every_criterion_a_minimum_of_ten(district_movement):
    assert (
        list(district_movement.criteria.values_list("minimum", "max_score"))
        == [(Decimal("10.00"), 20)] * 5
    )


def test_criterion_add_without_minimum_takes_half_the_highest_score(district_movement):
    criterion = services.criterion_add(
        movement=district_movement, name="Tính lan tỏa", max_score=15, by=None
    )
    criterion.refresh_from_db()
    assert criterion.minimum == Decimal("7.50")
    event = AuditEvent.objects.filter(action="criterion.add").latest("pk")
    assert event.data["minimum"] == "7.5"


@pytest.mark.parametrize(
    ("minimum", "message"),
    [
        (Decimal("-1"), "Mức tối thiểu không được là số âm."),
        (Decimal("20.5"), "Mức tối thiểu không được lớn hơn điểm cao nhất (20)."),
        (Decimal("7.125"), "Mức tối thiểu có nhiều nhất hai chữ số thập phân."),
    ],
)
def test_criterion_update_minimum_out_of_range_is_refused(district_movement, minimum, message):
    criterion = district_movement.criteria.get(code="tinh-moi")
    with pytest.raises(ValidationError) as caught:
        services.criterion_update(criterion=criterion, data={"minimum": minimum}, by=None)
    assert [str(m) for m in caught.value.message_dict["minimum"]] == [message]
    criterion.refresh_from_db()
    assert criterion.minimum == Decimal("10.00")


def test_criterion_update_lowering_the_highest_score_below_the_minimum_is_refused(
    district_movement,
):
    criterion = district_movement.criteria.get(code="tinh-moi")
    with pytest.raises(ValidationError) as caught:
        services.criterion_update(criterion=criterion, data={"max_score": 8}, by=None)
    assert [str(m) for m in caught.value.message_dict["minimum"]] == [
        "Mức tối thiểu không được lớn hơn điểm cao nhất (8)."
    ]


def test_criterion_update_minimum_at_the_bounds_is_saved(district_movement):
    criterion = district_movement.criteria.get(code="tinh-moi")
    for value in (Decimal("0"), Decimal("20")):
        services.criterion_update(criterion=criterion, data={"minimum": value}, by=None)
        criterion.refresh_from_db()
        assert criterion.minimum == value


def test_criterion_edit_page_saves_the_minimum(client_for, officers, district_movement):
    criterion = district_movement.criteria.get(code="tinh-moi")
    response = client_for(officers["district"]).post(
        _url("criterion_edit", district_movement, criterion.pk),
        {
            "name": criterion.name,
            "code": criterion.code,
            "weight": "1",
            "min_score": "0",
            "max_score": "20",
            "minimum": "12,5",
        },
    )
    assert response.status_code == 302
    criterion.refresh_from_db()
    assert criterion.minimum == Decimal("12.5")


def test_criterion_edit_page_minimum_above_the_highest_is_refused_in_vietnamese(
    client_for, officers, district_movement
):
    criterion = district_movement.criteria.get(code="tinh-moi")
    response = client_for(officers["district"]).post(
        _url("criterion_edit", district_movement, criterion.pk),
        {
            "name": criterion.name,
            "code": criterion.code,
            "weight": "1",
            "min_score": "0",
            "max_score": "20",
            "minimum": "25",
        },
    )
    assert response.context["form"].errors == {
        "minimum": ["Mức tối thiểu không được lớn hơn điểm cao nhất (20)."]
    }
    criterion.refresh_from_db()
    assert criterion.minimum == Decimal("10.00")


def test_criteria_page_says_the_minimum_is_a_default_not_the_plans(
    client_for, officers, district_movement
):
    page = client_for(officers["district"]).get(_url("criteria", district_movement))
    text = page.content.decode()
    assert "Mức tối thiểu" in text
    assert "mặc định của hệ thống, không phải con số của Kế hoạch" in text
    grades = client_for(officers["district"]).get(_url("grades", district_movement))
    assert "mặc định của hệ thống, không phải lời của Kế hoạch" in grades.content.decode()


def test_criteria_page_adds_a_criterion_with_an_empty_minimum(
    client_for, officers, district_movement
):
    response = client_for(officers["district"]).post(
        _url("criteria", district_movement),
        {
            "new-name": "Tính lan tỏa",
            "new-weight": "1",
            "new-min_score": "0",
            "new-max_score": "10",
        },
    )
    assert response.status_code == 302
    assert district_movement.criteria.get(code="tinh-lan-toa").minimum == Decimal("5.00")
