"""Pages of the organisation tree: the top units, and one unit with its place, history and units
below. Signed-in users may read the tree (permission `orgs.view_tree`)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .forms import UnitFilterForm
from .models import OrgUnit
from .selectors import unit_ancestors, unit_history, unit_listing, unit_subtree_size

PAGE_SIZE = 50


def _listing(request, unit: OrgUnit | None) -> dict:
    form = UnitFilterForm(request.GET or None)
    filters = form.filters()
    units = unit_listing(unit=unit, query=filters["q"], active_only=not filters["history"])
    kept = {"q": filters["q"], "history": "on" if filters["history"] else ""}
    return {
        "form": form,
        "query": filters["q"],
        "history": filters["history"],
        "page": Paginator(units, PAGE_SIZE).get_page(request.GET.get("page")),
        "query_string": urlencode({key: value for key, value in kept.items() if value}),
    }


@login_required
@permission_required("orgs.view_tree", raise_exception=True)
def tree(request):
    return render(request, "orgs/tree.html", _listing(request, None))


@login_required
@permission_required("orgs.view_tree", raise_exception=True)
def unit_detail(request, pk: int):
    unit = get_object_or_404(OrgUnit.objects.select_related("level", "kind"), pk=pk)
    context = _listing(request, unit)
    return render(
        request,
        "orgs/unit_detail.html",
        {
            **context,
            "unit": unit,
            "ancestors": unit_ancestors(unit=unit),
            "subtree_size": unit_subtree_size(unit=unit, current_only=not context["history"]),
            **unit_history(unit=unit),
        },
    )
