"""The public search form: every filter optional, bad values answered in Vietnamese."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sangtao.initiatives.models import Initiative
from sangtao.movements.models import Field, Grade
from sangtao.orgs.models import Level, OrgUnit

from .selectors import SORTS, search_form_choices


class PublicSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=Field.objects.order_by("name", "pk"), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Initiative.Kind.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100, required=False)
    level = forms.ModelChoiceField(
        label=_("Level of recognition"), queryset=Level.objects.order_by("rank"), required=False
    )
    grade = forms.ModelChoiceField(
        label=_("Grade"), queryset=Grade.objects.order_by("name", "pk"), required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Unit and the units under it"),
        queryset=OrgUnit.objects.select_related("level"),
        required=False,
        widget=forms.NumberInput,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("", _("Best match (newest without a search)")),
            (SORTS[1], _("Newest recognition first")),
            (SORTS[2], _("Oldest recognition first")),
        ],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # Bootstrap's look, and full width on a phone
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if select else "form-control")
        self.fields["field"].empty_label = _("All fields")
        self.fields["level"].empty_label = _("All levels")
        self.fields["grade"].empty_label = _("All grades")
        self.fields["unit"].error_messages["invalid_choice"] = _(
            "There is no unit with this number."
        )
        # The options shown come from the cache; a value sent is still checked in the table.
        lists = {name: self.fields[name].queryset for name in ("field", "level", "grade")}
        for name, options in search_form_choices(lists).items():
            self.fields[name].choices = [("", self.fields[name].empty_label), *options]

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "field": data.get("field"),
            "kind": data.get("kind") or "",
            "year": data.get("year"),
            "level": data.get("level"),
            "grade": data.get("grade"),
            "unit": data.get("unit"),
            "sort": data.get("sort") or "",
        }
