"""Forms of signing in safely: the one-time code and the password pages."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _


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


class PasswordResetForm(_Bootstrap, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(_Bootstrap, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(_Bootstrap, auth_forms.PasswordChangeForm):
    pass
