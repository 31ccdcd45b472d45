"""The demo tells the activities of the Tây Ninh plan: the 2018 talks in three districts, the
reviews and the award ceremony, the member organisations' response plans and a 2026
inspection of the Women's Union, answered."""

import datetime
import io

import pytest
from django.core.management import call_command

from sangtao.activities.models import Event, Inspection, ResponsePlan
from sangtao.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_demo_data_tells_the_plan_activities():
    call_command("demo_data", stdout=io.StringIO())
    talks = Event.objects.filter(kind=Event.Kind.TALK).order_by("held_on")
    assert [(e.held_on, e.title) for e in talks] == [
        (
            datetime.date(2018, 4, 20),
            "Tọa đàm về phong trào “Đoàn kết sáng tạo” tại thành phố Tây Ninh",
        ),
        (
            datetime.date(2018, 5, 18),
            "Tọa đàm về phong trào “Đoàn kết sáng tạo” tại huyện Tân Châu",
        ),
        (datetime.date(2018, 6, 15), "Tọa đàm về phong trào “Đoàn kết sáng tạo” tại huyện Gò Dầu"),
    ]
    assert sorted(Event.objects.exclude(kind=Event.Kind.TALK).values_list("kind", flat=True)) == [
        "award_ceremony",
        "final_review",
        "interim_review",
    ]
    assert ResponsePlan.objects.count() == 4
    inspection = Inspection.objects.select_related("inspected", "responded_by").get()
    assert inspection.inspected.name == "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh"
    assert inspection.responded_on == datetime.date(2026, 11, 20)
    assert inspection.responded_by.unit_id == inspection.inspected_id
    assert AuditEvent.objects.filter(action="inspection.answer").count() == 1
