"""Forms of the council pages.

They only turn input into values (types, required, lengths, choices offered); every rule of a
council is checked by the service the view calls, whose errors the view puts back next to the
fields with `apply_errors`.
"""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sangtao.core import files
from sangtao.core.collation import vi_order
from sangtao.core.forms import style_form, workbook_input

from . import selectors
from .models import Council, CouncilMember, Decision
from .services import COUNCIL_SETTINGS, Meeting

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class _DecisionFileMixin:
    def clean_decision_upload(self):
        upload = self.cleaned_data.get("decision_upload")
        if upload and files.sniff(upload) != files.PDF:
            raise ValidationError(_("The decision must be a PDF file."))
        return upload


class CouncilForm(_DecisionFileMixin, forms.ModelForm):
    """A council's settings. It cleans its fields only; the service validates and saves."""

    decision_upload = forms.FileField(
        label=_("Decision establishing the council (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    class Meta:
        model = Council
        fields = [*COUNCIL_SETTINGS, "fields"]  # the page lays them out one by one
        widgets = {
            "decision_date": DATE_WIDGET,
            "scoring_deadline": DATE_WIDGET,
            "fields": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, movement_ids, **kwargs):
        super().__init__(*args, **kwargs)
        choices = selectors.fields_for_councils(movement_ids=movement_ids)
        self.fields["fields"].queryset = choices
        if len({field.movement_id for field in choices}) > 1:
            self.fields["fields"].label_from_instance = lambda f: f"{f.movement.name}: {f.name}"
        self.fields["appraisers_per_initiative"].min_value = 1
        self.fields["appraisers_per_initiative"].widget.attrs["min"] = 1
        style_form(self)

    def _post_clean(self):
        pass

    def settings(self) -> dict:
        return {key: self.cleaned_data[key] for key in COUNCIL_SETTINGS}


class CouncilCreateForm(CouncilForm):
    round = forms.ModelChoiceField(label=_("Round"), queryset=None)
    unit = forms.ModelChoiceField(
        label=_("Unit holding the council"),
        queryset=None,
        help_text=_("Front committees and member organisations you cover."),
    )

    field_order = ["round", "unit", "name"]

    def __init__(self, *args, user, **kwargs):
        rounds = selectors.rounds_for_councils()
        super().__init__(*args, movement_ids=rounds.values_list("movement_id", flat=True), **kwargs)
        self.fields["round"].queryset = rounds
        self.fields["round"].label_from_instance = lambda r: f"{r.movement.name} · {r.name}"
        self.fields["unit"].queryset = selectors.units_for_councils(user=user)
        self.order_fields(self.field_order)
        style_form(self)

    def clean(self):
        cleaned = super().clean()
        round_, fields = cleaned.get("round"), cleaned.get("fields")
        if round_ is not None and fields:
            if any(field.movement_id != round_.movement_id for field in fields):
                self.add_error("fields", _("Choose fields of the round's movement."))
        return cleaned


class AttendanceField(forms.ModelMultipleChoiceField):
    """The council's seats as checkboxes: ticked, present at the meeting."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return f"{obj.user.display_name} ({obj.get_role_display().lower()})"


class MeetingForm(StyledForm):
    """When and where the council met, and who attended: asked for at sealing (the chair)
    and on the meeting page (the chair or the secretary). The service checks the dates."""

    meeting_date = forms.DateField(label=_("Meeting date"), widget=DATE_WIDGET)
    meeting_start = forms.TimeField(
        label=_("Started at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    meeting_end = forms.TimeField(
        label=_("Ended at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    meeting_place = forms.CharField(label=_("Place"), max_length=255, required=False)
    minutes_number = forms.CharField(
        label=_("Minutes number"),
        max_length=20,
        required=False,
        help_text=_("The number alone (03); the minutes print it as 03/BB-HĐTĐ."),
    )
    present = AttendanceField(
        label=_("Present at the meeting (unticked: absent)"), queryset=None, required=False
    )

    def __init__(self, *args, council: Council, seats, attending: set[int], **kwargs):
        kwargs.setdefault(
            "initial",
            {
                # Defaulting to nothing: the chair says when the council met.
                "meeting_date": council.meeting_date,
                "meeting_start": council.meeting_start,
                "meeting_end": council.meeting_end,
                "meeting_place": council.meeting_place,
                "minutes_number": council.minutes_number,
                "present": sorted(attending),
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = seats
        self.fields["meeting_date"].error_messages["required"] = _("Give the date the council met.")

    def meeting(self) -> Meeting:
        data = self.cleaned_data
        return Meeting(
            date=data["meeting_date"],
            start=data.get("meeting_start"),
            end=data.get("meeting_end"),
            place=data.get("meeting_place", ""),
            minutes_number=data.get("minutes_number", ""),
            present=frozenset(seat.pk for seat in data.get("present", [])),
        )


class SealForm(MeetingForm):
    """The meeting form of the seal, with the chair's confirmation when score sheets are
    missing (the service refuses to seal without it)."""

    missing_confirmed = forms.BooleanField(
        label=_("I know these score sheets are missing and seal the results without them."),
        required=False,
    )

    def __init__(self, *args, missing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not missing:
            del self.fields["missing_confirmed"]

    def confirmed(self) -> bool:
        return bool(self.cleaned_data.get("missing_confirmed"))


class MembersAddForm(StyledForm):
    """Seat one or several people at once: each ticked among the council's candidates (see
    selectors.seat_candidates) found by part of their name, user name or e-mail, with or
    without tones, and each with their role (`role_<id>`, else the form's `role`). The title,
    fields and invitations apply to each person seated."""

    person = forms.ModelMultipleChoiceField(
        label=_("People to seat"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Type part of a name and tick the people to seat."),
            "invalid_choice": _("Pick people of the list."),
            "invalid_pk_value": _("Pick people of the list."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=CouncilMember.Role.choices, required=False, initial="member"
    )
    title = forms.CharField(
        label=_("Title in the council"),
        max_length=255,
        required=False,
        help_text=_("E.g. Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam tỉnh."),
    )
    fields = forms.ModelMultipleChoiceField(
        label=_("Fields of expertise"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Empty: any field."),
    )
    expert_initiatives = forms.ModelMultipleChoiceField(
        label=_("Invited for these initiatives (experts only)"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fields"].queryset = selectors.fields_for_councils(
            movement_ids=[council.round.movement_id]
        )
        self.fields["expert_initiatives"].queryset = selectors.council_queue(
            council=council
        ).order_by(vi_order("title"), "id")
        self.fields["person"].queryset = selectors.seat_candidates(council=council)
        self.seats: list[tuple] = []

    def clean(self):
        cleaned = super().clean()
        roles = dict(CouncilMember.Role.choices)
        default = cleaned.get("role") or CouncilMember.Role.MEMBER
        sent = [str(pk) for pk in self.data.getlist("person")]
        people = sorted(cleaned.get("person") or [], key=lambda p: sent.index(str(p.pk)))
        for person in people:  # in the order they were ticked
            role = self.data.get(f"role_{person.pk}") or default
            if role not in roles:
                self.add_error("person", _("Choose a role of the list."))
                return cleaned
            self.seats.append((person, role))
        experts = any(role == CouncilMember.Role.EXPERT for _person, role in self.seats)
        if cleaned.get("expert_initiatives") and not experts:
            self.add_error(
                "expert_initiatives", _("Only invited experts are limited to some initiatives.")
            )
        return cleaned

    def roles_chosen(self) -> dict[str, str]:
        """{person id: role} as sent back, to show a refused form as it was."""
        return {
            key.removeprefix("role_"): value
            for key, value in self.data.items()
            if key.startswith("role_")
        }


class SeatChoiceField(forms.ModelMultipleChoiceField):
    """The council's scoring seats as checkboxes, each with the person's unit and load."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        unit = obj.user.unit.name if obj.user.unit_id else "—"
        load = ngettext("%(count)s sheet to fill", "%(count)s sheets to fill", obj.load) % {
            "count": obj.load
        }
        return f"{obj.user.display_name} ({obj.get_role_display().lower()}) · {unit} · {load}"


class AssignForm(forms.Form):
    """Ask one or several members to appraise the initiatives ticked in the queue."""

    initiative = forms.TypedMultipleChoiceField(
        coerce=uuid.UUID,
        error_messages={"required": _("Tick at least one initiative.")},
    )
    member = SeatChoiceField(
        label=_("Members to assign"),
        queryset=None,
        error_messages={
            "required": _("Choose at least one member."),
            "invalid_choice": _("Choose members of the council who score."),
            "invalid_pk_value": _("Choose members of the council who score."),
        },
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = selectors.scoring_seats(council=council)
        # Any well-formed id is offered; the view keeps those of the council's queue.
        self.fields["initiative"].valid_value = _is_uuid


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


class SheetChoiceForm(forms.Form):
    sheet = forms.UUIDField()


class ReasonForm(StyledForm):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class ConflictRecordForm(StyledForm):
    """The secretary records a conflict of a council member with one initiative."""

    member = forms.ModelChoiceField(label=_("Council member"), queryset=None)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = council.members.exclude(
            role=CouncilMember.Role.SECRETARY
        ).select_related("user")
        self.fields["member"].label_from_instance = _member_label


class AuthorConflictForm(StyledForm):
    """The author names a council member they are in conflict with."""

    member = forms.ModelChoiceField(label=_("Council member"), queryset=None)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("E.g. a relative, a colleague of the same team, a co-author of the work."),
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: (
            f"{m.user.display_name} · {m.get_role_display()} · {m.council.name}"
        )


def _member_label(member: CouncilMember) -> str:
    return f"{member.user.display_name} ({member.get_role_display()})"


class SheetForm(StyledForm):
    """A score sheet: a score and a comment per criterion, an overall comment, a private note.

    Scores are taken as text (a comma or a point for decimals); the service checks the range.
    """

    overall_comment = forms.CharField(
        label=_("Overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    private_note = forms.CharField(
        label=_("Note for the council only"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Never shown to the authors."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    confirm = forms.BooleanField(
        label=_("I have checked this sheet: once submitted it can no longer be changed."),
        required=False,
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.CharField(
                label=_("Score for “%(criterion)s” (%(low)s–%(high)s)")
                % {
                    "criterion": criterion.name,
                    "low": criterion.min_score,
                    "high": criterion.max_score,
                },
                required=False,
                max_length=12,
                widget=forms.TextInput(
                    attrs={"inputmode": "decimal", "class": "form-control", "autocomplete": "off"}
                ),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            )

    def rows(self):
        """(criterion, score field, comment field) for the template."""
        return [
            (criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.criteria
        ]

    def scores(self) -> dict[int, tuple[str, str]]:
        return {
            criterion.pk: (
                self.cleaned_data.get(f"score_{criterion.pk}", "").strip(),
                self.cleaned_data.get(f"comment_{criterion.pk}", ""),
            )
            for criterion in self.criteria
        }


def sheet_initial(assignment, scores: dict) -> dict:
    initial = {
        "overall_comment": assignment.overall_comment,
        "private_note": assignment.private_note,
        "version": assignment.version,
    }
    for criterion_id, score in scores.items():
        value = score.value
        initial[f"score_{criterion_id}"] = (
            "" if value is None else f"{value.normalize():f}".replace(".", ",")
        )
        initial[f"comment_{criterion_id}"] = score.comment
    return initial


class DiscussionForm(StyledForm):
    text = forms.CharField(
        label=_("Message to the council"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False)


class DecisionForm(StyledForm):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    grade = forms.ModelChoiceField(
        label=_("Grade (when recognised)"), queryset=None, required=False
    )
    reason = forms.CharField(
        label=_("Reason (when not recognised or returned)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )

    votes_for = forms.IntegerField(label=_("Votes for"), required=False, min_value=0)
    votes_against = forms.IntegerField(label=_("Votes against"), required=False, min_value=0)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), required=False, min_value=0)

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].queryset = selectors.council_grades(council=council)
        if not council.decides_by_vote:
            for name in ("votes_for", "votes_against", "votes_abstain"):
                del self.fields[name]

    def votes(self) -> tuple | None:
        """(for, against, abstaining) when the council decides by vote, else None."""
        if "votes_for" not in self.fields:
            return None
        data = self.cleaned_data
        return (data.get("votes_for"), data.get("votes_against"), data.get("votes_abstain"))


class NominateForm(StyledForm):
    initiatives = forms.ModelMultipleChoiceField(
        label=_("Initiatives to propose"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one initiative.")},
    )
    note = forms.CharField(
        label=_("Note to the next level"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def __init__(self, *args, council: Council, **kwargs):
        from sangtao.initiatives.models import Initiative

        super().__init__(*args, **kwargs)
        self.fields["initiatives"].queryset = Initiative.objects.filter(
            recognitions__council=council, recognitions__withdrawn_at__isnull=True
        ).distinct()


class SheetsImportForm(forms.Form):
    file = forms.FileField(
        label=_("Filled results workbook (.xlsx)"),
        help_text=_(
            "Download the results workbook, fill the members' columns from the paper sheets and "
            "upload it here. Nothing is saved unless every row is right."
        ),
        widget=workbook_input({"class": "form-control"}),
    )
