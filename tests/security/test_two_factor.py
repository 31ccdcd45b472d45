"""Two-factor sign-in: officers, administrators, superusers and chairs give a one-time code
after their password, before any page; everyone else signs in with the password alone."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from sangtao.accounts import services as accounts
from sangtao.accounts.middleware import SESSION_KEY
from sangtao.accounts.models import Role
from sangtao.accounts.selectors import two_factor_required
from sangtao.core.models import AuditEvent

from ..factories import make_user
from .conftest import code, enrol, sign_in

HOME = reverse("home")
SETUP = reverse("two_factor_setup")
VERIFY = reverse("two_factor_verify")
BACKUP = reverse("two_factor_backup_codes")


def _device(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.get(user=user)


@pytest.mark.parametrize(
    ("who", "required"),
    [
        ("author", False),
        ("clerk", False),
        ("secretary", False),
        ("leader", False),
        ("officer", True),
    ],
)
def test_two_factor_required_by_role(people, who, required):
    assert two_factor_required(user=people[who]) is required


def test_two_factor_required_for_administrators_superusers_and_chairs(tree, chair):
    admin = make_user("quantri", unit=tree["central"], roles=((Role.ADMIN, tree["central"]),))
    superuser = make_user("sieuquantri", is_superuser=True, is_staff=True)
    assert two_factor_required(user=admin) is True
    assert two_factor_required(user=superuser) is True
    assert two_factor_required(user=chair) is True


def test_author_signs_in_with_password_alone(people):
    client = Client()
    assert sign_in(client, "tacgia").url == HOME
    response = client.get(HOME)
    assert response.status_code == 200
    assert response.context["user"] == people["author"]


def test_officer_without_authenticator_is_sent_to_set_one_up(people):
    client = Client()
    sign_in(client, "phongtrao")

    for path in [HOME, reverse("initiatives:mine"), reverse("movements:list"), "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == f"{SETUP}?next={path.replace('/', '%2F')}"


def test_setup_page_shows_qr_code_key_and_otpauth_link(people):
    client = Client()
    sign_in(client, "phongtrao")

    response = client.get(f"{SETUP}?next=/movements/")

    assert response.status_code == 200
    page = response.content.decode()
    device = _device(people["officer"])
    assert device.confirmed is False
    assert 'src="data:image/svg+xml' in page
    assert "otpauth://totp/S%C3%A1ng%20t%E1%BA%A1o%3Aphongtrao?secret=" in page
    secret = response.context["secret"].replace(" ", "")
    assert len(secret) == 32 and re.fullmatch(r"[A-Z2-7]+", secret)
    assert 'name="next" value="/movements/"' in page
    assert "Thiết lập đăng nhập hai lớp" in page
    # Reloading the page keeps the same key: the person may have scanned it already.
    assert client.get(SETUP).context["secret"] == response.context["secret"]


def test_setup_page_says_how_to_install_an_authenticator_app_in_vietnamese(people):
    client = Client()
    sign_in(client, "phongtrao")

    page = client.get(SETUP).content.decode()

    assert "<summary>Cách cài ứng dụng xác thực</summary>" in page
    assert "Trên điện thoại Android" in page
    assert "Mở “CH Play” (Google Play) và tìm “Google Authenticator”" in page
    assert "Trên iPhone" in page
    assert "Chạm “Nhận” rồi xác nhận bằng Face ID" in page
    assert "đặt ngày giờ của điện thoại ở chế độ “tự động”" in page


def test_setup_with_the_right_code_turns_two_factor_on(people):
    client = Client()
    sign_in(client, "phongtrao")
    client.get(SETUP)
    device = _device(people["officer"])

    response = client.post(SETUP, {"token": code(device), "next": "/movements/"})

    assert response.status_code == 302
    assert response.url == f"{BACKUP}?next=%2Fmovements%2F"
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.session[SESSION_KEY] == str(people["officer"].pk)
    assert client.get(HOME).status_code == 200
    assert list(
        AuditEvent.objects.filter(target_id=str(people["officer"].pk)).values_list(
            "action", flat=True
        )
    ) == ["two_factor.backup_codes", "two_factor.enable", "two_factor.prepare"]


def test_setup_shows_ten_backup_codes_once_on_a_printable_page(people):
    client = Client()
    sign_in(client, "phongtrao")
    client.get(SETUP)
    client.post(SETUP, {"token": code(_device(people["officer"])), "next": "/movements/"})

    first = client.get(f"{BACKUP}?next=/movements/")
    again = client.get(BACKUP)

    page = first.content.decode()
    codes = re.findall(r"<li>([a-z2-7]{4} [a-z2-7]{4})</li>", page)
    assert len(set(codes)) == 10
    assert "Các mã chỉ hiện một lần này: hãy in trang này" in page
    assert "data-print" in page and "/static/accounts/print.js" in page
    assert 'href="/movements/">Tôi đã cất giữ, tiếp tục</a>' in page
    later = again.content.decode()
    assert re.findall(r"<li>([a-z2-7]{4} [a-z2-7]{4})</li>", later) == []
    assert "Bạn còn 10 mã dự phòng." in later
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(
        c.replace(" ", "") for c in codes
    )


def test_a_backup_code_signs_in_once_when_the_phone_is_lost(people):
    enrol(people["officer"])
    codes = accounts.backup_codes_issue(user=people["officer"], by=people["officer"])
    first, second = Client(), Client()
    sign_in(first, "phongtrao")
    sign_in(second, "phongtrao")

    typed = f"{codes[3][:4].upper()} {codes[3][4:]}"  # as read off paper
    used = first.post(VERIFY, {"token": typed, "next": "/movements/"})
    replay = second.post(VERIFY, {"token": codes[3]})

    assert used.status_code == 302
    assert used.url == "/movements/"
    assert first.get(reverse("movements:list")).status_code == 200
    assert replay.status_code == 200
    assert replay.context["form"].errors == {"token": ["Mã này không đúng."]}
    assert accounts.backup_codes_left(user=people["officer"]) == 9
    assert AuditEvent.objects.filter(action="two_factor.backup_code_used").count() == 1


def test_new_backup_codes_replace_the_old_ones(people, settings):
    settings.OTP_STATIC_THROTTLE_FACTOR = 0
    enrol(people["officer"])
    old = accounts.backup_codes_issue(user=people["officer"], by=people["officer"])
    client = Client()
    sign_in(client, "phongtrao")
    client.post(VERIFY, {"token": old[0]})

    response = client.post(BACKUP, follow=True)

    new = re.findall(r"<li>([a-z2-7]{4}) ([a-z2-7]{4})</li>", response.content.decode())
    assert len(new) == 10
    assert not set(old) & {a + b for a, b in new}
    other = Client()
    sign_in(other, "phongtrao")
    assert other.post(VERIFY, {"token": old[1]}).status_code == 200
    assert other.post(VERIFY, {"token": "".join(new[0])}).status_code == 302


def test_a_code_of_the_wrong_shape_is_refused_in_vietnamese(people):
    enrol(people["officer"])
    client = Client()
    sign_in(client, "phongtrao")

    response = client.post(VERIFY, {"token": "12345"})

    assert response.context["form"].errors == {
        "token": ["Nhập 6 chữ số ứng dụng hiển thị, hoặc một mã dự phòng gồm 8 ký tự."]
    }


def test_setup_with_a_wrong_code_is_refused_in_vietnamese(people):
    client = Client()
    sign_in(client, "phongtrao")
    client.get(SETUP)
    device = _device(people["officer"])
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"

    response = client.post(SETUP, {"token": wrong})

    assert response.status_code == 200
    assert response.context["form"].errors == {"token": ["Mã này không đúng."]}
    device.refresh_from_db()
    assert device.confirmed is False
    assert client.get(HOME).status_code == 302


def test_officer_with_authenticator_gives_the_code_after_the_password(people, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = enrol(people["officer"])
    client = Client()
    sign_in(client, "phongtrao")

    response = client.get(reverse("movements:list"))
    assert response.url == f"{VERIFY}?next=%2Fmovements%2F"
    page = client.get(response.url)
    assert page.status_code == 200
    assert "Bước thứ hai của đăng nhập" in page.content.decode()

    wrong = client.post(VERIFY, {"token": "000000" if code(device, 1) != "000000" else "1"})
    assert wrong.status_code == 200
    assert client.get(HOME).status_code == 302

    # The code of the set-up was used already; the app's next one works.
    right = client.post(VERIFY, {"token": code(device, 1), "next": "/movements/"})
    assert right.status_code == 302
    assert right.url == "/movements/"
    assert client.get(reverse("movements:list")).status_code == 200


def test_chair_with_authenticator_gives_the_code_and_spaces_are_ignored(chair, settings):
    device = enrol(chair)
    client = Client()
    sign_in(client, "chutich")
    assert client.get(HOME).url == f"{VERIFY}?next=%2F"

    token = code(device, 1)
    response = client.post(VERIFY, {"token": f"{token[:3]} {token[3:]}"})

    assert response.status_code == 302
    assert response.url == HOME
    assert client.get(HOME).status_code == 200


def test_a_code_is_accepted_once_only(people, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = enrol(people["officer"])
    first, second = Client(), Client()
    sign_in(first, "phongtrao")
    sign_in(second, "phongtrao")
    token = code(device, 1)

    assert first.post(VERIFY, {"token": token}).status_code == 302
    replay = second.post(VERIFY, {"token": token})

    assert replay.status_code == 200
    assert replay.context["form"].errors == {"token": ["Mã này không đúng."]}


def test_wrong_codes_make_the_next_try_wait(people):
    device = enrol(people["officer"])
    client = Client()
    sign_in(client, "phongtrao")
    wrong = "000000" if code(device, 1) != "000000" else "111111"

    client.post(VERIFY, {"token": wrong})
    response = client.post(VERIFY, {"token": code(device, 1)})

    assert response.status_code == 200
    [message] = response.context["form"].errors["token"]
    assert re.fullmatch(r"Nhập sai mã quá nhiều lần\. Hãy chờ \d+ giây rồi thử lại\.", message)
    assert client.get(HOME).status_code == 302


def test_verify_ignores_a_next_address_on_another_site(people):
    device = enrol(people["officer"])
    client = Client()
    sign_in(client, "phongtrao")

    response = client.post(VERIFY, {"token": code(device, 1), "next": "https://example.com/"})

    assert response.status_code == 302
    assert response.url == HOME


def test_htmx_request_of_an_unverified_officer_is_redirected_by_htmx(people):
    enrol(people["officer"])
    client = Client()
    sign_in(client, "phongtrao")

    response = client.get(reverse("initiatives:queue"), headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response["HX-Redirect"] == VERIFY


def test_signing_out_works_before_the_code(people):
    client = Client()
    sign_in(client, "phongtrao")

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_author_is_sent_home_from_the_code_pages(people):
    client = Client()
    sign_in(client, "tacgia")

    assert client.get(SETUP).url == HOME
    assert client.get(VERIFY).url == HOME


def test_force_login_in_tests_counts_as_a_complete_sign_in(people, client_for):
    """tests/conftest.py marks force_login sessions verified, so other apps' page tests can
    sign officers and chairs in directly."""
    assert client_for(people["officer"]).get(HOME).status_code == 200


def test_session_ends_after_eight_hours(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY is True
