"""Forms of signing in safely: the one-time code and the password pages."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from sangtao.core.forms import guard_text


class _Bootstrap:
    """Bootstrap's look on every input, and the browser's autofill hints kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")


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
