"""Forms of the organisation tree pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class UnitFilterForm(forms.Form):
    """What a tree page lists: a search by name or code, and whether closed units show."""

    q = forms.CharField(
        label=_("Name or code"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "class": "form-control", "autocomplete": "off"}
        ),
        help_text=_("Letters with or without diacritics, or a full official code."),
    )
    history = forms.BooleanField(
        label=_("Also show dissolved and merged units (history)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def filters(self) -> dict:
        """The cleaned choices, or the defaults (current units, no search) when unbound."""
        if self.is_bound and self.is_valid():
            return {"q": self.cleaned_data["q"].strip(), "history": self.cleaned_data["history"]}
        return {"q": "", "history": False}
