"""Forwarding goes where someone can act: an open council of the dossier's round, nearest
first, never at a closed unit; refused, saying who must convene, when there is none."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sangtao.accounts.models import Role
from sangtao.appraisal.models import Council
from sangtao.initiatives import services
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State
from sangtao.orgs.services import unit_close

from ..factories import ONE_AUTHOR, complete_dossier, make_unit, make_user


def _submitted(movement, unit, author):
    initiative = services.initiative_create(
        by=author, data=complete_dossier(movement, unit), authors=ONE_AUTHOR
    )
    return services.initiative_submit(initiative=initiative, by=author)


def _council(movement, unit, name, **extra):
    return Council.objects.create(round=movement.rounds.first(), unit=unit, name=name, **extra)


@pytest.fixture
def submitted(movement, tree, people):
    return _submitted(movement, tree["school"], people["author"])


@pytest.fixture
def women(tree, people):
    """The province's women's union (a member organisation) and one of its authors."""
    union = make_unit(
        "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh", parent=tree["province"], kind_code="member_org"
    )
    author = make_user("hoiphunu", unit=union, roles=((Role.AUTHOR, union),))
    return union, author


def test_forward_goes_to_the_nearest_open_council(movement, tree, people, submitted):
    _council(movement, tree["province"], "Hội đồng tỉnh")
    _council(movement, tree["district"], "Hội đồng huyện đã niêm phong", sealed_at=timezone.now())
    commune = _council(movement, tree["commune"], "Hội đồng xã")

    assert services.forward_targets(initiative=submitted) == [commune]
    services.initiative_forward(initiative=submitted, by=people["clerk"])

    submitted.refresh_from_db()
    assert (submitted.state, submitted.appraisal_unit) == (State.IN_APPRAISAL, tree["commune"])


def test_forward_skips_a_sealed_council_for_the_next_open_one(movement, tree, people, submitted):
    _council(movement, tree["commune"], "Hội đồng xã", sealed_at=timezone.now())
    province = _council(movement, tree["province"], "Hội đồng tỉnh")

    assert services.forward_targets(initiative=submitted) == [province]


def test_forward_of_a_member_org_without_council_goes_to_the_front_committee_of_its_level(
    movement, tree, people, women
):
    union, author = women
    province = _council(movement, tree["province"], "Hội đồng tỉnh")
    dossier = _submitted(movement, union, author)

    services.initiative_forward(initiative=dossier, by=people["officer"])

    dossier.refresh_from_db()
    assert dossier.appraisal_unit == tree["province"]
    assert services.forward_targets(initiative=dossier) == [province]


def test_forward_with_two_valid_councils_lets_the_clerk_pick(
    movement, tree, people, women, client_for
):
    union, author = women
    own = _council(movement, union, "Hội đồng Hội Phụ nữ")
    front = _council(movement, tree["province"], "Hội đồng tỉnh")
    dossier = _submitted(movement, union, author)
    client = client_for(people["officer"])
    page_url = reverse("initiatives:forward", args=[dossier.public_id])

    page = client.get(page_url).content.decode()

    assert services.forward_targets(initiative=dossier) == [own, front]
    assert "Có nhiều hội đồng có thể thẩm định hồ sơ này: hãy chọn một." in page
    assert f'value="{own.pk}" checked' in page and f'value="{front.pk}"' in page
    response = client.post(page_url, {"council": str(front.pk), "reason": ""})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.state, dossier.appraisal_unit) == (State.IN_APPRAISAL, tree["province"])


def test_forward_refuses_a_council_that_was_not_offered(movement, tree, people, submitted):
    _council(movement, tree["commune"], "Hội đồng xã")
    elsewhere = _council(movement, tree["other_district"], "Hội đồng Gò Dầu")

    with pytest.raises(ValidationError) as refused:
        services.initiative_forward(
            initiative=submitted, by=people["clerk"], council_id=elsewhere.pk
        )

    assert refused.value.messages == ["Hãy chọn một trong các hội đồng được đề xuất."]
    assert Initiative.objects.get(pk=submitted.pk).state == State.SUBMITTED


def test_forward_page_shows_the_council_and_unit_before_confirming(
    movement, tree, people, submitted, client_for
):
    _council(movement, tree["commune"], "Hội đồng thẩm định xã Tân Hòa")

    page = client_for(people["clerk"]).get(
        reverse("initiatives:forward", args=[submitted.public_id])
    )

    text = page.content.decode()
    assert page.status_code == 200
    assert "Hồ sơ sẽ được chuyển đến:" in text
    assert "<strong>Hội đồng thẩm định xã Tân Hòa</strong>" in text
    assert "Ủy ban MTTQ Việt Nam xã Tân Hòa</span>" in text
    assert Initiative.objects.get(pk=submitted.pk).state == State.SUBMITTED


def test_forward_never_chooses_a_closed_unit(movement, tree, people, submitted):
    """The commune closed in 2025 still has an open council of the round: it is passed by."""
    _council(movement, tree["commune"], "Hội đồng xã (đã giải thể)")
    province = _council(movement, tree["province"], "Hội đồng tỉnh")
    unit_close(unit=tree["commune"], on=datetime.date(2025, 7, 1))
    unit_close(unit=tree["district"], on=datetime.date(2025, 7, 1))

    assert services.forward_targets(initiative=submitted) == [province]
    services.initiative_forward(initiative=submitted, by=people["clerk"])

    assert Initiative.objects.get(pk=submitted.pk).appraisal_unit == tree["province"]


def test_forward_with_no_open_council_above_is_refused_naming_who_must_convene(
    movement, tree, people, submitted, client_for
):
    _council(movement, tree["province"], "Hội đồng tỉnh", sealed_at=timezone.now())
    refusal = (
        "Chưa có hội đồng thẩm định nào của đợt này đang mở ở cấp này hoặc cấp trên: "
        "Ủy ban MTTQ Việt Nam xã Tân Hòa cần thành lập hội đồng cho Năm 2018 trước."
    )

    with pytest.raises(ValidationError) as refused:
        services.initiative_forward(initiative=submitted, by=people["clerk"])

    assert refused.value.messages == [refusal]
    page = client_for(people["clerk"]).get(
        reverse("initiatives:forward", args=[submitted.public_id])
    )
    assert refusal in page.content.decode()
    response = client_for(people["clerk"]).post(
        reverse("initiatives:forward", args=[submitted.public_id]), {"reason": ""}, follow=True
    )
    assert refusal in response.content.decode()
    fresh = Initiative.objects.get(pk=submitted.pk)
    assert (fresh.state, fresh.appraisal_unit) == (State.SUBMITTED, None)
