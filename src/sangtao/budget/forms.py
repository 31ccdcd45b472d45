"""Forms of the budget and the contributions: they only clean; the services validate."""

from django import forms

from sangtao.registers.keepers import pick_units_kept

from .models import BudgetLine, Contribution
from .services import CONTRIBUTION_FIELDS, LINE_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = forms.NumberInput(attrs={"inputmode": "numeric", "step": "1"})


class _UnitForm(forms.ModelForm):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        pick_units_kept(self, user)


class BudgetLineForm(_UnitForm):
    class Meta:
        model = BudgetLine
        fields = list(LINE_FIELDS)
        widgets = {
            "approved_on": DATE,
            "spent_on": DATE,
            "estimated_vnd": MONEY,
            "approved_vnd": MONEY,
            "spent_vnd": MONEY,
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class ContributionForm(_UnitForm):
    class Meta:
        model = Contribution
        fields = list(CONTRIBUTION_FIELDS)
        widgets = {"received_on": DATE, "amount_vnd": MONEY}
