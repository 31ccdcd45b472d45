"""The demo tells the activities of the Tây Ninh plan: the 2018 talks in three districts, the
reviews and the award ceremony, the member organisations' response plans and a 2026
inspection of the Women's Union, answered; then, after the reform, two new wards' plans, the
events of 2026 and two inspections whose answers are awaited."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

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
        (
            datetime.date(2026, 4, 16),
            "Tọa đàm “Phụ nữ Tây Ninh đoàn kết sáng tạo” sau sắp xếp đơn vị hành chính",
        ),
    ]
    assert sorted(Event.objects.exclude(kind=Event.Kind.TALK).values_list("kind", flat=True)) == [
        "award_ceremony",
        "fair",
        "final_review",
        "interim_review",
    ]
    plans = ResponsePlan.objects.select_related("unit").order_by("issued_on")
    assert [(p.issued_on.year, p.unit.valid_to) for p in plans] == [(2018, None)] * 5 + [
        (2025, None)
    ] * 2  # the two wards' plans, of units in force today
    inspections = Inspection.objects.select_related("inspected", "responded_by")
    answered = inspections.get(responded_on__isnull=False)
    assert answered.inspected.name == "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh"
    assert answered.responded_on == datetime.date(2026, 11, 20)
    assert answered.responded_by.unit_id == answered.inspected_id
    assert AuditEvent.objects.filter(action="inspection.answer").count() == 1
    awaited = inspections.filter(responded_on__isnull=True).order_by("follow_up_due")
    assert [(i.inspected.name, i.follow_up_due) for i in awaited] == [
        ("Hội Nông dân tỉnh Tây Ninh", datetime.date(2026, 11, 15)),
        ("Tỉnh Đoàn Tây Ninh", datetime.date(2026, 12, 31)),
    ]
    # Nothing the demo tells happens after today.
    assert not Event.objects.filter(held_on__gt=timezone.localdate()).exists()
    assert not Inspection.objects.filter(inspected_on__gt=timezone.localdate()).exists()
