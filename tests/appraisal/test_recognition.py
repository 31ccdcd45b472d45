"""One recognition decision, issued by the body the movement names, cited alike by the
decision paper, the minutes and the certificates (issue 14, items 2 and 4)."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from sangtao.appraisal import documents, recognition
from sangtao.appraisal import services as appraisal
from sangtao.appraisal.models import RecognitionDecision
from sangtao.movements.models import Movement
from sangtao.orgs import issuers
from sangtao.orgs.services import committee_papers_update, position_add

from ..formats.office import needs_soffice, soffice_pdf
from .test_documents import _secretary, docx_text, pdf_text

pytestmark = pytest.mark.django_db

MET_ON = datetime.date(2018, 11, 12)
SIGNED_ON = datetime.date(2018, 11, 20)


@pytest.fixture
def sealed(decided):
    appraisal.council_seal(
        council=decided, by=decided.people["chair"], meeting=appraisal.Meeting(date=MET_ON)
    )
    return decided


@pytest.fixture
def board_decides(sealed, movement, tree):
    """The movement has the Standing Board decide; the commune's chair and vice-chair."""
    Movement.objects.filter(pk=movement.pk).update(recognised_by=Movement.Recogniser.BOARD)
    for name, rank, title in (
        ("Huỳnh Văn Chánh", "head", "Chủ tịch"),
        ("Mai Thị Phó", "deputy", "Phó Chủ tịch"),
    ):
        position_add(
            unit=tree["commune"],
            by=None,
            full_name=name,
            rank=rank,
            title=title,
            starts_on=datetime.date(2016, 7, 1),
        )
    return sealed


def _decision_docx(council):
    content = documents.council_paper(
        council=council, user=_secretary(council), name="decision", extension="docx"
    )[0]
    return content, docx_text(content)


def _head(document) -> tuple[str, str]:
    """(issuer column, motto column) of the letterhead table, as one line each."""
    table = document.tables[0]
    left = " ".join(" ".join(row.cells[0].text.split()) for row in table.rows)
    right = " ".join(" ".join(row.cells[1].text.split()) for row in table.rows)
    return left, right


def _signature(document) -> str:
    return " ".join(document.tables[-2].rows[0].cells[1].text.split())


def test_council_recognises_by_default_and_signs_as_the_council(sealed, people):
    decision = recognition.recognition_decision_record(
        council=sealed, number="7", date=SIGNED_ON, by=people["secretary"]
    )
    assert (decision.issuer, decision.full_number, decision.signer_name) == (
        "council",
        "7/QĐ-HĐTĐ",
        "Phạm Văn Chủ",
    )
    _content, (document, text) = _decision_docx(sealed)
    left, right = _head(document)
    assert left == (
        "ỦY BAN MTTQ VIỆT NAM XÃ TÂN HÒA HỘI ĐỒNG THẨM ĐỊNH XÃ TÂN HÒA NĂM 2018 Số: 7/QĐ-HĐTĐ"
    )
    assert right.endswith("Tân Hòa, ngày 20 tháng 11 năm 2018")
    assert _signature(document) == "TM. HỘI ĐỒNG CHỦ TỊCH Phạm Văn Chủ"
    assert (
        "(Kèm theo Quyết định số 7/QĐ-HĐTĐ ngày 20 tháng 11 năm 2018 của Hội đồng thẩm định xã "
        "Tân Hòa năm 2018)" in text
    )


def test_board_decides_under_its_own_header_signed_by_the_chair_of_that_day(board_decides, people):
    recognition.recognition_decision_record(
        council=board_decides, number="42", date=SIGNED_ON, by=people["secretary"]
    )
    _content, (document, text) = _decision_docx(board_decides)
    left, right = _head(document)
    assert left == "ỦY BAN MTTQ VIỆT NAM XÃ TÂN HÒA BAN THƯỜNG TRỰC Số: 42/QĐ-MTTQ-BTT"
    assert right.endswith("Tân Hòa, ngày 20 tháng 11 năm 2018")
    assert _signature(document) == "TM. BAN THƯỜNG TRỰC CHỦ TỊCH Huỳnh Văn Chánh"
    assert (
        "Xét đề nghị của Hội đồng thẩm định xã Tân Hòa năm 2018 tại Biên bản họp ngày "
        "12/11/2018;" in text
    )
    minutes = pdf_text(
        documents.council_paper(
            council=board_decides, user=_secretary(board_decides), name="minutes", extension="pdf"
        )[0]
    )
    assert "Số: /BB-HĐTĐ Tân Hòa, ngày 12 tháng 11 năm 2018" in minutes
    assert (
        "Các sáng kiến được công nhận theo Quyết định số 42/QĐ-MTTQ-BTT ngày 20/11/2018 của "
        "Ban Thường trực Ủy ban MTTQ Việt Nam xã Tân Hòa." in minutes
    )


def test_board_deputy_named_signs_kt_chu_tich(board_decides, people):
    decision = recognition.recognition_decision_record(
        council=board_decides,
        number="42",
        date=SIGNED_ON,
        by=people["secretary"],
        signer_name="Mai Thị Phó",
    )
    with translation.override("vi"):
        _content, (document, _text) = _decision_docx(board_decides)
    assert (decision.signer_capacity, decision.signer_title) == ("KT. Chủ tịch", "Phó Chủ tịch")
    assert _signature(document) == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Mai Thị Phó"


def test_board_committee_codes_and_printed_name_are_its_own(board_decides, people, tree):
    committee_papers_update(
        unit=tree["commune"],
        by=None,
        printed_name="UBMTTQ Việt Nam xã Tân Hòa",
        codes={issuers.RECOGNITION_BOARD: "QĐ-BTT", issuers.MINUTES: "BB-HĐ"},
    )
    recognition.recognition_decision_record(
        council=board_decides, number="3", date=SIGNED_ON, by=people["secretary"]
    )
    _content, (document, _text) = _decision_docx(board_decides)
    assert _head(document)[0] == "UBMTTQ VIỆT NAM XÃ TÂN HÒA BAN THƯỜNG TRỰC Số: 3/QĐ-BTT"
    minutes = documents.council_paper(
        council=board_decides, user=_secretary(board_decides), name="minutes", extension="docx"
    )[0]
    assert "Số: /BB-HĐ" in docx_text(minutes)[1]


def test_board_without_a_position_that_day_refuses_in_vietnamese(sealed, movement, people):
    Movement.objects.filter(pk=movement.pk).update(recognised_by=Movement.Recogniser.BOARD)
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        recognition.recognition_decision_record(
            council=sealed, number="42", date=SIGNED_ON, by=people["secretary"]
        )
    assert error.value.messages == [
        "Ngày 20/11/2018 ủy ban không có Chủ tịch hay Phó Chủ tịch nào: hãy ghi chức vụ của "
        "lãnh đạo ủy ban trước."
    ]
    assert not RecognitionDecision.objects.exists()


def test_decision_is_recorded_once_and_another_number_is_refused(sealed, people):
    first = recognition.recognition_decision_record(
        council=sealed, number="7", date=SIGNED_ON, by=people["secretary"]
    )
    again = recognition.recognition_decision_record(
        council=sealed, number="7/QĐ-HĐTĐ", date=SIGNED_ON, by=people["secretary"]
    )
    assert again.pk == first.pk
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        recognition.recognition_decision_record(
            council=sealed, number="8", date=SIGNED_ON, by=people["secretary"]
        )
    assert error.value.message_dict == {
        "decision_number": [
            "Quyết định công nhận của hội đồng là Quyết định số 7/QĐ-HĐTĐ ngày 20/11/2018."
        ]
    }


def test_decision_before_the_meeting_is_refused(sealed, people):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        recognition.recognition_decision_record(
            council=sealed,
            number="7",
            date=MET_ON - datetime.timedelta(days=1),
            by=people["secretary"],
        )
    assert error.value.message_dict == {
        "decision_date": ["Quyết định không thể ký trước ngày họp hội đồng."]
    }
    assert not RecognitionDecision.objects.exists()


def test_decision_by_a_plain_member_is_refused(sealed):
    with pytest.raises(PermissionDenied):
        recognition.recognition_decision_record(
            council=sealed, number="7", date=SIGNED_ON, by=sealed.people["m1"]
        )


@needs_soffice
def test_libreoffice_reads_the_boards_decision_as_written(board_decides, people, tmp_path):
    import pypdf

    recognition.recognition_decision_record(
        council=board_decides, number="42", date=SIGNED_ON, by=people["secretary"]
    )
    content, _parsed = _decision_docx(board_decides)
    source = tmp_path / "quyet-dinh.docx"
    source.write_bytes(content)
    reader = pypdf.PdfReader(io.BytesIO(soffice_pdf(source, tmp_path).read_bytes()))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for expected in (
        "BAN THƯỜNG TRỰC",
        "Số: 42/QĐ-MTTQ-BTT",
        "ngày 20 tháng 11 năm 2018",
        "TM. BAN THƯỜNG TRỰC",
        "Huỳnh Văn Chánh",
    ):
        assert expected in text
