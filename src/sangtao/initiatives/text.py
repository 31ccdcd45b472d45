"""Vietnamese text for search and the novelty check: fold, repair Telex/VNI slips, tokenise.

The same functions turn a stored dossier and a typed query into terms, so both sides agree:

    "Sáng kiến nâng cao NĂNG SUẤT"  -> sang kien nang cao nang suat
    "sangs kieens nawng suaats"      -> sang kien nang suat     (Telex keys left in)
    "sa1ng kie6n"                    -> sang kien               (VNI digits left in)
    "ứng dụng CNTT"                  -> ung dung cong nghe thong tin

Terms are the syllables left after stop words, and the bigrams of neighbouring syllables
written as one word ("nang" + "suat" -> "nangsuat"), so that both databases' full-text parsers
keep a bigram whole and a phrase counts more than its syllables.
"""

import re
from collections import Counter
from functools import lru_cache

from sangtao.orgs.text import fold

# Abbreviations officials write, expanded before tokenising (folded on both sides).
ABBREVIATIONS = {
    "cntt": "cong nghe thong tin",
    "nd": "nong dan",
    "hs": "hoc sinh",
    "gv": "giao vien",
    "sv": "sinh vien",
    "cb": "can bo",
    "cbcnv": "can bo cong nhan vien",
    "cnvc": "cong nhan vien chuc",
    "ccb": "cuu chien binh",
    "clb": "cau lac bo",
    "htx": "hop tac xa",
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "thpt": "trung hoc pho thong",
    "thcs": "trung hoc co so",
    "th": "tieu hoc",
    "mn": "mam non",
    "sxkd": "san xuat kinh doanh",
    "nsld": "nang suat lao dong",
    "ktxh": "kinh te xa hoi",
    "ntm": "nong thon moi",
    "dtqg": "du tru quoc gia",
    "atvstp": "an toan ve sinh thuc pham",
    "attp": "an toan thuc pham",
    "bvtv": "bao ve thuc vat",
    "pccc": "phong chay chua chay",
    "gd": "giao duc",
    "yt": "y te",
    "dn": "doanh nghiep",
    "tt": "thong tin",
    "qd": "quyet dinh",
    "dtn": "doan thanh nien",
    "lhpn": "lien hiep phu nu",
    "hpn": "hoi phu nu",
    "hnd": "hoi nong dan",
}

# Words that mean the same in a dossier, each mapped to one spelling (folded, in order).
SYNONYMS = [
    ("so hoa", "chuyen doi so"),
    ("tin hoc hoa", "chuyen doi so"),
    ("ung dung", "ap dung"),
    ("su dung", "ap dung"),
    ("cai thien", "nang cao"),
    ("tang cuong", "nang cao"),
    ("giam thieu", "giam"),
    ("cat giam", "giam"),
    ("tiet giam", "giam"),
    ("kinh phi", "chi phi"),
    ("giai phap", "bien phap"),
    ("cach lam", "bien phap"),
    ("phuong thuc", "phuong phap"),
    ("doi moi", "cai tien"),
    ("che tao", "san xuat"),
    ("hieu suat", "nang suat"),
    ("nguoi dan", "nhan dan"),
    ("ba con", "nhan dan"),
]

# Syllables that carry no topic. Ambiguous once folded ones stay out ("co": có/cơ khí,
# "tu": từ/tự động, "khi": khi/khí, "de": để/đê, "ve": về/vệ sinh, "cho": cho/chợ).
STOP_WORDS = frozenset(
    "va cua cac nhung mot duoc nay nham voi trong theo la cung viec nhu thi ma tai "
    "ay do day kia nao rat qua hay hoac nen vao ra len xuong cung bi boi vi".split()
)

_TOKEN = re.compile(r"[a-z0-9]+")
_VNI = re.compile(r"[a-z]+(?:[1-9][a-z]*){1,2}")
_VOWELS = set("aeiouy")
_FINALS = ("ch", "nh", "ng", "c", "m", "n", "p", "t", "")
_TONE_KEYS = "sfrxj"


@lru_cache(maxsize=65536)
def _telex(token: str) -> str:
    """Undo Telex or VNI keys left in a folded syllable: "nawng" -> "nang", "sangs" -> "sang"."""
    if _VNI.fullmatch(token) and len(token) > 2:
        token = re.sub(r"[1-9]", "", token)
    if not any(char in _VOWELS for char in token):
        return token
    if "dd" in token:
        token = token.replace("dd", "d")
    if "w" in token:
        token = re.sub(r"(?<=[aou])w", "", token).replace("w", "u")
    for double in ("aa", "ee", "oo"):
        token = token.replace(double, double[0])
    # a tone key at the end, or right after the vowels and before the final consonants
    match = re.fullmatch(r"([a-z]*?[aeiouy]+)([sfrxj])(ch|nh|ng|c|m|n|p|t)", token)
    if match:
        token = match.group(1) + match.group(3)
    elif len(token) > 1 and token[-1] in _TONE_KEYS:
        stem = token[:-1]
        if any(char in _VOWELS for char in stem) and (
            stem[-1] in _VOWELS or stem.endswith(_FINALS[:-1])
        ):
            token = stem
    return token


def _synonyms(text: str) -> str:
    padded = f" {text} "
    for phrase, canonical in SYNONYMS:
        if f" {phrase} " in padded:
            padded = padded.replace(f" {phrase} ", f" {canonical} ")
    return padded.strip()


def syllables(text: str, *, stop: bool = True) -> list[str]:
    """The normalised syllables of `text`: folded, Telex repaired, abbreviations expanded,
    synonyms made one, stop words dropped."""
    words = []
    for token in _TOKEN.findall(fold(text)):
        expansion = ABBREVIATIONS.get(token)
        if expansion:
            words.extend(expansion.split())
        else:
            words.append(_telex(token))
    words = _synonyms(" ".join(words)).split()
    if stop:
        words = [word for word in words if word not in STOP_WORDS]
    return words


@lru_cache(maxsize=65536)
def word_syllables(word: str) -> tuple[str, ...]:
    """The normalised syllables of one written word (cached: pages highlight many words)."""
    return tuple(syllables(word, stop=False))


def key(text: str) -> str:
    """One comparable string for a whole title (stop words kept): the exact-title match."""
    return " ".join(syllables(text, stop=False))[:500]


def terms(text: str) -> list[str]:
    """Unigrams then bigrams of `text`, bigrams written as one word."""
    words = syllables(text)
    return words + [a + b for a, b in zip(words, words[1:], strict=False)]


def term_counts(text: str) -> Counter:
    return Counter(terms(text))


# The words ABBREVIATIONS and SYNONYMS put in a text, as Vietnamese writes them (a syllable two
# of them share folded, such as "so" of "cơ sở" and "chuyển đổi số", reads as the later one).
