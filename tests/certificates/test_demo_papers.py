"""The demo's papers of 2019 agree: the council's minutes, the Standing Board's recognition
decision and the certificates cite one decision by its number and date, and every paper is
signed by whoever held the position that day (issue 14, items 2 and 4)."""

import io

import docx
import openpyxl
import pytest
from django.core.management import call_command
from pypdf import PdfReader

from sangtao.appraisal import documents
from sangtao.appraisal.models import Council, CouncilMember, RecognitionDecision
from sangtao.certificates import documents as certificate_documents
from sangtao.certificates.models import Certificate
from sangtao.dashboard.spreadsheets import recognised_workbook
from sangtao.honours import documents as honours_documents
from sangtao.honours.models import HonoursRound
from sangtao.initiatives.models import InitiativeAuthor

pytestmark = pytest.mark.django_db


def _words(text: str) -> str:
    return " ".join(text.split())


def _docx(content: bytes) -> tuple[str, str, str]:
    """(letterhead's left column, right column, signature) of a DOCX paper."""
    document = docx.Document(io.BytesIO(content))
    head = document.tables[0]
    left = " ".join(_words(row.cells[0].text) for row in head.rows)
    right = " ".join(_words(row.cells[1].text) for row in head.rows)
    return left, right, _words(document.tables[-2].rows[0].cells[1].text)


def test_demo_papers_of_2019_cite_one_decision_signed_by_the_holder_of_that_day():
    call_command("demo_data", stdout=io.StringIO())
    council = Council.objects.get(round__year=2019, sealed_at__isnull=False)
    decision = RecognitionDecision.objects.get(council=council)
    assert (decision.full_number, decision.date.isoformat(), decision.signer_name) == (
        "42/QĐ-MTTQ-BTT",
        "2019-11-20",
        "Nguyễn Thành Tâm",
    )
    secretary = council.members.get(role=CouncilMember.Role.SECRETARY).user

    left, right, signature = _docx(
        documents.council_paper(council=council, user=secretary, name="decision", extension="docx")[
            0
        ]
    )
    assert left == "ỦY BAN MTTQ VIỆT NAM TỈNH TÂY NINH BAN THƯỜNG TRỰC Số: 42/QĐ-MTTQ-BTT"
    assert right.endswith("Tây Ninh, ngày 20 tháng 11 năm 2019")
    assert signature == "TM. BAN THƯỜNG TRỰC CHỦ TỊCH Nguyễn Thành Tâm"

    minutes = _words(
        " ".join(
            page.extract_text()
            for page in PdfReader(
                io.BytesIO(
                    documents.council_paper(
                        council=council, user=secretary, name="minutes", extension="pdf"
                    )[0]
                )
            ).pages
        )
    )
    assert "Số: 03/BB-HĐTĐ Tây Ninh, ngày 12 tháng 11 năm 2019" in minutes
    assert "Quyết định số 42/QĐ-MTTQ-BTT ngày 20/11/2019 của Ban Thường trực" in minutes

    certificates = Certificate.objects.filter(council=council)
    assert certificates.count() == 2
    assert set(certificates.values_list("decision_number", "decision_date", "signer_name")) == {
        ("42/QĐ-MTTQ-BTT", decision.date, "Nguyễn Thành Tâm")
    }
    text = _words(
        PdfReader(
            io.BytesIO(certificate_documents.certificate_pdf(certificate=certificates.first()))
        )
        .pages[0]
        .extract_text()
    )
    for expected in (
        "ỦY BAN MTTQ VIỆT NAM TỈNH TÂY NINH BAN THƯỜNG TRỰC",
        "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Tây Ninh chứng nhận",
        "Đã được công nhận theo Quyết định số 42/QĐ-MTTQ-BTT ngày 20/11/2019.",
        "Tây Ninh, ngày 20 tháng 11 năm 2019 TM. BAN THƯỜNG TRỰC CHỦ TỊCH Nguyễn Thành Tâm",
    ):
        assert expected in text, expected

    workbook = openpyxl.load_workbook(
        io.BytesIO(recognised_workbook(unit=council.unit, year=2019)[0]), read_only=True
    )
    rows = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    header = next(row for row in rows if "Số quyết định công nhận" in row)
    row = rows[rows.index(header) + 1]
    number_at = header.index("Số quyết định công nhận")
    assert row[number_at] == "42/QĐ-MTTQ-BTT"
    assert row[number_at + 1].date().isoformat() == "2019-11-20"

    honours = HonoursRound.objects.get(year=2019)
    left, right, signature = _docx(
        honours_documents.decision_paper(round=honours, extension="docx")[0]
    )
    assert left == "ỦY BAN MTTQ VIỆT NAM TỈNH TÂY NINH BAN THƯỜNG TRỰC Số: 58/QĐ-MTTQ-BTT"
    assert right.endswith("Tây Ninh, ngày 20 tháng 12 năm 2019")
    # The vice-chair signs in the chair's place; he chairs the council but authored nothing.
    assert signature == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Đoàn Văn Trung"
    assert not InitiativeAuthor.objects.filter(
        initiative__certificates__council=council, full_name="Đoàn Văn Trung"
    ).exists()
