"""The independent novelty test sets (tests/data/novelty_testset2.csv and novelty_testset3.csv)
keep their shape: their base initiatives, at least 25 rewordings of each kind, one near-topic
distractor per base. The method's figures on them are measured by `bench/novelty.py check`,
never pinned here: nothing is tuned on them."""

import csv
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
# name: (the bases' letter, how many bases)
TESTSETS = {"novelty_testset2.csv": ("T", 60), "novelty_testset3.csv": ("U", 100)}
REWORDINGS = ("tones", "order", "synonym", "abbrev", "phrase", "typing")
FIELDS = {
    "su-nghiep",
    "he-thong-chinh-tri",
    "doanh-nghiep",
    "luc-luong-vu-trang",
    "dan-toc-ton-giao-kieu-bao",
}


@pytest.fixture(scope="module", params=sorted(TESTSETS))
def testset(request) -> tuple[list[dict], str, int]:
    with open(DATA / request.param, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle)), *TESTSETS[request.param]


def test_testset_has_the_dev_set_columns(testset):
    rows, _letter, _bases = testset
    assert list(rows[0]) == ["group", "kind", "field", "unit", "title", "summary"]


def test_testset_has_one_distractor_per_base(testset):
    rows, letter, bases = testset
    kinds = Counter(row["kind"] for row in rows)
    assert kinds["base"] == bases
    assert kinds["distractor"] == bases
    distractors = Counter(row["group"] for row in rows if row["kind"] == "distractor")
    assert set(distractors.values()) == {1}
    assert sorted(distractors) == [f"{letter}{n:03d}" for n in range(1, bases + 1)]


def test_testset_has_at_least_25_rewordings_of_each_kind_and_three_per_base(testset):
    rows, _letter, _bases = testset
    kinds = Counter(row["kind"] for row in rows)
    assert set(kinds) == {"base", "distractor", *REWORDINGS}
    assert all(kinds[kind] >= 25 for kind in REWORDINGS), kinds
    per_base = Counter(row["group"] for row in rows if row["kind"] in REWORDINGS)
    assert set(per_base.values()) == {3}


def test_testset_every_row_belongs_to_a_base_of_its_field_and_unit(testset):
    rows, _letter, count = testset
    bases = {row["group"]: row for row in rows if row["kind"] == "base"}
    assert len(bases) == count
    for row in rows:
        base = bases[row["group"]]
        assert (row["field"], row["unit"]) == (base["field"], base["unit"]), row["title"]
    assert {row["field"] for row in bases.values()} == FIELDS


def test_testset_has_no_title_twice_and_no_empty_title(testset):
    rows, _letter, _bases = testset
    titles = Counter(row["title"].strip() for row in rows)
    assert "" not in titles
    assert [title for title, count in titles.items() if count > 1] == []
    assert all(unicodedata.is_normalized("NFC", row["title"]) for row in rows)


def test_testset_gives_a_summary_to_about_half_the_bases(testset):
    rows, _letter, bases = testset
    summaries = sum(1 for row in rows if row["kind"] == "base" and row["summary"].strip())
    assert 0.4 * bases <= summaries <= 0.6 * bases
