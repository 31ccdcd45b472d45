"""An event picks its unit and its initiatives by typing (sangtao.registers.pickers): the
district clerk is offered and may save only the initiatives and units of the district."""

import pytest

from sangtao.activities.models import Event
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.search import search_index_refresh

pytestmark = pytest.mark.django_db

NEW = "/activities/events/new/"


def _event(unit, *initiatives):
    return {
        "unit": unit.pk,
        "kind": "contest",
        "title": "Hội thi sáng tạo kỹ thuật",
        "held_on": "2019-09-10",
        "place": "Nhà văn hóa",
        "participants": "85",
        "initiatives": [initiative.pk for initiative in initiatives],
    }


@pytest.fixture
def two(units, people):
    """An initiative of Tân Châu's commune and one of Gò Dầu's school."""
    made = [
        Initiative.objects.create(
            title=f"Sổ tay điện tử {name}", unit=unit, created_by=people["author"]
        )
        for name, unit in (("Tân Hòa", units["commune"]), ("Gò Dầu", units["other_school"]))
    ]
    search_index_refresh(initiatives=made)
    return made


def test_the_event_form_offers_the_clerk_only_the_districts_initiatives(client_for, staff, two):
    client = client_for(staff["district_clerk"])
    asked = {"field": "initiatives", "initiatives__q": "so tay dien tu", "multiple": "1"}
    page = client.get("/pick/initiatives-in-scope/", asked).content.decode()
    assert f'value="{two[0].pk}"' in page and 'type="checkbox"' in page
    assert f'value="{two[1].pk}"' not in page
    form = client.get(NEW).content.decode()
    assert "Sổ tay điện tử" not in form and "Gò Dầu" not in form


def test_an_event_saves_picked_initiatives_and_refuses_a_forged_one(client_for, units, staff, two):
    client = client_for(staff["district_clerk"])
    refused = client.post(NEW, _event(units["district"], *two))
    assert "Bạn không được chọn sáng kiến này" in refused.content.decode()
    outside = client.post(NEW, _event(units["other_district"], two[0]))
    assert "Bạn không được chọn đơn vị này" in outside.content.decode()
    assert not Event.objects.exists()
    assert client.post(NEW, _event(units["district"], two[0])).status_code == 302
    assert list(Event.objects.get().initiatives.all()) == [two[0]]


def test_an_event_edit_shows_its_initiatives_checked(client_for, units, staff, two):
    client = client_for(staff["district_clerk"])
    client.post(NEW, _event(units["district"], two[0]))
    event = Event.objects.get()
    page = client.get(f"/activities/events/{event.pk}/edit/").content.decode()
    assert f'value="{two[0].pk}" id="id_initiatives_chosen_{two[0].pk}" checked' in page
    assert (
        f'value="{units["district"].pk}" id="id_unit_chosen_{units["district"].pk}" checked' in page
    )
