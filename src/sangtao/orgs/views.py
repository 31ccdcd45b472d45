"""Pages of the organisation tree."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .models import OrgUnit
from .selectors import unit_ancestors, unit_children, unit_history


@login_required
def tree(request):
    roots = unit_children(unit=None)
    return render(request, "orgs/tree.html", {"roots": roots})


@login_required
def unit_detail(request, pk: int):
    unit = get_object_or_404(OrgUnit.objects.select_related("level", "kind", "parent"), pk=pk)
    page = Paginator(unit_children(unit=unit), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "ancestors": unit_ancestors(unit=unit),
            "page": page,
            **unit_history(unit=unit),
        },
    )
