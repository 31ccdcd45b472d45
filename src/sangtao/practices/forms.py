"""Forms of the registers: they only clean; the services validate and write."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sangtao.initiatives.pickers import initiative_source
from sangtao.movements.models import Field
from sangtao.registers.keepers import pick_units_kept
from sangtao.registers.pickers import picker

from . import selectors
from .models import Application, Practice, Replication

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The recognised initiatives, typed and picked (455,000 on the national data: no <select>).
APPLICABLE = initiative_source(
    "initiatives-applicable", lambda *, user: selectors.initiatives_applicable()
)


def _pickers(form, user, initiatives: str | None = None) -> None:
    """The form's unit (among those `user` keeps) and `initiatives` fields as pickers."""
    pick_units_kept(form, user)
    if initiatives:
        field = form.fields[initiatives]
        form.fields[initiatives] = picker(field, APPLICABLE, selectors.initiatives_applicable())


class PracticeForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = [
            "unit",
            "title",
            "field",
            "started_on",
            "description",
            "results",
            "initiatives",
            "published",
        ]
        widgets = {
            "started_on": DATE,
            "description": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = Field.objects.select_related("movement").order_by(
            "movement__name", "order"
        )
        self.fields["initiatives"].required = False
        _pickers(self, user, "initiatives")


class ReplicationForm(forms.ModelForm):
    class Meta:
        model = Replication
        fields = ["unit", "started_on", "results"]
        widgets = {"started_on": DATE, "results": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _pickers(self, user)


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["initiative", "unit", "applied_on", "scope", "result", "saved_vnd"]
        widgets = {"applied_on": DATE, "result": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        _pickers(self, user, "initiative")


class TargetYearForm(forms.Form):
    """The year whose target (a practice per member organisation) the list checks."""

    target_year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    @classmethod
    def year_of(cls, data) -> int:
        form = cls(data)
        if form.is_valid():
            return form.cleaned_data["target_year"]
        return timezone.localdate().year
