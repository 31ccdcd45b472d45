"""Django's form renderer, with its commonest widget templates written out in Python.

A form widget is a template of its own (an `<input>` includes the template of its attributes,
a `<select>` one per option): on a dossier's edit page (forty widgets) or a score sheet this
was a third of the page's CPU. `FastRenderer` gives, for the templates below, the very text
Django's templates give (tests/core/test_form_renderer.py renders both and compares them);
any other template (the project's own widgets, forms and fields as a whole) goes through
Django's templates as before.
"""

from types import SimpleNamespace

from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
# The templates that are `input.html` alone (each includes it and adds nothing).
INPUTS = frozenset(
    WIDGETS + name
    for name in (
        "input.html",
        "text.html",
        "hidden.html",
        "number.html",
        "date.html",
        "datetime.html",
        "time.html",
        "email.html",
        "url.html",
        "password.html",
        "search.html",
        "tel.html",
        "color.html",
        "file.html",
        "checkbox.html",
    )
)
OPTIONS = frozenset({WIDGETS + "checkbox_option.html", WIDGETS + "radio_option.html"})
SELECT_OPTION = WIDGETS + "select_option.html"
# A template's context as `{{ }}` sees it outside any {% localize %} or {% autoescape %}.
_CONTEXT = SimpleNamespace(autoescape=True, use_l10n=None, use_tz=None)


def _value(value) -> str:
    """`{{ value }}`."""
    return render_value_in_context(value, _CONTEXT)


def _formatted(value) -> str:
    """`{{ value|stringformat:'s' }}`."""
    try:
        text = "%s" % (str(value) if isinstance(value, tuple) else value)
    except (ValueError, TypeError):
        return ""
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {_value(name)}" + ("" if value is True else f'="{_formatted(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    return (
        f'<input type="{_value(widget["type"])}" name="{_value(widget["name"])}"{shown}'
        f"{_attrs(widget['attrs'])}>"
    )


def _option(widget: dict) -> str | None:
    """django/forms/widgets/input_option.html (None: not the plain case written here)."""
    if widget.get("wrap_label"):
        return None
    return _input(widget)


def _textarea(widget: dict) -> str:
    """django/forms/widgets/textarea.html."""
    value = widget["value"]
    return (
        f'<textarea name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_value(value) if value else ''}</textarea>"
    )


def _select(widget: dict) -> str | None:
    """django/forms/widgets/select.html with its options' select_option.html (None when an
    option has another template)."""
    parts = [f'<select name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_value(group_name)}">')
        for option in group_choices:
            if option["template_name"] != SELECT_OPTION:
                return None
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"'
                f"{_attrs(option['attrs'])}>{_value(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FastRenderer(DjangoTemplates):
    """settings.FORM_RENDERER: Django's templates, the commonest widgets without them."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if isinstance(widget, dict):
            if template_name in INPUTS:
                return mark_safe(_input(widget))
            if template_name in OPTIONS:
                html = _option(widget)
            elif template_name == WIDGETS + "textarea.html":
                return mark_safe(_textarea(widget))
            elif template_name == WIDGETS + "select.html":
                html = _select(widget)
            else:
                html = None
            if html is not None:
                return mark_safe(html)
        return super().render(template_name, context, request=request)
