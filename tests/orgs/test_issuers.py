"""Who issues, numbers and signs a committee's papers: printed names, codes and positions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from sangtao.orgs import issuers
from sangtao.orgs.models import Position
from sangtao.orgs.services import committee_papers_update, position_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(tree):
    """The province's chair until 30/09/2019, the next from 01/10/2019, a vice-chair all along."""
    province = tree["province"]
    for name, rank, title, starts_on, ends_on in (
        (
            "Nguyễn Văn Cũ",
            "head",
            "Chủ tịch",
            datetime.date(2015, 1, 1),
            datetime.date(2019, 9, 30),
        ),
        ("Trần Thị Mới", "head", "Chủ tịch", datetime.date(2019, 10, 1), None),
        ("Lê Văn Phó", "deputy", "Phó Chủ tịch", datetime.date(2016, 1, 1), None),
    ):
        position_add(
            unit=province,
            by=None,
            full_name=name,
            rank=rank,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
        )
    return province


def _signed(unit, on, **options):
    with translation.override("vi"):
        signer = issuers.board_signer(unit, on, **options)
    return (signer.capacity, signer.title, signer.name) if signer else None


def test_board_signer_is_the_chair_in_office_on_the_papers_date(board):
    assert _signed(board, datetime.date(2019, 9, 30)) == (
        "TM. Ban Thường trực",
        "Chủ tịch",
        "Nguyễn Văn Cũ",
    )
    assert _signed(board, datetime.date(2019, 10, 1)) == (
        "TM. Ban Thường trực",
        "Chủ tịch",
        "Trần Thị Mới",
    )


def test_board_signer_named_deputy_signs_for_the_chair(board):
    assert _signed(board, datetime.date(2019, 11, 20), name="Lê Văn Phó") == (
        "KT. Chủ tịch",
        "Phó Chủ tịch",
        "Lê Văn Phó",
    )


def test_board_signer_without_a_chair_that_day_is_the_deputy(tree):
    position_add(
        unit=tree["district"],
        by=None,
        full_name="Võ Văn Phó",
        rank="deputy",
        title="Phó Chủ tịch Thường trực",
        starts_on=datetime.date(2018, 1, 1),
    )
    assert _signed(tree["district"], datetime.date(2019, 5, 5)) == (
        "KT. Chủ tịch",
        "Phó Chủ tịch Thường trực",
        "Võ Văn Phó",
    )


def test_board_signer_before_any_position_is_none(board):
    assert _signed(board, datetime.date(2014, 12, 31)) is None


def test_papers_default_to_the_units_name_and_the_default_codes(tree):
    papers = issuers.papers_of(tree["commune"])
    assert (papers.printed_name, papers.board_name) == (
        "Ủy ban MTTQ Việt Nam xã Tân Hòa",
        "Ban Thường trực",
    )
    assert [papers.code(kind) for kind in issuers.DEFAULT_CODES] == [
        "QĐ-MTTQ-BTT",
        "QĐ-HĐTĐ",
        "BB-HĐTĐ",
        "QĐ-MTTQ-BTT",
        "GCN-MTTQ",
    ]


def test_papers_printed_name_and_codes_are_the_committees(tree):
    committee_papers_update(
        unit=tree["province"],
        by=None,
        printed_name="UBMTTQ Việt Nam tỉnh Tây Ninh",
        codes={issuers.RECOGNITION_BOARD: "QĐ-BTT", issuers.MINUTES: " "},
    )
    papers = issuers.papers_of(tree["province"])
    assert (papers.printed_name, papers.code(issuers.RECOGNITION_BOARD)) == (
        "UBMTTQ Việt Nam tỉnh Tây Ninh",
        "QĐ-BTT",
    )
    assert papers.code(issuers.MINUTES) == "BB-HĐTĐ"


def test_papers_unknown_kind_is_refused_in_vietnamese(tree):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        committee_papers_update(unit=tree["province"], by=None, codes={"memo": "CV"})
    assert error.value.message_dict == {"codes": ["Không có loại văn bản: memo."]}


def test_position_two_chairs_on_one_day_are_refused(board):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        position_add(
            unit=board,
            by=None,
            full_name="Ai Đó",
            rank="head",
            title="Chủ tịch",
            starts_on=datetime.date(2020, 1, 1),
        )
    assert error.value.message_dict == {
        "starts_on": ["Ủy ban đã có Chủ tịch trong những ngày này."]
    }
    assert Position.objects.filter(unit=board).count() == 3


def test_position_by_someone_who_does_not_manage_the_tree_is_refused(tree, people):
    with pytest.raises(PermissionDenied):
        position_add(
            unit=tree["province"],
            by=people["author"],
            full_name="Ai Đó",
            rank="deputy",
            title="Phó Chủ tịch",
            starts_on=datetime.date(2020, 1, 1),
        )
    assert not Position.objects.exists()
