"""The filters of a register's list: choice filters (a year, a kind) and the unit picker.

A province has thousands of units: a `<select>` of all of them weighs hundreds of kilobytes and
takes most of a page's time to render, and a capped one hides the units past the cap. A
`UnitFilter` is a search box instead. Without JavaScript it is a text field: the words typed
(with or without tones) keep the rows of the units whose name holds them all. With htmx, typing
asks the register's picker address (`<plural>/pick/<filter>/`) for at most `PICK_LIMIT`
matching units, shown as radio buttons under the box; the one chosen filters by its id
(`?unit=<id>`, which links and bookmarks may also carry).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sangtao.core.forms import style_form
from sangtao.orgs.text import fold

PICK_LIMIT = 20  # units the picker shows for what was typed


@dataclass(frozen=True)
class Filter:
    """A choice filter of the list: `lookup` (e.g. "unit", "status", "year") is matched against
    the chosen value; `choices(user)` offers the values (years, kinds: a short list; for units
    use `UnitFilter`).

    `choices=None` makes it a number box (1 to `most`) instead. `apply(rows, value)`, when
    given, narrows or orders the rows itself instead of the lookup ("waiting more than N
    days", the sort order); `blank` names the empty choice ("All" unless said)."""

    name: str
    label: str
    lookup: str
    choices: Callable[..., Sequence[tuple[object, str]]] | None
    apply: Callable[[QuerySet, object], QuerySet] | None = None
    blank: str = ""
    most: int = 3650


def year_filter(lookup: str, *, newest: int = 2030, oldest: int = 2015) -> Filter:
    """The list's "Year" filter on `lookup` ("held_on__year", or a year field), offering the years
    from `newest` down to `oldest` (2030 to 2015 unless told)."""
    years = [(year, str(year)) for year in range(newest, oldest - 1, -1)]
    return Filter("year", gettext_lazy("Year"), lookup, choices=lambda *, user: years)


def choice_filter(name: str, label: str, choices: Sequence[tuple[object, str]]) -> Filter:
    """A filter on the row's field `name` among fixed `choices` (a model's `Kind.choices`)."""
    return Filter(name, label, name, choices=lambda *, user: choices)


@dataclass(frozen=True)
class UnitFilter:
    """A filter by unit through a search box (see the module): `lookup` is the rows' unit
    ("unit", "initiative__unit"); `units(user=)` the units the person may pick, a queryset of
    OrgUnit (with `search_key`), never listed whole."""

    name: str
    label: str
    lookup: str
    units: Callable[..., QuerySet]

    def matching(self, *, user, text: str) -> QuerySet:
        """The units offered to `user` whose folded name holds every word of `text`."""
        query = Q()
        for word in fold(text).split():
            query &= Q(search_key__contains=word)
        return self.units(user=user).filter(query)

    def pick_url(self, register, parent=None) -> str:
        args = [parent.pk] if parent is not None else []
        return reverse(register.url_name("pick"), args=[*args, self.name])


class UnitPickerWidget(forms.Widget):
    """The search box `<name>__q` and, once a unit is chosen, its radio button `<name>` (with
    "any unit" beside it); htmx puts the picker's answer under the box."""

    template_name = "core/widgets/unit_picker.html"

    def __init__(self, *, pick_url: str = "", chosen=None, attrs=None):
        super().__init__(attrs)
        self.pick_url = pick_url
        self.chosen = chosen  # the OrgUnit of `<name>`, when it is one the person may pick
        self.found = ()  # units offered under the box by the page itself (without htmx)

    def value_from_datadict(self, data, files, name):
        return (data.get(name) or "", data.get(f"{name}__q") or "")

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}__q" not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        picked, text = value if isinstance(value, tuple) else ("", "")
        context["widget"].update(
            pick_url=self.pick_url,
            chosen=self.chosen,
            text=text,
            picked=str(picked),
            found=self.found,
        )
        return context


class UnitPickField(forms.Field):
    """(unit id or None, the text typed) from a UnitPickerWidget; a chosen id must be a number."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", UnitPickerWidget())
        super().__init__(**kwargs)

    def clean(self, value):
        picked, text = value if isinstance(value, tuple) else ("", "")
        text = str(text).strip()[:200]
        if not picked:
            return (None, text)
        try:
            return (int(picked), text)
        except (TypeError, ValueError):
            raise ValidationError(_("Pick a unit from the list."), code="invalid") from None


def unit_named(field: UnitPickField, found: Sequence):
    """The unit a form's `clean_<name>` takes when words were typed in a unit picker and none was
    chosen: the one unit of `found` (those whose name holds the words, PICK_LIMIT + 1 at most),
    shown as chosen. None is an error; several are offered under the box, with an error asking
    to pick one of them."""
    if len(found) == 1:
        field.widget.chosen = found[0]
        return found[0]
    if not found:
        raise ValidationError(_("No unit's name holds these words."))
    field.widget.found = found[:PICK_LIMIT]
    raise ValidationError(_("Several units match: pick one under the box."))


def filter_form(register, *, user, data, parent=None) -> forms.Form:
    """The list's search and filter form over `data` (the query string)."""
    form = forms.Form(data)
    if register.search is not None:
        form.fields["q"] = forms.CharField(label=_("Search"), required=False, max_length=200)
    for item in register.filters:
        if isinstance(item, UnitFilter):
            form.fields[item.name] = _unit_field(
                register, item, user=user, data=data, parent=parent
            )
            continue
        form.fields[item.name] = _choice_field(item, user=user)
    style_form(form)
    return form


def _choice_field(item: Filter, *, user) -> forms.Field:
    if item.choices is None:
        return forms.IntegerField(
            label=item.label, required=False, min_value=1, max_value=item.most
        )
    choices = [("", item.blank or _("All"))] + [
        (str(value), label) for value, label in item.choices(user=user)
    ]
    return forms.ChoiceField(label=item.label, choices=choices, required=False)


def _unit_field(register, item: UnitFilter, *, user, data, parent) -> UnitPickField:
    picked = str(data.get(item.name) or "")
    chosen = None
    if picked.isdigit():  # its name, when the person may pick it (one query, only then)
        chosen = item.units(user=user).filter(pk=int(picked)).only("pk", "name").first()
    widget = UnitPickerWidget(pick_url=item.pick_url(register, parent), chosen=chosen)
    return UnitPickField(label=item.label, widget=widget)


def filtered_rows(register, form: forms.Form, rows: QuerySet, *, user) -> QuerySet:
    """`rows` narrowed by the search and the filters of a bound `form` (none if it is invalid)."""
    if not form.is_valid():
        return rows.none()
    text = form.cleaned_data.get("q")
    if text:
        rows = rows.filter(register.search(text))
    for item in register.filters:
        value = form.cleaned_data.get(item.name)
        if isinstance(item, UnitFilter):
            picked, typed = value or (None, "")
            if picked is not None:
                rows = rows.filter(**{item.lookup: picked})
            elif typed:
                units = item.matching(user=user, text=typed).values("pk")
                rows = rows.filter(**{f"{item.lookup}__in": units})
        elif value and item.apply is not None:
            rows = item.apply(rows, value)
        elif value:
            rows = rows.filter(**{item.lookup: value})
    return rows


def unit_filter_named(register, name: str) -> UnitFilter | None:
    return next(
        (item for item in register.filters if isinstance(item, UnitFilter) and item.name == name),
        None,
    )


def units_picked(item: UnitFilter, *, user, text: str) -> list:
    """What the picker answers for `text`: at most PICK_LIMIT + 1 units (one more says there
    are more), by their place in the tree (nothing under 2 letters)."""
    if len(fold(text).replace(" ", "")) < 2:
        return []
    return list(
        item.matching(user=user, text=text).only("pk", "name").order_by("path")[: PICK_LIMIT + 1]
    )
