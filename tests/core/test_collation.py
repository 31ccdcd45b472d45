"""Lists a person reads are sorted in Vietnamese order on both databases (core.collation)."""

import pytest

from sangtao.core.collation import vi_key, vi_order
from sangtao.orgs.models import UnitKind

pytestmark = pytest.mark.django_db

TITLES = ["Áp dụng", "Đổi mới", "Ứng dụng", "Xây dựng"]


def test_the_database_sorts_titles_in_vietnamese_order_not_byte_order():
    for number, name in enumerate(reversed(TITLES)):
        UnitKind.objects.create(code=f"k{number}", name=name)
    names = list(
        UnitKind.objects.filter(name__in=TITLES)
        .order_by(vi_order("name"))
        .values_list("name", flat=True)
    )
    assert names == TITLES
    assert sorted(TITLES) != TITLES  # byte order puts "Ứng dụng" after "Xây dựng"


def test_letters_come_before_tones():
    words = ["ăn", "ùa", "An toàn", "ua", "Ứng", "úa", "ưa", "dân", "Đa"]
    assert sorted(words, key=vi_key) == [
        "An toàn",
        "ăn",
        "dân",
        "Đa",
        "ua",
        "ùa",
        "úa",
        "ưa",
        "Ứng",
    ]
