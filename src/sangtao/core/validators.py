"""Checks of the text people type, shared by the forms (core.forms.guard_text), the models and
the API's schemas (api.schemas), so that the page and the API refuse the same input.

Control characters (Unicode category Cc: the C0 controls, DEL and the C1 controls) have no
place in a title, a name or a reason: they are invisible on screen, break e-mail headers and
make XML (DOCX, XLSX) invalid. A single-line text refuses them all; a multi-line text accepts
line breaks (\\n, and the \\r of a browser's \\r\\n) and tabs.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MULTI_LINE_ALLOWED = frozenset("\n\r\t")
SINGLE_LINE_MESSAGE = _(
    "This text cannot contain control characters (line breaks, tabs or invisible characters)."
)
MULTI_LINE_MESSAGE = _(
    "This text cannot contain control characters (other than line breaks and tabs)."
)


def control_characters(value: str, *, multi_line: bool) -> list[str]:
    """The control characters of `value` that a text of that kind refuses."""
    allowed = MULTI_LINE_ALLOWED if multi_line else frozenset()
    return [c for c in value if unicodedata.category(c) == "Cc" and c not in allowed]


@deconstructible
class NoControlCharacters:
    """Refuses control characters; `multi_line=True` lets line breaks and tabs through."""

    code = "control_characters"

    def __init__(self, *, multi_line: bool = False):
        self.multi_line = multi_line

    @property
    def message(self):
        return MULTI_LINE_MESSAGE if self.multi_line else SINGLE_LINE_MESSAGE

    def __call__(self, value) -> None:
        if isinstance(value, str) and control_characters(value, multi_line=self.multi_line):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, NoControlCharacters) and other.multi_line == self.multi_line


validate_single_line = NoControlCharacters()
validate_multi_line = NoControlCharacters(multi_line=True)
