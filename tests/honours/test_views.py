"""The honours pages: who may open, confirm and decide; forged posts refused in Vietnamese with
nothing saved; the register's query count does not grow with its rows."""

import pytest
from django.urls import reverse

from sangtao.honours.models import Honour, HonoursRound

from .conftest import authors, recognise


def _formset_data(round, **override):
    data = {"c-TOTAL_FORMS": 0, "c-INITIAL_FORMS": 0}
    for index, honour in enumerate(round.honours.order_by("kind", "order", "id")):
        values = {
            "id": honour.pk,
            "confirmed": "on",
            "form": "merit",
            "prize_vnd": 2_000_000,
            "source": "state_budget",
        } | override.get(honour.name, {})
        data.update({f"c-{index}-{key}": value for key, value in values.items()})
        data["c-TOTAL_FORMS"] += 1
    return data


def test_officer_opens_a_round_through_the_page(client_for, people, movement, tree, recognised):
    client = client_for(people["officer"])
    assert client.get(reverse("honours:round_create")).status_code == 200
    response = client.post(
        reverse("honours:round_create"),
        {"movement": movement.pk, "unit": tree["province"].pk, "year": 2018},
    )
    round = HonoursRound.objects.get()
    assert response["Location"] == reverse("honours:round", args=[round.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Trần Thị Hoa" in page and "Trường THPT Gò Dầu" in page


def test_a_unit_outside_the_officers_subtree_is_refused_in_vietnamese(
    client_for, officers, movement, tree, recognised
):
    response = client_for(officers["other"]).post(
        reverse("honours:round_create"),
        {"movement": movement.pk, "unit": tree["province"].pk, "year": 2018},
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not HonoursRound.objects.exists()


def test_officer_confirms_and_decides_through_the_pages(client_for, people, honours_round):
    client = client_for(people["officer"])
    response = client.post(
        reverse("honours:round_confirm", args=[honours_round.pk]), _formset_data(honours_round)
    )
    assert response.status_code == 302
    assert Honour.objects.filter(confirmed=True, form="merit").count() == 6
    response = client.post(
        reverse("honours:round_decide", args=[honours_round.pk]),
        {
            "number": "7",
            "date": "2019-01-15",
            "signer_title": "Chủ tịch",
            "signer_name": "Hà Thị Mai",
        },
    )
    assert response.status_code == 302
    honours_round.refresh_from_db()
    assert (honours_round.state, honours_round.decision_number) == ("decided", "7")


def test_a_negative_prize_on_the_page_is_refused_and_nothing_saved(
    client_for, people, honours_round
):
    response = client_for(people["officer"]).post(
        reverse("honours:round_confirm", args=[honours_round.pk]),
        _formset_data(honours_round, **{"Trần Thị Hoa": {"prize_vnd": -100}}),
    )
    assert response.status_code == 400
    assert "Giá trị phải lớn hơn hoặc bằng 0" in response.content.decode()
    assert not Honour.objects.filter(confirmed=True).exists()


def test_a_forged_post_by_an_officer_of_another_district_is_refused(
    client_for, officers, honours_round
):
    client = client_for(officers["other"])
    response = client.post(
        reverse("honours:round_confirm", args=[honours_round.pk]), _formset_data(honours_round)
    )
    # The same answer as for a round that does not exist: nothing learnt from guessing.
    assert response.status_code == 404
    assert "thuộc đơn vị bạn không được xem" in response.content.decode()
    response = client.post(
        reverse("honours:round_decide", args=[honours_round.pk]),
        {"number": "7", "date": "2019-01-15", "signer_name": "X"},
    )
    assert response.status_code == 404
    assert not Honour.objects.filter(confirmed=True).exists()
    honours_round.refresh_from_db()
    assert honours_round.state == "open"


@pytest.mark.parametrize(
    "who, status",
    [("officer", 200), ("leader", 404), ("clerk", 404), ("outsider", 404), ("author", 404)],
)
def test_who_sees_the_provinces_round(client_for, people, honours_round, who, status):
    response = client_for(people[who]).get(reverse("honours:round", args=[honours_round.pk]))
    assert response.status_code == status


def test_a_district_leader_sees_the_districts_round(
    client_for, people, movement, tree, officers, recognised
):
    from sangtao.honours import services

    round = services.honours_round_open(
        movement=movement, unit=tree["district"], year=2018, by=officers["district"]
    )
    client = client_for(people["leader"])
    assert client.get(reverse("honours:round", args=[round.pk])).status_code == 200
    # ... but may not change it, and is told so.
    response = client.post(reverse("honours:round_confirm", args=[round.pk]), {})
    assert response.status_code == 403
    assert "bạn không được xem hoặc thay đổi" in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, honours_round):
    urls = [
        reverse("honours:index"),
        reverse("honours:round_create"),
        reverse("honours:round", args=[honours_round.pk]),
        reverse("honours:register"),
        reverse("honours:ledger"),
        reverse("honours:ledger_xlsx"),
        reverse("honours:book_create"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("login") in response["Location"]
    response = client.post(reverse("honours:round_confirm", args=[honours_round.pk]))
    assert response.status_code == 302


# --- the register ----------------------------------------------------------------------------


def test_the_register_shows_a_persons_recognitions_and_honours(client_for, people, decided):
    response = client_for(people["officer"]).get(
        reverse("honours:register"), {"name": "Trần Thị Hoa"}
    )
    page = response.content.decode()
    assert "Sổ tay điện tử cho giáo viên chủ nhiệm" in page
    assert "Bằng khen" in page
    assert "Vườn rau sạch trong trường học" not in page


def test_the_register_shows_only_what_the_reader_may_see(client_for, people, tree, decided):
    # The outsider (an author at Gò Dầu's school) sees neither Tân Châu's nor Gò Dầu's others'.
    page = client_for(people["outsider"]).get(reverse("honours:register")).content.decode()
    assert "Sổ tay điện tử" not in page and "Thư viện xanh Gò Dầu" not in page
    # The district's leader sees the district's, not Gò Dầu's.
    page = client_for(people["leader"]).get(reverse("honours:register")).content.decode()
    assert "Sổ tay điện tử" in page and "Thư viện xanh Gò Dầu" not in page


def test_the_registers_query_count_does_not_grow_with_rows(
    client_for, people, movement, tree, recognised, django_assert_num_queries
):
    client = client_for(people["officer"])
    url = reverse("honours:register")
    client.get(url)  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for index in range(15):
        recognise(
            movement=movement,
            unit=tree["commune"],
            title=f"Sáng kiến thêm {index}",
            authors=authors(f"Tác Giả {index}"),
            council=recognised["councils"][2018],
        )
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
