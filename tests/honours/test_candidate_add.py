"""An officer adds by hand, to the province's round, an enterprise praised (biểu dương) for
the movement itself, without a recognised initiative (plan III.2): it stands beside the
candidates the platform proposed, is confirmed and decided like them and prints in the
decision."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sangtao.accounts.models import Role
from sangtao.core.models import AuditEvent
from sangtao.honours import documents, services
from sangtao.honours.models import Honour

from ..factories import make_unit, make_user

pytestmark = pytest.mark.django_db

REASON = "Tài trợ 200 triệu đồng cho Quỹ “Người Việt sáng tạo” năm 2018."
ENTERPRISE = "Công ty Cổ phần Cao su Tân Biên"


@pytest.fixture
def enterprise(tree):
    return make_unit(ENTERPRISE, parent=tree["district"], kind_code="enterprise")


def _add_page(client, round, **data):
    return client.post(reverse("honours:round_candidate_add", args=[round.pk]), data)


def test_candidate_add_enterprise_is_decided_and_printed(
    honours_round, enterprise, people, client_for
):
    client = client_for(people["officer"])
    response = _add_page(
        client,
        honours_round,
        kind="collective",
        unit=str(enterprise.pk),
        unit__q="",
        name="",
        reason=REASON,
    )
    assert response.status_code == 302
    added = honours_round.honours.get(added_by_hand=True)
    assert (added.kind, added.unit, added.name, added.reason, added.recognised_count) == (
        "collective",
        enterprise,
        ENTERPRISE,
        REASON,
        0,
    )
    assert added.order == honours_round.honours.count() - 1
    event = AuditEvent.objects.get(action="honours.candidate_add")
    assert event.data == {
        "honour": added.pk,
        "kind": "collective",
        "unit": enterprise.pk,
        "name": ENTERPRISE,
    }
    page = client.get(reverse("honours:round", args=[honours_round.pk])).text
    assert f"<strong>{ENTERPRISE}</strong>" in page
    assert '<span class="badge text-bg-info added-by-hand">Thêm thủ công</span>' in page
    assert page.count("added-by-hand") == 1

    services.honours_confirm(
        round=honours_round,
        choices={added.pk: {"confirmed": True, "form": "praise", "prize_vnd": 3_000_000}},
        by=people["officer"],
    )
    services.honours_decide(
        round=honours_round,
        number="15",
        date=datetime.date(2019, 1, 20),
        signer_title="Chủ tịch",
        signer_name="Nguyễn Thị Thanh Hương",
        by=people["officer"],
    )
    import docx

    content = documents.decision_paper(round=honours_round, extension="docx")[0]
    tables = [
        [[" ".join(cell.text.split()) for cell in row.cells] for row in table.rows]
        for table in docx.Document(io.BytesIO(content)).tables
    ]
    (rows,) = [rows for rows in tables if rows[0][1] == "Tập thể, cá nhân"]
    assert rows[1:] == [
        [
            "1",
            ENTERPRISE,
            ENTERPRISE,
            REASON,
            "Biểu dương",
            "3.000.000 (Quỹ “Người Việt sáng tạo”)",
        ]
    ]


def _count_saved():
    return (
        Honour.objects.filter(added_by_hand=True).count(),
        AuditEvent.objects.filter(action="honours.candidate_add").count(),
    )


def test_candidate_add_individual_by_typing_the_units_name(honours_round, tree, people, client_for):
    client = client_for(people["officer"])
    response = _add_page(
        client,
        honours_round,
        kind="individual",
        unit__q="truong thcs tan hoa",
        name="  Nguyễn Văn Bình ",
        reason="Vận động 30 hộ dân hiến đất làm đường.",
    )
    assert response.status_code == 302
    added = honours_round.honours.get(added_by_hand=True)
    assert (added.kind, added.unit, added.name, added.initiative, added.recognised_count) == (
        "individual",
        tree["school"],
        "Nguyễn Văn Bình",
        None,
        0,
    )


def test_candidate_add_outside_the_subtree_is_refused(
    movement, tree, officers, recognised, enterprise
):
    round = services.honours_round_open(
        movement=movement, unit=tree["other_district"], year=2018, by=officers["other"]
    )
    with pytest.raises(ValidationError) as error:
        services.honours_candidate_add(
            round=round,
            by=officers["other"],
            kind="collective",
            unit=enterprise,
            name="",
            reason=REASON,
        )
    assert error.value.message_dict == {
        "unit": ["Chọn một đơn vị thuộc Ủy ban MTTQ Việt Nam huyện Gò Dầu."]
    }
    assert _count_saved() == (0, 0)


def test_candidate_add_outside_the_subtree_on_the_page_is_refused(
    movement, tree, officers, recognised, enterprise, client_for
):
    round = services.honours_round_open(
        movement=movement, unit=tree["other_district"], year=2018, by=officers["other"]
    )
    response = _add_page(
        client_for(officers["other"]),
        round,
        kind="collective",
        unit=str(enterprise.pk),
        reason=REASON,
    )
    assert response.status_code == 400
    assert "Chọn một đơn vị thuộc Ủy ban MTTQ Việt Nam huyện Gò Dầu." in response.text
    assert _count_saved() == (0, 0)


def test_candidate_add_without_reason_or_name_is_refused(honours_round, people, tree, client_for):
    response = _add_page(
        client_for(people["officer"]),
        honours_round,
        kind="individual",
        unit=str(tree["school"].pk),
        name=" ",
        reason="  ",
    )
    assert response.status_code == 400
    assert "Nhập họ và tên của cá nhân." in response.text
    assert "Nhập thành tích và lý do đề nghị của đối tượng này." in response.text
    assert _count_saved() == (0, 0)


def test_candidate_add_twice_is_refused(honours_round, people, enterprise):
    add = dict(round=honours_round, by=people["officer"], kind="collective", unit=enterprise)
    services.honours_candidate_add(**add, name="", reason=REASON)
    with pytest.raises(ValidationError) as error:
        services.honours_candidate_add(**add, name=ENTERPRISE.upper(), reason="Lần nữa.")
    assert error.value.message_dict == {
        "name": ["CÔNG TY CỔ PHẦN CAO SU TÂN BIÊN đã có trong danh sách đề nghị của đợt này."]
    }
    assert _count_saved() == (1, 1)


def test_candidate_add_to_a_decided_round_is_refused(decided, people, enterprise, client_for):
    with pytest.raises(ValidationError) as error:
        services.honours_candidate_add(
            round=decided,
            by=people["officer"],
            kind="collective",
            unit=enterprise,
            name="",
            reason=REASON,
        )
    assert error.value.messages == ["Đợt khen thưởng này đã có quyết định, không thể thay đổi nữa."]
    page = client_for(people["officer"]).get(reverse("honours:round", args=[decided.pk])).text
    assert 'id="candidate-add"' not in page
    assert _count_saved() == (0, 0)


def test_candidate_add_by_a_clerk_is_forbidden(honours_round, tree, enterprise, client_for):
    """The province's clerk reads the round but may not change it."""
    clerk = make_user("vanthu_tinh", unit=tree["province"], roles=((Role.CLERK, tree["province"]),))
    response = _add_page(
        client_for(clerk),
        honours_round,
        kind="collective",
        unit=str(enterprise.pk),
        reason=REASON,
    )
    assert response.status_code == 403
    page = client_for(clerk).get(reverse("honours:round", args=[honours_round.pk])).text
    assert 'id="candidate-add"' not in page
    with pytest.raises(PermissionDenied):
        services.honours_candidate_add(
            round=honours_round,
            by=clerk,
            kind="collective",
            unit=enterprise,
            name="",
            reason=REASON,
        )
    assert _count_saved() == (0, 0)


def test_candidate_add_picker_offers_units_of_the_subtree_only(
    movement, tree, officers, recognised, enterprise, client_for
):
    round = services.honours_round_open(
        movement=movement, unit=tree["district"], year=2018, by=officers["district"]
    )
    url = reverse("honours:round_unit_pick", args=[round.pk])
    client = client_for(officers["district"])
    text = client.get(url, {"unit__q": "truong"}).text
    assert "Trường THCS Tân Hòa" in text
    assert "Trường THPT Gò Dầu" not in text
    page = client.get(reverse("honours:round", args=[round.pk])).text
    assert f'hx-get="{url}"' in page


def _add_enterprise(round, enterprise, officer):
    return services.honours_candidate_add(
        round=round, by=officer, kind="collective", unit=enterprise, name="", reason=REASON
    )


def _remove_page(client, round, honour_id):
    return client.post(
        reverse("honours:round_candidate_remove", args=[round.pk]), {"remove": str(honour_id)}
    )


def test_candidate_added_by_mistake_is_removed_from_the_open_round(
    honours_round, enterprise, people, client_for
):
    client = client_for(people["officer"])
    added = _add_enterprise(honours_round, enterprise, people["officer"])
    page = client.get(reverse("honours:round", args=[honours_round.pk])).text
    remove_url = reverse("honours:round_candidate_remove", args=[honours_round.pk])
    assert page.count(f'formaction="{remove_url}"') == 1
    assert f'name="remove" value="{added.pk}"' in page
    others = set(honours_round.honours.exclude(pk=added.pk).values_list("pk", flat=True))

    response = _remove_page(client, honours_round, added.pk)
    assert response.status_code == 302
    assert set(honours_round.honours.values_list("pk", flat=True)) == others
    event = AuditEvent.objects.get(action="honours.candidate_remove")
    assert event.data == {
        "honour": added.pk,
        "kind": "collective",
        "unit": enterprise.pk,
        "name": ENTERPRISE,
    }
    page = client.get(response.url).text
    assert f"Đã gỡ {ENTERPRISE} khỏi danh sách đề nghị." in page
    assert f"<strong>{ENTERPRISE}</strong>" not in page
    assert f'formaction="{remove_url}"' not in page


def test_candidate_proposed_from_the_recognitions_is_not_removed(honours_round, people, client_for):
    proposed = honours_round.honours.filter(added_by_hand=False).first()
    assert proposed is not None
    client = client_for(people["officer"])
    response = _remove_page(client, honours_round, proposed.pk)
    assert response.status_code == 302
    assert honours_round.honours.filter(pk=proposed.pk).exists()
    page = client.get(response.url).text
    assert "Chỉ gỡ được đối tượng thêm thủ công" in page
    assert not AuditEvent.objects.filter(action="honours.candidate_remove").exists()


def test_candidate_of_another_round_or_a_forged_id_is_not_removed(
    movement, tree, officers, honours_round, people, enterprise, client_for
):
    other = services.honours_round_open(
        movement=movement, unit=tree["other_district"], year=2018, by=officers["other"]
    )
    theirs = services.honours_candidate_add(
        round=other,
        by=officers["other"],
        kind="individual",
        unit=tree["other_district"],
        name="Trần Văn An",
        reason=REASON,
    )
    client = client_for(people["officer"])
    for forged in (theirs.pk, "abc", ""):
        response = _remove_page(client, honours_round, forged)
        assert response.status_code == 302
        assert "Có đối tượng không thuộc đợt tôn vinh này." in client.get(response.url).text
    assert Honour.objects.filter(pk=theirs.pk).exists()
    assert not AuditEvent.objects.filter(action="honours.candidate_remove").exists()


def test_candidate_remove_by_a_clerk_is_forbidden(
    honours_round, tree, enterprise, people, client_for
):
    clerk = make_user("vanthu_tinh", unit=tree["province"], roles=((Role.CLERK, tree["province"]),))
    added = _add_enterprise(honours_round, enterprise, people["officer"])
    assert _remove_page(client_for(clerk), honours_round, added.pk).status_code == 403
    with pytest.raises(PermissionDenied):
        services.honours_candidate_remove(round=honours_round, honour_id=added.pk, by=clerk)
    assert Honour.objects.filter(pk=added.pk).exists()
    assert not AuditEvent.objects.filter(action="honours.candidate_remove").exists()


def test_candidate_remove_from_a_decided_round_is_refused(decided, people, client_for):
    kept = decided.honours.first()
    with pytest.raises(ValidationError) as error:
        services.honours_candidate_remove(round=decided, honour_id=kept.pk, by=people["officer"])
    assert error.value.messages == ["Đợt khen thưởng này đã có quyết định, không thể thay đổi nữa."]
    assert decided.honours.filter(pk=kept.pk).exists()
    page = client_for(people["officer"]).get(reverse("honours:round", args=[decided.pk])).text
    assert "candidate-remove" not in page
    assert not AuditEvent.objects.filter(action="honours.candidate_remove").exists()
