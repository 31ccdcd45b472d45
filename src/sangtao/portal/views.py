"""The public portal: no sign-in, only recognised initiatives and what may be published."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_GET

from sangtao.core.public_pages import public_page
from sangtao.initiatives.search import highlight
from sangtao.initiatives.selectors import home_summary

from . import selectors
from .forms import PublicSearchForm

PAGE_SIZE = 20
MAX_PAGES = 50  # deeper than this, narrow the search: no page counts a million rows


class CappedPage:
    """One page of the public list; its rows are counted only up to `MAX_PAGES` pages."""

    def __init__(self, filters: dict, number: int):
        self.number = min(max(number, 1), MAX_PAGES)
        cap = MAX_PAGES * PAGE_SIZE
        rows, total = selectors.public_search_page(
            page=self.number, size=PAGE_SIZE, max_rows=cap, **filters
        )
        self.object_list = rows[:PAGE_SIZE]
        self.has_next = len(rows) > PAGE_SIZE and self.number < MAX_PAGES
        self.has_previous = self.number > 1
        self.capped = total > cap
        self.total = min(total, cap)

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def _page_number(request) -> int:
    try:
        return int(request.GET.get("page", 1))
    except ValueError:
        return 1


@require_GET
@public_page
def initiative_list(request):
    """Search and filter the recognised initiatives."""
    form = PublicSearchForm(request.GET or None)
    page, query = None, ""
    if not form.is_bound or form.is_valid():
        filters = form.filters() if form.is_bound else {}
        query = filters.get("query", "")
        page = CappedPage(filters, _page_number(request))
        labels = selectors.facet_labels(page.object_list)
        for initiative in page.object_list:
            initiative.title_html = highlight(initiative.title, query)
            initiative.summary_html = highlight(initiative.summary[:400], query)
            initiative.level_name, initiative.grade_name = labels(initiative)
    params = {k: v for k, v in request.GET.items() if k != "page" and v}
    template = "portal/initiative_list.html"
    return render(
        request,
        f"{template}#results" if request.htmx else template,
        {
            "form": form,
            "page": page,
            "query": query,
            "query_string": urlencode(params),
            "catching_up": bool(query) and selectors.search_catching_up(),
        },
    )


@require_GET
@public_page
def initiative_detail(request, public_id):
    """One recognised initiative, without its confidential parts; 404 for anything else."""
    initiative = selectors.public_initiative(public_id)
    return render(
        request,
        "portal/initiative_detail.html",
        {
            "initiative": initiative,
            "recognitions": selectors.public_recognitions(initiative=initiative),
            "authors": selectors.public_authors(initiative=initiative),
            "share_url": request.build_absolute_uri(),
        },
    )


def home(request):
    """The movement's public home (the idea database's figures) and, signed in, one's own."""
    if not request.user.is_authenticated:
        return _public_home(request)
    return render(
        request,
        "portal/home.html",
        home_summary(user=request.user) | {"portal": selectors.portal_home()},
    )


@public_page
def _public_home(request):
    return render(request, "portal/home.html", {"portal": selectors.portal_home()})


@require_GET
def unit_pick(request):
    """The public search's unit picker (htmx): at most 20 units matching what was typed."""
    from sangtao.registers.filters import PICK_LIMIT

    typed = request.GET.get("unit__q", "")
    units = selectors.public_units_named(typed)
    context = {
        "units": units[:PICK_LIMIT],
        "more": len(units) > PICK_LIMIT,
        "field": "unit",
        "typed": bool(units) or len(typed.strip()) >= 2,
    }
    return render(request, "core/_unit_choices.html", context)


@require_GET
def help_page(request):
    """Public: how to file, how councils score, how to verify a certificate, who to contact."""
    from sangtao.movements import plan_defaults

    context = {
        "contacts": selectors.public_contacts(),
        "criteria": [(name, description) for _code, name, description in plan_defaults.CRITERIA],
        "criterion_min": plan_defaults.CRITERION_MIN,
        "criterion_max": plan_defaults.CRITERION_MAX,
        "grades": plan_defaults.GRADES,
    }
    return render(request, "portal/help.html", context)


@require_GET
def committee_detail(request, pk: int):
    """Public: a committee's page: where to reach it, its recognised initiatives."""
    return render(request, "portal/committee.html", {"committee": selectors.public_committee(pk)})
