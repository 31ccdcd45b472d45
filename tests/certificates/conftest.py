"""A sealed commune council that recognised two initiatives of the school (one by two authors,
one filed by a collective) and did not recognise a third; the commune committee's settings."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sangtao.accounts.models import Role
from sangtao.appraisal import services as appraisal
from sangtao.appraisal.models import Council
from sangtao.certificates import services
from sangtao.initiatives import services as initiative_services
from sangtao.movements.models import Grade, Movement

from ..appraisal.conftest import council  # noqa: F401  (a fixture)
from ..factories import complete_dossier, make_user

DECISION = {"decision_number": "15/QĐ-MTTQ", "decision_date": datetime.date(2019, 5, 20)}
MEETING = appraisal.Meeting(date=datetime.date(2019, 5, 10))


def png() -> bytes:
    """A small valid PNG (segno draws a QR code as one)."""
    import segno

    out = io.BytesIO()
    segno.make("MTTQ").save(out, kind="png", scale=2)
    return out.getvalue()


def upload(content: bytes, name: str = "image.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


@pytest.fixture
def commune_officer(tree):
    return make_user(
        "canbo_xa",
        unit=tree["commune"],
        full_name="Lý Thị Cán Bộ",
        roles=((Role.OFFICER, tree["commune"]),),
    )


@pytest.fixture
def coauthor(tree):
    return make_user("dongtacgia", unit=tree["school"], full_name="Đặng Văn Đồng")


@pytest.fixture
def recognised(council, movement, tree, people, coauthor):  # noqa: F811
    """Three initiatives forwarded to the council: two recognised, one not; then sealed."""
    dossiers = [
        (
            "Số hóa sổ điểm điện tử",
            [
                {
                    "full_name": "Nguyễn Thị Hương",
                    "unit_name": "Trường THCS Tân Hòa",
                    "share": Decimal("60"),
                    "user": people["author"],
                },
                {
                    "full_name": "Đặng Văn Đồng",
                    "unit_name": "Trường THCS Tân Hòa",
                    "share": Decimal("40"),
                },
            ],
            {},
        ),
        (
            "Vườn rau sạch học đường",
            [{"full_name": "Trần Thị Hoa", "unit_name": "Tổ Sinh học", "share": Decimal("100")}],
            {"is_collective": True, "collective_name": "Tổ Sinh học Trường THCS Tân Hòa"},
        ),
        (
            "Thư viện xanh",
            [{"full_name": "Phan Văn Sách", "share": Decimal("100")}],
            {},
        ),
    ]
    made = []
    for title, authors, extra in dossiers:
        data = complete_dossier(movement, tree["school"]) | {"title": title} | extra
        initiative = initiative_services.initiative_create(
            by=people["author"], data=data, authors=authors
        )
        # Only the filer links a row to an account, their own; the co-author's account is
        # linked to their row as an administrator does it on the admin site.
        initiative.authors.filter(full_name="Đặng Văn Đồng").update(user=coauthor)
        initiative_services.initiative_submit(initiative=initiative, by=people["author"])
        initiative_services.initiative_forward(initiative=initiative, by=people["clerk"])
        made.append(initiative)
    chair = council.people["chair"]
    excellent = Grade.objects.get(movement=movement, name="Xuất sắc")
    good = Grade.objects.get(movement=movement, name="Khá")
    appraisal.decision_record(
        council=council, initiative=made[0], outcome="recognised", grade=excellent, by=chair
    )
    appraisal.decision_record(
        council=council, initiative=made[1], outcome="recognised", grade=good, by=chair
    )
    appraisal.decision_record(
        council=council,
        initiative=made[2],
        outcome="not_recognised",
        reason="Chưa có tính mới",
        by=chair,
    )
    # The commune's Standing Board decides on the council's recommendation (the movement's
    # setting); the council met before the decision of 20/05/2019.
    Movement.objects.filter(pk=movement.pk).update(recognised_by=Movement.Recogniser.BOARD)
    Council.objects.filter(pk=council.pk).update(decision_date=datetime.date(2019, 4, 1))
    appraisal.council_seal(council=council, by=chair, meeting=MEETING)
    council.refresh_from_db()
    council.initiatives = made
    return council


@pytest.fixture
def configured(tree, commune_officer):
    return services.certificate_settings_update(
        unit=tree["commune"],
        by=commune_officer,
        data={
            "signer_title": "TM. BAN THƯỜNG TRỰC CHỦ TỊCH",
            "signer_name": "Võ Thị Ấn",
            "place": "Tân Hòa",
            "symbol": "GCN-MTTQ",
        },
        seal=upload(png(), "seal.png"),
        signature=upload(png(), "signature.png"),
    )


@pytest.fixture
def issued(recognised, configured, people):
    return services.certificate_issue_for_council(
        council=recognised, by=recognised.people["chair"], **DECISION
    )
