"""Forms of feedback: they only clean; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Thread
from .selectors import units_sending


class ThreadForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Sending unit"), queryset=None)
    subject = forms.CharField(label=_("Subject"), max_length=300)
    text = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 6}))
    upload = forms.FileField(label=_("Attached file (optional)"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_sending(user=user)


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}))
    upload = forms.FileField(label=_("Attached file (optional)"), required=False)


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All")), *Thread.State.choices]
    )
    unit = forms.TypedChoiceField(label=_("Sending unit"), required=False, coerce=int)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All")), *units]
        self.fields["unit"].empty_value = None
