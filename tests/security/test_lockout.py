"""Lock-out after repeated failed sign-ins, per account and per address (django-axes)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.http import HttpRequest
from django.test import Client
from django.utils import timezone

from sangtao.core.middleware import client_ip

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


def test_five_failures_lock_the_account_from_every_address(people):
    _fail("tacgia", HOME_IP)

    for ip in (HOME_IP, CAFE_IP):
        response = sign_in(Client(), "tacgia", REMOTE_ADDR=ip)  # the right password
        assert response.status_code == 429
        page = response.content.decode()
        assert LOCKED in page
        assert "việc đăng nhập tạm dừng trong 15 phút" in page
    # Another person is not locked out from another address.
    assert sign_in(Client(), "vanthu", REMOTE_ADDR=CAFE_IP).status_code == 302


def test_five_failures_on_different_accounts_lock_the_address(people):
    for username in ["tacgia", "vanthu", "thuky", "lanhdao", "khongco"]:
        _fail(username, HOME_IP, times=1)

    assert sign_in(Client(), "nguoingoai", REMOTE_ADDR=HOME_IP).status_code == 429
    assert sign_in(Client(), "nguoingoai", REMOTE_ADDR=OFFICE_IP).status_code == 302


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


def test_forged_forwarded_for_does_not_escape_the_address_lock(people):
    """Without a trusted proxy the header is the client's own words: it is not read."""
    for number, username in enumerate(["tacgia", "vanthu", "thuky", "lanhdao", "khongco"]):
        _fail(username, HOME_IP, times=1, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")

    response = sign_in(
        Client(), "nguoingoai", REMOTE_ADDR=HOME_IP, HTTP_X_FORWARDED_FOR="198.51.100.99"
    )

    assert response.status_code == 429


def test_behind_the_trusted_proxy_each_client_is_counted_apart(people, settings):
    settings.SANGTAO_TRUSTED_PROXIES = ["127.0.0.1"]
    _fail("khongco", "127.0.0.1", HTTP_X_FORWARDED_FOR=HOME_IP)

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
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]
