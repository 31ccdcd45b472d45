"""What the lower level did travels up: the council that receives a nomination sees, on the
dossier and on its sheets, the lower council's decision, figures per criterion, spread, the
nomination's reasons and its minutes, read-only and marked as the lower level's; a blind
council's members see the figures but nothing that names the authors."""

import pytest
from django.urls import reverse

from sangtao.appraisal import services
from sangtao.appraisal.models import Assignment, CouncilMember
from sangtao.jobs.models import Job
from sangtao.orgs.models import OrgUnit

from ..factories import make_user
from .test_documents import _prepared, pdf_text
from .test_meeting import MEETING

LOWER_NAME = "Hội đồng thẩm định xã Tân Hòa năm 2018"


@pytest.fixture
def upper(decided, forwarded, people, tree):
    """The commune's council sealed, its first initiative proposed to the district, whose
    council has a secretary, a chair and a member asked to appraise it."""
    chair = decided.people["chair"]
    services.council_seal(council=decided, by=chair, meeting=MEETING)
    services.nominate(
        council=decided, initiatives=[forwarded[0]], by=chair, note="Tiêu biểu của xã Tân Hòa"
    )
    council = services.council_create(
        round=decided.round,
        unit=tree["district"],
        by=people["officer"],
        data={"name": "Hội đồng thẩm định huyện Tân Châu năm 2018"},
    )
    seats = {
        "secretary": make_user("thukyhuyen", unit=tree["district"], full_name="Trần Thư Ký"),
        "chair": make_user("chutichhuyen", unit=tree["district"], full_name="Lý Chủ Tịch"),
        "member": make_user("uyvienhuyen", unit=tree["province"], full_name="Hồ Ủy Viên"),
    }
    for key, role in (
        ("secretary", CouncilMember.Role.SECRETARY),
        ("chair", CouncilMember.Role.CHAIR),
        ("member", CouncilMember.Role.MEMBER),
    ):
        services.council_member_add(
            council=council, user=seats[key], role=role, by=people["officer"]
        )
    member = council.members.get(user=seats["member"])
    services.assignment_create(
        council=council, initiative=forwarded[0], member=member, by=people["officer"]
    )
    council.people = seats
    return council


def _sheet_page(client_for, upper):
    sheet = Assignment.objects.get(council=upper, member__user=upper.people["member"])
    return client_for(upper.people["member"]).get(
        reverse("appraisal:sheet", args=[sheet.public_id])
    )


def test_sheet_shows_the_lower_councils_decision_figures_and_reasons(upper, client_for):
    text = _sheet_page(client_for, upper).text
    assert "Kết quả thẩm định của cấp dưới (chỉ xem)" in text
    assert "Cấp dưới</span>" in text
    assert f"<strong>{LOWER_NAME}</strong>" in text
    assert "Công nhận – Xuất sắc" in text
    # Two sheets of 18 and 16 on each of the two criteria: 17 a criterion, totals 36 and 32.
    assert text.count('<td>Tính mới</td><td class="text-end">17,00</td>') == 1
    assert text.count('<td>Tính kinh tế</td><td class="text-end">17,00</td>') == 1
    assert 'Điểm của hội đồng</dt><dd class="col-5 col-sm-7">34,00</dd>' in text
    assert 'Số phiếu đã nộp</dt><dd class="col-5 col-sm-7">2</dd>' in text
    assert '(cao nhất − thấp nhất)</dt><dd class="col-5 col-sm-7">4,00</dd>' in text
    assert "Lý do cấp dưới đề nghị:</strong> Tiêu biểu của xã Tân Hòa" in text
    assert "Biên bản họp Hội đồng cấp dưới (PDF)" in text


def test_result_page_of_the_upper_chair_shows_the_lower_level(upper, client_for, forwarded):
    url = reverse("appraisal:result", args=[upper.pk, forwarded[0].public_id])
    text = client_for(upper.people["chair"]).get(url).text
    assert f"<strong>{LOWER_NAME}</strong>" in text
    assert "Điểm của cấp dưới" in text


def test_blind_council_member_sees_figures_but_not_who_or_the_minutes(
    upper, client_for, forwarded, people
):
    services.council_update(council=upper, by=people["officer"], data={"blind": True})
    text = _sheet_page(client_for, upper).text
    level = OrgUnit.objects.get(pk=upper.unit.pk).children.first().level.name.lower()
    assert f"<strong>Hội đồng cấp {level}</strong>" in text
    assert LOWER_NAME not in text and "Tân Hòa" not in text
    assert text.count('<td class="text-end">17,00</td>') == 2
    assert "Biên bản họp Hội đồng cấp dưới" not in text
    assert "Thẩm định ẩn danh: lý do và biên bản của cấp dưới" in text
    lower = forwarded[0].decisions.first().council_id
    url = reverse("appraisal:lower_minutes", args=[upper.pk, forwarded[0].public_id, lower])
    response = client_for(upper.people["member"]).post(url)
    assert response.status_code == 403
    assert Job.objects.count() == 0


def test_upper_secretary_downloads_the_lower_minutes(upper, client_for, forwarded, run_jobs):
    lower = forwarded[0].decisions.first().council
    url = reverse("appraisal:lower_minutes", args=[upper.pk, forwarded[0].public_id, lower.pk])
    response = _prepared(client_for(upper.people["secretary"]), url, run_jobs)
    text = pdf_text(b"".join(response.streaming_content))
    assert "BIÊN BẢN" in text and LOWER_NAME in text
    assert "Hôm nay, ngày 05 tháng 11 năm 2018" in text
    assert "DỰ THẢO" not in text


def test_someone_outside_both_councils_cannot_ask_for_the_lower_minutes(
    upper, client_for, forwarded, people
):
    lower = forwarded[0].decisions.first().council
    url = reverse("appraisal:lower_minutes", args=[upper.pk, forwarded[0].public_id, lower.pk])
    assert client_for(people["outsider"]).post(url).status_code == 404
