"""The demo tells two member organisations writing to the province's Standing Board in 2026."""

import datetime
import io

import pytest
from django.core.management import call_command

from sangtao.feedback.models import Thread

pytestmark = pytest.mark.django_db


def test_demo_data_tells_two_feedback_threads():
    call_command("demo_data", stdout=io.StringIO())
    threads = Thread.objects.select_related("unit", "receiver").order_by("opened_at")
    assert [(t.unit.name, t.receiver.name, t.state, t.opened_at.date()) for t in threads] == [
        (
            "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh",
            "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
            "answered",
            datetime.date(2026, 9, 8),
        ),
        (
            "Tỉnh Đoàn Tây Ninh",
            "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
            "open",
            datetime.date(2026, 11, 25),
        ),
    ]
    assert threads[0].messages.count() == 2
