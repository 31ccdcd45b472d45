"""Issuing certificates (one per author and one per collective, serials per committee and
year, idempotent), the committee's settings (images checked by content) and revocation."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from sangtao.accounts.models import Role
from sangtao.appraisal import services as appraisal
from sangtao.certificates import services
from sangtao.certificates.models import Certificate, CertificateSettings
from sangtao.core.models import AuditEvent

from ..factories import make_user
from .conftest import DECISION, png, upload


def test_issue_one_per_author_and_one_for_the_collective(issued, recognised):
    rows = sorted((c.initiative_title, c.holder_kind, c.holder_name) for c in issued)
    assert rows == [  # not the initiative that was not recognised
        ("Số hóa sổ điểm điện tử", "author", "Nguyễn Thị Hương"),
        ("Số hóa sổ điểm điện tử", "author", "Đặng Văn Đồng"),
        ("Vườn rau sạch học đường", "author", "Trần Thị Hoa"),
        ("Vườn rau sạch học đường", "collective", "Tổ Sinh học Trường THCS Tân Hòa"),
    ]
    assert Certificate.objects.count() == 4
    hương = Certificate.objects.get(holder_name="Nguyễn Thị Hương")
    assert (hương.grade_name, str(hương.share), hương.authors) == (
        "Xuất sắc",
        "60.00",
        [{"name": "Nguyễn Thị Hương", "share": "60"}, {"name": "Đặng Văn Đồng", "share": "40"}],
    )
    assert (hương.decision_number, hương.decision_date, hương.signer_name, hương.place) == (
        "15/QĐ-MTTQ",
        datetime.date(2019, 5, 20),
        "Võ Thị Ấn",
        "Tân Hòa",
    )
    collective = Certificate.objects.get(holder_kind="collective")
    assert collective.holder_user == recognised.initiatives[1].created_by
    assert collective.share is None


def test_serials_follow_a_sequence_per_committee_and_year(issued, recognised, tree):
    assert sorted(c.serial for c in issued) == sorted(
        ["1/2019/GCN-MTTQ", "2/2019/GCN-MTTQ", "3/2019/GCN-MTTQ", "4/2019/GCN-MTTQ"]
    )
    assert {c.unit for c in issued} == {tree["commune"]}
    assert sorted(c.number for c in issued) == [1, 2, 3, 4]


def test_issue_is_idempotent(issued, recognised):
    again = services.certificate_issue_for_council(
        council=recognised, by=recognised.people["chair"], **DECISION
    )
    assert again == []
    assert Certificate.objects.count() == 4
    assert AuditEvent.objects.filter(action="certificates.issue").count() == 1


def test_issue_adds_only_the_missing_ones(issued, recognised, people):
    initiative = recognised.initiatives[0]
    author = initiative.authors.create(full_name="Bùi Văn Bổ Sung", share=0, order=9)
    made = services.certificate_issue_for_council(
        council=recognised, by=recognised.people["chair"], **DECISION
    )
    assert [(c.holder_name, c.serial) for c in made] == [("Bùi Văn Bổ Sung", "5/2019/GCN-MTTQ")]
    assert made[0].author == author


def test_a_new_year_starts_at_one_and_other_committees_count_apart(
    issued, recognised, tree, people, movement
):
    from sangtao.certificates.services import _allocate

    assert _allocate(tree["commune"], 2020, 3) == 1
    assert _allocate(tree["commune"], 2020, 1) == 4
    assert _allocate(tree["district"], 2019, 1) == 1
    assert _allocate(tree["commune"], 2019, 1) == 5


def test_issue_only_after_the_seal(council, configured, people):
    with pytest.raises(PermissionDenied):
        services.certificate_issue_for_council(
            council=council, by=council.people["chair"], **DECISION
        )
    assert Certificate.objects.count() == 0


def test_issue_needs_the_settings_and_a_decision_number(recognised, commune_officer):
    with pytest.raises(ValidationError) as error:
        services.certificate_issue_for_council(council=recognised, by=commune_officer, **DECISION)
    assert error.value.messages == [
        "Hãy thiết lập giấy chứng nhận của ủy ban trước (người ký, nơi ban hành, con dấu và chữ "
        "ký) trên trang thiết lập giấy chứng nhận."
    ]
    assert Certificate.objects.count() == 0


def test_issue_refuses_a_blank_decision_number(recognised, configured):
    with pytest.raises(ValidationError) as error:
        services.certificate_issue_for_council(
            council=recognised,
            by=recognised.people["chair"],
            decision_number=" ",
            decision_date=datetime.date(2019, 5, 20),
        )
    assert "decision_number" in error.value.message_dict
    assert Certificate.objects.count() == 0


@pytest.mark.parametrize("who", ["chair", "secretary", "officer", "commune_officer"])
def test_issue_allowed(recognised, configured, people, commune_officer, who):
    by = {
        "chair": recognised.people["chair"],
        "secretary": people["secretary"],
        "officer": people["officer"],
        "commune_officer": commune_officer,
    }[who]
    assert len(services.certificate_issue_for_council(council=recognised, by=by, **DECISION)) == 4


@pytest.mark.parametrize("who", ["member", "author", "outsider", "other_clerk", "leader", "clerk"])
def test_issue_refused(recognised, configured, people, who):
    by = recognised.people["m1"] if who == "member" else people[who]
    with pytest.raises(PermissionDenied):
        services.certificate_issue_for_council(council=recognised, by=by, **DECISION)
    assert Certificate.objects.count() == 0


def test_an_officer_of_another_district_may_not_issue(recognised, configured, tree):
    other = make_user("canbo_khac", roles=((Role.OFFICER, tree["other_district"]),))
    with pytest.raises(PermissionDenied):
        services.certificate_issue_for_council(council=recognised, by=other, **DECISION)


def test_withdrawn_recognitions_get_no_certificate(recognised, configured, people):
    chair = recognised.people["chair"]
    appraisal.council_reopen(council=recognised, by=chair, reason="Nhập sai điểm")
    appraisal.council_seal(council=recognised, by=chair)
    made = services.certificate_issue_for_council(council=recognised, by=chair, **DECISION)
    assert len(made) == 4
    assert all(c.recognition.withdrawn_at is None for c in made)


# --- settings -------------------------------------------------------------------------------


def test_settings_refuse_a_file_that_is_not_png(tree, commune_officer):
    with pytest.raises(ValidationError) as error:
        services.certificate_settings_update(
            unit=tree["commune"],
            by=commune_officer,
            data={"signer_title": "CHỦ TỊCH", "signer_name": "A", "place": "B", "symbol": "C"},
            seal=upload(b"GIF89a fake image", "seal.png"),
        )
    assert error.value.message_dict["seal"] == [
        "Hãy tải lên ảnh PNG (nội dung tệp không phải PNG)."
    ]
    assert not CertificateSettings.objects.exists()


def test_settings_refuse_a_broken_png(tree, commune_officer):
    broken = png()[:40]  # the PNG signature and a cut header
    with pytest.raises(ValidationError) as error:
        services.certificate_settings_update(
            unit=tree["commune"],
            by=commune_officer,
            data={"signer_title": "CHỦ TỊCH", "signer_name": "A", "place": "B", "symbol": "C"},
            signature=upload(broken, "signature.png"),
        )
    assert "signature" in error.value.message_dict
    assert not CertificateSettings.objects.exists()


def test_settings_need_an_officer_over_the_unit(tree, people, commune_officer):
    data = {"signer_title": "CHỦ TỊCH", "signer_name": "A", "place": "B", "symbol": "GCN"}
    for user in (people["author"], people["clerk"], people["other_clerk"], people["leader"]):
        with pytest.raises(PermissionDenied):
            services.certificate_settings_update(unit=tree["commune"], by=user, data=data)
    services.certificate_settings_update(unit=tree["commune"], by=people["officer"], data=data)
    record = services.certificate_settings_update(
        unit=tree["commune"], by=commune_officer, data=data | {"signer_name": "Võ Thị Ấn"}
    )
    assert record.signer_name == "Võ Thị Ấn"
    assert AuditEvent.objects.filter(action="certificates.settings_update").count() == 2


def test_settings_keep_the_images_when_none_is_uploaded(configured, tree, commune_officer):
    seal = configured.seal.name
    record = services.certificate_settings_update(
        unit=tree["commune"], by=commune_officer, data={"place": "Tây Ninh"}
    )
    assert (record.seal.name, record.place) == (seal, "Tây Ninh")
    assert record.seal.read() == png()


# --- revocation -----------------------------------------------------------------------------


def test_revoke_needs_a_reason_and_is_audited(issued, commune_officer):
    certificate = issued[0]
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, by=commune_officer, reason="  ")
    certificate.refresh_from_db()
    assert certificate.revoked_at is None
    services.certificate_revoke(
        certificate=certificate, by=commune_officer, reason="Trùng với sáng kiến đã công nhận"
    )
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Trùng với sáng kiến đã công nhận"
    event = AuditEvent.objects.get(action="certificates.revoke")
    assert (event.target_id, event.reason, event.actor) == (
        str(certificate.pk),
        "Trùng với sáng kiến đã công nhận",
        commune_officer,
    )


@pytest.mark.parametrize("who", ["chair", "author", "clerk", "leader", "other_clerk"])
def test_revoke_refused(issued, recognised, people, who):
    by = recognised.people["chair"] if who == "chair" else people[who]
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(certificate=issued[0], by=by, reason="Lý do")
    issued[0].refresh_from_db()
    assert issued[0].revoked_at is None


# --- concurrency ----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_serials_stay_unique_when_issued_at_once(reference_data, tree):
    """Eight threads, each in its own transaction, take numbers of the same committee-year."""
    from django.db import transaction

    from sangtao.certificates.services import _allocate

    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        "file:memorydb"
    ):
        pytest.skip("threads need a database file on SQLite")
    taken: list[int] = []
    errors: list[BaseException] = []

    def take() -> None:
        try:
            for _ in range(5):
                with transaction.atomic():
                    first = _allocate(tree["commune"], 2019, 2)
                    taken.extend([first, first + 1])
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(taken) == list(range(1, 81))
