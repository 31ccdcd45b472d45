"""How pages write shares and money: 50%, 33,5%, 1.250.000 đ (the site's house style)."""

from decimal import Decimal

from sangtao.core.templatetags.sangtao import percent, vnd


def test_percent_writes_the_sign_against_the_number():
    assert percent(Decimal("50")) == "50%"
    assert percent(Decimal("33.50")) == "33,5%"
    assert percent(None) == ""


def test_vnd_groups_thousands_with_dots():
    assert vnd(1250000) == "1.250.000 đ"
