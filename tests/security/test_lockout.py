"""Lock-out after repeated failed sign-ins: the pair (user name, address) is locked (django-axes),
the address is slowed down (sangtao.accounts.throttle), the account is never locked for all."""

import datetime
import re
import time

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sangtao.accounts import services as accounts
from sangtao.core.middleware import client_ip
from sangtao.core.models import AuditEvent

from ..factories import make_user
from .conftest import sign_in

# Addresses of the documentation ranges (RFC 5737): never a real client.
HOME_IP, CAFE_IP, OFFICE_IP = "203.0.113.7", "198.51.100.23", "192.0.2.44"
LOCKED = "Tạm dừng đăng nhập"


def _fail(username: str, ip: str, times: int = 5, **extra) -> None:
    for _ in range(times):
        response = sign_in(Client(), username, "sai-mat-khau", REMOTE_ADDR=ip, **extra)
        assert response.status_code in {200, 429}


def test_four_failures_do_not_lock_the_account(people):
    _fail("tacgia", HOME_IP, times=4)

    response = sign_in(Client(), "tacgia", REMOTE_ADDR=HOME_IP)

    assert response.status_code == 302


def test_five_failures_lock_the_user_name_from_that_address_only(people):
    _fail("tacgia", HOME_IP)

    response = sign_in(Client(), "tacgia", REMOTE_ADDR=HOME_IP)  # the right password
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page
    assert "việc đăng nhập vào tài khoản từ đây tạm dừng trong 15 phút" in page
    assert "Cách đăng nhập lại" in page
    assert "Chờ 15 phút rồi đăng nhập bằng mật khẩu đúng." in page
    assert "đề nghị quản trị viên của đơn vị mở khóa tài khoản cho bạn ngay" in page
    assert '<a class="btn btn-primary" href="/">Về trang chủ</a>' in page
    # The account still works from elsewhere, and others from the same address.
    assert sign_in(Client(), "tacgia", REMOTE_ADDR=CAFE_IP).status_code == 302
    assert sign_in(Client(), "vanthu", REMOTE_ADDR=HOME_IP).status_code == 302


def test_failing_with_the_chairs_name_does_not_lock_the_chair_out(chair):
    for ip in (HOME_IP, CAFE_IP):
        _fail("chutich", ip, times=6)

    response = sign_in(Client(), "chutich", REMOTE_ADDR=OFFICE_IP)

    assert response.status_code == 302  # on to the code step
    assert AccessAttempt.objects.filter(username="chutich").count() == 2


def test_many_failures_across_user_names_slow_the_address_down(people, settings):
    settings.SANGTAO_LOGIN_ADDRESS_WAIT_SECONDS = 1
    for number in range(20):
        _fail(f"doan{number}", HOME_IP, times=1)

    paused = sign_in(Client(), "nguoingoai", REMOTE_ADDR=HOME_IP)  # the right password
    assert paused.status_code == 429
    assert "Mạng của bạn đã đăng nhập sai quá nhiều lần. Hãy thử lại sau 1 giây." in (
        paused.content.decode()
    )
    assert sign_in(Client(), "nguoingoai", REMOTE_ADDR=OFFICE_IP).status_code == 302

    # After the wait one more try is let through; another failure brings the wait back.
    time.sleep(1.1)
    assert sign_in(Client(), "khongco", "sai-mat-khau", REMOTE_ADDR=HOME_IP).status_code == 200
    assert sign_in(Client(), "nguoingoai", REMOTE_ADDR=HOME_IP).status_code == 429
    time.sleep(1.1)
    assert sign_in(Client(), "nguoingoai", REMOTE_ADDR=HOME_IP).status_code == 302


def test_nineteen_failures_across_user_names_do_not_slow_the_address(people):
    for number in range(19):
        _fail(f"doan{number}", HOME_IP, times=1)

    assert sign_in(Client(), "nguoingoai", REMOTE_ADDR=HOME_IP).status_code == 302


def test_address_wait_is_sixty_seconds_by_default(people):
    for number in range(20):
        _fail(f"doan{number}", HOME_IP, times=1)

    page = sign_in(Client(), "nguoingoai", REMOTE_ADDR=HOME_IP).content.decode()

    assert re.search(r"Hãy thử lại sau (59|60) giây\.", page)


def test_lock_out_ends_after_fifteen_minutes(people):
    _fail("tacgia", HOME_IP)
    assert sign_in(Client(), "tacgia", REMOTE_ADDR=HOME_IP).status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))

    assert sign_in(Client(), "tacgia", REMOTE_ADDR=HOME_IP).status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(people):
    _fail("tacgia", HOME_IP, times=4)
    assert sign_in(Client(), "tacgia", REMOTE_ADDR=HOME_IP).status_code == 302

    _fail("tacgia", HOME_IP, times=4)

    assert sign_in(Client(), "tacgia", REMOTE_ADDR=HOME_IP).status_code == 302


def test_administrator_unlocks_a_locked_out_account_from_the_admin(people, client_for):
    _fail("tacgia", HOME_IP)
    superuser = make_user("sieuquantri", is_superuser=True, is_staff=True)

    response = client_for(superuser).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock_sign_in", "_selected_action": [people["author"].pk]},
        follow=True,
    )

    assert "Đã mở khóa đăng nhập cho 1 tài khoản." in response.content.decode()
    assert AccessAttempt.objects.filter(username="tacgia").count() == 0
    assert sign_in(Client(), "tacgia", REMOTE_ADDR=HOME_IP).status_code == 302
    event = AuditEvent.objects.get(action="sign_in.unlock")
    assert (event.actor, event.target_id) == (superuser, str(people["author"].pk))


def test_only_an_administrator_over_the_unit_may_unlock(people):
    _fail("tacgia", HOME_IP)

    with pytest.raises(PermissionDenied):
        accounts.sign_in_unlock(user=people["author"], by=people["clerk"])

    assert AccessAttempt.objects.filter(username="tacgia").count() == 1


def test_forged_forwarded_for_does_not_escape_the_address_slow_down(people, settings):
    """Without a trusted proxy the header is the client's own words: it is not read."""
    settings.SANGTAO_LOGIN_ADDRESS_FAILURE_LIMIT = 5
    for number, username in enumerate(["tacgia", "vanthu", "thuky", "lanhdao", "khongco"]):
        _fail(username, HOME_IP, times=1, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")

    response = sign_in(
        Client(), "nguoingoai", REMOTE_ADDR=HOME_IP, HTTP_X_FORWARDED_FOR="198.51.100.99"
    )

    assert response.status_code == 429


def test_behind_the_trusted_proxy_each_client_is_counted_apart(people, settings):
    settings.SANGTAO_TRUSTED_PROXIES = ["127.0.0.1"]
    _fail("tacgia", "127.0.0.1", HTTP_X_FORWARDED_FOR=HOME_IP)

    blocked = sign_in(Client(), "tacgia", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=HOME_IP)
    other = sign_in(Client(), "tacgia", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=CAFE_IP)

    assert blocked.status_code == 429
    assert other.status_code == 302
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [HOME_IP]


def _request(remote: str, forwarded: str | None = None) -> HttpRequest:
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = remote
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        ([], HOME_IP, None, HOME_IP),
        ([], "127.0.0.1", HOME_IP, "127.0.0.1"),  # no proxy trusted: the header is ignored
        (["127.0.0.1"], "127.0.0.1", HOME_IP, HOME_IP),
        # the client wrote the left part itself; the proxy appended the real address
        (["127.0.0.1"], "127.0.0.1", f"{CAFE_IP}, {HOME_IP}", HOME_IP),
        # two proxies in a row, both trusted
        (["127.0.0.1", "10.1.2.3"], "127.0.0.1", f"{CAFE_IP}, {HOME_IP}, 10.1.2.3", HOME_IP),
        (["127.0.0.1"], CAFE_IP, HOME_IP, CAFE_IP),  # not from the proxy: header ignored
        (["127.0.0.1"], "127.0.0.1", "not-an-address", "127.0.0.1"),
        (["127.0.0.1"], "127.0.0.1", None, "127.0.0.1"),
        (["::1"], "::1", "2001:db8::5", "2001:db8::5"),
        ([], "", None, None),
    ],
)
def test_client_ip(settings, trusted, remote, forwarded, expected):
    settings.SANGTAO_TRUSTED_PROXIES = trusted
    assert client_ip(_request(remote, forwarded)) == expected


def test_lock_out_settings(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == datetime.timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.SANGTAO_LOGIN_ADDRESS_FAILURE_LIMIT == 20
    assert settings.SANGTAO_LOGIN_ADDRESS_WAIT_SECONDS == 60


# --- signing in with the account's e-mail address ----------------------------------------------


def test_signing_in_with_the_e_mail_address_in_any_case_works(people):
    response = sign_in(Client(), "TacGia@Example.vn", REMOTE_ADDR=HOME_IP)

    assert response.status_code == 302


def test_an_e_mail_address_of_two_accounts_signs_in_neither(people):
    other = make_user("tacgia2")
    other.email = "tacgia@example.vn"
    other.save(update_fields=["email"])

    response = sign_in(Client(), "tacgia@example.vn", REMOTE_ADDR=HOME_IP)

    assert response.status_code == 200
    assert (
        "Hãy nhập đúng tên đăng nhập hoặc địa chỉ e-mail và mật khẩu." in response.content.decode()
    )


def test_five_failures_with_the_e_mail_address_lock_the_user_name_from_that_address(people):
    _fail("tacgia@example.vn", HOME_IP)

    assert sign_in(Client(), "tacgia", REMOTE_ADDR=HOME_IP).status_code == 429
    assert sign_in(Client(), "tacgia@example.vn", REMOTE_ADDR=HOME_IP).status_code == 429
    assert AccessAttempt.objects.get().username == "tacgia"
    assert sign_in(Client(), "tacgia@example.vn", REMOTE_ADDR=CAFE_IP).status_code == 302


def test_five_failures_with_an_unknown_address_lock_that_address_as_before(people):
    _fail("nobody@example.vn", HOME_IP)

    assert AccessAttempt.objects.get().username == "nobody@example.vn"
    assert sign_in(Client(), "tacgia", REMOTE_ADDR=HOME_IP).status_code == 302


def test_the_sign_in_page_says_it_takes_a_user_name_or_an_e_mail_address(db):
    page = Client().get(reverse("login")).content.decode()

    assert "Tên đăng nhập hoặc địa chỉ e-mail" in page
    assert "Tên đăng nhập bạn được cấp, hoặc địa chỉ e-mail của tài khoản." in page
