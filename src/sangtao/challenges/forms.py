from django import forms
from django.utils.translation import gettext_lazy as _

from sangtao.core.forms import guard_text
from sangtao.movements.models import Field

from .models import Challenge
from .selectors import posting_units


class ChallengeForm(forms.ModelForm):
    class Meta:
        model = Challenge
        fields = ["title", "description", "field", "unit", "organisation", "deadline"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = posting_units(user=user)
        if self.instance.pk and self.instance.unit_id:
            units = units | units.model.objects.filter(pk=self.instance.unit_id)
        self.fields["unit"].queryset = units.distinct()
        self.fields["unit"].help_text = _(
            "A unit you serve as clerk, officer or administrator; or leave it empty and name "
            "your organisation."
        )
        self.fields["field"].queryset = Field.objects.select_related("movement").order_by(
            "movement", "order", "id"
        )
        guard_text(self)
        for field in self.fields.values():
            widget = field.widget
            widget.attrs.setdefault(
                "class", "form-select" if isinstance(widget, forms.Select) else "form-control"
            )

    def clean(self):
        data = super().clean()
        if not data.get("unit") and not (data.get("organisation") or "").strip():
            self.add_error("organisation", _("Name the unit or the organisation."))
        return data


class AnswerForm(forms.Form):
    initiative = forms.ModelChoiceField(
        label=_("One of my initiatives"),
        queryset=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives
