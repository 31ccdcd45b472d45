"""The officers' lists of dossiers as registers (sangtao.registers): "Hồ sơ chờ xử lý", what
waits for the person's own action, and "Tất cả hồ sơ", every dossier of the subtrees they
serve. Both search titles without tones, filter by year, round, unit (the unit picker), field,
state and "waiting more than N days", sort, show how long each dossier has waited in its
state, and export what they show to XLSX (in the background past the in-request limit).
Read-only: the dossier's own pages take its steps."""

import datetime

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sangtao.registers import Column, Filter, Register, UnitFilter, folded_search

from . import selectors
from .models import Initiative
from .states import State
from .text import key

# The orders a list offers: each walks an index of Initiative (models.py).
SORTS = {
    "newest": ("-created_at", "-id"),
    "oldest": ("created_at", "id"),
    "waiting": ("state_since", "id"),
    "title": ("title", "id"),
}
SORT_LABELS = {
    "newest": _("Newest first"),
    "oldest": _("Oldest first"),
    "waiting": _("Waiting longest first"),
    "title": _("By title (A–Z)"),
}
YEARS_OFFERED = 10


def _years(*, user):
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, this_year - YEARS_OFFERED, -1)]


def _rounds(*, user):
    return selectors.rounds_offered()


def _fields(*, user):
    return selectors.fields_offered()


def _states(states):
    def choices(*, user):
        return [(state.value, state.label) for state in states]

    return choices


def _sorts(default: str):
    def choices(*, user):
        return [(name, label) for name, label in SORT_LABELS.items() if name != default]

    return choices


def _sorted(rows, value):
    return rows.order_by(*SORTS[value]) if value in SORTS else rows


def _waiting_more_than(rows, days):
    return rows.filter(state_since__lt=timezone.now() - datetime.timedelta(days=int(days)))


def _filters(*, units, states, default_sort: str) -> list:
    return [
        Filter("year", _("Year submitted"), "submitted_at__year", choices=_years),
        Filter("round", _("Round"), "round", choices=_rounds),
        UnitFilter("unit", _("Unit"), "unit", units=units),
        Filter("field", _("Field"), "field", choices=_fields),
        Filter("state", _("State"), "state", choices=_states(states)),
        Filter("waiting", _("Waiting more than (days)"), "", None, apply=_waiting_more_than),
        Filter(
            "sort",
            _("Sort"),
            "",
            _sorts(default_sort),
            apply=_sorted,
            blank=SORT_LABELS[default_sort],
        ),
    ]


def _unit_shown(row) -> str:
    """The dossier's unit, unless its reader appraises it blind."""
    if getattr(row, "sees_authors", False):
        return row.unit.name
    return str(_("not shown (blind appraisal)"))


EXPORT_COLUMNS = [
    Column(pgettext_lazy("initiative", "Title"), "title"),
    Column(_("Kind"), "get_kind_display"),
    Column(_("Unit"), _unit_shown),
    Column(_("Field"), "field.name"),
    Column(_("Round"), "round.name"),
    Column(_("State"), "get_state_display"),
    Column(_("Submitted at"), "submitted_at"),
    Column(_("In this state since"), "state_since"),
    Column(_("Waiting (days)"), "waiting_days"),
    Column(_("Files"), "attachment_count"),
]


class NoForm(forms.Form):
    """The lists add nothing: the dossier's own pages take its steps."""


def _context(*, heading, other_name, other_label, empty):
    def extra(*, parent, rows, **given) -> dict:
        return {
            "heading": heading,
            "other_url": reverse(other_name),
            "other_label": other_label,
            "empty_text": empty,
        }

    return extra


def _dossier_list(*, name, plural, queryset, units, states, default_sort, texts) -> Register:
    """One officers' list: `texts` are its heading, the other list's URL name and label, and
    what it says when nothing matches."""
    heading, other_name, other_label, empty = texts
    return Register(
        model=Initiative,
        namespace="initiatives",
        name=name,
        plural=plural,
        form=NoForm,
        queryset=queryset,
        perm_list="initiatives.view_unit_queue",
        detail=False,
        export_columns=EXPORT_COLUMNS,
        filters=_filters(units=units, states=states, default_sort=default_sort),
        search=folded_search("search_entry__title_key", fold=key),
        list_template="initiatives/dossier_list.html",
        htmx_partial="results",
        extra_context=_context(
            heading=heading, other_name=other_name, other_label=other_label, empty=empty
        ),
    )


WAITING = _dossier_list(
    name="waiting",
    plural="queue",
    queryset=selectors.dossiers_waiting,
    units=selectors.units_acted_on,
    states=selectors.ACTION_STATES,
    default_sort="waiting",
    texts=(
        _("Unit queue"),
        "initiatives:all",
        _("All dossiers"),
        _("Nothing waits for your action here."),
    ),
)

ALL = _dossier_list(
    name="dossier",
    plural="all",
    queryset=selectors.dossiers_seen,
    units=selectors.units_served,
    states=[state for state in State if state != State.DRAFT],
    default_sort="newest",
    texts=(_("All dossiers"), "initiatives:queue", _("Unit queue"), _("No dossiers match.")),
)

__all__ = ["ALL", "WAITING"]
