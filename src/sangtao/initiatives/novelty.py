"""The near-duplicate judgement of the novelty check: is this draft the same initiative as that
one, reworded?

Both titles become lists of `Word`s: folded for matching (so a title typed without tones, or
with Telex/VNI keys left in, matches its toned original), but each keeps the words as written
for people, and stop words are decided on the toned word ("của" is one, "cửa" is not;
"một cửa" is kept whole). Abbreviations are expanded and synonyms made one from a curated
dictionary kept as data (`data/novelty_synonyms.csv`, with each entry's source).

The pair is then described by order-insensitive features (`features`): the overlap of the two
sets of words, its share of the shorter title, the character trigram overlap of the folded
words (the strength of PostgreSQL's trigram similarity, which forgives a typo), and how much
each side holds that the other lacks (a template title with another subject, crop or commune
has words on both sides; a rewording with a phrase added or dropped on one side only). A small
logistic model (`data/novelty_model.json`, fitted by `bench/novelty.py fit` on the training
half of the hand-written development set, `tests/data/novelty_devset.csv`) turns them into a
probability; from `threshold` up the pair is flagged.
"""

import csv
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from sangtao.orgs.text import fold

from .text import _telex as repair_keys

DATA = Path(__file__).resolve().parent / "data"

# Stop words, decided on the word as written with its tones. Not: "không" (máy bay không người
# lái), "có", "số" (chuyển đổi số, quân số), "một" before "cửa" (a phrase of the dictionary).
TONED_STOP = frozenset(
    "của và các những được này nhằm với trong theo là cũng việc như thì mà tại ấy đó đây kia "
    "nào rất quá hay hoặc nên vào ra lên xuống bị bởi vì cho để ở một bằng qua từ trên dưới "
    "khi đến về nhờ do".split()
)
# A title typed without tones: folded stop words that are no content word once folded are
# dropped; those that are ("cua": cửa, "trong": trồng, "duoi": đuối, "de": dê) weigh little.
FOLDED_STOP = frozenset(
    "va cac nhung nay nham voi theo viec nhu nao rat hoac nen vao o mot".split()
)
FOLDED_WEAK = frozenset(
    "cua duoc trong la cung thi ma tai cho de bang qua tu tren duoi do day kia hay ra len "
    "xuong bi boi vi khi den ve nho".split()
)
WEAK = 0.3

_TOKEN = re.compile(r"[^\W_]+")
_ONSETS = "ngh ng nh ch gh gi kh ph qu th tr b c d g h k l m n p r s t v x".split() + [""]
_SYLLABLE = re.compile(
    r"(?![a-z]*([aeo])\1)(?![a-z]*uu[a-z])(?:"
    + "|".join(sorted(_ONSETS, key=len, reverse=True))
    + r")[aeiouy]{1,3}"
    r"(?:ch|nh|ng|c|m|n|p|t|)"
)


# "KH&CN", "KT-XH", "PCCC&CNCH": an acronym written in parts is one acronym of the dictionary.
_ACRONYM_PARTS = re.compile(r"[^\W_]+(?:[&-][^\W_]+)+")
# Old-style tone marks ("hoá", "khoẻ", "thuỷ") written the way the dictionary and most titles
# write them ("hóa", "khỏe", "thủy"): the same word must compare alike with its tones. Only at
# the end of a syllable, and never after "q" ("quý" is right either way).
_MARKS = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng


def _old_tones() -> dict[str, str]:
    """ "oà" -> "òa", "oẻ" -> "ỏe", "uỷ" -> "ủy" (upper case too), composed."""
    pairs = {}
    for first, second in ("oa", "oe", "uy", "Oa", "Oe", "Uy", "OA", "OE", "UY"):
        for mark in _MARKS:
            old = first + unicodedata.normalize("NFC", second + mark)
            pairs[old] = unicodedata.normalize("NFC", first + mark) + second
    return pairs


_OLD_TONES = _old_tones()
_OLD_TONE = re.compile(r"(?<![qQ])(?:" + "|".join(_OLD_TONES) + r")(?![^\W_])")


def _one_acronym(match: re.Match) -> str:
    parts = re.split(r"[&-]", match.group(0))
    return "".join(parts) if all(part.isupper() for part in parts) else match.group(0)


def normalised(text: str) -> str:
    """`text` in NFC with acronyms in parts joined and old-style tone marks placed as most
    titles place them ("Hoá học" -> "Hóa học", "KH&CN" -> "KHCN")."""
    text = unicodedata.normalize("NFC", text)
    if "&" in text or "-" in text:
        text = _ACRONYM_PARTS.sub(_one_acronym, text)
    return _OLD_TONE.sub(lambda match: _OLD_TONES[match.group(0)], text)


# Folding is the hottest step of a comparison (every word of 120 titles): a word folds alike
# every time, and a few thousand words make most titles.
_folded = lru_cache(maxsize=131072)(fold)


@dataclass(frozen=True)
class Word:
    """One word of a title: `key` to match (folded, normalised), `shown` as written for people
    (tones kept; a dictionary's canonical form when it replaced the written one), `weight`."""

    key: str
    shown: str
    weight: float = 1.0
    choices: tuple = ()  # an ambiguous abbreviation: its expansions, chosen by the other title
    exact: bool = True  # written with its tones (or truly toneless), not guessed from a fold
    alias: str = ""  # the folded word a one-word synonym replaced ("lap" for "lập" -> "làm")
    display: str = ""  # shown to people instead of `shown` ("-" hides it): the word written


@dataclass(frozen=True)
class Entry:
    kind: str
    canonical: tuple[tuple[str, str], ...]  # (key, shown) of each word, or one phrase word
    alternatives: tuple = ()


@cache
def _rows() -> tuple[dict[str, str], ...]:
    """The dictionary's rows as written (`data/novelty_synonyms.csv`), read once."""
    with open(DATA / "novelty_synonyms.csv", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return tuple(csv.DictReader(lines))


@cache
def dictionary() -> dict[tuple[str, ...], Entry]:
    """The curated synonyms, abbreviations and kept phrases, by the folded words of the
    variant."""
    entries: dict[tuple[str, ...], Entry] = {}
    for row in _rows():
        variant = tuple(fold(row["variant"]).split())
        if row["kind"] == "phrase":
            shown = row["canonical"]
            entries[variant] = Entry("phrase", ((" ".join(variant), shown),))
            continue
        options = [
            tuple(zip(fold(option).split(), option.split(), strict=True))
            for option in row["canonical"].split("|")
        ]
        entries[variant] = Entry(row["kind"], options[0], tuple(options[1:]) and tuple(options))
    return entries


@cache
def _sizes() -> dict[str, tuple[int, ...]]:
    """The lengths of the dictionary's variants, longest first, by their first folded word:
    the only lengths worth trying at a word (most words start none)."""
    sizes: dict[str, set[int]] = {}
    for variant in dictionary():
        sizes.setdefault(variant[0], set()).add(len(variant))
    return {first: tuple(sorted(found, reverse=True)) for first, found in sizes.items()}


@cache
def _groups() -> dict[str, tuple[str, ...]]:
    """Every written form of a dictionary group (variants and canonical forms), by each
    form folded."""
    members: dict[str, set[str]] = {}
    for row in _rows():
        if row["kind"] == "phrase":
            continue
        for canonical in row["canonical"].split("|"):
            members.setdefault(fold(canonical), {canonical}).add(row["variant"])
    by_form: dict[str, tuple[str, ...]] = {}
    for forms in members.values():
        for form in forms:
            key = fold(form)
            by_form[key] = tuple(sorted(set(by_form.get(key, ())) | forms))
    return by_form


def search_variants(text: str) -> list[str]:
    """The other ways to write the phrases of `text` that the dictionary knows (an earlier
    dossier may use any of them): more words to look its candidates up by. Multi-word forms
    only, and one-word forms written with their tones, so a folded syllable brings no noise."""
    groups = _groups()
    written = _TOKEN.findall(unicodedata.normalize("NFC", text))
    tokens = [token.lower() for token in written]
    folded = [fold(token) for token in tokens]
    found: list[str] = []
    for size in (5, 4, 3, 2, 1):
        for index in range(len(folded) - size + 1):
            phrase = " ".join(folded[index : index + size])
            if phrase not in groups:
                continue
            # one word: written with its tones (or an acronym in capitals), and one of the
            # group's own forms ("sản" is no "sắn", though both fold to "san")
            one = tokens[index] != folded[index] or written[index].isupper()
            if size == 1 and not (one and tokens[index] in {f.lower() for f in groups[phrase]}):
                continue
            found.extend(form for form in groups[phrase] if fold(form) != phrase)
    return list(dict.fromkeys(found))


def _has_tones(text: str) -> bool:
    return fold(text) != " ".join(text.lower().split())


def _stop_weight(word: str, toned_text: bool) -> float:
    if toned_text:
        return 0.0 if word in TONED_STOP else 1.0
    folded = _folded(word)
    if folded in FOLDED_STOP:
        return 0.0
    return WEAK if folded in FOLDED_WEAK else 1.0


def _is_syllable(key: str) -> bool:
    return bool(_SYLLABLE.fullmatch(key))


_LEAD = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?(.*)")


@lru_cache(maxsize=65536)
def repair(token: str) -> str:
    """A folded token with Telex/VNI keys left in made a syllable again: the search's repair
    (`text._telex`), then, if that is still no syllable, tone keys typed inside the vowels
    ("baso" -> "bao", "tooji" -> "toi", "laasy" -> "lay")."""
    fixed = repair_keys(token)
    if _is_syllable(fixed) or not fixed.isalpha():
        return fixed
    lead, rest = _LEAD.fullmatch(token).groups()
    again = repair_keys((lead or "") + re.sub(r"[sfrxj]", "", rest))
    if not _is_syllable(again):  # a key struck twice: "truungf"
        again = repair_keys(re.sub(r"(.)\1", r"\1", token))
    return again if _is_syllable(again) else fixed


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[Word, ...]:
    """The words of `text` to compare, in order (see the module's docstring)."""
    text = normalised(text)
    toned = _has_tones(text)
    raw: list[tuple[str, str]] = []  # (key, written)
    entries = dictionary()
    for token in _TOKEN.findall(text):
        lower = token.lower()
        folded = _folded(lower)
        key = repair(folded) if folded == lower else folded
        entry = entries.get((folded,))
        if entry and entry.kind == "abbreviation":
            if (token.isupper() and len(token) > 1) or not _is_syllable(folded):
                raw.append(("\0" + folded, token))
                continue
        raw.append((key, lower if toned and key == folded else "\1" + lower))
    out = _normalise(raw, toned)
    for _ in range(2):  # a canonical form that is itself a variant ("hạn dùng" -> "dùng")
        kept = [(w.key, w.shown if w.exact else "\1" + w.shown) for w in out if not w.choices]
        again = _normalise(kept, toned)
        if [w.key for w in again] == [w.key for w in out if not w.choices]:
            break
        out = again + [w for w in out if w.choices]
    return tuple(out)


def _normalise(raw: list[tuple[str, str]], toned: bool) -> list[Word]:
    """Longest dictionary match first, left to right; the rest word by word."""
    entries, sizes = dictionary(), _sizes()
    keys = [key for key, _written in raw]
    out: list[Word] = []
    index = 0
    while index < len(raw):
        key, written = raw[index]
        if key.startswith("\0"):
            entry = entries[(key[1:],)]
            if entry.alternatives:
                out.append(Word(key, written, 1.0, entry.alternatives))
            else:
                out.extend(Word(k, s, _stop_weight(s, True)) for k, s in entry.canonical)
            index += 1
            continue
        for size in sizes.get(key, ()):
            variant = tuple(keys[index : index + size])
            entry = entries.get(variant) if len(variant) == size else None
            if entry is None or entry.kind == "abbreviation":
                continue
            # A one-word variant only as written, with its tones ("hạ", not "ha": hà, hạ…);
            # in a title typed without tones, when the dictionary has one such word.
            if size == 1 and not _same_written(variant, written, toned):
                continue
            if entry.kind == "phrase":
                key, shown = entry.canonical[0]
                out.append(Word(key, shown, 1.0))
            elif size == 1 and len(entry.canonical) == 1:
                key, shown = entry.canonical[0]
                display = written.lstrip("\1")
                weight = _stop_weight(shown, True)
                out.append(Word(key, shown, weight, alias=variant[0], display=display))
            elif size == 1:
                # shown as written: the first word carries it, the others show nothing
                display = written.lstrip("\1")
                for position, (k, s) in enumerate(entry.canonical):
                    label = "-" if position else display
                    out.append(Word(k, s, _stop_weight(s, True), display=label))
            else:
                out.extend(Word(k, s, _stop_weight(s, True)) for k, s in entry.canonical)
            index += size
            break
        else:
            exact = not written.startswith("\1")
            written = written.lstrip("\1")
            out.append(Word(key, written, _stop_weight(written, toned), exact=exact))
            index += 1
    return out


@cache
def _variants_written() -> dict[str, set[str]]:
    """One-word variants as written in the dictionary (with tones), by folded form."""
    found: dict[str, set[str]] = {}
    for row in _rows():
        if len(row["variant"].split()) == 1:
            found.setdefault(fold(row["variant"]), set()).add(row["variant"].lower())
    return found


def _same_written(variant: tuple[str, ...], written: str, toned: bool) -> bool:
    forms = _variants_written().get(variant[0], set())
    written = written.lstrip("\1")
    return written in forms


def _resolved(mine: tuple[Word, ...], other: set[str]) -> list[Word]:
    """Ambiguous abbreviations of `mine` expanded to the reading the other title shares most."""
    out: list[Word] = []
    for word in mine:
        if word.alias and word.key not in other and word.alias in other:
            # the other title, typed without tones, holds the word before the dictionary's
            out.append(Word(word.alias, word.shown, word.weight, exact=False))
            continue
        if not word.choices:
            out.append(word)
            continue
        best = max(word.choices, key=lambda option: sum(k in other for k, _s in option))
        out.extend(Word(k, s, 1.0) for k, s in best)
    return out


def _bag(items: list[Word]) -> dict[str, float]:
    bag: dict[str, float] = {}
    for word in items:
        if word.weight > 0:
            bag[word.key] = max(bag.get(word.key, 0.0), word.weight)
    return bag


def _present(items: list[Word]) -> dict[str, float]:
    """Every key the words hold, stop words included."""
    return dict.fromkeys((word.key for word in items), 1.0)


def _tones(items: list[Word]) -> dict[str, set[str]]:
    """Each key's written forms with tones ("" for a form written without them)."""
    found: dict[str, set[str]] = {}
    for word in items:
        found.setdefault(word.key, set()).add(word.shown.lower() if word.exact else "")
    return found


def _common(bag_a: dict, bag_b: dict, ra: list[Word], rb: list[Word]) -> set[str]:
    """Keys both titles hold, written alike: two toned forms must agree ("sơ" is not "sổ");
    a form written without tones agrees with any."""
    tones_a, tones_b = _tones(ra), _tones(rb)
    return {
        key
        for key in bag_a.keys() & bag_b.keys()
        if "" in tones_a[key] or "" in tones_b[key] or tones_a[key] & tones_b[key]
    }


def _trigrams(keys) -> set[str]:
    grams: set[str] = set()
    for key in keys:
        grams.update(_key_trigrams(key))
    return grams


@lru_cache(maxsize=65536)
def _key_trigrams(key: str) -> tuple[str, ...]:
    padded = f"  {key.replace(' ', '_')} "
    return tuple(padded[i : i + 3] for i in range(len(padded) - 2))


FEATURES = (
    "overlap",
    "containment",
    "trigrams",
    "only_both",
    "only_either",
    "substituted",
    "substituted_overlap",
)


@dataclass
class Pair:
    """The comparison of a draft's title with one initiative's title."""

    features: tuple[float, ...]
    shared: list[str] = field(default_factory=list)
    only_mine: list[str] = field(default_factory=list)
    only_theirs: list[str] = field(default_factory=list)


def features(mine: str, theirs: str) -> tuple[float, ...]:
    """The features of the pair (FEATURES), without the words that explain them: what the
    flag and the ranking need of each of the 120 candidates (`compare` for the ten shown)."""
    return _measured(mine, theirs)[-1]


def _measured(mine: str, theirs: str):
    """Both titles' words resolved against each other, the keys they share, the features."""
    a, b = words(mine), words(theirs)
    a_keys = {w.key for w in a} | {k for w in a for o in w.choices for k, _s in o}
    b_keys = {w.key for w in b} | {k for w in b for o in w.choices for k, _s in o}
    a_keys |= {w.alias for w in a if w.alias}
    b_keys |= {w.alias for w in b if w.alias}
    ra, rb = _resolved(a, b_keys), _resolved(b, a_keys)
    bag_a, bag_b = _bag(ra), _bag(rb)
    common = _common(bag_a, bag_b, ra, rb)
    inter = sum(min(bag_a[k], bag_b[k]) for k in common)
    total_a, total_b = sum(bag_a.values()), sum(bag_b.values())
    # What one side holds that the other lacks: a word the other side writes too is not
    # lacking there, even where that side weighs it as a stop word ("tu" typed without tones
    # weighs 0.3, "từ" 0): else a title typed without tones reads as its original with words
    # swapped, which is how a near-topic title looks.
    only_a = total_a - sum(bag_a[k] for k in _common(bag_a, _present(rb), ra, rb))
    only_b = total_b - sum(bag_b[k] for k in _common(bag_b, _present(ra), rb, ra))
    overlap = 2 * inter / (total_a + total_b) if total_a + total_b else 0.0
    containment = inter / min(total_a, total_b) if min(total_a, total_b) else 0.0
    ga = _trigrams(k for k, v in bag_a.items() if v >= 0.5)
    gb = _trigrams(k for k, v in bag_b.items() if v >= 0.5)
    trigrams = len(ga & gb) / len(ga | gb) if ga | gb else 0.0
    values = (
        overlap,
        containment,
        trigrams,
        min(min(only_a, only_b), 3.0),
        min(max(only_a, only_b), 6.0) / 6,
        1.0 if min(only_a, only_b) >= 0.9 else 0.0,
        overlap if min(only_a, only_b) >= 0.9 else 0.0,
    )
    return ra, rb, common, values


def compare(mine: str, theirs: str) -> Pair:
    """The features of the pair (FEATURES) and the words that explain them."""
    ra, rb, common, features = _measured(mine, theirs)
    shown_b = {w.key: w.shown for w in rb}
    shown_a = {w.key: w.shown for w in ra}

    def toned(key: str) -> str:
        # The words as a person wrote them, with tones: theirs, else the draft's.
        for shown in (shown_b.get(key), shown_a.get(key)):
            if shown and _folded(shown) != shown:
                return shown
        return shown_b.get(key) or shown_a.get(key) or key

    # Their words as written, each matched at most as often as the draft holds its key.
    # Runs of shared words make phrases ("quản lý hồ sơ", "phần mềm").
    budget = Counter(w.key for w in ra if w.key in common)
    runs: list[list[Word]] = [[]]
    theirs_only = []
    for word in rb:
        if word.weight >= 0.5 and budget[word.key] > 0:
            budget[word.key] -= 1
            runs[-1].append(word)
            continue
        if runs[-1]:
            runs.append([])
        if word.weight >= 0.5:
            theirs_only.append(word)
    shared = list(dict.fromkeys(" ".join(_ordered(run, toned)) for run in runs if run))
    only_theirs = _ordered(theirs_only, toned)
    only_mine = [
        shown
        for shown in _ordered([w for w in ra if w.key not in common and w.weight >= 0.5], toned)
        if _folded(shown) != shown or shown.isdigit()
    ]
    return Pair(features, shared, only_mine, only_theirs)


def _ordered(items: list[Word], toned) -> list[str]:
    """The words' written forms in order, once each: as written when that has its tones."""
    seen: dict[str, None] = {}
    for word in items:
        if word.display == "-":
            continue
        if word.display:
            seen.setdefault(word.display, None)
            continue
        written = word.exact and _folded(word.shown) != word.shown
        seen.setdefault(word.shown if written else toned(word.key), None)
    return list(seen)


@dataclass(frozen=True)
class Model:
    """A logistic model over FEATURES and the probability from which a pair is flagged."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: tuple[float, ...]) -> float:
        z = self.bias + sum(w * f for w, f in zip(self.weights, features, strict=True))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


MODEL_FILE = DATA / "novelty_model.json"


@cache
def model() -> Model:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return Model(tuple(data["weights"]), data["bias"], data["threshold"])


def fit(samples: list[tuple[tuple[float, ...], int]], *, steps: int = 6000) -> tuple:
    """Weights and bias of a logistic model fitted to (features, 1 or 0) by gradient descent
    (L2 0.001, rate 2): a handful of features, a few hundred pairs; no library needed."""
    n = len(FEATURES)
    weights, bias = [0.0] * n, 0.0
    for _ in range(steps):
        grad, grad_b = [0.0] * n, 0.0
        for features, label in samples:
            z = bias + sum(w * f for w, f in zip(weights, features, strict=True))
            error = 1 / (1 + math.exp(-max(-30.0, min(30.0, z)))) - label
            grad_b += error
            for i, value in enumerate(features):
                grad[i] += error * value
        weights = [
            w - 2.0 * (g / len(samples) + 0.001 * w) for w, g in zip(weights, grad, strict=True)
        ]
        bias -= 2.0 * grad_b / len(samples)
    return tuple(round(w, 4) for w in weights), round(bias, 4)


def explain(pair: Pair) -> str:
    """ "trùng ý: quản lý hồ sơ một cửa; khác: phần mềm / sổ tay" (Vietnamese, with tones)."""
    from django.utils.translation import gettext as _

    parts = []
    if pair.shared:
        parts.append(_("same idea: %(words)s") % {"words": ", ".join(pair.shared)})
    if pair.only_mine or pair.only_theirs:
        mine = " ".join(pair.only_mine) or "—"
        theirs = " ".join(pair.only_theirs) or "—"
        parts.append(_("differs: %(mine)s / %(theirs)s") % {"mine": mine, "theirs": theirs})
    return "; ".join(parts)
