"""Confirming and deciding honours, recording payments: the rules, the audit trail, and bad
input refused in Vietnamese with nothing saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from sangtao.core.models import AuditEvent
from sangtao.honours import services
from sangtao.honours.models import Honour, HonoursRound, Payment

from .conftest import confirm_all


def _events(action):
    return list(
        AuditEvent.objects.filter(action=action).values_list("actor__username", "target_repr")
    )


def test_opening_a_round_is_audited(honours_round):
    assert _events("honours.round_open") == [("phongtrao", str(honours_round))]


def test_opening_the_same_round_twice_is_refused(honours_round, movement, tree, people):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.honours_round_open(
            movement=movement, unit=tree["province"], year=2018, by=people["officer"]
        )
    assert "đã có đợt tôn vinh" in error.value.messages[0]
    assert HonoursRound.objects.count() == 1


def test_a_year_outside_the_movement_is_refused(movement, tree, people):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.honours_round_open(
            movement=movement, unit=tree["province"], year=2030, by=people["officer"]
        )
    assert "Phong trào diễn ra từ 2018 đến 2020" in error.value.messages[0]
    assert not HonoursRound.objects.exists()


def test_confirming_records_form_prize_and_source(honours_round, people):
    person = honours_round.honours.get(name="Trần Thị Hoa")
    count = services.honours_confirm(
        round=honours_round,
        choices={
            person.pk: {
                "confirmed": True,
                "form": Honour.Form.AWARD,
                "prize_vnd": 10_000_000,
                "source": "sponsorship",
                "research_topic": True,
            }
        },
        by=people["officer"],
    )
    person.refresh_from_db()
    assert count == 1
    assert (
        person.confirmed,
        person.form,
        person.prize_vnd,
        person.source,
        person.research_topic,
    ) == (
        True,
        "award",
        10_000_000,
        "sponsorship",
        True,
    )
    event = AuditEvent.objects.get(action="honours.confirm")
    assert event.data == {"changed": 1, "confirmed": 1}


def test_a_negative_prize_is_refused_and_nothing_saved(honours_round, people):
    first, second = honours_round.honours.all()[:2]
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.honours_confirm(
            round=honours_round,
            choices={
                first.pk: {"confirmed": True, "form": "merit", "prize_vnd": 1_000_000},
                second.pk: {"confirmed": True, "form": "merit", "prize_vnd": -5},
            },
            by=people["officer"],
        )
    assert "tiền thưởng không được âm" in " ".join(error.value.messages)
    assert not Honour.objects.filter(confirmed=True).exists()
    assert not AuditEvent.objects.filter(action="honours.confirm").exists()


def test_a_confirmed_candidate_needs_a_form(honours_round, people):
    first = honours_round.honours.first()
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.honours_confirm(
            round=honours_round, choices={first.pk: {"confirmed": True}}, by=people["officer"]
        )
    assert "chọn hình thức khen thưởng" in error.value.messages[0]


def test_candidates_of_another_round_are_refused(honours_round, movement, tree, people, officers):
    other = services.honours_round_open(
        movement=movement, unit=tree["other_district"], year=2018, by=officers["other"]
    )
    foreign = other.honours.first()
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.honours_confirm(
            round=honours_round,
            choices={foreign.pk: {"confirmed": True, "form": "merit"}},
            by=people["officer"],
        )
    assert "không thuộc đợt tôn vinh này" in error.value.messages[0]
    assert not Honour.objects.filter(confirmed=True).exists()


def test_deciding_fixes_the_round_and_is_audited(decided, people):
    assert decided.state == "decided"
    assert (decided.decision_number, decided.signer_name) == ("15", "Nguyễn Thị Thanh Hương")
    event = AuditEvent.objects.get(action="honours.decide")
    assert (event.from_state, event.to_state, event.data) == (
        "open",
        "decided",
        {"number": "15", "honours": 6},
    )
    honour = decided.honours.first()
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.honours_confirm(
            round=decided, choices={honour.pk: {"prize_vnd": 1}}, by=people["officer"]
        )
    assert "không thể thay đổi" in error.value.messages[0]


def test_deciding_without_a_confirmed_candidate_is_refused(honours_round, people):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.honours_decide(
            round=honours_round,
            number="1",
            date=datetime.date(2019, 1, 1),
            signer_title="",
            signer_name="Nguyễn Văn A",
            by=people["officer"],
        )
    assert "Hãy xác nhận ít nhất một" in error.value.messages[0]
    honours_round.refresh_from_db()
    assert honours_round.state == "open"


def test_an_officer_of_another_district_may_not_open_the_provinces_round(
    movement, tree, officers, recognised
):
    with pytest.raises(PermissionDenied):
        services.honours_round_open(
            movement=movement, unit=tree["province"], year=2018, by=officers["other"]
        )
    assert not HonoursRound.objects.exists()


# --- payments --------------------------------------------------------------------------------


def test_a_payment_is_recorded_and_audited(decided, people):
    honour = decided.honours.get(name="Trần Thị Hoa")
    payment = services.payment_record(
        honour=honour,
        paid_on=datetime.date(2019, 2, 1),
        amount_vnd=3_000_000,
        source="fund",
        reference="PC-12",
        by=people["officer"],
    )
    assert (payment.amount_vnd, payment.reference) == (3_000_000, "PC-12")
    assert AuditEvent.objects.get(action="honours.payment").data["amount_vnd"] == 3_000_000


def test_paying_more_than_granted_is_refused(decided, people):
    honour = decided.honours.get(name="Trần Thị Hoa")
    services.payment_record(
        honour=honour,
        paid_on=datetime.date(2019, 2, 1),
        amount_vnd=4_000_000,
        source="fund",
        by=people["officer"],
    )
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.payment_record(
            honour=honour,
            paid_on=datetime.date(2019, 3, 1),
            amount_vnd=2_000_000,
            source="fund",
            by=people["officer"],
        )
    assert error.value.messages == [
        "Chỉ còn 1.000.000 đ trong số tiền thưởng 5.000.000 đ chưa chi."
    ]
    assert Payment.objects.count() == 1


def test_paying_an_undecided_honour_or_a_negative_amount_is_refused(honours_round, decided, people):
    honour = decided.honours.first()
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.payment_record(
            honour=honour,
            paid_on=datetime.date(2019, 2, 1),
            amount_vnd=-1,
            source="fund",
            by=people["officer"],
        )
    assert error.value.messages == ["Số tiền phải lớn hơn 0."]
    Honour.objects.filter(pk=honour.pk).update(prize_vnd=0)
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        services.payment_record(
            honour=honour,
            paid_on=datetime.date(2019, 2, 1),
            amount_vnd=1,
            source="fund",
            by=people["officer"],
        )
    assert "Chỉ chi cho khen thưởng đã quyết định có tiền thưởng" in error.value.messages[0]
    assert not Payment.objects.exists()


def test_an_officer_of_another_district_may_not_record_a_payment(decided, officers):
    with pytest.raises(PermissionDenied):
        services.payment_record(
            honour=decided.honours.first(),
            paid_on=datetime.date(2019, 2, 1),
            amount_vnd=1,
            source="fund",
            by=officers["other"],
        )
    assert not Payment.objects.exists()


def test_confirm_all_helper_confirms_everyone(honours_round, people):
    assert confirm_all(honours_round, people["officer"]) == 6
