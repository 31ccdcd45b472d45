"""What every form of the project shares: `guard_text`, called by each app's form base (the
`_style` helpers and StyledForm), adds core.validators' control-character check to every text
field: single-line for an input, multi-line for a textarea; `apply_errors` puts a service's
refusal next to the fields it names."""

from django import forms
from django.core.exceptions import ValidationError

from .validators import validate_multi_line, validate_single_line


def guard_text(form: forms.BaseForm) -> None:
    """Refuse control characters in every text field of `form` (passwords excepted: a
    password is never shown, and its own validators judge it)."""
    for field in form.fields.values():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.PasswordInput):
            continue
        multi = isinstance(field.widget, forms.Textarea)
        validator = validate_multi_line if multi else validate_single_line
        if validator not in field.validators:
            field.validators.append(validator)


def apply_errors(form: forms.BaseForm, error: ValidationError, rename=None) -> None:
    """Put a service's ValidationError next to the form's fields (the others on top);
    `rename` maps the service's names to the form's ({"user": "username"})."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        name = (rename or {}).get(name, name)
        form.add_error(name if name in form.fields else None, errors)
