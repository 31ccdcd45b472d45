"""Vietnamese text for search: folding, Telex and VNI slips, abbreviations, terms."""

import pytest

from sangtao.initiatives import text


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Sáng kiến NĂNG SUẤT", ["sang", "kien", "nang", "suat"]),
        ("Đường điện", ["duong", "dien"]),
        ("sangs kieens", ["sang", "kien"]),
        ("nawng suaats", ["nang", "suat"]),
        ("sasng kiesn", ["sang", "kien"]),
        ("ddaf nawngx", ["da", "nang"]),
        ("truwowngf hojc", ["truong", "hoc"]),
        ("sa1ng kie6n", ["sang", "kien"]),
        ("ISO 9001", ["iso", "9001"]),
    ],
)
def test_syllables_fold_tones_and_repair_telex_and_vni(typed, expected):
    assert text.syllables(typed) == expected


def test_abbreviations_expand_and_stop_words_drop():
    assert text.syllables("Ứng dụng CNTT cho HS và ND") == [
        "ap", "dung", "cong", "nghe", "thong", "tin", "cho", "hoc", "sinh", "nong", "dan",
    ]  # fmt: skip


def test_synonyms_become_one_spelling():
    assert text.syllables("Giải pháp số hóa") == text.syllables("biện pháp chuyển đổi số")


def test_terms_are_unigrams_then_bigrams_as_one_word():
    assert text.terms("nâng suất lao động") == [
        "nang", "suat", "lao", "dong", "nangsuat", "suatlao", "laodong",
    ]  # fmt: skip


def test_key_keeps_stop_words_for_the_exact_title():
    assert text.key("Mô hình “Dân vận khéo” của xã") == "mo hinh dan van kheo cua xa"
