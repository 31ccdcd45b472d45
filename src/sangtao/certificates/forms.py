"""Forms of the certificate pages: the committee's settings, issuing, revoking, verifying."""

from django import forms
from django.utils.translation import gettext_lazy as _

from sangtao.core.forms import guard_text

from .models import CODE_LENGTH, CertificateSettings

TEXT = {"class": "form-control"}
PNG_INPUT = forms.ClearableFileInput(attrs={"class": "form-control", "accept": "image/png"})


class _Guarded:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_text(self)


def _png_field(label: str) -> forms.FileField:
    """An image the certificates print (optional): a PNG, checked by content in the service."""
    return forms.FileField(
        label=label,
        required=False,
        widget=PNG_INPUT,
        help_text=_("A PNG with a transparent background, at most 2 MB."),
    )


class SettingsForm(_Guarded, forms.ModelForm):
    """Signer, place and serial symbol; the images are checked by content in the service."""

    seal = _png_field(_("Seal (PNG)"))
    signature = _png_field(_("Signature (PNG)"))

    class Meta:
        model = CertificateSettings
        fields = ["signer_title", "signer_name", "place", "symbol"]
        widgets = {name: forms.TextInput(attrs=TEXT) for name in fields} | {
            "signer_title": forms.Textarea(attrs=TEXT | {"rows": 2})
        }


class IssueForm(_Guarded, forms.Form):
    decision_number = forms.CharField(
        label=_("Number of the recognition decision"),
        max_length=60,
        widget=forms.TextInput(attrs=TEXT | {"placeholder": "15/QĐ-MTTQ"}),
    )
    decision_date = forms.DateField(
        label=_("Date of the decision (the certificates' date)"),
        widget=forms.DateInput(attrs=TEXT | {"type": "date"}, format="%Y-%m-%d"),
    )


class RevokeForm(_Guarded, forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        widget=forms.Textarea(attrs=TEXT | {"rows": 3}),
        help_text=_("Shown on the public verification page."),
    )


class VerifyForm(forms.Form):
    serial = forms.CharField(
        label=_("Serial number"),
        max_length=60,
        widget=forms.TextInput(attrs=TEXT | {"placeholder": "15/2019/GCN-MTTQ"}),
    )
    code = forms.CharField(
        label=_("Check code printed on the certificate"),
        max_length=20,
        widget=forms.TextInput(attrs=TEXT | {"placeholder": "ABCDE-FGHJK", "autocomplete": "off"}),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).replace("-", "").upper()
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                _("Enter the %(length)s characters of the check code printed on the certificate.")
                % {"length": CODE_LENGTH}
            )
        return code

    def clean_serial(self) -> str:
        return "".join(self.cleaned_data["serial"].split())
