"""The independent novelty test set (tests/data/novelty_testset2.csv) keeps its shape: 60 base
initiatives, at least 25 rewordings of each kind, one near-topic distractor per base. The
method's figures on it are measured by `bench/novelty.py check`, never pinned here."""

import csv
from collections import Counter
from pathlib import Path

import pytest

TESTSET = Path(__file__).resolve().parent.parent / "data" / "novelty_testset2.csv"
REWORDINGS = ("tones", "order", "synonym", "abbrev", "phrase", "typing")
FIELDS = {
    "su-nghiep",
    "he-thong-chinh-tri",
    "doanh-nghiep",
    "luc-luong-vu-trang",
    "dan-toc-ton-giao-kieu-bao",
}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    with open(TESTSET, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_testset_has_the_dev_set_columns(rows):
    assert list(rows[0]) == ["group", "kind", "field", "unit", "title", "summary"]


def test_testset_has_60_bases_and_60_distractors_one_per_base(rows):
    kinds = Counter(row["kind"] for row in rows)
    assert kinds["base"] == 60
    assert kinds["distractor"] == 60
    distractors = Counter(row["group"] for row in rows if row["kind"] == "distractor")
    assert set(distractors.values()) == {1}
    assert sorted(distractors) == [f"T{n:03d}" for n in range(1, 61)]


def test_testset_has_at_least_25_rewordings_of_each_kind_and_three_per_base(rows):
    kinds = Counter(row["kind"] for row in rows)
    assert set(kinds) == {"base", "distractor", *REWORDINGS}
    assert all(kinds[kind] >= 25 for kind in REWORDINGS), kinds
    per_base = Counter(row["group"] for row in rows if row["kind"] in REWORDINGS)
    assert set(per_base.values()) == {3}


def test_testset_every_row_belongs_to_a_base_of_its_field_and_unit(rows):
    bases = {row["group"]: row for row in rows if row["kind"] == "base"}
    assert len(bases) == 60
    for row in rows:
        base = bases[row["group"]]
        assert (row["field"], row["unit"]) == (base["field"], base["unit"]), row["title"]
    assert {row["field"] for row in bases.values()} == FIELDS


def test_testset_has_no_title_twice_and_no_empty_title(rows):
    titles = Counter(row["title"].strip() for row in rows)
    assert "" not in titles
    assert [title for title, count in titles.items() if count > 1] == []


def test_testset_gives_a_summary_to_about_half_the_bases(rows):
    summaries = sum(1 for row in rows if row["kind"] == "base" and row["summary"].strip())
    assert 25 <= summaries <= 35
