"""Small things every page relies on: the favicon, wide tables that scroll inside their own
box at 375 px, and Django's admin speaking our Vietnamese where we word it."""

from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import translation


def test_every_page_links_the_favicon_and_it_exists(db):
    page = Client().get(reverse("home")).content.decode()
    assert 'rel="icon"' in page and "core/favicon.svg" in page
    svg = open(finders.find("core/favicon.svg"), encoding="utf-8").read()
    assert svg.startswith("<svg") and "</svg>" in svg


def test_tables_scroll_inside_their_box_on_a_phone():
    css = open(finders.find("core/sangtao.css"), encoding="utf-8").read()
    assert "main table.table" in css and "overflow-x: auto" in css


def test_our_catalogue_wins_over_the_admins_and_djangos():
    with translation.override("vi"):
        assert translation.gettext("Site administration") == "Quản trị hệ thống"
        assert translation.gettext("Null characters are not allowed.") == (
            "Không được có ký tự rỗng (NUL)."
        )
