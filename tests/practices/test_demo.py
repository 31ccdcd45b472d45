"""The demo tells the practices of the province's member organisations."""

import io

import pytest
from django.core.management import call_command

from sangtao.practices.models import Application, Practice, Replication

pytestmark = pytest.mark.django_db


def test_demo_data_adds_practices_a_replicated_one_and_two_applications():
    call_command("demo_data", stdout=io.StringIO())
    years = sorted({day.year for day in Practice.objects.values_list("started_on", flat=True)})
    assert years == [2018, 2019, 2020, 2026]
    assert Practice.objects.count() == 7
    assert Practice.objects.filter(published=True).count() == 4
    assert sorted(Replication.objects.values_list("unit__name", flat=True)) == [
        "Ủy ban MTTQ Việt Nam huyện Gò Dầu",
        "Ủy ban MTTQ Việt Nam huyện Tân Châu",
    ]
    assert {r.practice.unit.name for r in Replication.objects.select_related("practice__unit")} == {
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh"
    }
    applications = Application.objects.select_related("initiative")
    assert len(applications) == 2
    assert {a.initiative.state for a in applications} == {"recognised"}
    assert sum(a.saved_vnd for a in applications) == 48_000_000
