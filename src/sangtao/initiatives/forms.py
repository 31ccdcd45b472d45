"""Forms of the dossier: the initiative, its authors and an attachment."""

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sangtao.core.collation import vi_order
from sangtao.core.forms import guard_text, style_form
from sangtao.core.validators import validate_multi_line
from sangtao.movements.models import Campaign, Field, Round
from sangtao.orgs.models import OrgUnit

from .models import Initiative
from .services import DOSSIER_FIELDS

# The dossier's keys whose rows the form's choice fields read (and so know to exist).
CHOSEN_ROWS = frozenset({"round", "field", "unit"})


class InitiativeForm(forms.ModelForm):
    """The dossier. A draft may be incomplete; what submission needs is checked by the service."""

    confidential_sections = forms.MultipleChoiceField(
        label=_("Keep these parts confidential"),
        choices=Initiative.Section.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    campaigns = forms.ModelMultipleChoiceField(
        label=_("Campaigns it serves"),
        queryset=Campaign.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Initiative
        fields = [*DOSSIER_FIELDS, "campaigns"]
        widgets = {
            "first_applied_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "essence": forms.Textarea(attrs={"rows": 6}),
            "application_scope": forms.Textarea(attrs={"rows": 2}),
            "benefits": forms.Textarea(attrs={"rows": 4}),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "confidential_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = True
        unit_ids = set(user.memberships.values_list("unit_id", flat=True))
        if user.unit_id:
            unit_ids.add(user.unit_id)
        if self.instance.pk:
            unit_ids.add(self.instance.unit_id)
        self.fields["unit"].queryset = OrgUnit.objects.filter(pk__in=unit_ids).order_by(
            vi_order("name")
        )
        rounds = Round.objects.filter(status=Round.Status.OPEN)
        if self.instance.round_id:
            rounds = Round.objects.filter(
                Q(status=Round.Status.OPEN) | Q(pk=self.instance.round_id)
            )
        self.fields["round"].queryset = rounds.select_related("movement")
        self.fields["field"].queryset = Field.objects.filter(movement__rounds__in=rounds).distinct()
        offered = Campaign.objects.filter(
            active=True,
            movement_links__active=True,
            movement_links__movement__rounds__in=rounds,
        )
        if self.instance.pk:  # and those it already joined (an OR across the joins would
            # read every initiative of every campaign)
            offered = Campaign.objects.filter(
                Q(pk__in=offered.values("pk")) | Q(pk__in=self.instance.campaigns.values("pk"))
            )
        self.fields["campaigns"].queryset = offered.distinct().order_by(vi_order("name"))
        style_form(self)
        for name in ("confidential_sections", "campaigns"):  # each of their boxes
            self.fields[name].widget.attrs.setdefault("class", "form-check-input")

    def _get_validation_exclusions(self):
        # The round, the field and the unit were each read by their choice field, from the
        # rows this person may pick: the model's check that the same keys exist would ask
        # the database again. The service's own checks (the dossier's state, what submitting
        # needs) are untouched.
        return super()._get_validation_exclusions() | CHOSEN_ROWS

    def clean(self):
        data = super().clean()
        round_, campaigns = data.get("round"), data.get("campaigns")
        if round_ and campaigns:
            linked = set(
                round_.movement.campaign_links.filter(active=True).values_list(
                    "campaign_id", flat=True
                )
            )
            stray = [c.name for c in campaigns if c.pk not in linked]
            if stray:
                self.add_error(
                    "campaigns",
                    _("Not linked to the round's movement: %(names)s")
                    % {"names": ", ".join(stray)},
                )
        return data


class AuthorForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    unit_name = forms.CharField(label=_("Unit"), max_length=255, required=False)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    share = forms.DecimalField(
        label=_("Share (%)"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
    )
    is_me = forms.BooleanField(label=_("This author is me"), required=False)
    # The account another person's row is already linked to (kept as it is when the dossier
    # is saved again); only accounts already linked to this dossier are accepted.
    account = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_text(self)
        for name, field in self.fields.items():
            if name == "is_me":
                field.widget.attrs.setdefault("class", "form-check-input")
            else:
                field.widget.attrs.setdefault("class", "form-control")


SOMEBODY_ELSE = _("You can link an author only to your own account, never to somebody else's.")


class BaseAuthorFormSet(forms.BaseFormSet):
    """The dossier's authors. The filer may mark one row as themselves ("This author is me");
    a row already linked to somebody else's account keeps that link; no other link is taken.

    `user` is who fills the form in; `linked` maps the accounts other than theirs that rows of
    the saved dossier are linked to ({id: user})."""

    def __init__(self, *args, user=None, linked: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.linked = linked or {}

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        account = form["account"].value()
        form.linked_user = self.linked.get(int(account)) if str(account).isdigit() else None
        return form

    def _kept(self) -> list[dict]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def clean(self):
        if any(self.errors):
            return
        rows = self._kept()
        total = sum((row["share"] for row in rows), Decimal("0"))
        if total and total > Decimal("100"):
            raise forms.ValidationError(_("The contribution shares add up to more than 100 %."))
        if sum(1 for row in rows if row.get("is_me")) > 1:
            raise forms.ValidationError(
                _("Only one author can be you: tick “This author is me” on one row only.")
            )
        me = self.user.pk if self.user is not None else None
        others = [
            row["account"]
            for row in rows
            if row.get("account") and row["account"] != me and not row.get("is_me")
        ]
        if any(account not in self.linked for account in others):
            raise forms.ValidationError(SOMEBODY_ELSE)
        if len(others) != len(set(others)):
            raise forms.ValidationError(_("An account can be linked to one author only."))

    def rows(self) -> list[dict]:
        """The rows to save, each with the account it is linked to (`user`), if any."""
        out = []
        for data in self._kept():
            row = {name: data[name] for name in ("full_name", "unit_name", "position", "share")}
            if data.get("is_me") and self.user is not None:
                row["user"] = self.user
            elif data.get("account") in self.linked:
                row["user"] = self.linked[data["account"]]
            out.append(row)
        return out


AuthorFormSet = forms.formset_factory(
    AuthorForm, formset=BaseAuthorFormSet, extra=2, can_delete=True, max_num=30
)


class AttachmentForm(forms.Form):
    upload = forms.FileField(label=_("File (PDF, DOCX, XLSX, JPG, PNG)"))
    description = forms.CharField(label=_("Description"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_text(self)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        max_length=2000,
        validators=[validate_multi_line],
    )
