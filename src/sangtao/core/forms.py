"""Form plumbing every app shares: Bootstrap classes on widgets, the control-character check on
every text field, and a service's errors on a form (or, without one, as messages)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError

from .files import XLSX
from .validators import validate_multi_line, validate_single_line


def search_field(label: str, help_text: str) -> forms.CharField:
    """The words a list page searches for: an optional search box of 100 characters at most,
    without the browser's suggestions under it."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "class": "form-control", "autocomplete": "off"}
        ),
        help_text=help_text,
    )


def workbook_input(attrs: dict | None = None) -> forms.ClearableFileInput:
    """A file input that offers XLSX workbooks only; `attrs` come before the `accept`."""
    return forms.ClearableFileInput(attrs={**(attrs or {}), "accept": f".xlsx,{XLSX.content_type}"})


def guard_text(form: forms.BaseForm) -> None:
    """Refuse control characters in every text field of `form` (passwords excepted: a
    password is never shown, and its own validators judge it): single-line for an input,
    multi-line for a textarea."""
    for field in form.fields.values():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
            continue
        multi = isinstance(field.widget, forms.Textarea)
        validator = validate_multi_line if multi else validate_single_line
        if validator not in field.validators:
            field.validators.append(validator)


def style_form(form: forms.BaseForm) -> None:
    """Give every widget of `form` its Bootstrap 5 class, and guard its text fields. Radio
    buttons and checkbox lists are left alone: their page styles each choice."""
    guard_text(form)
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple too
            continue
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif not isinstance(widget, forms.HiddenInput):
            widget.attrs.setdefault("class", "form-control")


def apply_errors(form: forms.BaseForm, error: ValidationError, rename=None) -> None:
    """Put a service's ValidationError next to the form's fields (the others on top);
    `rename` maps the service's names to the form's ({"user": "username"})."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        name = (rename or {}).get(name, name)
        form.add_error(name if name in form.fields else None, errors)


def report_errors(request, error: ValidationError) -> None:
    """Say each message of a service's ValidationError on the next page, for a button that has
    no form to show them beside."""
    for message in error.messages:
        messages.error(request, message)


def submit(request, form: forms.BaseForm, write) -> tuple[bool, object]:
    """On a POST of a valid `form`, call the service through `write(form.cleaned_data)`:
    (True, what it returned) once done; (False, None) on a GET, an invalid form, or a
    ValidationError of the service, which goes next to the form's fields."""
    if request.method != "POST" or not form.is_valid():
        return False, None
    try:
        return True, write(form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
        return False, None


def picked(data: dict, *names: str) -> dict:
    """The values of `data` (a form's cleaned_data) named, as keywords for a service."""
    return {name: data[name] for name in names}
