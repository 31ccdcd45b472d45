"""The demo's 2019 council: its minutes and decision read the 2019 meeting, not today."""

import io

import pytest
from django.core.management import call_command

from sangtao.appraisal import documents
from sangtao.appraisal.models import Council

from .test_documents import _secretary, docx_text, pdf_text

pytestmark = pytest.mark.django_db


def test_demo_council_of_2019_minutes_read_its_2019_meeting():
    call_command("demo_data", stdout=io.StringIO())
    council = Council.objects.get(round__year=2019, sealed_at__isnull=False)
    user = _secretary(council)
    minutes = pdf_text(
        documents.council_paper(council=council, user=user, name="minutes", extension="pdf")[0]
    )
    assert "Hôm nay, ngày 12 tháng 11 năm 2019, tại Hội trường Ủy ban MTTQ Việt Nam tỉnh" in (
        minutes
    )
    assert "Cuộc họp bắt đầu lúc 8 giờ 00, kết thúc lúc 11 giờ 30." in minutes
    _doc, decision = docx_text(
        documents.council_paper(council=council, user=user, name="decision", extension="docx")[0]
    )
    # The Standing Board's decision on the council's minutes of 12/11/2019, signed 20/11/2019.
    assert "tại Biên bản họp ngày 12/11/2019;" in decision
    assert "ngày 20 tháng 11 năm 2019" in decision
    assert "năm 2026" not in decision.split("QUYẾT ĐỊNH")[0]
