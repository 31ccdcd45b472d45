"""One person, many author rows: a co-author asks to be linked to the row naming them; the
filer or the unit's clerk confirms or refuses."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sangtao.core.models import AuditEvent, Notification
from sangtao.initiatives import selectors, services
from sangtao.initiatives.models import AuthorClaim, InitiativeAuthor

from ..factories import complete_dossier, make_user

AUTHORS = [
    {"full_name": "Trần Thị Hoa", "unit_name": "Trường THCS Tân Hòa", "share": Decimal("60")},
    {"full_name": "Đặng Văn Bình", "unit_name": "Trường THCS Tân Hòa", "share": Decimal("40")},
]


def _dossier(movement, tree, people, title="Bảng điểm điện tử", *, submit=True):
    data = complete_dossier(movement, tree["school"]) | {"title": title}
    initiative = services.initiative_create(by=people["author"], data=data, authors=AUTHORS)
    if submit:
        services.initiative_submit(initiative=initiative, by=people["author"])
    return initiative


@pytest.fixture
def binh(tree):
    """Registered with his name typed without tones."""
    return make_user("binh", unit=tree["other_school"], full_name="dang van binh")


@pytest.fixture
def dossier(movement, tree, people):
    return _dossier(movement, tree, people)


def _row(initiative, name="Đặng Văn Bình") -> InitiativeAuthor:
    return initiative.authors.get(full_name=name)


def test_author_rows_naming_finds_the_row_without_tones_past_the_draft(
    dossier, movement, tree, people, binh
):
    _dossier(movement, tree, people, "Bản nháp", submit=False)
    rows = selectors.author_rows_naming(user=binh)
    assert [(row.initiative.title, row.full_name, row.asked) for row in rows] == [
        ("Bảng điểm điện tử", "Đặng Văn Bình", False)
    ]


def test_author_claim_create_tells_the_filer_and_the_clerk_and_is_audited(dossier, people, binh):
    before = Notification.objects.count()
    claim = services.author_claim_create(author=_row(dossier), by=binh)
    assert (claim.state, claim.user, claim.author.full_name) == ("pending", binh, "Đặng Văn Bình")
    told = Notification.objects.order_by("pk")[before:]
    assert {(n.recipient.username, n.message) for n in told} == {
        (
            name,
            "dang van binh đề nghị được liên kết với tác giả “Đặng Văn Bình” của hồ sơ "
            "“Bảng điểm điện tử”.",
        )
        for name in ("tacgia", "vanthu")
    }
    event = AuditEvent.objects.get(action="author.claim")
    assert (event.actor, event.target_id, event.data["author"]) == (
        binh,
        str(dossier.pk),
        _row(dossier).pk,
    )
    assert [row.asked for row in selectors.author_rows_naming(user=binh)] == [True]


def test_author_claim_create_refuses_a_row_naming_someone_else(dossier, binh):
    with pytest.raises(PermissionDenied):
        services.author_claim_create(author=_row(dossier, "Trần Thị Hoa"), by=binh)
    assert not AuthorClaim.objects.exists()


def test_author_claim_create_refuses_asking_twice(dossier, binh):
    services.author_claim_create(author=_row(dossier), by=binh)
    with pytest.raises(ValidationError):
        services.author_claim_create(author=_row(dossier), by=binh)
    assert AuthorClaim.objects.count() == 1


def test_author_claim_decide_links_the_row_and_the_dossier_becomes_theirs(
    dossier, people, binh, client_for
):
    claim = services.author_claim_create(author=_row(dossier), by=binh)
    services.author_claim_decide(claim=claim, accept=True, by=people["author"])
    assert _row(dossier).user == binh
    claim.refresh_from_db()
    assert (claim.state, claim.decided_by) == ("accepted", people["author"])
    assert binh.has_perm("initiatives.view_initiative", dossier)
    page = client_for(binh).get(reverse("initiatives:mine")).content.decode()
    assert "Bảng điểm điện tử" in page
    assert Notification.objects.filter(recipient=binh).latest("pk").message == (
        "Bạn đã được liên kết với tác giả “Đặng Văn Bình” của hồ sơ “Bảng điểm điện tử”."
    )
    assert (
        AuditEvent.objects.filter(action="author.claim_accept", actor=people["author"]).count() == 1
    )
    assert selectors.author_rows_naming(user=binh) == []


def test_author_claim_decide_refusing_needs_a_reason_and_saves_nothing_without(
    dossier, people, binh
):
    claim = services.author_claim_create(author=_row(dossier), by=binh)
    with pytest.raises(ValidationError):
        services.author_claim_decide(claim=claim, accept=False, by=people["clerk"])
    claim.refresh_from_db()
    assert claim.state == "pending"
    services.author_claim_decide(
        claim=claim, accept=False, by=people["clerk"], reason="Không có tên trong biên bản"
    )
    claim.refresh_from_db()
    assert (claim.state, claim.reason, _row(dossier).user) == (
        "refused",
        "Không có tên trong biên bản",
        None,
    )


def test_author_claim_decide_refuses_a_clerk_of_another_unit(dossier, people, binh):
    claim = services.author_claim_create(author=_row(dossier), by=binh)
    with pytest.raises(PermissionDenied):
        services.author_claim_decide(claim=claim, accept=True, by=people["other_clerk"])
    assert _row(dossier).user is None


def test_author_claim_decide_refuses_the_others_once_the_row_is_linked(dossier, people, binh, tree):
    namesake = make_user("binh2", unit=tree["school"], full_name="Đặng Văn Bình")
    first = services.author_claim_create(author=_row(dossier), by=binh)
    second = services.author_claim_create(author=_row(dossier), by=namesake)
    services.author_claim_decide(claim=second, accept=True, by=people["author"])
    first.refresh_from_db()
    assert (first.state, first.reason) == (
        "refused",
        "Một người khác đã được liên kết với dòng này.",
    )
    with pytest.raises(ValidationError):
        services.author_claim_decide(claim=first, accept=True, by=people["author"])
    assert _row(dossier).user == namesake


# --- pages --------------------------------------------------------------------------------------


def test_author_rows_page_asks_to_be_linked(dossier, binh, client_for):
    client = client_for(binh)
    page = client.get(reverse("initiatives:author_rows")).content.decode()
    assert "Bảng điểm điện tử" in page and "Đây là tôi: đề nghị liên kết" in page
    response = client.post(reverse("initiatives:author_rows"), {"author": _row(dossier).pk})
    assert response.status_code == 302
    assert AuthorClaim.objects.get().user == binh
    page = client.get(reverse("initiatives:author_rows")).content.decode()
    assert "Đã gửi đề nghị, đang chờ trả lời" in page


def test_author_rows_page_refuses_a_forged_row_in_vietnamese(dossier, binh, client_for):
    client = client_for(binh)
    response = client.post(
        reverse("initiatives:author_rows"),
        {"author": _row(dossier, "Trần Thị Hoa").pk},
        follow=True,
    )
    assert "Bạn chỉ có thể đề nghị liên kết với dòng tác giả mang đúng họ tên của bạn" in (
        response.content.decode()
    )
    junk = client.post(reverse("initiatives:author_rows"), {"author": "x"}, follow=True)
    assert "Hãy chọn một trong các dòng tác giả được liệt kê." in junk.content.decode()
    assert not AuthorClaim.objects.exists()


def test_author_claims_page_lets_the_filer_confirm(dossier, people, binh, client_for):
    claim = services.author_claim_create(author=_row(dossier), by=binh)
    client = client_for(people["author"])
    url = reverse("initiatives:author_claims", args=[dossier.public_id])
    page = client.get(url).content.decode()
    assert "dang van binh đề nghị được xác nhận là “Đặng Văn Bình”" in page
    response = client.post(url, {"claim": claim.pk, "decision": "accept"})
    assert response.status_code == 302
    assert _row(dossier).user == binh


def test_author_claims_page_refusal_without_reason_saves_nothing(dossier, people, binh, client_for):
    claim = services.author_claim_create(author=_row(dossier), by=binh)
    url = reverse("initiatives:author_claims", args=[dossier.public_id])
    response = client_for(people["clerk"]).post(
        url, {"claim": claim.pk, "decision": "refuse"}, follow=True
    )
    assert "Hãy nêu lý do từ chối đề nghị." in response.content.decode()
    claim.refresh_from_db()
    assert claim.state == "pending"


def test_author_claims_page_refuses_a_claim_of_another_dossier(
    dossier, movement, tree, people, binh, client_for
):
    other = _dossier(movement, tree, people, "Hồ sơ khác")
    claim = services.author_claim_create(author=_row(other), by=binh)
    url = reverse("initiatives:author_claims", args=[dossier.public_id])
    response = client_for(people["author"]).post(
        url, {"claim": claim.pk, "decision": "accept"}, follow=True
    )
    assert "Hãy chọn một đề nghị trong danh sách và một câu trả lời." in response.content.decode()
    assert _row(other).user is None


def test_author_claims_page_is_hidden_from_the_claimant_and_outsiders(
    dossier, people, binh, client_for
):
    services.author_claim_create(author=_row(dossier), by=binh)
    url = reverse("initiatives:author_claims", args=[dossier.public_id])
    assert client_for(binh).get(url).status_code == 404
    assert client_for(people["other_clerk"]).get(url).status_code == 404
    assert client_for(people["leader"]).get(url).status_code == 403


def test_linked_coauthor_sees_the_certificate_and_the_recognition_as_theirs(
    dossier, movement, tree, people, binh
):
    import datetime

    from sangtao.appraisal.models import Council, Recognition
    from sangtao.certificates.models import Certificate
    from sangtao.certificates.selectors import certificates_mine
    from sangtao.honours.selectors import register_recognitions

    council = Council.objects.create(
        round=movement.rounds.first(), unit=tree["commune"], name="Hội đồng xã"
    )
    recognition = Recognition.objects.create(
        initiative=dossier, council=council, unit=tree["commune"], grade=movement.grades.first()
    )
    certificate = Certificate.objects.create(
        unit=tree["commune"],
        year=2019,
        number=2,
        serial="2/2019/GCN-MTTQ",
        council=council,
        recognition=recognition,
        initiative=dossier,
        holder_kind=Certificate.Holder.AUTHOR,
        holder_key=f"author:{_row(dossier).pk}",
        author=_row(dossier),
        holder_name="Đặng Văn Bình",
        initiative_title=dossier.title,
        grade_name="Khá",
        issuer_name=tree["commune"].name,
        decision_number="15/QĐ-MTTQ",
        decision_date=datetime.date(2019, 5, 20),
        place="Tân Hòa",
        signer_title="CHỦ TỊCH",
        signer_name="Võ Thị Ấn",
        issued_on=datetime.date(2019, 5, 20),
        issued_by=people["officer"],
    )
    assert list(certificates_mine(user=binh)) == []
    assert list(register_recognitions(user=binh)) == []
    claim = services.author_claim_create(author=_row(dossier), by=binh)
    services.author_claim_decide(claim=claim, accept=True, by=people["clerk"])
    assert list(certificates_mine(user=binh)) == [certificate]
    assert list(register_recognitions(user=binh)) == [recognition]


def test_editing_a_returned_dossiers_authors_keeps_the_rows_their_claims_and_links(
    movement, tree, people, binh
):
    three = AUTHORS[:1] + [
        {"full_name": "Đặng Văn Bình", "unit_name": "Trường THCS Tân Hòa", "share": Decimal("20")},
        {"full_name": "Lê Văn Cường", "unit_name": "Trường THCS Tân Hòa", "share": Decimal("20")},
    ]
    data = complete_dossier(movement, tree["school"]) | {"title": "Sổ điểm số"}
    dossier = services.initiative_create(by=people["author"], data=data, authors=three)
    services.initiative_submit(initiative=dossier, by=people["author"])
    cuong = make_user("cuong", unit=tree["school"], full_name="Lê Văn Cường")
    linked = services.author_claim_create(author=_row(dossier, "Lê Văn Cường"), by=cuong)
    services.author_claim_decide(claim=linked, accept=True, by=people["author"])
    pending = services.author_claim_create(author=_row(dossier), by=binh)
    ids = {row.full_name: row.pk for row in dossier.authors.all()}
    services.initiative_return(initiative=dossier, by=people["clerk"], reason="Bổ sung tác giả")

    services.initiative_update(
        initiative=dossier,
        by=people["author"],
        data={},
        authors=[
            {"full_name": "Trần Thị Hòa", "unit_name": "Tổ Toán", "share": Decimal("50")},
            {"full_name": "Lê Văn Cường", "user": cuong, "share": Decimal("20")},
            {"full_name": "Đặng Văn Bình", "share": Decimal("20")},
            {"full_name": "Phạm Văn Dũng", "share": Decimal("10")},
        ],
    )

    rows = list(dossier.authors.order_by("order"))
    assert [(r.order, r.full_name, r.user, r.share) for r in rows] == [
        (0, "Trần Thị Hòa", None, Decimal("50.00")),
        (1, "Lê Văn Cường", cuong, Decimal("20.00")),
        (2, "Đặng Văn Bình", None, Decimal("20.00")),
        (3, "Phạm Văn Dũng", None, Decimal("10.00")),
    ]
    assert [r.pk for r in rows[:3]] == [
        ids["Trần Thị Hoa"],
        ids["Lê Văn Cường"],
        ids["Đặng Văn Bình"],
    ]
    assert rows[0].unit_name == "Tổ Toán"
    pending.refresh_from_db()
    assert (pending.author_id, pending.state) == (ids["Đặng Văn Bình"], "pending")
    assert [row.asked for row in selectors.author_rows_naming(user=binh)] == [True]
    assert AuthorClaim.objects.get(user=cuong).state == "accepted"


def test_editing_authors_drops_the_claim_of_a_removed_row_only(dossier, people, binh):
    claim = services.author_claim_create(author=_row(dossier), by=binh)
    services.initiative_return(initiative=dossier, by=people["clerk"], reason="Sửa tác giả")
    services.initiative_update(
        initiative=dossier,
        by=people["author"],
        data={},
        authors=[{"full_name": "Trần Thị Hoa", "share": Decimal("100")}],
    )
    assert [row.full_name for row in dossier.authors.all()] == ["Trần Thị Hoa"]
    assert not AuthorClaim.objects.filter(pk=claim.pk).exists()
