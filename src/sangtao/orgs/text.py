"""Search keys for Vietnamese names: what a person types matches with or without diacritics."""

import unicodedata


def fold(text: str) -> str:
    """ "Ủy ban MTTQ Việt Nam phường Tân Ninh" -> "uy ban mttq viet nam phuong tan ninh".

    Lower case, diacritics dropped (đ becomes d), runs of blanks made one space. The same
    function folds the stored key and the query, so both sides always agree.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.lower().split())


def unit_search_key(*, name: str, short_name: str = "") -> str:
    """The folded text a unit is found by: its name, and its short name when that adds words."""
    key = fold(name)
    short = fold(short_name)
    if short and short not in key:
        key = f"{key} {short}"
    return key[:400]
