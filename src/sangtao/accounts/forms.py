"""Forms of signing in safely: the one-time code and the password pages."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from sangtao.core.forms import guard_text, search_field, style_form
from sangtao.orgs.forms import UnitLookupField

from .models import Role, User


class _Bootstrap:
    """Bootstrap's look on every input, and the browser's autofill hints kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


class SignInForm(auth_forms.AuthenticationForm):
    """Django's sign-in form, where the first field takes a user name or an e-mail address:
    an address that belongs to exactly one account signs in as that account's user name, so
    the lock-out (django-axes, keyed on the user name and the address) counts both alike."""

    username = auth_forms.UsernameField(
        label=_("User name or e-mail address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _("Enter a correct user name or e-mail address and password."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django sets the user name's length; an e-mail address may be longer.
        self.fields["username"].max_length = 254
        self.fields["username"].widget.attrs["maxlength"] = 254

    def clean(self):
        from .selectors import username_for_sign_in

        typed = self.cleaned_data.get("username")
        if typed:
            self.cleaned_data["username"] = username_for_sign_in(login=typed)
        return super().clean()


class TokenForm(forms.Form):
    """The six-digit code an authenticator app shows."""

    token = forms.RegexField(
        label=_("Code from the authenticator app"),
        regex=r"^\d{6}$",
        max_length=12,
        error_messages={"invalid": _("Enter the 6 digits the app shows.")},
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg",
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": r"[0-9 ]*",
                "autofocus": True,
            }
        ),
    )

    def full_clean(self):
        # People copy codes as "123 456": the spaces are not part of it.
        if self.is_bound and "token" in self.data:
            self.data = self.data.copy()
            self.data["token"] = "".join(self.data["token"].split())
        super().full_clean()


class VerifyTokenForm(TokenForm):
    """The code step of signing in: the app's six digits, or one of the printed backup codes."""

    token = forms.RegexField(
        label=_("Code from the authenticator app"),
        help_text=_("Or one of your printed backup codes."),
        regex=r"^(\d{6}|[A-Za-z2-7]{8})$",
        max_length=20,
        error_messages={
            "invalid": _("Enter the 6 digits the app shows, or a backup code of 8 characters.")
        },
        widget=forms.TextInput(
            attrs={
                "class": "form-control form-control-lg",
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


class PasswordResetForm(_Bootstrap, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(_Bootstrap, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(_Bootstrap, auth_forms.PasswordChangeForm):
    pass


class CommitteeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return "\u2003" * unit.depth + unit.name


class RegistrationForm(forms.Form):
    """Anyone's registration: name, e-mail, where they live, the committee, a password."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=150,
        help_text=_("You will sign in with it; a link to confirm it is sent there."),
    )
    country = forms.CharField(label=_("Country"), max_length=100, initial="Việt Nam")
    place = forms.CharField(
        label=_("Place of residence"),
        max_length=255,
        help_text=_("Province or city; abroad, the city and country where you live."),
    )
    committee = CommitteeChoiceField(
        label=_("Front committee you submit to"),
        queryset=None,
        help_text=_(
            "Your initiatives go to this committee's clerks, and from there to its appraisal "
            "council, like any other."
        ),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    # Hidden from people (off-screen, skipped by the keyboard); robots fill every field.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from sangtao.orgs.models import OrgUnit
        from sangtao.orgs.selectors import current_q

        self.fields["committee"].queryset = (
            OrgUnit.objects.filter(current_q(), kind__code="front_committee")
            .only("id", "name", "depth", "path")
            .order_by("path")
        )
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
        guard_text(self)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        from django.contrib.auth.password_validation import validate_password

        from .models import User

        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            probe = User(
                username=data.get("email", ""),
                email=data.get("email", ""),
                full_name=data.get("full_name", ""),
            )
            try:
                validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


# --- people and roles -----------------------------------------------------------------------------


class PeopleSearchForm(forms.Form):
    q = search_field(
        _("Name, e-mail or phone"),
        _("Part of a name, with or without diacritics; part of an e-mail or phone."),
    )

    def query(self) -> str:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["q"].strip()
        return ""


class RoleGrantForm(forms.Form):
    """A role over a unit of the administrator's subtree (and everything below it)."""

    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = UnitLookupField(
        label=_("Over the unit"),
        help_text=_(
            "The role covers this unit and every unit below it. Its official code, or its full "
            "name as the tree shows it."
        ),
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].scope = scope
        style_form(self)


class InviteForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    unit = UnitLookupField(label=_("Works in the unit"))
    role = forms.ChoiceField(
        label=_("Role over that unit"),
        choices=[("", _("None for now"))] + list(Role.choices),
        required=False,
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].scope = scope
        style_form(self)


class PersonPickerWidget(forms.Widget):
    """A search box that asks the people picker (`accounts:people_pick`, htmx) for the people
    whose name holds what is typed, and lists them as radio buttons (checkboxes when
    `multiple`) named like the field: picking one is choosing the value. The people already
    chosen are listed checked. Needs htmx (vendored, loaded by base.html). `pick_url` asks
    another picker of the same answer (a council's members page: the council's candidates)."""

    template_name = "accounts/widgets/person_picker.html"

    def __init__(self, attrs=None, *, multiple: bool = False, pick_url: str = ""):
        super().__init__(attrs)
        self.multiple = multiple
        self.pick_url = pick_url

    def value_from_datadict(self, data, files, name):
        if self.multiple:
            return data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False if self.multiple else name not in data

    def format_value(self, value):
        if value in (None, ""):
            return []
        values = value if isinstance(value, (list, tuple)) else [value]
        return [str(getattr(v, "pk", v)) for v in values]

    def get_context(self, name, value, attrs):
        from django.urls import reverse

        from .selectors import with_load

        context = super().get_context(name, value, attrs)
        ids = [v for v in context["widget"]["value"] if str(v).isdigit()]
        chosen = with_load(User.objects.filter(pk__in=ids).select_related("unit")) if ids else []
        context["widget"].update(
            {
                "multiple": self.multiple,
                "pick_url": self.pick_url or reverse("people_pick"),
                "chosen": list(chosen),
            }
        )
        return context


class PersonPickerField(forms.ModelChoiceField):
    """One person picked by part of their name (see PersonPickerWidget). The form limits it to
    the people its user may pick: `field.limit_to(user)`; a value outside is refused as any
    invalid choice."""

    def __init__(self, *, queryset=None, **kwargs):
        kwargs.setdefault("widget", PersonPickerWidget())
        kwargs.setdefault("label", _("Person"))
        super().__init__(queryset=User.objects.none() if queryset is None else queryset, **kwargs)

    def limit_to(self, user) -> None:
        from .selectors import people_in_scope

        self.queryset = people_in_scope(
            by=user, roles={Role.ADMIN, Role.OFFICER, Role.SECRETARY}
        ).filter(is_active=True)


class PersonMultiplePickerField(forms.ModelMultipleChoiceField):
    """Several people at once (checkboxes), e.g. the members of a council."""

    def __init__(self, *, queryset=None, **kwargs):
        kwargs.setdefault("widget", PersonPickerWidget(multiple=True))
        kwargs.setdefault("label", _("People"))
        super().__init__(queryset=User.objects.none() if queryset is None else queryset, **kwargs)

    limit_to = PersonPickerField.limit_to


class EmailPreferenceForm(forms.Form):
    """How notifications come by e-mail: one each, or the day's in one e-mail."""

    EACH, DIGEST = "each", "digest"
    email = forms.ChoiceField(
        label=_("E-mails of notifications"),
        choices=[
            (EACH, _("One e-mail for each notification")),
            (DIGEST, _("One e-mail a day listing the day's notifications")),
        ],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
