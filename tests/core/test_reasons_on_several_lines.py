"""Rejecting, reopening and revoking through the pages with a reason on two lines, the
e-mails going to a real SMTP server on 127.0.0.1: the page answers, the state changes, the
reason is kept whole and the e-mail's subject is one line (returning: test_notifications.py)."""

# ruff: noqa: F811  (the fixtures imported below are parameters of the tests)

import pytest
from django.urls import reverse

from sangtao.appraisal.models import Council, Recognition
from sangtao.certificates.models import Certificate
from sangtao.core.models import AuditEvent, OutgoingEmail
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State

from ..appraisal.conftest import council, forwarded  # noqa: F401  (fixtures)
from ..certificates.conftest import (  # noqa: F401  (fixtures)
    coauthor,
    commune_officer,
    configured,
    issued,
    recognised,
)
from .smtp import SmtpSink

TWO_LINES = "Dòng một\nDòng hai"


@pytest.fixture
def smtp(settings):
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield sink


def _to(sink, address: str):
    [message] = [m for m in sink.messages if m["To"] == address]
    return message["Subject"].strip(), message.get_content().replace("\r\n", "\n")


def test_rejecting_with_two_lines_through_the_page(
    smtp, council, forwarded, client_for, django_capture_on_commit_callbacks
):
    initiative = forwarded[0]
    url = reverse("appraisal:decide", args=[council.pk, initiative.public_id])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(council.people["chair"]).post(
            url, {"outcome": "not_recognised", "reason": TWO_LINES}
        )
    assert response.status_code == 302
    assert Initiative.objects.get(pk=initiative.pk).state == State.NOT_RECOGNISED
    assert AuditEvent.objects.get(action="initiative.reject").reason == TWO_LINES
    told = "Hội đồng thẩm định của Ủy ban MTTQ Việt Nam xã Tân Hòa không công nhận “Sáng kiến 1”: "
    subject, body = _to(smtp, "tacgia@example.vn")
    assert subject == f"[Sáng tạo] {told}Dòng một"
    assert body.startswith(f"{told}Dòng một\nDòng hai\n\n")
    assert OutgoingEmail.objects.get(to="tacgia@example.vn", subject=subject).status == "sent"


def test_reopening_with_two_lines_through_the_page(
    smtp, recognised, client_for, django_capture_on_commit_callbacks
):
    url = reverse("appraisal:reopen", args=[recognised.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(recognised.people["chair"]).post(url, {"reason": TWO_LINES})
    assert response.status_code == 302
    assert Council.objects.get(pk=recognised.pk).sealed_at is None
    assert AuditEvent.objects.get(action="council.reopen").reason == TWO_LINES
    assert set(Recognition.objects.values_list("withdrawn_reason", flat=True)) == {TWO_LINES}


def test_revoking_with_two_lines_through_the_page(
    smtp, issued, commune_officer, client_for, django_capture_on_commit_callbacks
):
    certificate = Certificate.objects.get(holder_name="Nguyễn Thị Hương")
    url = reverse("certificates:revoke", args=[certificate.pk])
    smtp.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(commune_officer).post(url, {"reason": TWO_LINES})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_reason == TWO_LINES
    told = f"Giấy chứng nhận số {certificate.serial} của bạn đã bị thu hồi: "
    subject, body = _to(smtp, "tacgia@example.vn")
    assert subject == f"[Sáng tạo] {told}Dòng một"
    assert body.startswith(f"{told}Dòng một\nDòng hai\n\n")
