"""The officer ties a milestone to a measurable condition on the milestones page; the
timeline then shows its progress and done date from the data. Bad input is refused in
Vietnamese, next to its field, and saves nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sangtao.appraisal.models import Council
from sangtao.core.models import AuditEvent

pytestmark = pytest.mark.django_db

BASE = {
    "new-due_on": "2019-06-30",
    "new-title": "Thành lập Hội đồng cấp tỉnh",
    "new-target": "Quyết định thành lập",
}


def _add(client, movement, **fields):
    data = BASE | {f"new-{name}": value for name, value in fields.items()}
    return client.post(reverse("movements:milestones", args=[movement.pk]), data)


def test_milestone_form_ties_a_council_condition_and_the_timeline_measures_it(
    client_for, officers, district_movement, tree
):
    client = client_for(officers["district"])

    response = _add(
        client, district_movement, condition="council_level", level="province", year="2019"
    )

    assert response.status_code == 302
    milestone = district_movement.milestones.get(title=BASE["new-title"])
    assert (milestone.condition, milestone.condition_params) == (
        "council_level",
        {"level": "province", "year": 2019},
    )
    assert AuditEvent.objects.filter(action="milestone.add").count() == 1
    detail = reverse("movements:detail", args=[district_movement.pk])
    assert "0/1 · theo dữ liệu" in client.get(detail).content.decode()
    council = Council.objects.create(
        round=district_movement.rounds.get(year=2019), unit=tree["province"], name="Hội đồng tỉnh"
    )
    Council.objects.filter(pk=council.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2019, 5, 20, 9))
    )
    page = client.get(detail).content.decode()
    assert 'Hoàn thành ngày 20/05/2019</span> <small class="text-muted">1/1 · theo dữ liệu' in page


def test_milestone_form_ties_a_report_period_condition(client_for, officers, district_movement):
    response = _add(
        client_for(officers["district"]),
        district_movement,
        condition="report_period",
        kind="annual",
        level="province",  # belongs to the other condition: dropped
    )

    assert response.status_code == 302
    milestone = district_movement.milestones.get(title=BASE["new-title"])
    assert milestone.condition_params == {"kind": "annual"}


def test_milestone_form_council_condition_without_level_is_refused(
    client_for, officers, district_movement
):
    before = district_movement.milestones.count()

    response = _add(client_for(officers["district"]), district_movement, condition="council_level")

    page = response.content.decode()
    assert "Hãy chọn cấp có Hội đồng mà mốc này chờ thành lập." in page
    assert district_movement.milestones.count() == before


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"condition": "report_period", "kind": "weekly"}, "Hãy chọn một lựa chọn hợp lệ."),
        ({"condition": "report_period"}, "Hãy chọn loại kỳ báo cáo mà mốc này chờ hoàn thành."),
        (
            {"condition": "council_level", "level": "province", "year": "2031"},
            "Năm phải thuộc thời gian của phong trào, từ 2017 đến 2020.",
        ),
        ({"condition": "practices_per_unit"}, "Hãy chọn một lựa chọn hợp lệ."),
    ],
)
def test_milestone_form_bad_condition_is_refused_in_vietnamese(
    client_for, officers, district_movement, fields, message
):
    before = district_movement.milestones.count()

    response = _add(client_for(officers["district"]), district_movement, **fields)

    assert message in response.content.decode()
    assert district_movement.milestones.count() == before
    assert not AuditEvent.objects.filter(action="milestone.add").exists()


def test_milestone_edit_page_turns_a_hand_ticked_milestone_into_a_measured_one(
    client_for, officers, district_movement
):
    milestone = district_movement.milestones.filter(condition="").first()
    url = reverse("movements:milestone_edit", args=[district_movement.pk, milestone.pk])
    data = {
        "due_on": milestone.due_on.isoformat(),
        "title": milestone.title,
        "condition": "report_period",
        "kind": "interim_review",
        "year": "2018",
    }

    response = client_for(officers["district"]).post(url, data)

    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.condition, milestone.condition_params) == (
        "report_period",
        {"kind": "interim_review", "year": 2018},
    )
