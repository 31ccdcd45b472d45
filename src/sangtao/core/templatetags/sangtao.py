"""Template filters for Vietnamese display: money, shares."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


def _group(number: int) -> str:
    return f"{number:,}".replace(",", ".")


@register.filter
def vnd(value) -> str:
    """1250000 -> "1.250.000 đ"."""
    if value in (None, ""):
        return ""
    try:
        amount = int(Decimal(value))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}{_group(abs(amount))} đ"


@register.filter
def percent(value) -> str:
    """Decimal("33.50") -> "33,5%"."""
    if value in (None, ""):
        return ""
    text = f"{Decimal(value).normalize():f}".replace(".", ",")
    return f"{text}%"


@register.filter
def action_sentence(action: str) -> str:
    """An audit event's action code as the Vietnamese sentence a person reads."""
    from sangtao.core.audit import action_sentence as sentence

    return sentence(action)
