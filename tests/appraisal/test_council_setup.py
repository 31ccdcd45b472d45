"""Setting a council up in a few clicks: people found by part of a name without tones (or by
user name or e-mail) among those the council may seat, several seated at once with a role
each, several sheets handed out at once (conflicts refused by name, nothing saved), each
member's unit, fields and sheets, and the chair told whose sheets are missing before sealing,
sealing only once they confirm."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sangtao.appraisal import selectors, services
from sangtao.appraisal.models import Assignment, CouncilMember
from sangtao.core.models import AuditEvent
from sangtao.initiatives import services as initiative_services
from sangtao.movements.models import Grade

from ..factories import ONE_AUTHOR, complete_dossier, make_user
from .conftest import member


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _found(response) -> list[str]:
    return [person.username for person in response.context["found"]]


@pytest.fixture
def criteria(movement):
    return list(movement.criteria.order_by("order"))


@pytest.fixture
def newcomers(tree):
    """People of the province not yet on the council, and one of the central committee (whom
    a commune's council may not seat)."""
    bao = make_user("lqbao", unit=tree["commune"], full_name="Lâm Quốc Bảo")
    bao.email = "bao.lam@tayninh.vn"
    bao.save()
    return {
        "bao": bao,
        "hanh": make_user("tthanh", unit=tree["district"], full_name="Trần Thị Hạnh"),
        "khoa": make_user("nvkhoa", unit=tree["province"], full_name="Nguyễn Văn Khoa"),
        "far": make_user("lqbao2", unit=tree["central"], full_name="Lâm Quốc Bảo"),
    }


def _submit(assignment, criteria, value=15):
    services.sheet_save(
        assignment=assignment,
        by=assignment.member.user,
        scores={c.pk: (value, "") for c in criteria},
        submit=True,
    )


def _decide_all(council, forwarded):
    chair = council.people["chair"]
    grade = Grade.objects.get(movement=council.round.movement, name="Xuất sắc")
    for initiative in forwarded:
        services.decision_record(
            council=council, initiative=initiative, outcome="recognised", grade=grade, by=chair
        )


# --- finding people -------------------------------------------------------------------------


def test_picker_finds_people_without_tones_by_user_name_or_email_in_the_province(
    council, newcomers, people, client_for
):
    client = client_for(people["secretary"])
    pick = reverse("appraisal:people_pick", args=[council.pk])
    # The central committee's Lâm Quốc Bảo is not one the commune's council may seat.
    assert _found(client.get(pick, {"person__q": "lam quoc bao"})) == ["lqbao"]
    assert _found(client.get(pick, {"person__q": "LQBAO"})) == ["lqbao"]
    assert _found(client.get(pick, {"person__q": "bao.lam@tayninh"})) == ["lqbao"]
    # Those already seated are not offered again; a single letter lists nobody.
    assert _found(client.get(pick, {"person__q": "le thi mot"})) == []
    assert _found(client.get(pick, {"person__q": "l"})) == []
    answer = client.get(pick, {"person__q": "lam quoc"}).content.decode()
    bao = newcomers["bao"].pk
    assert f'name="person" value="{bao}" id="seat_{bao}">' in answer
    assert 'Lâm Quốc Bảo <small class="text-muted">· Ủy ban MTTQ Việt Nam xã Tân Hòa · 0 phiếu' in (
        answer
    )
    assert 'aria-label="Vai trò của Lâm Quốc Bảo"' in answer


def test_members_page_search_works_without_javascript(council, newcomers, people, client_for):
    response = client_for(people["secretary"]).get(
        reverse("appraisal:members", args=[council.pk]), {"person__q": "tran thi hanh"}
    )
    assert _found(response) == ["tthanh"]
    page = response.content.decode()
    assert 'name="person__q" value="tran thi hanh"' in page
    assert f'name="person" value="{newcomers["hanh"].pk}"' in page


def test_picker_keeps_the_people_ticked_while_searching_again(
    council, newcomers, people, client_for
):
    bao, hanh = newcomers["bao"], newcomers["hanh"]
    response = client_for(people["secretary"]).get(
        reverse("appraisal:people_pick", args=[council.pk]),
        {"person__q": "hanh", "person": [bao.pk], f"role_{bao.pk}": "expert"},
    )
    assert [(p.username, p.role_chosen) for p in response.context["ticked"]] == [
        ("lqbao", "expert")
    ]
    assert _found(response) == ["tthanh"]
    answer = response.content.decode()
    assert f'value="{bao.pk}" id="seat_{bao.pk}" checked>' in answer
    assert f'value="{hanh.pk}" id="seat_{hanh.pk}">' in answer


def test_candidate_load_counts_the_sheets_to_fill_in_open_councils_only(
    council, forwarded, people, criteria
):
    services.assignments_auto(council=council, by=people["secretary"])
    other = services.council_create(
        round=council.round,
        unit=council.unit,
        by=people["secretary"],
        data={"name": "Hội đồng thẩm định xã Tân Hòa (đợt 2)", "appraisers_per_initiative": 1},
    )
    found = selectors.seat_candidates_to_pick(council=other, query="le thi mot")
    assert [(p.username, p.unit.name, p.load) for p in found] == [
        ("uyvien1", "Ủy ban MTTQ Việt Nam xã Tân Hòa", 2)
    ]
    for sheet in Assignment.objects.filter(council=council).exclude(
        member__user__username="uyvien1", initiative=forwarded[0]
    ):
        _submit(sheet, criteria)
    _decide_all(council, forwarded)
    services.council_seal(council=council, by=council.people["chair"], missing_confirmed=True)
    found = selectors.seat_candidates_to_pick(council=other, query="le thi mot")
    assert [(p.username, p.load) for p in found] == [("uyvien1", 0)]


# --- seating several people at once ---------------------------------------------------------


def test_several_people_are_seated_at_once_each_with_a_role(council, newcomers, people, client_for):
    bao, hanh, khoa = newcomers["bao"], newcomers["hanh"], newcomers["khoa"]
    before = AuditEvent.objects.filter(action="council.member_add").count()
    response = client_for(people["secretary"]).post(
        reverse("appraisal:members", args=[council.pk]),
        {
            "person": [bao.pk, hanh.pk, khoa.pk],
            f"role_{bao.pk}": "member",
            f"role_{hanh.pk}": "expert",
            f"role_{khoa.pk}": "member",
        },
        follow=True,
    )
    assert response.redirect_chain[0][1] == 302
    assert _messages(response) == [
        "Đã thêm 3 người vào hội đồng: Lâm Quốc Bảo (thành viên), Trần Thị Hạnh (chuyên gia mời), "
        "Nguyễn Văn Khoa (thành viên)."
    ]
    seats = council.members.filter(user__in=[bao, hanh, khoa]).order_by("user__username")
    assert [(s.user.username, s.role) for s in seats] == [
        ("lqbao", "member"),
        ("nvkhoa", "member"),
        ("tthanh", "expert"),
    ]
    audits = AuditEvent.objects.filter(action="council.member_add").order_by("pk")[before:]
    assert [a.data for a in audits] == [
        {"user": bao.pk, "role": "member"},
        {"user": hanh.pk, "role": "expert"},
        {"user": khoa.pk, "role": "member"},
    ]


def test_seating_refuses_everyone_when_one_is_refused(council, newcomers, people, client_for):
    bao, hanh, far = newcomers["bao"], newcomers["hanh"], newcomers["far"]
    url = reverse("appraisal:members", args=[council.pk])
    client = client_for(people["secretary"])
    response = client.post(
        url, {"person": [bao.pk, hanh.pk], f"role_{hanh.pk}": "chair"}, follow=True
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "__all__": ["Trần Thị Hạnh: Hội đồng đã có chủ tịch."]
    }
    # Shown again as sent: both still ticked, the chair's role kept.
    assert [(p.username, p.role_chosen) for p in response.context["ticked"]] == [
        ("lqbao", ""),
        ("tthanh", "chair"),
    ]
    response = client.post(url, {"person": [bao.pk, far.pk]}, follow=True)
    assert response.context["form"].errors == {"person": ["Hãy chọn những người trong danh sách."]}
    response = client.post(url, {"person": [bao.pk], f"role_{bao.pk}": "president"}, follow=True)
    assert response.context["form"].errors == {"person": ["Hãy chọn một vai trò trong danh sách."]}
    assert not council.members.filter(user__in=[bao, hanh, far]).exists()


def test_seating_the_same_role_twice_in_one_batch_is_refused(council, newcomers, people):
    council.members.filter(role="chair").delete()
    with pytest.raises(ValidationError) as refused:
        services.council_members_add(
            council=council,
            seats=[(newcomers["bao"], "chair"), (newcomers["hanh"], "chair")],
            by=people["secretary"],
        )
    assert refused.value.messages == ["Trần Thị Hạnh: Hội đồng đã có chủ tịch."]
    assert not council.members.filter(role="chair").exists()


# --- assigning several sheets at once -------------------------------------------------------


def test_assigning_dossiers_by_members_refuses_conflicts_by_name_and_saves_nothing(
    council, forwarded, people, client_for
):
    client = client_for(people["secretary"])
    url = reverse("appraisal:assign", args=[council.pk])
    m1, teacher, m2 = member(council, "m1"), member(council, "teacher"), member(council, "m2")
    pair = [forwarded[0].public_id, forwarded[1].public_id]
    response = client.post(url, {"initiative": pair, "member": [m1.pk, teacher.pk]}, follow=True)
    assert _messages(response) == [
        "“Sáng kiến 1”: Đỗ Thị Giáo có xung đột lợi ích với sáng kiến này hoặc không được mời "
        "chấm sáng kiến này.",
        "“Sáng kiến 2”: Đỗ Thị Giáo có xung đột lợi ích với sáng kiến này hoặc không được mời "
        "chấm sáng kiến này.",
    ]
    assert Assignment.objects.filter(council=council).count() == 0
    before = AuditEvent.objects.filter(action="assignment.create").count()
    response = client.post(url, {"initiative": pair, "member": [m1.pk, m2.pk]}, follow=True)
    assert _messages(response) == ["Đã giao 4 phiếu chấm."]
    assert sorted(
        (a.initiative.title, a.member.user.username)
        for a in Assignment.objects.filter(council=council)
    ) == [
        ("Sáng kiến 1", "uyvien1"),
        ("Sáng kiến 1", "uyvien2"),
        ("Sáng kiến 2", "uyvien1"),
        ("Sáng kiến 2", "uyvien2"),
    ]
    assert AuditEvent.objects.filter(action="assignment.create").count() == before + 4


# --- the members page -------------------------------------------------------------------------


def test_members_page_shows_unit_fields_and_sheets_done_over_assigned(
    council, forwarded, people, criteria, movement, client_for
):
    services.assignments_auto(council=council, by=people["secretary"])
    m1 = member(council, "m1")
    m1.fields.set([movement.fields.order_by("pk").first()])
    _submit(m1.assignments.order_by("pk").first(), criteria)
    response = client_for(people["secretary"]).get(reverse("appraisal:members", args=[council.pk]))
    assert [
        (
            m.user.display_name,
            m.user.unit.name,
            [f.name for f in m.fields.all()],
            m.sheets_done,
            m.sheet_count,
            m.load,
        )
        for m in response.context["members"]
    ] == [
        ("Phạm Văn Chủ", "Ủy ban MTTQ Việt Nam xã Tân Hòa", [], 0, 2, 2),
        ("Nguyễn Văn thuky", "Ủy ban MTTQ Việt Nam xã Tân Hòa", [], 0, 0, 0),
        ("Lê Thị Một", "Ủy ban MTTQ Việt Nam xã Tân Hòa", [m1.fields.get().name], 1, 2, 1),
        ("Võ Văn Hai", "Ủy ban MTTQ Việt Nam huyện Tân Châu", [], 0, 2, 2),
        ("Đỗ Thị Giáo", "Trường THCS Tân Hòa", [], 0, 0, 0),
        ("Ngô Chuyên Gia", "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", [], 0, 0, 0),
    ]
    page = response.content.decode()
    assert "<td>1 / 2</td>" in page
    assert '<th scope="col" class="d-none d-md-table-cell">Chức danh trong hội đồng</th>' in page


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_members_page_and_picker_queries_do_not_grow_with_people_or_dossiers(
    council, forwarded, movement, tree, people, client_for
):
    client = client_for(people["secretary"])
    page = reverse("appraisal:members", args=[council.pk])
    pick = reverse("appraisal:people_pick", args=[council.pk])
    search = {"person__q": "nguyen van"}
    services.assignments_auto(council=council, by=people["secretary"])
    first = (_queries(client, page, search), _queries(client, pick, search))
    for index in range(6):
        person = make_user(
            f"them{index}", unit=tree["commune"], full_name=f"Nguyễn Văn Thêm {index}"
        )
        services.council_member_add(
            council=council, user=person, role="member", by=people["secretary"]
        )
        make_user(f"cand{index}", unit=tree["district"], full_name=f"Nguyễn Văn Ứng {index}")
        data = complete_dossier(movement, tree["school"]) | {"title": f"Thêm {index}"}
        initiative = initiative_services.initiative_create(
            by=people["author"], data=data, authors=ONE_AUTHOR
        )
        initiative_services.initiative_submit(initiative=initiative, by=people["author"])
        initiative_services.initiative_forward(initiative=initiative, by=people["clerk"])
    services.assignments_auto(council=council, by=people["secretary"])
    assert Assignment.objects.filter(council=council).count() == 18
    assert (_queries(client, page, search), _queries(client, pick, search)) == first


# --- sealing with missing sheets --------------------------------------------------------------


@pytest.fixture
def half_scored(council, forwarded, people, criteria):
    """Every sheet handed out and submitted but Lê Thị Một's on the first initiative and Võ Văn
    Hai's on the third; every initiative decided."""
    services.assignments_auto(council=council, by=people["secretary"])
    missing = {("uyvien1", forwarded[0].pk), ("uyvien2", forwarded[2].pk)}
    for sheet in Assignment.objects.filter(council=council).select_related("member__user"):
        if (sheet.member.user.username, sheet.initiative_id) not in missing:
            _submit(sheet, criteria)
    _decide_all(council, forwarded)
    return council


def test_seal_page_tells_the_chair_whose_sheets_are_missing(half_scored, client_for):
    council = half_scored
    response = client_for(council.people["chair"]).get(reverse("appraisal:seal", args=[council.pk]))
    assert [
        (s.member.user.display_name, s.initiative.title) for s in response.context["missing"]
    ] == [("Lê Thị Một", "Sáng kiến 1"), ("Võ Văn Hai", "Sáng kiến 3")]
    page = response.content.decode()
    assert "Còn thiếu 2 phiếu chấm" in page
    assert "Lê Thị Một — “Sáng kiến 1”" in page
    assert "Võ Văn Hai — “Sáng kiến 3”" in page
    assert "Tôi biết còn thiếu các phiếu chấm này và vẫn niêm phong kết quả." in page


def test_seal_with_missing_sheets_is_refused_without_the_confirmation(half_scored, client_for):
    council = half_scored
    url = reverse("appraisal:seal", args=[council.pk])
    today = timezone.localdate().isoformat()
    response = client_for(council.people["chair"]).post(url, {"meeting_date": today})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "missing_confirmed": [
            "Còn thiếu 2 phiếu chấm: hãy đánh dấu xác nhận nếu vẫn niêm phong khi thiếu phiếu."
        ]
    }
    council.refresh_from_db()
    assert council.sealed_at is None
    # Called directly (a script, a forged request), the service refuses just the same.
    with pytest.raises(ValidationError):
        services.council_seal(council=council, by=council.people["chair"])
    council.refresh_from_db()
    assert council.sealed_at is None


def test_seal_with_missing_sheets_once_confirmed(half_scored, client_for):
    council = half_scored
    response = client_for(council.people["chair"]).post(
        reverse("appraisal:seal", args=[council.pk]),
        {"meeting_date": timezone.localdate().isoformat(), "missing_confirmed": "on"},
        follow=True,
    )
    assert _messages(response) == [
        "Đã niêm phong kết quả: các sáng kiến được công nhận chính thức và không thể thay đổi."
    ]
    council.refresh_from_db()
    assert council.sealed_at is not None
    assert AuditEvent.objects.filter(action="council.seal").get().data == {"missing_sheets": 2}


def test_seal_without_missing_sheets_asks_no_confirmation(
    council, forwarded, people, criteria, client_for
):
    services.assignments_auto(council=council, by=people["secretary"])
    for sheet in Assignment.objects.filter(council=council):
        _submit(sheet, criteria)
    _decide_all(council, forwarded)
    client = client_for(council.people["chair"])
    url = reverse("appraisal:seal", args=[council.pk])
    page = client.get(url)
    assert page.context["missing"] == []
    assert "missing_confirmed" not in page.context["form"].fields
    client.post(url, {"meeting_date": datetime.date.today().isoformat()})
    council.refresh_from_db()
    assert council.sealed_at is not None


# --- a blind council stays blind --------------------------------------------------------------

HIDDEN = ["Trần Thị Hoa", "Trường THCS Tân Hòa", "Nguyễn Văn tacgia"]


def test_blind_council_members_page_and_seal_warning_name_no_author(
    half_scored, people, client_for
):
    council = half_scored
    services.council_update(council=council, by=people["secretary"], data={"blind": True})
    pages = [
        client_for(council.people["m1"]).get(reverse("appraisal:members", args=[council.pk])),
        client_for(council.people["chair"]).get(reverse("appraisal:members", args=[council.pk])),
        client_for(council.people["chair"]).get(reverse("appraisal:seal", args=[council.pk])),
    ]
    for response in pages:
        assert response.status_code == 200
        page = response.content.decode()
        assert [name for name in HIDDEN if name in page] == []
    assert CouncilMember.objects.filter(council=council).count() == 6
