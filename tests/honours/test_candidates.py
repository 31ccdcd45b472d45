"""The platform proposes candidates from what it holds: recognitions of the year, in the subtree."""

from sangtao.honours.models import Honour
from sangtao.honours.selectors import candidates_propose


def test_candidates_are_the_subtrees_recognised_of_that_year(movement, tree, recognised):
    found = candidates_propose(movement=movement, unit=tree["district"], year=2018)
    collectives = [
        (c.name, c.recognised_count, c.applied_count) for c in found if c.kind == "collective"
    ]
    individuals = [(c.name, c.grade, c.level, c.applied) for c in found if c.kind == "individual"]
    # Gò Dầu's school is outside the district; 2019's initiative is another year.
    assert collectives == [("Trường THCS Tân Hòa", 2, 1)]
    assert individuals == [
        ("Trần Thị Hoa", "Xuất sắc", "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", True),
        ("Lê Văn Đức", "Xuất sắc", "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", True),
        ("Phạm Thị Lý", "Xuất sắc", "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", False),
    ]


def test_candidates_of_the_province_cover_both_districts(movement, tree, recognised):
    found = candidates_propose(movement=movement, unit=tree["province"], year=2018)
    assert sorted(c.name for c in found if c.kind == "collective") == [
        "Trường THCS Tân Hòa",
        "Trường THPT Gò Dầu",
    ]
    assert "Võ Thị Ngọc Ánh" in [c.name for c in found]
    assert "Đặng Văn Sau" not in [c.name for c in found]


def test_candidates_of_the_next_year_are_only_that_years(movement, tree, recognised):
    found = candidates_propose(movement=movement, unit=tree["province"], year=2019)
    assert [(c.kind, c.name) for c in found] == [
        ("collective", "Trường THCS Tân Hòa"),
        ("individual", "Đặng Văn Sau"),
    ]


def test_a_withdrawn_recognition_proposes_nobody(movement, tree, recognised):
    from django.utils import timezone

    recognised["other"].recognitions.update(withdrawn_at=timezone.now(), withdrawn_reason="x")
    found = candidates_propose(movement=movement, unit=tree["other_district"], year=2018)
    assert found == []


def test_opening_a_round_stores_the_candidates(honours_round):
    kinds = list(honours_round.honours.values_list("kind", flat=True))
    assert kinds.count(Honour.Kind.COLLECTIVE) == 2
    assert kinds.count(Honour.Kind.INDIVIDUAL) == 4
    assert not honours_round.honours.filter(confirmed=True).exists()
