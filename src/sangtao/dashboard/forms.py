"""The dashboard's filters: year, round and a unit of the person's subtree."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sangtao.orgs.models import OrgUnit


class FilterForm(forms.Form):
    """Year, round and unit; a unit outside the person's subtrees is refused in Vietnamese.

    `years` and `rounds` are what the picker offers; `user` decides which units are allowed
    (any unit of their subtrees, not only those the picker lists)."""

    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    round = forms.TypedChoiceField(label=_("Round"), required=False, coerce=int, empty_value=None)
    unit = forms.IntegerField(label=_("Unit"), required=False, min_value=1)

    def __init__(self, *args, user, years: list[int], rounds: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.rounds = {round.pk: round for round in rounds}
        self.fields["year"].choices = [("", _("All years"))] + [(y, str(y)) for y in years]
        self.fields["round"].choices = [("", _("All rounds"))] + [
            (round.pk, f"{round.name} · {round.movement.name}") for round in rounds
        ]

    def clean_round(self):
        pk = self.cleaned_data.get("round")
        return self.rounds.get(pk) if pk else None

    def clean_unit(self):
        pk = self.cleaned_data.get("unit")
        if not pk:
            return None
        unit = OrgUnit.objects.filter(pk=pk).first()
        if unit is None or not self.user.has_perm("dashboard.view_unit", unit):
            raise forms.ValidationError(
                _("This unit is outside the units you cover: its figures are not shown."),
                code="outside",
            )
        return unit


class ExportForm(forms.Form):
    """Which list, of which unit's subtree and year, to prepare as XLSX."""

    unit = forms.IntegerField(min_value=1)
    year = forms.IntegerField(min_value=1900, max_value=2999)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_unit(self):
        unit = OrgUnit.objects.filter(pk=self.cleaned_data["unit"]).first()
        if unit is None or not self.user.has_perm("dashboard.view_unit", unit):
            raise forms.ValidationError(
                _("This unit is outside the units you cover: its lists are not prepared."),
                code="outside",
            )
        return unit
