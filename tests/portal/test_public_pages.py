"""Public pages kept for visitors without a session (sangtao.core.public_pages): served again
with each visitor's own CSRF token, per language, never to anyone with a session, and set
aside by every worker as soon as a council's seal or reopening changes what the public sees."""

import re

import pytest
from django.core.cache import caches
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from sangtao.appraisal import services as appraisal
from sangtao.core.public_pages import PAGES
from sangtao.initiatives.models import Initiative
from tests.appraisal.conftest import council, decide_first_recognised, forwarded  # noqa: F401

SEARCH = "/ideas/?q=sang kien"
API = "/api/initiatives?limit=20"


@pytest.fixture(autouse=True)
def _pages_kept(settings):
    settings.SANGTAO_PUBLIC_PAGE_SECONDS = 60


def _visitor(language: str = "vi") -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE=language)


def _token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"', page).group(1)


def _kept() -> int:
    return len(caches[PAGES]._cache)


@pytest.fixture
def recognised(council, forwarded, django_capture_on_commit_callbacks):  # noqa: F811
    """The council recognises the first forwarded initiative and seals (the commit runs)."""
    decide_first_recognised(council, forwarded)
    with django_capture_on_commit_callbacks(execute=True):
        appraisal.council_seal(council=council, by=council.people["chair"])
    return forwarded[0]


@pytest.mark.django_db
def test_a_kept_page_is_served_without_a_query_and_with_the_visitors_own_token(
    recognised, django_assert_num_queries
):
    first = _visitor()
    assert str(recognised.public_id) in first.get(SEARCH).content.decode()
    # A change no service announces (written straight to the table) waits for the lifetime.
    Initiative.objects.filter(pk=recognised.pk).update(title="Tên đổi thẳng trong bảng")
    second = _visitor()
    with django_assert_num_queries(0):
        response = second.get(SEARCH)
    kept = response.content.decode()
    assert str(recognised.public_id) in kept
    assert "Tên đổi thẳng trong bảng" not in kept
    assert "<csrf-token>" not in kept
    # Each visitor's token is a mask of their own cookie's secret, not the first visitor's.
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value
    assert _unmask_cipher_token(_token(kept)) == second.cookies["csrftoken"].value
    assert f'"X-CSRFToken": "{_token(kept)}"' in kept


@pytest.mark.django_db
def test_a_withdrawn_recognition_leaves_every_public_page_at_once(
    recognised,
    council,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    detail = f"/ideas/{recognised.public_id}/"
    visitor = _visitor()
    assert str(recognised.public_id) in visitor.get("/").content.decode()
    assert str(recognised.public_id) in visitor.get(SEARCH).content.decode()
    assert visitor.get(detail).status_code == 200
    assert visitor.get(API).json()["count"] == 1
    kept = _kept()
    assert kept == 4

    with django_capture_on_commit_callbacks(execute=True):
        appraisal.council_reopen(council=council, by=council.people["chair"], reason="Sai sót")

    # The kept pages are still in this worker's memory: what sets them aside is the version
    # in the shared cache, which every worker reads.
    assert _kept() == kept
    other = _visitor()
    assert str(recognised.public_id) not in other.get("/").content.decode()
    assert str(recognised.public_id) not in other.get(SEARCH).content.decode()
    assert other.get(detail).status_code == 404
    assert other.get(API).json()["count"] == 0


@pytest.mark.django_db
def test_anyone_with_a_session_or_waiting_messages_gets_a_page_made_for_them(recognised, people):
    _visitor().get("/")
    _visitor().get(SEARCH)
    kept = _kept()
    Initiative.objects.filter(pk=recognised.pk).update(title="Tên đổi thẳng trong bảng")

    signed_in = _visitor()
    signed_in.force_login(people["author"])
    home = signed_in.get("/").content.decode()
    assert people["author"].display_name in home  # their own frame, not the visitor's
    assert "Tên đổi thẳng trong bảng" in signed_in.get(SEARCH).content.decode()

    with_messages = _visitor()
    with_messages.cookies["messages"] = "x"
    assert "Tên đổi thẳng trong bảng" in with_messages.get(SEARCH).content.decode()
    assert _kept() == kept  # nothing made for them was kept


@pytest.mark.django_db
def test_a_page_is_kept_per_language(recognised):
    for _ in range(2):  # made, then kept
        for language in ("vi", "en"):
            response = _visitor(language).get(SEARCH)
            assert response["Content-Language"] == language
            assert f'<html lang="{language}"' in response.content.decode()
    assert _kept() == 2


@pytest.mark.django_db
def test_nothing_is_kept_when_the_lifetime_is_zero(recognised, settings):
    settings.SANGTAO_PUBLIC_PAGE_SECONDS = 0
    _visitor().get(SEARCH)
    assert _kept() == 0
