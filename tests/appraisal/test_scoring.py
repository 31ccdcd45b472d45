"""The pure functions of appraisal, with property tests."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sangtao.appraisal import scoring

D = Decimal


def test_weighted_total_multiplies_by_weights():
    assert scoring.weighted_total({"a": D(10), "b": D("7.5")}, {"a": D(1), "b": D(2)}) == D("25")


def test_weighted_total_refuses_a_missing_score():
    with pytest.raises(ValueError):
        scoring.weighted_total({"a": D(10), "b": None}, {"a": D(1), "b": D(1)})


@pytest.mark.parametrize(
    ("method", "expected"),
    [("mean", D("60.00")), ("median", D("52.50")), ("trimmed_mean", D("52.50"))],
)
def test_aggregates(method, expected):
    assert scoring.aggregate([D(50), D(95), D(40), D(55)], method) == expected


def test_trimmed_mean_of_two_is_the_mean():
    assert scoring.aggregate([D(50), D(70)], "trimmed_mean") == D("60.00")


def test_aggregate_of_nothing_is_none():
    assert scoring.aggregate([], "mean") is None


def test_spread():
    assert scoring.spread([D(50), D(80), D(65)]) == D("30.00")


def test_propose_grade_takes_the_highest_threshold_reached():
    scale = [("Xuất sắc", D(90)), ("Tốt", D(75)), ("Đạt", D(60)), ("Không đạt", D(0))]
    assert scoring.propose_grade(D("75"), scale) == "Tốt"
    assert scoring.propose_grade(D("74.99"), scale) == "Đạt"
    assert scoring.propose_grade(D("12"), scale) == "Không đạt"
    assert scoring.propose_grade(None, scale) is None


def test_normalisation_evens_out_a_harsh_member():
    # Member "harsh" scores everything 30 lower, in the same order as "kind".
    sheets = [
        ("kind", "A", D(90)),
        ("kind", "B", D(70)),
        ("harsh", "A", D(60)),
        ("harsh", "B", D(40)),
        ("kind", "C", D(80)),  # C is only seen by the kind member
        ("harsh", "D", D(50)),  # D only by the harsh one
    ]
    values = scoring.normalised(sheets)
    # Raw means would put C (80) far above D (50); normalised, each sits in the middle of its
    # member's own range, so they come out equal.
    assert values["C"] == values["D"]
    assert values["A"] > values["C"] > values["B"]


def test_rank_breaks_ties_as_documented():
    t = datetime.datetime(2019, 5, 1, tzinfo=datetime.UTC)
    rows = [
        scoring.RankRow("late", D(80), D(80), D(15), t + datetime.timedelta(days=1), 1),
        scoring.RankRow("early", D(80), D(80), D(15), t, 2),
        scoring.RankRow("novel", D(80), D(80), D(18), t, 3),
        scoring.RankRow("normalised", D(80), D(81), D(10), t, 4),
        scoring.RankRow("best", D(85), D(70), D(10), t, 5),
        scoring.RankRow("unscored", None, None, None, None, 6),
    ]
    order = [row.initiative for row in scoring.rank(rows)]
    assert order == ["best", "normalised", "novel", "early", "late", "unscored"]


# --- properties ---------------------------------------------------------------------------

scores = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
sheet_sets = st.lists(
    st.tuples(st.sampled_from("pqrs"), st.sampled_from("ABCDEF"), scores),
    min_size=1,
    max_size=30,
    unique_by=lambda t: (t[0], t[1]),
)


@given(
    st.lists(scores, min_size=1, max_size=12),
    st.sampled_from(["mean", "median", "trimmed_mean"]),
    st.randoms(),
)
def test_aggregate_ignores_the_order_of_members(totals, method, random):
    shuffled = list(totals)
    random.shuffle(shuffled)
    assert scoring.aggregate(totals, method) == scoring.aggregate(shuffled, method)


@given(
    st.lists(scores, min_size=1, max_size=12), st.sampled_from(["mean", "median", "trimmed_mean"])
)
def test_aggregate_lies_between_lowest_and_highest(totals, method):
    value = scoring.aggregate(totals, method)
    assert min(totals) - D("0.01") <= value <= max(totals) + D("0.01")


@given(sheet_sets, st.randoms())
def test_normalisation_ignores_the_order_of_sheets(sheets, random):
    shuffled = list(sheets)
    random.shuffle(shuffled)
    assert scoring.normalised(sheets) == scoring.normalised(shuffled)


@given(sheet_sets, st.sampled_from("pqrs"), st.integers(min_value=-30, max_value=30))
def test_constant_shift_of_one_member_keeps_the_normalised_ranking(sheets, who, shift):
    shifted = [
        (member, initiative, total + shift if member == who else total)
        for member, initiative, total in sheets
    ]

    before, after = scoring.normalised(sheets), scoring.normalised(shifted)
    # Equal values may stop being exactly equal after rounding; compare strict orders only.
    for a in before:
        for b in before:
            if before[a] > before[b] + D("0.02"):
                assert after[a] >= after[b] - D("0.02"), (a, b)


@given(st.lists(st.tuples(scores, scores), min_size=1, max_size=20), st.randoms())
def test_rank_is_a_total_order_independent_of_input_order(values, random):
    rows = [scoring.RankRow(i, a, n, None, None, i) for i, (a, n) in enumerate(values)]
    shuffled = list(rows)
    random.shuffle(shuffled)
    assert scoring.rank(rows) == scoring.rank(shuffled)
