"""Forms of a movement's configuration.

They only turn input into values (types, required, lengths); every rule about a movement is
checked by the service the view calls, whose errors the view puts back next to the fields.
"""

from django import forms
from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sangtao.core.forms import style_form
from sangtao.orgs.models import Level

from .models import Criterion, Field, Grade, Milestone, Movement, Round
from .selectors import units_for_movements

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceForm(forms.ModelForm):
    """A model form that cleans its fields only: it neither validates nor changes the model
    instance (the service does both), so a failed save leaves the shown object untouched."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)

    def _post_clean(self):
        pass


class MovementForm(ServiceForm):
    class Meta:
        model = Movement
        fields = [
            "name",
            "unit",
            "start_year",
            "end_year",
            "theme",
            "plan_reference",
            "recognised_by",
        ]
        labels = {"unit": _("Organising unit")}
        widgets = {"theme": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.unit if self.instance.pk else None
        self.fields["unit"].queryset = units_for_movements(user=user, include=current)
        self.fields["unit"].help_text = _("Units you cover as movement officer or administrator.")
        # Left out of a form (older pages, scripts): the movement keeps what it had.
        self.fields["recognised_by"].required = False

    def clean_recognised_by(self) -> str:
        return self.cleaned_data.get("recognised_by") or self.instance.recognised_by


class RoundAddForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, movement: Movement, taken: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            (year, year)
            for year in range(movement.start_year, movement.end_year + 1)
            if year not in taken
        ]
        style_form(self)


class RoundForm(ServiceForm):
    class Meta:
        model = Round
        fields = ["name", "status", "opens_on", "closes_on"]
        widgets = {"opens_on": DATE_WIDGET, "closes_on": DATE_WIDGET}


class FieldForm(ServiceForm):
    class Meta:
        model = Field
        fields = ["name", "code", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "code": _("Letters, digits and hyphens; left empty, it is made from the name.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False


class CriterionForm(ServiceForm):
    class Meta:
        model = Criterion
        fields = ["name", "code", "description", "weight", "min_score", "max_score", "minimum"]
        localized_fields = ["weight", "minimum"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "weight": forms.TextInput(attrs={"inputmode": "decimal"}),
            "minimum": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
        help_texts = {
            "code": _("Letters, digits and hyphens; left empty, it is made from the name."),
            "weight": _("A decimal number such as 1 or 0,5."),
            "minimum": _(
                "The least the council's figure for this criterion must reach: below it the "
                "proposed grade is the lowest grade not recognised, whatever the total (the "
                "plan asks that every criterion holds). Left empty: half the highest score, a "
                "default of this platform, not a figure of the plan."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["minimum"].required = False


class GradeForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Grade"), max_length=100)
    min_total = forms.DecimalField(
        label=_("Lowest total"),
        max_digits=6,
        decimal_places=2,
        min_value=0,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    recognised = forms.BooleanField(label=_("Recognised"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class BaseGradeFormSet(forms.BaseFormSet):
    """The whole grading scale in one form; the service checks it as a whole."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this grade")
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def _kept_forms(self) -> list[GradeForm]:
        return [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and (form.has_changed() or form.cleaned_data.get("id"))
        ]

    def rows(self) -> list[dict]:
        return [
            {key: form.cleaned_data[key] for key in ("id", "name", "min_total", "recognised")}
            for form in self._kept_forms()
        ]

    def apply_errors(self, error: ValidationError) -> list[str]:
        """Put each error of the service on its row; return those about the whole scale."""
        kept = self._kept_forms()
        general: list[str] = []
        items = error.error_dict.items() if hasattr(error, "error_dict") else []
        if not hasattr(error, "error_dict"):
            items = [(NON_FIELD_ERRORS, error.error_list)]
        for name, errors in items:
            for item in errors:
                row = (item.params or {}).get("row")
                message = next(iter(item))
                if row is not None and row < len(kept) and name in kept[row].fields:
                    kept[row].add_error(name, message)
                else:
                    general.append(message)
        return general


GradeFormSet = forms.formset_factory(
    GradeForm, formset=BaseGradeFormSet, extra=2, can_delete=True, max_num=30, validate_max=True
)


def grade_initial(grades: list[Grade]) -> list[dict]:
    return [
        {"id": g.pk, "name": g.name, "min_total": g.min_total, "recognised": g.recognised}
        for g in grades
    ]


class MilestoneForm(ServiceForm):
    """A milestone, ticked by hand or measured: `condition` with its parameters (the level of
    the council, the kind of report period, the year), which the form gathers into
    `condition_params` for the service (which checks them)."""

    PARAMS = ("level", "kind", "year")
    level = forms.ChoiceField(label=_("Level of the council"), required=False)
    kind = forms.ChoiceField(label=_("Kind of report period"), required=False)
    year = forms.IntegerField(
        label=_("Of the year"),
        required=False,
        min_value=1900,
        max_value=2200,
        help_text=_("Empty: any year of the movement."),
    )

    class Meta:
        model = Milestone
        fields = ["due_on", "title", "target", "target_count", "responsible", "condition"]
        widgets = {"due_on": DATE_WIDGET}
        help_texts = {
            "condition": _(
                "A measured milestone shows its progress and the date it was done from the data."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        empty = [("", "—")]
        self.fields["level"].choices = empty + list(
            Level.objects.order_by("rank").values_list("code", "name")
        )
        self.fields["kind"].choices = empty + list(
            apps.get_model("reports", "ReportPeriod").Kind.choices
        )
        for name in self.PARAMS:
            self.initial.setdefault(name, (self.instance.condition_params or {}).get(name))

    def clean(self):
        data = super().clean()
        params = {name: data.pop(name, None) for name in self.PARAMS}
        condition = data.get("condition")
        wanted = {
            Milestone.Condition.COUNCIL_LEVEL: ("level", "year"),
            Milestone.Condition.REPORT_PERIOD: ("kind", "year"),
        }.get(condition, ())
        data["condition_params"] = {
            name: params[name] for name in wanted if params[name] not in (None, "")
        }
        return data


class MilestoneDoneForm(forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"done_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        style_form(self)


class CampaignLinkForm(forms.Form):
    name = forms.CharField(
        label=_("Campaign"),
        max_length=255,
        help_text=_("An existing campaign of the same name is reused."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)
