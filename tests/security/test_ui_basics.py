"""Small things every page relies on: the favicon, lists that fold or stack at 375 px
instead of scrolling sideways, and Django's admin speaking our Vietnamese where we word it."""

from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import translation


def test_every_page_links_the_favicon_and_it_exists(db):
    page = Client().get(reverse("home")).content.decode()
    assert 'rel="icon"' in page and "core/favicon.svg" in page
    svg = open(finders.find("core/favicon.svg"), encoding="utf-8").read()
    assert svg.startswith("<svg") and "</svg>" in svg


def test_lists_fold_or_stack_on_a_phone_instead_of_scrolling_sideways():
    css = open(finders.find("core/sangtao.css"), encoding="utf-8").read()
    assert "d-none d-md-table-cell" in css  # the pattern, said where the rules are
    assert ".table-stack td[data-label]::before" in css
    assert "main table.table:not" not in css  # no table scrolls in its own box by default


def test_our_catalogue_wins_over_the_admins_and_djangos():
    with translation.override("vi"):
        assert translation.gettext("Site administration") == "Quản trị hệ thống"
        assert translation.gettext("Null characters are not allowed.") == (
            "Không được có ký tự rỗng (NUL)."
        )
