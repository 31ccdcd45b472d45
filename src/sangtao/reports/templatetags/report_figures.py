"""A report's figures as a Vietnamese reader writes them: 1.250.000, money with " đ", a dash
for a figure nobody entered. (Form inputs keep plain numbers: they are not rendered here.)"""

from django import template

register = template.Library()

MONEY = "VND"


def grouped(value: int) -> str:
    """1250000 -> "1.250.000" (the sign kept)."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(int(value)):,}".replace(",", ".")


@register.filter
def figure(value, unit_label: str = "") -> str:
    """A figure of a report line: "1.250.000", "1.250.000 đ" for a line in VND, "–" if none."""
    if value is None or value == "":
        return "–"
    try:
        text = grouped(int(value))
    except (TypeError, ValueError):
        return str(value)
    return f"{text} đ" if unit_label == MONEY else text
