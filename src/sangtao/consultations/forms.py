"""Forms of consultations: they only clean; the services validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import Comment, Consultation, Section
from .services import CONSULTATION_FIELDS, SECTION_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsultationForm(forms.ModelForm):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.publishing_units(user=user)

    class Meta:
        model = Consultation
        fields = list(CONSULTATION_FIELDS)
        widgets = {
            "opens_on": DATE,
            "closes_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 4}),
        }


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = list(SECTION_FIELDS)
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}


class CommentForm(forms.Form):
    """A comment on one section: for one of the person's units, or (public consultation) for
    themselves."""

    unit = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, required=False)
    text = forms.CharField(
        label=_("Your comment"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, units, public: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = units
        if public and not units.exists():
            del self.fields["unit"]  # a citizen: they comment for themselves
        elif public:
            field.empty_label = _("Myself (as a citizen)")
        else:
            field.required = True
            field.empty_label = None


class ResponseForm(forms.Form):
    response = forms.ChoiceField(label=_("Response"), choices=Comment.Response.choices)
    response_text = forms.CharField(
        label=_("Response text"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )


class PublishForm(forms.Form):
    published = forms.BooleanField(required=False)
