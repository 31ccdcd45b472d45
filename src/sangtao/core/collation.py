"""Vietnamese order for the lists a person reads: `vi_order("title")` in an `order_by` (byte
order puts "Ứng dụng" after "Xây dựng"). PostgreSQL has ICU's collation "vi-x-icu"; on SQLite
one of that name is registered on every connection: the letters a ă â b c d đ e ê (f) g h i
(j) k l m n o ô ơ p q r s t u ư v (w) x y (z) first, then the tones, as ICU does."""

import unicodedata

from django.db.models import F
from django.db.models.functions import Collate

VI = "vi-x-icu"
_LETTERS = {c: i for i, c in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
_SHAPES = "\u0306\u0302\u031b"  # breve, circumflex, horn: part of the letter (ă â ê ô ơ ư)
_TONES = "\u0300\u0309\u0303\u0301\u0323"


def vi_key(text: str) -> tuple:
    """The sort key of `text`: letters, then tones, then the text itself."""
    letters, tones = [], []
    for char in unicodedata.normalize("NFD", text.casefold()):
        if char in _SHAPES and letters:
            letters[-1] = unicodedata.normalize("NFC", letters[-1] + char)
        elif char in _TONES and tones:
            tones[-1] = _TONES.index(char) + 1
        else:
            letters.append(char)
            tones.append(0)
    order = [1000 + _LETTERS[c] if c in _LETTERS else ord(c) + 2000 * (c > "ϧ") for c in letters]
    return order, tones, text


def vi_order(field: str, *, descending: bool = False):
    """An `order_by` term: `field` in Vietnamese order."""
    term = Collate(F(field), VI)
    return term.desc() if descending else term.asc()


def sqlite_collation(sender, connection, **kwargs) -> None:
    """Register the Vietnamese collation on a new SQLite connection (connection_created)."""
    if connection.vendor == "sqlite":
        compare = lambda a, b: (vi_key(a) > vi_key(b)) - (vi_key(a) < vi_key(b))  # noqa: E731
        connection.connection.create_collation(VI, compare)
