"""The public search form: every filter optional, bad values answered in Vietnamese."""

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from sangtao.core.collation import vi_order
from sangtao.initiatives.models import Initiative
from sangtao.movements.models import Field, Grade
from sangtao.orgs.models import Level
from sangtao.registers.filters import UnitPickerWidget, UnitPickField, unit_named

from .selectors import SORTS, public_unit, public_units_named, search_form_choices


class PublicSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    field = forms.ModelChoiceField(
        label=_("Field"), queryset=Field.objects.order_by(vi_order("name"), "pk"), required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *Initiative.Kind.choices], required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100, required=False)
    level = forms.ModelChoiceField(
        label=_("Level of recognition"), queryset=Level.objects.order_by("rank"), required=False
    )
    grade = forms.ModelChoiceField(  # best first: the highest threshold first
        label=_("Grade"),
        queryset=Grade.objects.order_by("-min_total", "name", "pk"),
        required=False,
    )
    # A search box (without JavaScript: the words typed; with htmx: up to 20 units to pick).
    unit = UnitPickField(
        label=_("Unit and the units under it"),
        widget=UnitPickerWidget(pick_url=reverse_lazy("portal:unit_pick")),
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
        picked = str((self.data or {}).get("unit") or "")
        if picked.isdigit():  # the chosen unit's name beside its radio button
            self.fields["unit"].widget.chosen = public_unit(int(picked))
        for name, field in self.fields.items():  # Bootstrap's look, and full width on a phone
            if name == "unit":
                continue
            select = isinstance(field.widget, forms.Select)
            field.widget.attrs.setdefault("class", "form-select" if select else "form-control")
        self.fields["field"].empty_label = _("All fields")
        self.fields["level"].empty_label = _("All levels")
        self.fields["grade"].empty_label = _("All grades")
        # The options shown come from the cache; a value sent is still checked in the table.
        lists = {name: self.fields[name].queryset for name in ("field", "level", "grade")}
        for name, options in search_form_choices(lists).items():
            self.fields[name].choices = [("", self.fields[name].empty_label), *options]

    def clean_unit(self):
        """The unit picked, or the one unit whose name holds the words typed; several units
        matching are offered to pick from (under the box), none is an error."""
        picked, typed = self.cleaned_data["unit"]
        if picked is not None:
            unit = public_unit(picked)
            if unit is None:
                raise forms.ValidationError(_("There is no unit with this number."))
            return unit
        if not typed:
            return None
        return unit_named(self.fields["unit"], public_units_named(typed))

    def active_filters(self) -> int:
        """How many filters (beyond the words and the order) the visitor set: the number shown
        on the folded filters' button."""
        names = ("field", "kind", "year", "level", "grade", "unit")
        return sum(1 for name in names if self.data.get(name) or self.data.get(f"{name}__q"))

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
