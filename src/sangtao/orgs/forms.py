"""Forms of the organisation tree pages."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sangtao.core.forms import search_field, style_form, workbook_input

from .models import Level, OrgUnit, UnitKind
from .selectors import open_q
from .text import fold


class UnitFilterForm(forms.Form):
    """What a tree page lists: a search by name or code, and whether closed units show."""

    q = search_field(
        _("Name or code"), _("Letters with or without diacritics, or a full official code.")
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


# --- the administrators' forms ------------------------------------------------------------------
# They only turn input into values; the services (orgs.services) check every rule and the views
# put their errors back next to the fields.


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitLookupField(forms.CharField):
    """A unit in force typed by its official code or its full name (with or without
    diacritics), found among the units `scope` (a Q on OrgUnit) allows: the form sets
    `field.scope` to the person's subtrees. Cleans to an OrgUnit, or None when left empty."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault(
            "help_text", _("The unit's official code, or its full name as the tree shows it.")
        )
        super().__init__(*args, **kwargs)
        self.scope = Q(pk__in=[])

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        units = (
            OrgUnit.objects.filter(self.scope)
            .filter(open_q())
            .select_related("level", "kind", "parent")
        )
        by_code = list(units.filter(official_code=value)[:2])
        if len(by_code) == 1:
            return by_code[0]
        folded = fold(value)
        by_name = [
            unit
            for unit in units.filter(search_key__startswith=folded).order_by("depth", "pk")[:50]
            if fold(unit.name) == folded
        ]
        if len(by_name) == 1:
            return by_name[0]
        if by_name or by_code:
            raise forms.ValidationError(
                _("Several units are called “%(value)s”: enter the official code instead."),
                params={"value": value},
                code="ambiguous",
            )
        raise forms.ValidationError(
            _("No unit in force called “%(value)s” lies within the units you administer."),
            params={"value": value},
            code="unknown",
        )


class DecisionFields(forms.Form):
    """The date a change takes effect and the decision it rests on."""

    on = forms.DateField(label=_("Effective on"), widget=_date_widget())
    decision_number = forms.CharField(
        label=_("Decision number"),
        max_length=100,
        required=False,
        help_text=_("E.g. Nghị quyết 1682/NQ-UBTVQH15."),
    )
    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=_date_widget())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        style_form(self)


class UnitAddForm(DecisionFields):
    """A new unit under the page's unit."""

    field_order = ["name", "short_name", "kind", "level", "official_code", "on"]

    name = forms.CharField(label=_("Name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=120, required=False)
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=UnitKind.objects.order_by("name"))
    level = forms.ModelChoiceField(
        label=_("Level"),
        queryset=Level.objects.order_by("rank"),
        required=False,
        empty_label=_("Automatic (from the kind and the parent unit)"),
    )
    official_code = forms.CharField(label=_("Official code"), max_length=30, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].label = _("In force from")


class UnitRenameForm(DecisionFields):
    field_order = ["name", "short_name", "on"]

    name = forms.CharField(label=_("New name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=120, required=False)


class UnitMoveForm(DecisionFields):
    field_order = ["new_parent", "on"]

    new_parent = UnitLookupField(label=_("New parent unit"))

    def __init__(self, *args, scope: Q, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].scope = scope


class UnitRetireForm(DecisionFields):
    """Close a unit: merged into a successor, or dissolved when none is named."""

    field_order = ["successor", "on"]

    successor = UnitLookupField(
        label=_("Successor (the unit that takes it over)"),
        required=False,
        help_text=_(
            "Official code or full name. Leave empty when the unit is dissolved without a "
            "successor."
        ),
    )

    def __init__(self, *args, scope: Q, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].scope = scope
        self.fields["on"].help_text = _(
            "The first day the unit no longer exists: its last day is the day before."
        )
        self.fields["decision_number"].required = True
        self.fields["decision_date"].required = True


class UnitImportForm(forms.Form):
    """The list of units a province office keeps, as an XLSX workbook."""

    file = forms.FileField(
        label=_("Workbook (XLSX)"),
        help_text=_(
            "Columns: mã, tên, loại, đơn vị cấp trên (mã or tên), ngày hiệu lực; at most "
            "%(rows)s rows and %(size)s MB."
        ),
        widget=workbook_input(),
    )

    def __init__(self, *args, **kwargs):
        from .unit_list import MAX_BYTES, MAX_ROWS

        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {
            "rows": MAX_ROWS,
            "size": MAX_BYTES // (1024 * 1024),
        }
        style_form(self)

    def clean_file(self):
        from .unit_list import MAX_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB."),
                params={"size": MAX_BYTES // (1024 * 1024)},
                code="too_large",
            )
        return upload
