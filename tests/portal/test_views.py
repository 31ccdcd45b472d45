"""The public portal, signed out: search, filters, the page of an initiative, the home."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sangtao.initiatives.models import Initiative
from sangtao.orgs.models import Level

LIST = reverse("portal:list")


def _detail(initiative) -> str:
    return reverse("portal:detail", args=[initiative.public_id])


@pytest.mark.django_db
def test_search_without_tones_or_with_telex_finds_and_highlights(client, publish):
    target = publish(title="Sáng kiến nâng cao năng suất lao động")
    publish(title="Mô hình nuôi cá lồng trên sông")
    for query in ["sang kien nang suat", "sangs kieens nawng suaats"]:
        page = client.get(LIST, {"q": query}).content.decode()
        assert _detail(target) in page
        assert "nuôi cá lồng" not in page
        assert "<mark>Sáng</mark> <mark>kiến</mark> <mark>nâng</mark> cao <mark>năng</mark>" in page


@pytest.mark.django_db
def test_drafts_and_unrecognised_never_appear_and_are_404(client, publish, movement, tree, people):
    hidden = publish(title="Máy gieo hạt cải tiến", recognised=False)
    shown = publish(title="Máy gieo hạt cải tiến thế hệ hai")
    page = client.get(LIST, {"q": "may gieo hat"}).content.decode()
    assert _detail(shown) in page
    assert _detail(hidden) not in page
    assert client.get(_detail(hidden)).status_code == 404
    assert client.get(reverse("portal:detail", args=["7b0c4f0e-0000-4000-8000-000000000000"]))
    assert client.get(_detail(shown)).status_code == 200


@pytest.mark.django_db
def test_detail_hides_confidential_parts_and_shows_no_scores(client, publish):
    initiative = publish(
        title="Quy trình ủ phân hữu cơ",
        essence="BÍ QUYẾT PHA CHẾ men vi sinh",
        benefits="Tiết kiệm 30 triệu đồng",
        confidential_sections=["essence", "benefits"],
        confidential_note="GHI CHÚ RIÊNG",
    )
    page = client.get(_detail(initiative)).content.decode()
    assert "Quy trình ủ phân hữu cơ" in page
    for secret in ["BÍ QUYẾT PHA CHẾ", "Tiết kiệm 30 triệu", "GHI CHÚ RIÊNG", "12.500.000"]:
        assert secret not in page
    assert "Các chi hội trong xã" in page  # where it applies is public
    assert "Trần Thị Hoa" in page
    assert "Xuất sắc" in page  # the grade, not the council's total
    assert "<title>Quy trình ủ phân hữu cơ" in page
    assert '<meta property="og:title" content="Quy trình ủ phân hữu cơ">' in page
    assert 'property="og:description" content="Số hóa hồ sơ hội viên' in page


@pytest.mark.django_db
def test_filters_by_field_kind_year_level_and_grade(client, publish, movement):
    first_field, second_field = movement.fields.order_by("order")
    a = publish(title="Sáng kiến một", field=first_field)
    b = publish(title="Sáng kiến hai", field=second_field, kind="method")
    province = Level.objects.get(code="province")

    def listed(**params):
        page = client.get(LIST, params).content.decode()
        return {i for i in (a, b) if _detail(i) in page}

    assert listed(field=first_field.pk) == {a}
    assert listed(kind="method") == {b}
    assert listed(year=2018) == {a, b}
    assert listed(year=2019) == set()
    assert listed(level=province.pk) == {a, b}
    assert listed(grade=publish.grade.pk, q="sang kien") == {a, b}
    assert listed(q="sang kien hai", field=first_field.pk) == set()


@pytest.mark.django_db
def test_unit_filter_takes_the_whole_subtree(client, publish, tree):
    in_school = publish(title="Sáng kiến của trường Tân Hòa", unit=tree["school"])
    elsewhere = publish(title="Sáng kiến của trường Gò Dầu", unit=tree["other_school"])
    page = client.get(LIST, {"unit": tree["district"].pk}).content.decode()
    assert _detail(in_school) in page and _detail(elsewhere) not in page
    page = client.get(LIST, {"unit": tree["province"].pk, "q": "sang kien"}).content.decode()
    assert _detail(in_school) in page and _detail(elsewhere) in page


@pytest.mark.django_db
def test_bad_filters_get_a_vietnamese_message(client, publish):
    response = client.get(LIST, {"year": "abc", "unit": "999999"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nhập một số nguyên" in page or "số nguyên" in page
    assert "Không có đơn vị nào có số này" in page


@pytest.mark.django_db
def test_sorting_newest_and_oldest(client, publish):
    older = publish(title="Sáng kiến cũ")
    newer = publish(title="Sáng kiến mới")
    newest_first = client.get(LIST, {"sort": "recent"}).content.decode()
    assert newest_first.index(_detail(newer)) < newest_first.index(_detail(older))
    oldest_first = client.get(LIST, {"sort": "oldest"}).content.decode()
    assert oldest_first.index(_detail(older)) < oldest_first.index(_detail(newer))


def _many(publish, count: int, start: int = 0):
    for index in range(start, start + count):
        publish(title=f"Sáng kiến số {index} về năng suất")


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"q": "nang suat"}, {"q": "sang kien", "year": 2018}])
def test_list_query_count_does_not_grow_with_rows(
    client, publish, django_assert_max_num_queries, params
):
    _many(publish, 2)
    client.get(LIST, params)  # warm the session and content types
    with django_assert_max_num_queries(12) as few:
        client.get(LIST, params)
    _many(publish, 25, start=2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(LIST, params)
    assert page.content.decode().count('class="list-group-item"') == 20


@pytest.mark.django_db
def test_detail_query_count_does_not_grow_with_rows(client, publish, django_assert_max_num_queries):
    one = publish(title="Sáng kiến một về năng suất")
    _many(publish, 2)
    client.get(_detail(one))
    with CaptureQueriesContext(connection) as first:
        assert client.get(_detail(one)).status_code == 200
    _many(publish, 15, start=2)
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(_detail(one)).content.decode()
    assert "Sáng kiến một về năng suất" in page


@pytest.mark.django_db
def test_home_shows_latest_featured_and_counts_to_everyone(client, publish):
    from django.core.cache import cache

    cache.clear()
    initiative = publish(title="Sáng kiến tiêu biểu của tỉnh")
    page = client.get(reverse("home")).content.decode()
    assert _detail(initiative) in page
    assert "1 sáng kiến được công nhận" in page
    assert "?year=2018" in page
    assert Initiative.objects.count() == 1


@pytest.mark.django_db
def test_the_form_lists_come_from_the_cache_and_a_value_is_still_checked(client, publish, movement):
    publish(title="Sáng kiến về năng suất")
    field = movement.fields.first()
    client.get(LIST)
    with CaptureQueriesContext(connection) as again:
        page = client.get(LIST).content.decode()
    assert f'<option value="{field.pk}">{field.name}</option>' in page
    assert not [q for q in again.captured_queries if 'FROM "movements_field"' in q["sql"]]
    assert client.get(LIST, {"field": 999_999}).context["form"].errors["field"]
