"""The form renderer writes the commonest widgets without their templates: the very text
Django's templates give, for every kind of value, attribute, choice and group."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from sangtao.core.form_renderer import FastRenderer

ODD = "Tiết kiệm <b>\"điện\"</b> & 'nước'"
CHOICES = [
    ("", "---------"),
    (1, "Một"),
    ("hai", ODD),
    (gettext_lazy("Group"), [(3, "Ba"), (Decimal("4.5"), gettext_lazy("Sign in"))]),
    (None, "Không"),
]


class Everything(forms.Form):
    text = forms.CharField(max_length=20, widget=forms.TextInput(attrs={"placeholder": ODD}))
    blank = forms.CharField(required=False)
    hidden = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.DecimalField(max_digits=6, decimal_places=2, min_value=Decimal("0.01"))
    email = forms.EmailField()
    url = forms.URLField(required=False, assume_scheme="https")
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    when = forms.DateTimeField(required=False)
    password = forms.CharField(widget=forms.PasswordInput(render_value=True))
    tick = forms.BooleanField(required=False)
    untick = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "data-x": mark_safe("<i>")}))
    empty_note = forms.CharField(required=False, widget=forms.Textarea)
    one = forms.ChoiceField(choices=CHOICES, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    boxes = forms.MultipleChoiceField(
        choices=CHOICES[1:3], required=False, widget=forms.CheckboxSelectMultiple
    )
    radio = forms.ChoiceField(choices=CHOICES[1:3], widget=forms.RadioSelect)
    upload = forms.FileField(required=False)
    flags = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"disabled": True, "hidden": False, "n": 0})
    )


DATA = {
    "text": ODD,
    "hidden": "7",
    "number": "12,50",
    "email": "a@b.vn",
    "day": "2026-12-07",
    "when": "2026-12-07 08:30",
    "password": "<secret>",
    "tick": "on",
    "note": "\nHai dòng\n<script>",
    "one": "hai",
    "many": ["1", "4.5"],
    "boxes": ["hai"],
    "radio": "1",
    "flags": "x",
}
INITIAL = {
    "text": mark_safe("<b>an toàn</b>"),
    "number": Decimal("3.10"),
    "day": datetime.date(2026, 1, 2),
    "when": datetime.datetime(2026, 1, 2, 3, 4),
    "hidden": 0,
    "one": 3,
    "many": [None],
    "boxes": [1],
    "radio": "hai",
}


def _rendered(form, renderer) -> list[str]:
    form.renderer = renderer
    out = []
    for field in form:
        out.append(str(field))
        out.extend(sub.tag() for sub in field.subwidgets)
        out.extend(str(sub) for sub in field.subwidgets)
    return out


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("bound", [True, False])
def test_every_widget_reads_as_with_django_templates(language, bound):
    with override(language):
        for renderer in (DjangoTemplates(), FastRenderer()):
            form = Everything(DATA) if bound else Everything(initial=INITIAL)
            form.is_valid()
            if renderer.__class__ is DjangoTemplates:
                expected = _rendered(form, renderer)
            else:
                assert _rendered(form, renderer) == expected
    assert len(expected) > 40
