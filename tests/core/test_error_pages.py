"""Every error page a person can meet is Vietnamese, in the site's layout, with a way home;
the API answers its errors in Vietnamese JSON."""

import json
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.translation import gettext, ngettext

from sangtao.core import django_catalogue
from sangtao.core.views_errors import server_error

from ..operations.test_production_server import server  # noqa: F401  (a fixture)

HOME_LINK = '<a class="btn btn-primary" href="/">Về trang chủ</a>'
BRAND = '<a class="navbar-brand fw-bold" href="/">Sáng tạo</a>'
ENGLISH = [
    "Forbidden",
    "Not Found",
    "Server Error",
    "Bad Request",
    "CSRF verification",
    "Request aborted",
]


@pytest.fixture(autouse=True)
def _production_like(settings):
    settings.DEBUG = False


def _get(url: str, headers: dict, data: bytes | None = None):
    """A request as nginx would pass it, answered whatever its status."""
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return response.status, dict(response.headers), response.read()


def _page(response) -> str:
    page = response.content.decode()
    assert HOME_LINK in page
    assert BRAND in page
    assert '<html lang="vi">' in page
    assert [word for word in ENGLISH if word in page] == []
    return page


@pytest.mark.django_db
def test_404_page_is_vietnamese_with_a_way_home(client):
    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    page = _page(response)
    assert "<title>Không tìm thấy trang · Đoàn kết sáng tạo</title>" in page
    assert "Lỗi 404" in page


def test_404_page_keeps_the_menu_of_a_signed_in_person(people, client_for):
    response = client_for(people["author"]).get("/khong-co-trang-nay/")

    assert response.status_code == 404
    page = _page(response)
    assert "Sáng kiến của tôi" in page
    assert "Đăng xuất (" in page


def test_403_page_when_a_view_refuses(people, client_for):
    response = client_for(people["author"]).get("/movements/new/")

    assert response.status_code == 403
    page = _page(response)
    assert "Bạn không được mở trang này" in page
    assert "hãy đề nghị quản trị viên của đơn vị cấp vai trò cho bạn" in page


def test_403_page_when_the_form_token_is_missing(people):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"username": "tacgia", "password": "x"})

    assert response.status_code == 403
    page = _page(response)
    assert "Biểu mẫu đã hết hạn" in page
    assert "Hãy quay lại, tải lại trang rồi gửi lại biểu mẫu. Chưa có gì được lưu." in page
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_400_page_for_an_unknown_host(client):
    response = client.get("/", HTTP_HOST="ke-gia-mao.example")

    assert response.status_code == 400
    page = _page(response)
    assert "Không đọc được yêu cầu" in page


@pytest.mark.django_db
@pytest.mark.urls("tests.core.error_urls")
def test_500_page_when_a_view_fails():
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    page = _page(response)
    assert "Đã có lỗi ở máy chủ" in page
    assert "Lỗi đã được ghi lại cho quản trị viên" in page
    assert "a bug in a view" not in page


def test_500_page_renders_without_a_database_or_the_request():
    """No `db` fixture: any query here would fail the test (pytest-django blocks it)."""
    translation.activate("vi")
    for request in (RequestFactory().get("/initiatives/"), None):
        response = server_error(request)
        assert response.status_code == 500
        page = _page(response)
        assert "Đã có lỗi ở máy chủ" in page
        assert 'href="/accounts/login/"' in page  # nobody is signed in on this page


@pytest.mark.django_db
def test_api_errors_are_vietnamese_json(client):
    missing = client.get("/api/khong-co/")
    failure = server_error(RequestFactory().get("/api/dossiers/"))

    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/json"
    assert json.loads(missing.content) == {"detail": "Không tìm thấy.", "errors": {}}
    assert failure.status_code == 500
    assert json.loads(failure.content) == {
        "detail": "Đã có lỗi ở máy chủ. Hãy thử lại sau ít phút.",
        "errors": {},
    }


def test_grades_over_the_limit_are_refused_in_vietnamese(db):
    from sangtao.movements.forms import GradeFormSet

    formset = GradeFormSet(
        {"grades-TOTAL_FORMS": "31", "grades-INITIAL_FORMS": "0"}, prefix="grades"
    )

    assert formset.is_valid() is False
    assert formset.non_form_errors() == ["Chỉ được nhập tối đa 30 dòng."]


def test_djangos_messages_that_reach_a_person_are_vietnamese():
    translation.activate("vi")
    untranslated = [
        message
        for message in django_catalogue.MESSAGES
        if gettext(message) == message and message not in {"IPv4", "IPv6"}
    ]
    assert untranslated == []
    assert ngettext("Please submit at least %(num)d form.", "", 2) % {"num": 2} == (
        "Cần nhập ít nhất 2 dòng."
    )


@pytest.fixture
def this_source(monkeypatch):
    """gunicorn imports the code of this checkout (a worktree's), ahead of the installed one."""
    src = Path(__file__).resolve().parents[2] / "src"
    monkeypatch.setenv("PYTHONPATH", f"{src}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")


def test_error_pages_under_gunicorn_with_the_production_settings(this_source, server):  # noqa: F811
    """The real stack: 404, an expired form, an unknown host, and a 500 once the database
    file is gone (the 500 page needs no database)."""
    base, log = server
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}

    missing = _get(f"{base}/khong-co-trang-nay/", https)
    host = _get(f"{base}/", {**https, "Host": "ke-gia-mao.example"})
    form = _get(f"{base}/accounts/login/", https, data=b"username=tacgia&password=x")
    database = log.parent / "sangtao.sqlite3"
    database.rename(log.parent / "gone.sqlite3")
    failed = _get(f"{base}/ideas/", https)

    for (status, _headers, body), expected, text in [
        (missing, 404, "Không tìm thấy trang"),
        (host, 400, "Không đọc được yêu cầu"),
        (form, 403, "Biểu mẫu đã hết hạn"),
        (failed, 500, "Đã có lỗi ở máy chủ"),
    ]:
        page = body.decode()
        assert (status, text in page, HOME_LINK in page) == (expected, True, True)
        assert [word for word in ENGLISH if word in page] == []
