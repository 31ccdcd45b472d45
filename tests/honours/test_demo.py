"""The demo's honours: the 2019 round decided, the book of 2019 and a first payment."""

import io

import pytest
from django.core.management import call_command

from sangtao.honours import documents, selectors
from sangtao.honours.models import HonoursRound, Payment, Yearbook

pytestmark = pytest.mark.django_db


def test_demo_data_honours_2019_compiles_its_book_and_pays_a_prize():
    call_command("demo_data", stdout=io.StringIO())
    round = HonoursRound.objects.get(year=2019)
    assert (round.state, round.decision_number) == ("decided", "58")
    confirmed = round.honours.filter(confirmed=True)
    assert (
        confirmed.filter(kind="collective").exists()
        and confirmed.filter(kind="individual").exists()
    )
    # The education department's plan of 2018 is in the register: the decision says so.
    assert list(confirmed.filter(kind="collective").values_list("name", "own_plan")) == [
        ("Sở Giáo dục và Đào tạo tỉnh Tây Ninh", True)
    ]
    assert Payment.objects.count() == 1
    book = Yearbook.objects.get(year=2019)
    assert book.entries.count() == selectors.book_eligible(yearbook=book).count() > 0
    ledger = selectors.ledger(unit=round.unit, year=2019)
    assert ledger.paid == 3_000_000 and ledger.granted > ledger.paid
    content, _name = documents.decision_paper(round=round, extension="docx")
    assert content[:2] == b"PK"
