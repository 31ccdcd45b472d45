"""The demo tells the 2026 consultation on the draft criteria of the 2027 round, with the
comments of the Women's Union and the Youth Union and the answer to the first."""

import io

import pytest
from django.core.management import call_command

from sangtao.consultations.models import Comment, Consultation

pytestmark = pytest.mark.django_db


def test_demo_data_tells_the_consultation_on_the_2027_criteria():
    call_command("demo_data", stdout=io.StringIO())
    consultation = Consultation.objects.select_related("unit").get()
    assert consultation.title == (
        "Dự thảo tiêu chí thi đua phong trào “Đoàn kết sáng tạo” năm 2027"
    )
    assert consultation.unit.name == "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh"
    assert list(consultation.sections.values_list("heading", flat=True)) == [
        "Tiêu chí đối với tập thể",
        "Tiêu chí đối với cá nhân",
        "Hồ sơ và thời gian xét",
    ]
    comments = Comment.objects.select_related("unit").order_by("pk")
    assert [(c.unit.name, c.response) for c in comments] == [
        ("Hội Liên hiệp Phụ nữ tỉnh Tây Ninh", "accepted"),
        ("Tỉnh Đoàn Tây Ninh", ""),
        ("Tỉnh Đoàn Tây Ninh", ""),
    ]
