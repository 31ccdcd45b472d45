"""Typed pickers for the choices that grow with the nation (units, initiatives).

A national officer keeps 20,000 units and a register may offer 455,000 recognised initiatives:
a `<select>` of them weighs megabytes. A `PickField` is a search box instead (`<name>__q`) with
the chosen rows as checked radio buttons (one) or check boxes (several). With htmx, typing asks
`pick/<source>/` for at most PICK_LIMIT rows of what the person may choose that match; without
it, the words posted resolve on the server: a number (an initiative's) or an exact name/title
picks that row, a single match picks it, several are offered under the box with an error.

Whatever is posted is checked against the field's `queryset`, the same rows the picker offers:
an id outside it is refused and nothing is saved. A `PickSource` (registered by the app that
owns the choice) says what a person may choose and how words find rows.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from sangtao.orgs.text import fold

from .filters import PICK_LIMIT


@dataclass(frozen=True)
class PickSource:
    """What a picker offers: `choices(user=)` the rows the person may choose (the field's
    queryset, and the picker view's); `find(rows, text, limit)` at most `limit` of `rows`
    matching the words, best first; `named(row, text)` whether the text names that row exactly.
    The texts are the box's placeholder and what the answer says when nothing or too much
    matches."""

    name: str
    choices: Callable[..., QuerySet]
    find: Callable[[QuerySet, str, int], list]
    named: Callable[[Model, str], bool]
    placeholder: str
    help: str
    nothing: str
    more: str
    refused: str
    several: str
    label: Callable[[Model], str] = str


SOURCES: dict[str, PickSource] = {}


def pick_source(source: PickSource) -> PickSource:
    """Register `source` under its name (its picker address is `pick/<name>/`)."""
    SOURCES[source.name] = source
    return source


def units_found(rows: QuerySet, text: str, limit: int) -> list:
    """At most `limit` units of `rows` whose folded name holds every word typed, in tree order;
    none under 2 letters."""
    words = fold(text).split()
    if len("".join(words)) < 2:
        return []
    query = Q()
    for word in words:
        query &= Q(search_key__contains=word)
    return list(rows.filter(query).only("pk", "name").order_by("path")[:limit])


def unit_source(name: str, choices: Callable[..., QuerySet]) -> PickSource:
    """A unit picker over `choices(user=)` (registered)."""
    return pick_source(
        PickSource(
            name=name,
            choices=choices,
            find=units_found,
            named=lambda unit, text: fold(unit.name) == fold(text),
            placeholder=_("Type part of a unit’s name"),
            help=_("Without tones if you like; pick one of the units found."),
            nothing=_("No unit you may pick matches."),
            more=_("More units match: type more of the name."),
            refused=_("You may not choose this unit: pick one from the list."),
            several=_("Several units match: pick one under the box."),
            label=lambda unit: unit.name,
        )
    )


def number_typed(text: str) -> int | None:
    """ "#1234" or "1234" -> 1234 (a row's number typed in a picker), else None."""
    match = re.fullmatch(r"#?\s*(\d{1,12})", text.strip())
    return int(match.group(1)) if match else None


class PickerWidget(forms.Widget):
    """The search box and the chosen rows (see the module); `field` is the PickField."""

    template_name = "core/widgets/picker.html"
    field: "PickField"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.found: Sequence = ()  # rows offered under the box by the page itself (no htmx)

    def value_from_datadict(self, data, files, name):
        ids = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        if not isinstance(ids, list | tuple):
            ids = [ids] if ids not in (None, "") else []
        return ([str(pk) for pk in ids if str(pk).strip()], data.get(f"{name}__q") or "")

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}__q" not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids, text = chosen_ids(value)
        field = self.field
        source = field.source
        known = [pk for pk in ids if pk.isdigit()]
        chosen = list(field.queryset.filter(pk__in=known)) if known else []
        context["widget"].update(
            pick_url=reverse("pick", args=[source.name]),
            source=source,
            text=text,
            kind="checkbox" if field.multiple else "radio",
            chosen=[(row.pk, source.label(row)) for row in chosen],
            found=[(row.pk, source.label(row)) for row in self.found],
        )
        return context


def chosen_ids(value) -> tuple[list[str], str]:
    """(ids, text typed) from a posted value, a row, an id or a list of rows or ids."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], str):
        return [str(pk) for pk in value[0]], value[1]
    if value in (None, ""):
        return [], ""
    values = value if isinstance(value, list | tuple | QuerySet) else [value]
    return [str(getattr(row, "pk", row)) for row in values], ""


class PickField(forms.Field):
    """A choice among `queryset` through a picker: a row (or a list with `multiple`)."""

    widget = PickerWidget

    def __init__(self, source: PickSource, *, queryset: QuerySet, multiple=False, **kwargs):
        super().__init__(**kwargs)
        self.source, self.queryset, self.multiple = source, queryset, multiple
        self.widget.field = self

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.widget.field = result
        return result

    def has_changed(self, initial, data):
        return set(chosen_ids(initial)[0]) != set(chosen_ids(data)[0])

    def clean(self, value):
        ids, text = chosen_ids(value)
        if any(not pk.isdigit() for pk in ids):
            raise ValidationError(self.source.refused, code="invalid_choice")
        rows = list(self.queryset.filter(pk__in=ids)) if ids else []
        if len(rows) != len(set(ids)):
            raise ValidationError(self.source.refused, code="invalid_choice")
        text = text.strip()[:200]
        if text and (self.multiple or not rows):
            rows = self.named_rows(rows, text)
        if not rows and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        if self.multiple:
            return rows
        return rows[0] if rows else None

    def named_rows(self, rows: list, text: str) -> list:
        """`rows` and the row the words typed name: the one found, or the one named exactly.
        Several found (none of them chosen already) are offered under the box, with an
        error; none is an error."""
        found = self.source.find(self.queryset, text, PICK_LIMIT + 1)
        if any(row in rows for row in found):
            return rows
        exact = [row for row in found if self.source.named(row, text)]
        if len(found) == 1 or len(exact) == 1:
            return [*rows, (exact or found)[0]]
        if not found:
            raise ValidationError(self.source.nothing, code="invalid_choice")
        self.widget.found = found[:PICK_LIMIT]
        raise ValidationError(self.source.several, code="invalid_choice")


def picker(field: forms.Field, source: PickSource, queryset: QuerySet) -> PickField:
    """A PickField in place of a form's model choice `field` (its label, help and whether it
    is required kept), choosing among `queryset`."""
    return PickField(
        source,
        queryset=queryset,
        multiple=isinstance(field, forms.ModelMultipleChoiceField),
        required=field.required,
        label=field.label,
        help_text=field.help_text,
    )


@login_required
@require_safe
def pick(request, source: str):
    """A picker's answer (htmx): at most PICK_LIMIT rows the person may choose matching the
    words typed, as radio buttons or check boxes named like the field."""
    found = SOURCES.get(source)
    if found is None:
        raise Http404
    name = request.GET.get("field", "")
    if not re.fullmatch(r"[\w-]{1,100}", name):
        raise Http404
    typed = request.GET.get(f"{name}__q", "")
    rows = found.find(found.choices(user=request.user), typed, PICK_LIMIT + 1)
    context = {
        "rows": [(row.pk, found.label(row)) for row in rows[:PICK_LIMIT]],
        "more": len(rows) > PICK_LIMIT,
        "field": name,
        "kind": "checkbox" if request.GET.get("multiple") else "radio",
        "source": found,
        "typed": bool(rows) or len(typed.strip()) >= 2,
    }
    return render(request, "core/_picker_choices.html", context)


urlpatterns = [path("pick/<slug:source>/", pick, name="pick")]
