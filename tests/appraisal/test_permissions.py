"""Who may open and post to every page of a council: one row per URL, one column per person.

The people: the council's secretary (who also holds the secretary role over the commune), its
chair, a member asked to appraise the initiative, a member conflicted with it (a teacher of
the school that filed it), an invited expert not asked about it, someone of another unit, the
initiative's author, and an anonymous visitor. 404: the page does not exist for them (nobody
learns what exists elsewhere); 403: they see the council but may not do this; 302 after a
write: done (or refused with a message on the next page).
"""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sangtao.appraisal import services
from sangtao.appraisal.models import Assignment
from sangtao.initiatives.models import Attachment
from sangtao.movements.models import Grade

from .conftest import member

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

WHO = ["secretary", "chair", "member", "conflicted", "expert", "other_unit", "author", "anonymous"]


def _row(*statuses):
    return dict(zip(WHO, statuses, strict=True))


# (url name, method, expected status per person). Writes that succeed redirect (302); the
# anonymous visitor is always sent to sign in (302 to the login page, checked below).
MATRIX = [
    ("list", "get", _row(200, 200, 200, 200, 200, 200, 200, 302)),
    ("create", "get", _row(200, 403, 403, 403, 403, 403, 403, 302)),
    ("tasks", "get", _row(200, 200, 200, 200, 200, 200, 200, 302)),
    ("council", "get", _row(200, 200, 200, 200, 200, 404, 404, 302)),
    ("edit", "get", _row(200, 403, 403, 403, 403, 404, 404, 302)),
    ("edit", "post", _row(302, 403, 403, 403, 403, 404, 404, 302)),
    ("decision_file", "get", _row(200, 200, 200, 200, 200, 404, 404, 302)),
    ("members", "get", _row(200, 200, 200, 200, 200, 404, 404, 302)),
    ("members", "post", _row(302, 403, 403, 403, 403, 404, 404, 302)),
    ("people_pick", "get", _row(200, 403, 403, 403, 403, 404, 404, 302)),
    ("member_remove", "post", _row(302, 403, 403, 403, 403, 404, 404, 302)),
    ("assign", "post", _row(302, 302, 403, 403, 403, 404, 404, 302)),
    ("assign_auto", "post", _row(302, 302, 403, 403, 403, 404, 404, 302)),
    ("assignment_remove", "post", _row(302, 302, 403, 403, 403, 404, 404, 302)),
    ("conflicts", "get", _row(200, 200, 403, 403, 403, 404, 404, 302)),
    ("ranking", "get", _row(200, 200, 403, 403, 403, 404, 404, 302)),
    ("agreement", "get", _row(200, 200, 403, 403, 403, 404, 404, 302)),
    ("seal", "get", _row(403, 200, 403, 403, 403, 404, 404, 302)),
    ("seal", "post", _row(403, 302, 403, 403, 403, 404, 404, 302)),
    ("meeting", "get", _row(200, 200, 403, 403, 403, 404, 404, 302)),
    ("meeting", "post", _row(302, 302, 403, 403, 403, 404, 404, 302)),
    ("reopen", "post", _row(302, 302, 403, 403, 403, 404, 404, 302)),
    ("nominate", "get", _row(200, 200, 403, 403, 403, 404, 404, 302)),
    ("result", "get", _row(200, 200, 403, 403, 403, 404, 404, 302)),
    # The member's sheet is not in and the deadline is not past: the secretary and the chair,
    # who score nothing here, do not read the sheets yet, so they neither decide nor discuss.
    ("decide", "post", _row(403, 403, 403, 403, 403, 404, 404, 302)),
    ("discuss", "post", _row(403, 403, 403, 403, 403, 404, 404, 302)),
    ("conflict_record", "post", _row(302, 403, 403, 403, 403, 404, 404, 302)),
    ("attachment", "get", _row(200, 200, 200, 404, 404, 404, 404, 302)),
    ("sheet", "get", _row(404, 404, 200, 404, 404, 404, 404, 302)),
    ("sheet", "post", _row(404, 404, 302, 404, 404, 404, 404, 302)),
    ("sheet_conflict", "post", _row(404, 404, 302, 404, 404, 404, 404, 302)),
    ("author_conflicts", "get", _row(404, 404, 404, 404, 404, 404, 200, 302)),
    ("author_conflicts", "post", _row(404, 404, 404, 404, 404, 404, 302, 302)),
]


@pytest.fixture
def world(council, forwarded, people, movement):
    """The council with its sheets handed out, a decision PDF and a file in the dossier."""
    secretary = people["secretary"]
    services.council_decision_file_set(
        council=council,
        by=secretary,
        upload=SimpleUploadedFile("qd.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    services.assignments_auto(council=council, by=secretary)
    target = forwarded[0]
    attachment = Attachment(
        initiative=target,
        original_name="thuyet-minh.pdf",
        content_type="application/pdf",
        size=len(MINIMAL_PDF),
        sha256=hashlib.sha256(MINIMAL_PDF).hexdigest(),
        uploaded_by=people["author"],
    )
    attachment.file.save("thuyet-minh.pdf", ContentFile(MINIMAL_PDF), save=True)
    sheet = Assignment.objects.get(
        council=council, initiative=target, member__user__username="uyvien1"
    )
    persons = {
        "secretary": secretary,
        "chair": council.people["chair"],
        "member": council.people["m1"],
        "conflicted": council.people["teacher"],
        "expert": council.people["expert"],
        "other_unit": people["outsider"],
        "author": people["author"],
        "anonymous": None,
    }
    return {
        "council": council,
        "target": target,
        "sheet": sheet,
        "attachment": attachment,
        "persons": persons,
        "criteria": list(movement.criteria.order_by("order")),
        "grade": Grade.objects.get(movement=movement, name="Khá"),
    }


def _request(world, name):
    """(url, POST data) of one row of the matrix."""
    council, target, sheet = world["council"], world["target"], world["sheet"]
    pk, initiative = council.pk, target.public_id
    m2 = member(council, "m2")
    args = {
        "list": [],
        "create": [],
        "tasks": [],
        "sheet": [sheet.public_id],
        "sheet_conflict": [sheet.public_id],
        "author_conflicts": [initiative],
        "member_remove": [pk, member(council, "expert").pk],
        "result": [pk, initiative],
        "decide": [pk, initiative],
        "discuss": [pk, initiative],
        "conflict_record": [pk, initiative],
        "attachment": [pk, initiative, world["attachment"].pk],
    }.get(name, [pk])
    data = {
        "edit": {
            "name": "Hội đồng thẩm định xã Tân Hòa",
            "appraisers_per_initiative": "2",
            "reveal_after_submit": "on",
            "aggregate": "mean",
            "disagreement_threshold": "20",
        },
        "members": {"person": world["persons"]["other_unit"].pk, "role": "member"},
        "assign": {"initiative": [initiative], "member": m2.pk},
        "assignment_remove": {"sheet": sheet.public_id},
        "decide": {"outcome": "recognised", "grade": world["grade"].pk},
        "discuss": {"text": "Cần xem lại số liệu tiết kiệm."},
        "conflict_record": {"member": m2.pk, "reason": "Anh em họ của tác giả"},
        "sheet": {
            "version": "0",
            "action": "save",
            **{f"score_{c.pk}": "10" for c in world["criteria"]},
        },
        "sheet_conflict": {"reason": "Đồng nghiệp cùng tổ"},
        "author_conflicts": {"member": m2.pk, "reason": "Cùng nhóm nghiên cứu"},
        "seal": {"meeting_date": timezone.localdate().isoformat()},
        "meeting": {"meeting_date": timezone.localdate().isoformat()},
    }.get(name, {})
    return reverse(f"appraisal:{name}", args=args), data


@pytest.mark.parametrize(
    ("name", "method", "who", "status"),
    [(name, method, who, row[who]) for name, method, row in MATRIX for who in WHO],
)
def test_permission_matrix(world, name, method, who, status):
    url, data = _request(world, name)
    person = world["persons"][who]
    client = Client()
    if person is not None:
        client.force_login(person)
    response = client.post(url, data) if method == "post" else client.get(url)
    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_every_page_is_in_the_matrix():
    """Every URL served by appraisal.views (the papers, the workbook and the import are tested
    on their own, in test_documents, and the lower council's minutes in test_lower_level)."""
    from django.urls import URLResolver

    from sangtao.appraisal.urls import urlpatterns

    def flat(patterns):  # an initiative's pages are included below the council's
        for p in patterns:
            yield from flat(p.url_patterns) if isinstance(p, URLResolver) else [p]

    documents = {"minutes_docx", "minutes_pdf", "decision_docx", "decision_pdf"}
    documents |= {"results_xlsx", "sheets_import"}
    documents |= {"lower_minutes"}  # tests/appraisal/test_lower_level.py
    pages = {
        p.name
        for p in flat(urlpatterns)
        if p.callback.__module__.startswith("sangtao.appraisal.views.")
    }
    assert len(pages) == 34
    assert pages - documents - {name for name, _method, _row in MATRIX} == set()


def test_refusal_says_why_in_vietnamese(world, client_for):
    response = client_for(world["persons"]["member"]).get(
        reverse("appraisal:ranking", args=[world["council"].pk])
    )
    assert response.status_code == 403
    assert "Bạn không có quyền thực hiện thao tác này." in response.content.decode()


def test_conflicted_chair_does_not_see_the_results(world, client_for):
    council, target = world["council"], world["target"]
    chair = world["persons"]["chair"]
    services.conflict_declare(
        initiative=target, user=chair, by=chair, reason="Vợ của tác giả", source="member"
    )
    response = client_for(chair).get(
        reverse("appraisal:result", args=[council.pk, target.public_id])
    )
    assert response.status_code == 403
    assert "xung đột lợi ích" in response.content.decode()
