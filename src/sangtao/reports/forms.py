"""Forms of periods and reports: they turn input into values; the services check the rules."""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sangtao.accounts.scope import scope_q, units_covered_q
from sangtao.movements.models import Movement
from sangtao.orgs.models import Level, OrgUnit, UnitKind
from sangtao.orgs.selectors import current_q

from . import sources
from .models import ReportPeriod
from .rules import MANAGERS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
REPORTING_KINDS = ("front_committee", "member_org", "state_agency")
RECEIVER_KINDS = ("front_committee", "state_agency")


def _style(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif not isinstance(widget, forms.HiddenInput):
            widget.attrs.setdefault("class", "form-control")


class UnitChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, unit):
        return unit.name


class PeriodForm(forms.Form):
    movement = forms.ModelChoiceField(queryset=Movement.objects.none(), label=_("Movement"))
    kind = forms.ChoiceField(choices=ReportPeriod.Kind.choices, label=_("Kind of report"))
    title = forms.CharField(max_length=255, label=_("Title of the period"))
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("To"), widget=DATE_WIDGET)
    deadline = forms.DateField(label=_("Deadline for reports"), widget=DATE_WIDGET)
    levels = forms.ModelMultipleChoiceField(
        queryset=Level.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Levels that report"),
    )
    kinds = forms.ModelMultipleChoiceField(
        queryset=UnitKind.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Kinds of unit that report"),
    )
    receivers = UnitChoice(
        queryset=OrgUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Receivers"),
        help_text=_("The Front's movement office, the province emulation and commendation board…"),
    )
    indicators = forms.MultipleChoiceField(
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Indicators of the template"),
    )
    extra_indicators = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("More indicators, entered by hand (one per line)"),
    )
    sections = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label=_("Narrative sections (one per line)"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        managed = scope_q(user, MANAGERS, "unit")
        self.fields["movement"].queryset = Movement.objects.filter(managed).select_related("unit")
        covered = units_covered_q(user, MANAGERS)
        shallowest = OrgUnit.objects.filter(covered).order_by("depth").first()
        receivers = OrgUnit.objects.filter(covered, current_q(), kind__code__in=RECEIVER_KINDS)
        if shallowest is not None:
            receivers = receivers.filter(depth__lte=shallowest.depth + 1)
        self.fields["receivers"].queryset = receivers.order_by("depth", "path")
        indicators, sections = _template()
        self.fields["indicators"].choices = [(code, name) for code, name, _s, _u in indicators]
        if not self.is_bound:
            self.initial.setdefault("indicators", [code for code, *_rest in indicators])
            self.initial.setdefault("sections", "\n".join(title for _c, title in sections))
            self.initial.setdefault(
                "kinds", list(UnitKind.objects.filter(code__in=REPORTING_KINDS))
            )
        _style(self)

    # What the preview of the units that must report needs (the fields above its button).
    PREVIEWED = ("movement", "starts_on", "ends_on", "levels", "kinds")

    def previewed(self) -> dict | None:
        """The cleaned fields the preview needs, or None when one of them is wrong; the
        errors of the fields below the preview's button (not filled in yet) are not shown."""
        self.is_valid()
        for name in list(self.errors):
            if name not in self.PREVIEWED:
                del self.errors[name]
        if any(name in self.errors for name in self.PREVIEWED):
            return None
        return {name: self.cleaned_data[name] for name in self.PREVIEWED}

    def template(self) -> tuple[list, list]:
        """The chosen indicators (the plan's, then those added by hand) and sections."""
        defaults, _sections = _template()
        chosen = set(self.cleaned_data["indicators"])
        indicators = [row for row in defaults if row[0] in chosen]
        codes = {row[0] for row in indicators}
        for number, line in enumerate(self.cleaned_data["extra_indicators"].splitlines(), 1):
            name = line.strip()[:255]
            if name:
                code = (slugify(name)[:30] or "extra").replace("-", "_") + f"_{number}"
                if code not in codes:
                    indicators.append((code, name, "", ""))
                    codes.add(code)
        sections = []
        for number, line in enumerate(self.cleaned_data["sections"].splitlines(), 1):
            title = line.strip()[:255]
            if title:
                sections.append((f"s{number}", title))
        return indicators, sections


def _template():
    indicators = [(c, gettext(n), s, u) for c, n, s, u in sources.DEFAULT_INDICATORS]
    return indicators, [(c, gettext(t)) for c, t in sources.DEFAULT_SECTIONS]


class ReportForm(forms.Form):
    """The totals a unit reports (with a reason beside each corrected computed figure), the
    narrative sections, the number and the signer."""

    number = forms.CharField(max_length=30, required=False, label=_("Number"))
    signer_title = forms.CharField(max_length=150, required=False, label=_("Signer's title"))
    signer_name = forms.CharField(max_length=150, required=False, label=_("Signer's name"))

    def __init__(self, *args, report, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for line in lines:
            total = line.total
            if total is None:
                continue
            value = forms.IntegerField(
                required=False, min_value=0, label=line.indicator.name, initial=total.value
            )
            reason = forms.CharField(
                required=False,
                max_length=1000,
                label=_("Reason for the change"),
                initial=total.reason,
            )
            self.fields[f"v{total.pk}"] = value
            self.fields[f"r{total.pk}"] = reason
            self.rows.append((line, f"v{total.pk}", f"r{total.pk}"))
        self.sections = []
        for code, title in report.period.sections:
            self.fields[f"n_{code}"] = forms.CharField(
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                label=title,
                initial=report.narratives.get(code, ""),
            )
            self.sections.append(f"n_{code}")
        for name in ("number", "signer_title", "signer_name"):
            self.fields[name].initial = getattr(report, name)
        _style(self)

    @property
    def figure_rows(self):
        return [(line, self[value], self[reason]) for line, value, reason in self.rows]

    @property
    def section_fields(self):
        return [self[name] for name in self.sections]

    def figures(self) -> dict[int, tuple[int | None, str]]:
        return {
            int(value[1:]): (self.cleaned_data[value], self.cleaned_data[reason])
            for _line, value, reason in self.rows
        }

    def narratives(self) -> dict[str, str]:
        return {name[2:]: self.cleaned_data[name] for name in self.sections}

    def field_of(self, pk: int) -> str:
        return f"v{pk}"


class ReturnForm(forms.Form):
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        label=_("What the unit must change"),
    )


class AttachmentForm(forms.Form):
    upload = forms.FileField(label=_("File (PDF, DOCX, XLSX, JPG, PNG)"))
