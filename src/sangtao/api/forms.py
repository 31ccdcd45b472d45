from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("Say where it is used, e.g. “the district's reporting tool”."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
