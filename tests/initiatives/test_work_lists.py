"""Work lists at national size: the unit queue, one's own list and the home page count their
rows only up to a cap, say "more than" past it, and still page through the first rows."""

import pytest
from django.urls import reverse

from sangtao.core import selectors as core_selectors
from sangtao.initiatives import services
from sangtao.initiatives import views as initiative_views
from sangtao.initiatives.registers import WAITING

from ..factories import ONE_AUTHOR, complete_dossier


@pytest.fixture
def five_submitted(movement, tree, people):
    made = []
    for index in range(5):
        data = complete_dossier(movement, tree["school"]) | {"title": f"Sáng kiến số {index}"}
        initiative = services.initiative_create(by=people["author"], data=data, authors=ONE_AUTHOR)
        made.append(services.initiative_submit(initiative=initiative, by=people["author"]))
    return made


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(core_selectors, "COUNT_CAP", 3)
    monkeypatch.setattr(initiative_views, "PAGE_SIZE", 2)
    monkeypatch.setitem(WAITING.__dict__, "page_size", 2)  # a frozen declaration


def test_queue_past_the_cap_says_more_than_and_pages_the_first_rows(
    five_submitted, small_cap, people, client_for
):
    client = client_for(people["clerk"])
    first = client.get(reverse("initiatives:queue"))
    paginator = first.context["page"].paginator
    assert (paginator.count, paginator.capped, paginator.num_pages) == (3, True, 2)
    assert "Trang 1/hơn 2" in first.content.decode()
    # oldest submission first, and the second page holds the third
    second = client.get(reverse("initiatives:queue") + "?page=2").context["page"]
    assert [i.title for i in second] == ["Sáng kiến số 2"]
    assert [i.title for i in first.context["page"]] == ["Sáng kiến số 0", "Sáng kiến số 1"]


def test_queue_under_the_cap_counts_exactly(five_submitted, monkeypatch, people, client_for):
    monkeypatch.setitem(WAITING.__dict__, "page_size", 2)
    page = client_for(people["clerk"]).get(reverse("initiatives:queue"))
    paginator = page.context["page"].paginator
    assert (paginator.count, paginator.capped, paginator.num_pages) == (5, False, 3)
    assert "Trang 1/3" in page.content.decode()


def test_home_says_more_than_past_the_cap(five_submitted, small_cap, people, client_for):
    home = client_for(people["clerk"]).get(reverse("home")).content.decode()
    assert "Có hơn 3 sáng kiến đã nộp đang chờ" in home


def test_my_list_past_the_cap(five_submitted, small_cap, people, client_for):
    page = client_for(people["author"]).get(reverse("initiatives:mine")).context["page"]
    assert (page.paginator.count, page.paginator.capped) == (3, True)
    assert [i.title for i in page] == ["Sáng kiến số 4", "Sáng kiến số 3"]
