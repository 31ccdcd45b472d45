"""Read queries of the public portal: only officially recognised initiatives, only what the
authors agreed to publish. Other apps (the API, challenges) call these too.

`public_initiatives(*, query="", field=None, kind="", year=None, level=None, grade=None,
unit=None, sort="")` and `public_initiative(public_id)` keep their signatures stable.
"""

import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, IntegerField, QuerySet, When
from django.http import Http404

from sangtao.initiatives.models import Initiative, SearchEntry
from sangtao.initiatives.search import search_index_catching_up, search_ranked_ids
from sangtao.orgs.selectors import subtree_q

SORTS = ("relevance", "recent", "oldest")
LATEST = ("-recognised_at", "-initiative_id")
# The parts of a dossier the author may mark confidential, and the field each one hides.
SECTION_FIELDS = {
    Initiative.Section.ESSENCE: "essence",
    Initiative.Section.BENEFITS: "benefits",
    Initiative.Section.CONDITIONS: "conditions",
}


def public_entries(
    *, field=None, kind: str = "", year=None, level=None, grade=None, unit=None
) -> QuerySet[SearchEntry]:
    """The index rows of recognised initiatives, narrowed by the portal's filters.

    `field`, `level`, `grade` are objects or ids; `unit` an `OrgUnit` (its whole subtree).
    """
    entries = SearchEntry.objects.filter(is_public=True)
    for name, value in (("field_id", field), ("level_id", level), ("grade_id", grade)):
        if value:
            entries = entries.filter(**{name: getattr(value, "pk", value)})
    if kind:
        entries = entries.filter(kind=kind)
    if year:
        entries = entries.filter(year=int(year))
    if unit is not None:
        entries = entries.filter(subtree_q(unit.path, prefix="initiative__unit__"))
    return entries


def _with_display(queryset: QuerySet[Initiative]) -> QuerySet[Initiative]:
    return queryset.select_related("unit", "field", "round", "search_entry").defer(
        "essence", "benefits", "conditions", "confidential_note", "application_scope"
    )


def public_initiatives(
    *,
    query: str = "",
    field=None,
    kind: str = "",
    year=None,
    level=None,
    grade=None,
    unit=None,
    sort: str = "",
) -> QuerySet[Initiative]:
    """Recognised initiatives matching `query` (Vietnamese-aware) and the filters.

    With a query and sort "relevance" (the default then) the order is the search's ranking,
    limited to its best `search.CANDIDATES`; otherwise newest recognition first ("recent") or
    oldest ("oldest"). Each row has `search_entry` (recognition date, level, grade ids).
    """
    sort = sort if sort in SORTS else ("relevance" if query.strip() else "recent")
    if query.strip():
        ids = public_ranked_ids(
            query=query, field=field, kind=kind, year=year, level=level, grade=grade, unit=unit
        )
        queryset = Initiative.objects.filter(pk__in=ids)
        if sort == "relevance" and ids:
            rank = Case(
                *(When(pk=pk, then=position) for position, pk in enumerate(ids)),
                output_field=IntegerField(),
            )
            return _with_display(queryset.annotate(rank=rank).order_by("rank"))
    else:
        # A join, not a subquery: the database walks the recognised rows' partial index in
        # order and stops at the page's end.
        facets = _facets(field=field, kind=kind, year=year, level=level, grade=grade)
        queryset = Initiative.objects.filter(
            **{f"search_entry__{name}": value for name, value in facets.items() if value}
        )
        if unit is not None:
            queryset = queryset.filter(subtree_q(unit.path, prefix="unit__"))
        if sort == "relevance":
            sort = "recent"
    order = ("search_entry__recognised_at", "search_entry__initiative_id")
    if sort != "oldest":
        order = tuple(f"-{name}" for name in order)
    return _with_display(queryset.order_by(*order))


def _id(value):
    return getattr(value, "pk", value) or None


def _facets(*, field, kind, year, level, grade) -> dict:
    return {
        "is_public": True,
        "field_id": _id(field),
        "kind": kind,
        "year": int(year) if year else None,
        "level_id": _id(level),
        "grade_id": _id(grade),
    }


def public_ranked_ids(
    *, query: str, field=None, kind: str = "", year=None, level=None, grade=None, unit=None
) -> list[int]:
    """The ids of the recognised initiatives matching `query` and the filters, best first
    (at most `search.CANDIDATES`)."""
    facets = _facets(field=field, kind=kind, year=year, level=level, grade=grade)
    return search_ranked_ids(
        query=query, facets=facets, unit_path=unit.path if unit is not None else None
    )


def search_catching_up() -> bool:
    """Whether a change saved a moment ago may not be found yet (its index entry waits)."""
    return search_index_catching_up()


def public_search_page(*, page: int, size: int, max_rows: int, **filters) -> tuple[list, int]:
    """One page (`size` + 1 rows, to tell whether another follows) of
    `public_initiatives(**filters)` and the number of rows, counted up to `max_rows` + 1: a
    ranked search pages its list of ids (no CASE over them), a plain list slices the ordered
    query (an indexed range) and counts at most `max_rows` + 1 rows."""
    start = (page - 1) * size
    query = (filters.get("query") or "").strip()
    if query and filters.get("sort") in ("", None, "relevance"):
        names = ("field", "kind", "year", "level", "grade", "unit")
        ids = public_ranked_ids(query=query, **{n: filters.get(n) for n in names if n in filters})
        wanted = ids[start : start + size + 1]
        found = _with_display(Initiative.objects.filter(pk__in=wanted)).in_bulk(wanted)
        return [found[pk] for pk in wanted if pk in found], len(ids)
    names = ("field", "kind", "year", "level", "grade", "unit")
    entries = public_entries(**{n: filters.get(n) for n in names if n in filters})
    order = ("recognised_at", "initiative_id")
    if filters.get("sort") != "oldest":
        order = tuple(f"-{name}" for name in order)
    # Walk the index rows in the order of their (is_public, facet, recognised_at) index and
    # fetch the page's initiatives by id: no join sorts the whole table.
    rows = _page_of(entries, order, start, size + 1)
    total = entries.order_by()[: max_rows + 1].count() if rows or start == 0 else 0
    return rows, total


def _page_of(entries: QuerySet[SearchEntry], order, start: int, count: int) -> list[Initiative]:
    """The initiatives of `count` index rows from `start` in `order`, read by id."""
    wanted = list(
        entries.order_by(*order).values_list("initiative_id", flat=True)[start : start + count]
    )
    found = _with_display(Initiative.objects.filter(pk__in=wanted)).in_bulk(wanted)
    return [found[pk] for pk in wanted if pk in found]


def public_initiative(public_id) -> Initiative:
    """One recognised initiative by its public id, or Http404 (drafts, refusals, withdrawn
    recognitions and unknown ids alike). Confidential parts are blanked on the object, and
    `published_sections` lists what may be shown."""
    try:
        initiative = (
            Initiative.objects.select_related("unit", "field", "round", "search_entry")
            .prefetch_related("authors")
            .get(public_id=public_id, search_entry__is_public=True)
        )
    except (Initiative.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404 from error
    hidden = set(initiative.confidential_sections or [])
    for section, name in SECTION_FIELDS.items():
        if section in hidden:
            setattr(initiative, name, "")
    if Initiative.Section.BENEFITS in hidden:
        initiative.yearly_saving_vnd = None
    initiative.confidential_note = ""
    initiative.hidden_sections = sorted(hidden)
    initiative.show_attachments = Initiative.Section.ATTACHMENTS not in hidden
    return initiative


def public_recognitions(*, initiative: Initiative) -> list:
    """The official recognitions of a public initiative: level, unit, grade, date (no score)."""
    from sangtao.appraisal.models import Recognition

    return list(
        Recognition.objects.filter(initiative=initiative, withdrawn_at__isnull=True)
        .select_related("unit__level", "grade")
        .only(
            "recognised_at",
            "unit__name",
            "unit__level__name",
            "unit__level__rank",
            "grade__name",
            "initiative_id",
        )
        .order_by("unit__level__rank", "-recognised_at")
    )


def portal_summary() -> dict:
    """The home page's figures: recognised initiatives by field and by year (cached 10 min)."""
    key = "portal:summary"
    summary = cache.get(key)
    if summary is None:
        from sangtao.movements.models import Field

        public = SearchEntry.objects.filter(is_public=True)
        by_year = list(
            public.exclude(year=None).values("year").annotate(total=Count("pk")).order_by("-year")
        )
        field_counts = dict(
            public.exclude(field_id=None)
            .values("field_id")
            .annotate(total=Count("pk"))
            .values_list("field_id", "total")
        )
        names = dict(Field.objects.filter(pk__in=field_counts).values_list("pk", "name"))
        by_field: dict[str, int] = {}
        for field_id, total in field_counts.items():
            name = names.get(field_id, "")
            by_field[name] = by_field.get(name, 0) + total
        summary = {
            "total": sum(row["total"] for row in by_year),
            "by_year": by_year[:10],
            "by_field": sorted(by_field.items(), key=lambda item: -item[1])[:12],
            "at": datetime.datetime.now(datetime.UTC),
        }
        cache.set(key, summary, 600)
    return summary


def search_form_choices(lists: dict[str, QuerySet]) -> dict[str, list[tuple[int, str]]]:
    """(id, name) of every row of these querysets (the public search form's lists: fields,
    levels, grades), kept in the cache for 10 minutes: statements fewer on every list page."""
    key = "portal:form-choices"
    choices = cache.get(key)
    if choices is None or set(choices) != set(lists):
        choices = {name: [(row.pk, str(row)) for row in rows] for name, rows in lists.items()}
        cache.set(key, choices, 600)
    return choices


def featured_initiatives(*, limit: int = 6) -> list[Initiative]:
    """The latest initiatives recognised at the two highest levels (central, province)."""
    from sangtao.orgs.models import Level

    top = list(Level.objects.filter(rank__lte=1).values_list("pk", flat=True))
    entries = SearchEntry.objects.filter(is_public=True, level_id__in=top)
    return _page_of(entries, LATEST, 0, limit)


def latest_initiatives(*, limit: int = 8) -> list[Initiative]:
    return _page_of(SearchEntry.objects.filter(is_public=True), LATEST, 0, limit)


def portal_home() -> dict:
    """Everything the public home shows: latest, featured, counts by field and year."""
    return {
        "latest": latest_initiatives(),
        "featured": featured_initiatives(),
        "summary": portal_summary(),
    }


def facet_labels(initiatives: list[Initiative]):
    """A function giving (level name, grade name) of each listed initiative: two queries for
    the whole page."""
    from sangtao.movements.models import Grade
    from sangtao.orgs.models import Level

    entries = [initiative.search_entry for initiative in initiatives]
    levels = dict(
        Level.objects.filter(pk__in={e.level_id for e in entries}).values_list("pk", "name")
    )
    grades = dict(
        Grade.objects.filter(pk__in={e.grade_id for e in entries}).values_list("pk", "name")
    )

    def labels(initiative: Initiative) -> tuple[str, str]:
        entry = initiative.search_entry
        return levels.get(entry.level_id, ""), grades.get(entry.grade_id, "")

    return labels


def public_related(*, initiative: Initiative, limit: int = 5) -> list:
    """Recognised initiatives most like this one (the novelty check over public records)."""
    from sangtao.initiatives.search import similar_initiatives

    return similar_initiatives(
        text=f"{initiative.title}\n{initiative.summary}",
        visible=None,
        exclude=initiative,
        limit=limit,
    )


def public_authors(*, initiative: Initiative) -> list:
    """The authors of a public initiative, as its page lists them."""
    return list(initiative.authors.all())


CONTACTS_SHOWN = 60  # the help page lists the nearest committees with a contact, highest first


def public_contacts(*, limit: int = CONTACTS_SHOWN) -> list:
    """Committees in force (units that hold appraisal councils) that gave a public contact,
    the highest levels first: the help page's "who to contact"."""
    from sangtao.orgs.models import OrgUnit
    from sangtao.orgs.selectors import open_q

    return list(
        OrgUnit.objects.filter(open_q(), kind__holds_council=True)
        .exclude(contact_email="", contact_phone="")
        .select_related("level")
        .only("pk", "name", "contact_email", "contact_phone", "level__name", "level__rank")
        .order_by("level__rank", "path")[:limit]
    )


def public_committee(pk: int):
    """A committee (a unit that may hold an appraisal council) for its public page; 404 else."""
    from sangtao.orgs.models import OrgUnit

    committee = (
        OrgUnit.objects.filter(pk=pk, kind__holds_council=True)
        .select_related("level", "kind", "parent")
        .first()
    )
    if committee is None:
        raise Http404
    return committee


def public_unit(pk: int):
    """A unit of the tree (in force or closed: its recognised initiatives stay), or None."""
    from sangtao.orgs.models import OrgUnit

    return OrgUnit.objects.filter(pk=pk).only("pk", "name", "path").first()


def public_units_named(text: str) -> list:
    """The units (at most PICK_LIMIT + 1) whose folded name holds every word of `text`, by
    their place in the tree: the unit picker of the public search."""
    from sangtao.orgs.models import OrgUnit
    from sangtao.registers.filters import UnitFilter, units_picked

    item = UnitFilter(
        name="unit", label="", lookup="unit", units=lambda *, user: OrgUnit.objects.all()
    )
    return units_picked(item, user=None, text=text)
