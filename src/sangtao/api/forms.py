from django import forms
from django.utils.translation import gettext_lazy as _

from sangtao.core.validators import validate_single_line


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        validators=[validate_single_line],
        help_text=_("Say where it is used, e.g. “the district's reporting tool”."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
