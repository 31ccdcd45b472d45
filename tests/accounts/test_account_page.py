"""The person's account page: their roles, and how notifications reach them by e-mail."""

import pytest
from django.core.exceptions import PermissionDenied

from sangtao.accounts.services import user_email_preference_set
from sangtao.core.models import AuditEvent, Notification, OutgoingEmail
from sangtao.core.services import notify

pytestmark = pytest.mark.django_db


def test_account_page_shows_roles_and_the_single_emails_choice(client_for, people, tree):
    response = client_for(people["clerk"]).get("/accounts/me/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tài khoản của tôi" in page
    assert f"Cán bộ tiếp nhận hồ sơ · {tree['commune'].name}" in page
    assert 'value="each" class="form-check-input" id="id_email_0" required checked' in page


def test_account_page_digest_choice_holds_back_single_emails(client_for, people):
    response = client_for(people["clerk"]).post("/accounts/me/", {"email": "digest"})

    assert response.status_code == 302
    people["clerk"].refresh_from_db()
    assert people["clerk"].email_digest is True
    event = AuditEvent.objects.get(action="user.email_preference")
    assert (event.actor, event.data) == (people["clerk"], {"digest": True})
    notify(recipients=[people["clerk"], people["officer"]], message="Hồ sơ mới")
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == ["phongtrao@example.vn"]
    assert Notification.objects.get(recipient=people["clerk"]).digest_pending is True


def test_account_page_bad_choice_is_refused_in_vietnamese(client_for, people):
    response = client_for(people["clerk"]).post("/accounts/me/", {"email": "weekly"})

    assert response.status_code == 400
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    people["clerk"].refresh_from_db()
    assert people["clerk"].email_digest is False


def test_account_page_needs_signing_in(client):
    response = client.get("/accounts/me/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_email_preference_of_another_person_is_refused(people):
    with pytest.raises(PermissionDenied):
        user_email_preference_set(user=people["clerk"], digest=True, by=people["officer"])

    people["clerk"].refresh_from_db()
    assert people["clerk"].email_digest is False
