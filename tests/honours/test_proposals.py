"""The plan's forms of honour travel up: a district decides its biểu dương, proposes them with
their reasons to the province, which sees them marked as the district's and decides; the
province proposes to the central level for “Người Việt đoàn kết sáng tạo”."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sangtao.core.models import AuditEvent
from sangtao.honours import services
from sangtao.honours.models import Honour

REASON = "Sổ tay điện tử được 12 trường trong huyện áp dụng."


def _decide(round, by, number):
    return services.honours_decide(
        round=round,
        number=number,
        date=datetime.date(2019, 1, 10),
        signer_title="Chủ tịch",
        signer_name="Huỳnh Văn Quang",
        by=by,
    )


@pytest.fixture
def district_round(movement, tree, officers, recognised):
    """Tân Châu's 2018 round: Trần Thị Hoa and the school praised (biểu dương), with reasons."""
    officer = officers["district"]
    round = services.honours_round_open(
        movement=movement, unit=tree["district"], year=2018, by=officer
    )
    hoa = round.honours.get(name="Trần Thị Hoa")
    school = round.honours.get(kind="collective")
    services.honours_confirm(
        round=round,
        choices={
            hoa.pk: {"confirmed": True, "form": "praise", "reason": REASON},
            school.pk: {"confirmed": True, "form": "praise", "reason": "Hai sáng kiến."},
        },
        by=officer,
    )
    _decide(round, officer, "12")
    round.picked = (hoa, school)
    return round


def test_district_proposes_its_praise_and_the_province_sees_it_marked(
    district_round, officers, movement, tree, people, client_for
):
    hoa, school = district_round.picked
    sent = services.honours_propose_up(
        round=district_round, honour_ids=[hoa.pk, school.pk], by=officers["district"]
    )
    assert sent == 2
    hoa.refresh_from_db()
    assert hoa.proposed_to == tree["province"]
    assert AuditEvent.objects.filter(action="honours.propose_up").count() == 1
    province = services.honours_round_open(
        movement=movement, unit=tree["province"], year=2018, by=people["officer"]
    )
    taken = province.honours.filter(origin__isnull=False).order_by("kind")
    assert [(h.name, h.origin_id, h.reason, h.form, h.confirmed) for h in taken] == [
        ("Trường THCS Tân Hòa", school.pk, "Hai sáng kiến.", "", False),
        ("Trần Thị Hoa", hoa.pk, REASON, "", False),
    ]
    text = client_for(people["officer"]).get(reverse("honours:round", args=[province.pk])).text
    assert "Cấp dưới đề nghị</span> Ủy ban MTTQ Việt Nam huyện Tân Châu · Biểu dương" in text
    assert "quyết định số 12" in text
    assert f"Lý do của cấp dưới:</span> {REASON}" in text


def test_proposing_without_reasons_or_before_deciding_is_refused(
    district_round, officers, movement, tree
):
    hoa, _school = district_round.picked
    Honour.objects.filter(pk=hoa.pk).update(reason="")
    with pytest.raises(ValidationError) as error:
        services.honours_propose_up(
            round=district_round, honour_ids=[hoa.pk], by=officers["district"]
        )
    assert error.value.messages == ["Trần Thị Hoa: ghi thành tích và lý do đề nghị."]
    assert Honour.objects.filter(proposed_to__isnull=False).count() == 0
    other = services.honours_round_open(
        movement=movement, unit=tree["other_district"], year=2018, by=officers["other"]
    )
    with pytest.raises(ValidationError) as error:
        services.honours_propose_up(
            round=other, honour_ids=[other.honours.first().pk], by=officers["other"]
        )
    assert error.value.messages == [
        "Cần ra quyết định khen thưởng của đợt trước khi đề nghị lên cấp trên."
    ]


def test_an_open_round_takes_in_proposals_sent_after_it_opened(
    district_round, officers, movement, tree, people, client_for
):
    province = services.honours_round_open(
        movement=movement, unit=tree["province"], year=2018, by=people["officer"]
    )
    services.honours_propose_up(
        round=district_round,
        honour_ids=[h.pk for h in district_round.picked],
        by=officers["district"],
    )
    client = client_for(people["officer"])
    page = client.get(reverse("honours:round", args=[province.pk])).text
    assert "Có 2 trường hợp do cấp dưới đề nghị đang chờ tiếp nhận." in page
    response = client.post(reverse("honours:round_take", args=[province.pk]))
    assert response.status_code == 302
    assert province.honours.filter(origin__isnull=False).count() == 2
    page = client.get(reverse("honours:round", args=[province.pk])).text
    assert "đang chờ tiếp nhận" not in page


def test_province_proposes_to_the_central_level_with_reasons(honours_round, people, tree, movement):
    hoa = honours_round.honours.get(name="Trần Thị Hoa")
    with pytest.raises(ValidationError) as error:
        services.honours_confirm(
            round=honours_round,
            choices={hoa.pk: {"confirmed": True, "form": "central"}},
            by=people["officer"],
        )
    assert error.value.messages == ["Trần Thị Hoa: ghi thành tích và lý do đề nghị Trung ương."]
    services.honours_confirm(
        round=honours_round,
        choices={hoa.pk: {"confirmed": True, "form": "central", "reason": REASON}},
        by=people["officer"],
    )
    _decide(honours_round, people["officer"], "58")
    services.honours_propose_up(round=honours_round, honour_ids=[hoa.pk], by=people["officer"])
    hoa.refresh_from_db()
    assert (hoa.proposed_to, hoa.get_form_display()) == (
        tree["central"],
        "Đề nghị Trung ương biểu dương “Người Việt đoàn kết sáng tạo”",
    )
    with pytest.raises(ValidationError) as error:
        services.honours_propose_up(round=honours_round, honour_ids=[hoa.pk], by=people["officer"])
    assert error.value.messages == ["Trần Thị Hoa đã được đề nghị lên cấp trên."]
