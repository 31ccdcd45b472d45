"""The initiative picker (sangtao.registers.pickers): an initiative chosen by its number or
words of its title, among those a form offers, found through the search index."""

from collections.abc import Callable

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sangtao.registers.pickers import PickSource, number_typed, pick_source

from . import text as vtext
from .search import search_ranked_ids


def initiatives_found(rows: QuerySet, text: str, limit: int) -> list:
    """At most `limit` initiatives of `rows`: the one numbered so, or those the search ranks
    for the words (the exact title first); none under 2 letters."""
    number = number_typed(text)
    if number is not None:
        return list(rows.filter(pk=number).only("pk", "title"))
    if len("".join(vtext.syllables(text))) < 2:
        return []
    ranked = search_ranked_ids(query=text)
    order = {pk: place for place, pk in enumerate(ranked)}
    found = rows.filter(pk__in=ranked).only("pk", "title")
    return sorted(found, key=lambda row: order[row.pk])[:limit]


def initiative_named(initiative, text: str) -> bool:
    """Whether `text` is the initiative's number or its title (case and blanks aside)."""
    if number_typed(text) == initiative.pk:
        return True
    return " ".join(initiative.title.casefold().split()) == " ".join(text.casefold().split())


def initiative_source(name: str, choices: Callable[..., QuerySet]) -> PickSource:
    """An initiative picker over `choices(user=)` (registered)."""
    return pick_source(
        PickSource(
            name=name,
            choices=choices,
            find=initiatives_found,
            named=initiative_named,
            placeholder=_("Type an initiative’s number or words of its title"),
            help=_("Without tones if you like; pick one of the initiatives found."),
            nothing=_("No initiative you may choose matches."),
            more=_("More initiatives match: type more of the title."),
            refused=_("You may not choose this initiative: pick one from the list."),
            several=_("Several initiatives match: pick one under the box."),
            label=lambda initiative: f"#{initiative.pk} · {initiative.title}",
        )
    )
