"""Passwords: strong rules with Vietnamese messages, reset by e-mail, change."""

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from .conftest import PASSWORD, sign_in

NEW_PASSWORD = "Hoa-sen-nở-2025"


def _reset_link(client, email: str) -> str:
    response = client.post(reverse("password_reset"), {"email": email})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    [message] = mail.outbox
    return re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body).group(1)


def test_login_page_links_to_the_password_reset(db):
    page = Client().get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in page
    assert "Quên mật khẩu?" in page


def test_password_reset_sends_a_vietnamese_link(people, settings):
    settings.SITE_URL = "http://testserver"

    _reset_link(Client(), "tacgia@example.vn")

    [message] = mail.outbox
    assert message.to == ["tacgia@example.vn"]
    assert message.subject == "Sáng tạo: đặt mật khẩu mới"
    assert message.body.startswith("Kính gửi Nguyễn Văn tacgia,\n")
    assert "trong vòng 24 giờ" in message.body
    assert "Tên đăng nhập của bạn: tacgia" in message.body


def test_password_reset_of_an_unknown_address_answers_the_same_and_sends_nothing(db):
    response = Client().post(reverse("password_reset"), {"email": "khongco@example.vn"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_reset_link_sets_a_new_password_once(people, settings):
    settings.SITE_URL = "http://testserver"
    client = Client()
    link = _reset_link(client, "tacgia@example.vn")

    form = client.get(link, follow=True)
    assert form.status_code == 200
    assert form.context["validlink"] is True
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert done.url == reverse("password_reset_complete")
    assert get_user_model().objects.get(username="tacgia").check_password(NEW_PASSWORD)
    again = Client().get(link, follow=True)
    assert again.context["validlink"] is False
    assert "Đường dẫn này không còn dùng được" in again.content.decode()


def test_weak_new_password_is_refused_in_vietnamese(people, settings):
    settings.SITE_URL = "http://testserver"
    client = Client()
    form = client.get(_reset_link(client, "tacgia@example.vn"), follow=True)

    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"] == [
        "Mật khẩu này quá ngắn: cần có ít nhất 10 ký tự.",
        "Mật khẩu này quá phổ biến.",
        "Mật khẩu này hoàn toàn là số.",
    ]


def test_password_change_keeps_the_person_signed_in(people):
    client = Client()
    sign_in(client, "tacgia")

    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.url == reverse("password_change_done")
    assert client.get(reverse("password_change_done")).status_code == 200
    assert get_user_model().objects.get(username="tacgia").check_password(NEW_PASSWORD)


def test_password_pages_are_in_vietnamese(db):
    client = Client()
    assert "Đặt mật khẩu mới" in client.get(reverse("password_reset")).content.decode()
    assert "Kiểm tra thư điện tử" in client.get(reverse("password_reset_done")).content.decode()
