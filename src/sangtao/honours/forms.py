"""Forms of honours, the yearly book and the ledger. They turn input into values; the rules are
the services' (their errors come back next to the fields through `apply_errors`)."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sangtao.accounts.scope import units_covered_q
from sangtao.appraisal.forms import DATE_WIDGET, StyledForm
from sangtao.movements.models import Movement
from sangtao.orgs.models import OrgUnit
from sangtao.registers.filters import PICK_LIMIT, UnitPickerWidget, UnitPickField, unit_named

from . import selectors
from .models import Honour, Source
from .rules import MANAGERS


def managed_units(user):
    """Units holding councils (Front committees, member organisations) the user manages."""
    return OrgUnit.objects.filter(
        units_covered_q(user, MANAGERS), kind__holds_council=True
    ).order_by("path")


class _AtUnitForm(StyledForm):
    movement = forms.ModelChoiceField(
        label=_("Movement"), queryset=Movement.objects.order_by("-start_year", "name")
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = managed_units(user)


class RoundOpenForm(_AtUnitForm):
    pass


class BookCreateForm(_AtUnitForm):
    title = forms.CharField(
        label=pgettext_lazy("yearbook", "Title"),
        max_length=255,
        initial="Gương người Việt đoàn kết sáng tạo",
    )
    foreword = forms.CharField(label=_("Foreword"), required=False, widget=forms.Textarea)


class BookEditForm(StyledForm):
    title = forms.CharField(label=pgettext_lazy("yearbook", "Title"), max_length=255)
    foreword = forms.CharField(
        label=_("Foreword"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )


class CandidateForm(StyledForm):
    """One candidate's row in the round's table."""

    id = forms.IntegerField(widget=forms.HiddenInput)
    confirmed = forms.BooleanField(label=_("Confirmed"), required=False)
    research_topic = forms.BooleanField(label=_("Research topic"), required=False)
    form = forms.ChoiceField(
        label=_("Form of honour"),
        required=False,
        choices=[("", "—"), *Honour.Form.choices],
    )
    prize_vnd = forms.IntegerField(label=_("Prize (VND)"), min_value=0, initial=0)
    source = forms.ChoiceField(label=_("Source of money"), choices=Source.choices)
    reason = forms.CharField(
        label=_("Achievements and reasons"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


CandidateFormSet = forms.formset_factory(CandidateForm, extra=0)


class CandidateAddForm(StyledForm):
    """A collective or a person added by hand to a round: the unit is picked in the round
    unit's subtree through the unit picker (a search box; with htmx, up to 20 units)."""

    kind = forms.ChoiceField(label=_("Collective or individual"), choices=Honour.Kind.choices)
    unit = UnitPickField(label=_("Unit (the collective, or where the person works)"))
    name = forms.CharField(
        label=_("Name of the collective or the person"),
        max_length=255,
        required=False,
        help_text=_("For a collective, empty means the unit's name."),
    )
    reason = forms.CharField(
        label=_("Achievements and reasons"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, round, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round
        self.fields["unit"].widget = UnitPickerWidget(
            pick_url=reverse("honours:round_unit_pick", args=[round.pk]),
            attrs={"id": "id_unit"},
        )
        picked = str((self.data or {}).get("unit") or "")
        if picked.isdigit():  # the chosen unit's name beside its radio button
            self.fields["unit"].widget.chosen = selectors.round_subtree_unit(
                round=round, pk=int(picked)
            )

    def clean_unit(self):
        """The unit picked, or the one unit of the subtree whose name holds the words typed;
        several matching are offered under the box, none is an error."""
        picked, typed = self.cleaned_data["unit"]
        if picked is not None:
            unit = selectors.round_subtree_unit(round=self.round, pk=picked)
            if unit is None:
                raise forms.ValidationError(
                    _("Choose a unit within %(unit)s.") % {"unit": self.round.unit.name}
                )
            return unit
        if not typed:
            raise forms.ValidationError(_("Pick a unit from the list."))
        found = selectors.round_subtree_units_named(round=self.round, text=typed, limit=PICK_LIMIT)
        return unit_named(self.fields["unit"], found)


class DecideForm(StyledForm):
    number = forms.CharField(label=_("Decision number"), max_length=60)
    date = forms.DateField(label=_("Decision date"), widget=DATE_WIDGET)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=150, required=False)
    signer_name = forms.CharField(label=_("Signer's name"), max_length=150)


class PaymentForm(StyledForm):
    honour = forms.ModelChoiceField(label=_("Honour"), queryset=Honour.objects.none())
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE_WIDGET)
    amount_vnd = forms.IntegerField(label=_("Amount (VND)"), min_value=1)
    source = forms.ChoiceField(label=_("Source of money"), choices=Source.choices)
    reference = forms.CharField(label=_("Reference"), max_length=150, required=False)

    def __init__(self, *args, honours, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["honour"].queryset = honours
        self.fields["honour"].label_from_instance = lambda h: (
            f"{h.round.year} · {h.name} · {h.unit.name}"
        )


class RegisterFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=OrgUnit.objects.all(), required=False, widget=forms.HiddenInput
    )
    name = forms.CharField(label=_("Person's name"), max_length=150, required=False)
