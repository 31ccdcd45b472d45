"""The honours decision is the Standing Board's: its committee's printed name over the board,
the committee's number code for honours, and a signer whose position that day says "TM." or
"KT." (issue 14, item 4)."""

import datetime
import io

import pytest

from sangtao.honours import documents, services
from sangtao.honours.models import HonoursRound
from sangtao.orgs.services import position_add

from .conftest import confirm_all

pytestmark = pytest.mark.django_db


def _docx(round) -> tuple[str, str, str]:
    """(letterhead's issuer column, its date column, signature) of the decision's DOCX."""
    import docx

    content = documents.decision_paper(round=round, extension="docx")[0]
    document = docx.Document(io.BytesIO(content))
    head = document.tables[0]

    def column(index):
        return " ".join(" ".join(row.cells[index].text.split()) for row in head.rows)

    signature = " ".join(document.tables[-2].rows[0].cells[1].text.split())
    return column(0), column(1), signature


def test_decision_typed_chair_signs_for_the_board_with_the_boards_code(decided):
    left, right, signature = _docx(decided)
    assert left == "ỦY BAN MTTQ VIỆT NAM TỈNH TÂY NINH BAN THƯỜNG TRỰC Số: 15/QĐ-MTTQ-BTT"
    assert right.endswith("Tây Ninh, ngày 20 tháng 01 năm 2019")
    assert signature == "TM. BAN THƯỜNG TRỰC CHỦ TỊCH Nguyễn Thị Thanh Hương"


def test_decision_without_a_name_is_signed_by_the_position_held_that_day(
    honours_round, people, tree
):
    for name, rank, title, starts_on, ends_on in (
        (
            "Trương Văn Cũ",
            "head",
            "Chủ tịch",
            datetime.date(2014, 1, 1),
            datetime.date(2018, 12, 31),
        ),
        ("Lý Thị Phó", "deputy", "Phó Chủ tịch", datetime.date(2016, 1, 1), None),
    ):
        position_add(
            unit=tree["province"],
            by=None,
            full_name=name,
            rank=rank,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
        )
    confirm_all(honours_round, people["officer"])
    # On 20/01/2019 the chair's term has ended: the vice-chair signs in the chair's place.
    decided = services.honours_decide(
        round=honours_round,
        number="16",
        date=datetime.date(2019, 1, 20),
        signer_title="",
        signer_name="",
        by=people["officer"],
    )
    assert (decided.signer_capacity, decided.signer_title, decided.signer_name) == (
        "KT. Chủ tịch",
        "Phó Chủ tịch",
        "Lý Thị Phó",
    )
    assert _docx(decided)[2] == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lý Thị Phó"


def test_decision_of_before_the_migration_prints_as_it_did(decided):
    HonoursRound.objects.filter(pk=decided.pk).update(
        decision_code="QĐ-MTTQ", signer_capacity="TM. Ban Thường trực"
    )
    decided.refresh_from_db()
    left, _right, signature = _docx(decided)
    assert left.endswith("Số: 15/QĐ-MTTQ")
    assert signature == "TM. BAN THƯỜNG TRỰC CHỦ TỊCH Nguyễn Thị Thanh Hương"
