"""The contributions in the honours' ledger of the fund "Người Việt sáng tạo": recorded once
here (Contribution), read there through the reader this registers."""

from sangtao.honours.selectors import register_fund_income

from .selectors import contributions_by_year


def connect() -> None:
    register_fund_income(contributions_by_year)
