"""The practices' forms pick their unit and initiatives by typing (sangtao.registers.pickers):
no <option> per unit or initiative, only what the person may choose is offered or accepted, and
a name or title typed without JavaScript still resolves."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sangtao.initiatives.models import Initiative
from sangtao.initiatives.search import search_index_refresh
from sangtao.practices.models import Application

from .. import factories as f

pytestmark = pytest.mark.django_db

NEW = "/practices/applications/new/"
PRACTICE_NEW = "/practices/practices/new/"


def _post(initiative="", unit="", **typed):
    return {
        "initiative": initiative,
        "unit": unit,
        "applied_on": "2019-04-01",
        "scope": "12 chi hội phụ nữ",
        "result": "",
        "saved_vnd": "0",
        **typed,
    }


def _recognised(count, initiative, prefix="Sáng kiến số"):
    return Initiative.objects.bulk_create(
        Initiative(
            title=f"{prefix} {number}",
            unit=initiative.unit,
            state="recognised",
            created_by=initiative.created_by,
        )
        for number in range(count)
    )


def test_the_forms_render_no_option_per_initiative_or_unit_and_the_same_queries(
    client_for, units, staff, initiative
):
    officer = staff["officer"]
    _recognised(5, initiative)
    with CaptureQueriesContext(connection) as few:
        page = client_for(officer).get(PRACTICE_NEW).content.decode()
    _recognised(45, initiative, prefix="Mô hình")
    for number in range(45):
        f.make_unit(f"Chi hội số {number}", parent=units["women"])
    with CaptureQueriesContext(connection) as many:
        again = client_for(officer).get(PRACTICE_NEW).content.decode()
    assert len(many) == len(few)
    assert again.count("<option") == page.count("<option")
    assert "Sáng kiến số" not in again and "Chi hội số" not in again
    assert 'name="initiatives__q"' in again and 'name="unit__q"' in again


def test_the_unit_picker_offers_a_clerk_only_the_units_of_their_subtree(client_for, units, staff):
    f.make_unit("Chi hội Phụ nữ ấp Tân Hòa", parent=units["women"])
    clerk = client_for(staff["youth_clerk"])
    asked = {"field": "unit", "unit__q": "tay ninh"}
    found = clerk.get("/pick/units-kept/", asked).content.decode()
    assert "Tỉnh Đoàn Tây Ninh" in found
    assert "Phụ nữ" not in found
    officer = client_for(staff["officer"]).get("/pick/units-kept/", asked).content.decode()
    assert "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh" in officer and "Tỉnh Đoàn Tây Ninh" in officer


def test_the_initiative_picker_offers_recognised_initiatives_by_title_or_number(
    client_for, staff, initiative
):
    draft = Initiative.objects.create(
        title="Ứng dụng Zalo trong sinh hoạt chi đoàn",
        unit=initiative.unit,
        created_by=initiative.created_by,
    )
    search_index_refresh(initiatives=[initiative, draft])
    client = client_for(staff["women_clerk"])
    by_words = client.get("/pick/initiatives-applicable/", {"field": "x", "x__q": "zalo"})
    assert f'value="{initiative.pk}"' in by_words.content.decode()
    assert f'value="{draft.pk}"' not in by_words.content.decode()
    by_number = client.get(
        "/pick/initiatives-applicable/", {"field": "x", "x__q": f"#{initiative.pk}"}
    )
    assert f'value="{initiative.pk}"' in by_number.content.decode()


def test_a_forged_initiative_or_unit_is_refused_in_vietnamese_and_nothing_saved(
    client_for, units, staff, initiative
):
    draft = Initiative.objects.create(
        title="Một dự thảo", unit=initiative.unit, created_by=initiative.created_by
    )
    clerk = client_for(staff["women_clerk"])
    response = clerk.post(NEW, _post(draft.pk, units["women"].pk))
    assert "Bạn không được chọn sáng kiến này" in response.content.decode()
    response = clerk.post(NEW, _post(initiative.pk, units["youth"].pk))
    assert "Bạn không được chọn đơn vị này" in response.content.decode()
    response = clerk.post(NEW, _post("abc", units["women"].pk))
    assert response.status_code != 302
    assert not Application.objects.exists()


def test_without_javascript_an_exact_title_and_a_unit_name_typed_resolve(
    client_for, units, staff, initiative
):
    search_index_refresh(initiatives=[initiative])
    typed = {"initiative__q": initiative.title, "unit__q": "Phụ nữ tỉnh Tây Ninh"}
    response = client_for(staff["women_clerk"]).post(NEW, _post(**typed))
    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.initiative, application.unit) == (initiative, units["women"])


def test_without_javascript_several_matches_are_offered_under_the_box(
    client_for, units, staff, initiative
):
    f.make_unit("Chi hội Phụ nữ ấp Tân Hòa", parent=units["women"])
    typed = {"initiative": initiative.pk, "unit__q": "phu nu"}
    response = client_for(staff["women_clerk"]).post(NEW, _post(**typed))
    page = response.content.decode()
    assert "Nhiều đơn vị khớp" in page
    assert f'value="{units["women"].pk}"' in page
    assert not Application.objects.exists()
