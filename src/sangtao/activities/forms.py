"""Forms of the activity registers: they only clean; the services validate."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sangtao.accounts.scope import STAFF_ROLES, scope_q
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.pickers import initiative_source
from sangtao.registers.keepers import pick_units_kept
from sangtao.registers.pickers import picker

from . import selectors
from .models import Event, Inspection, ResponsePlan
from .services import INSPECTION_FIELDS, PLAN_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _initiatives_in_scope(*, user):
    """The initiatives of the units `user` is staff of (an event's, typed and picked)."""
    return Initiative.objects.filter(scope_q(user, STAFF_ROLES, "unit")).order_by("-pk")


IN_SCOPE = initiative_source("initiatives-in-scope", _initiatives_in_scope)


class _UnitForm(forms.ModelForm):
    unit_fields: tuple[str, ...] = ("unit",)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        pick_units_kept(self, user, *self.unit_fields)


class ResponsePlanForm(_UnitForm):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["movement"].queryset = selectors.movements_offered(user=user)

    class Meta:
        model = ResponsePlan
        fields = list(PLAN_FIELDS)
        widgets = {"issued_on": DATE, "targets": forms.Textarea(attrs={"rows": 4})}


class EventForm(_UnitForm):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["initiatives"].help_text = _("Optional: initiatives shown or honoured.")
        field = self.fields["initiatives"]
        self.fields["initiatives"] = picker(field, IN_SCOPE, _initiatives_in_scope(user=user))

    class Meta:
        model = Event
        fields = [
            "unit",
            "kind",
            "title",
            "held_on",
            "place",
            "participants",
            "initiatives",
            "description",
        ]
        widgets = {"held_on": DATE, "description": forms.Textarea(attrs={"rows": 4})}


class InspectionForm(_UnitForm):
    unit_fields = ("inspector", "inspected")

    class Meta:
        model = Inspection
        fields = list(INSPECTION_FIELDS)
        widgets = {
            "inspected_on": DATE,
            "follow_up_due": DATE,
            "findings": forms.Textarea(attrs={"rows": 4}),
            "recommendations": forms.Textarea(attrs={"rows": 4}),
        }


class AnswerForm(forms.Form):
    response = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 5}))
    responded_on = forms.DateField(label=_("Answered on"), widget=DATE)
