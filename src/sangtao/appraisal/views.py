"""Pages of appraisal councils: thin views over the selectors and services."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from . import selectors
from .models import Council

PAGE_SIZE = 50


@login_required
def council_list(request):
    page = Paginator(selectors.council_list_visible(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "appraisal/council_list.html", {"page": page})


@login_required
def member_task_list(request):
    page = Paginator(selectors.member_tasks(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "appraisal/task_list.html", {"page": page})


@login_required
def council_detail(request, pk: int):
    council = get_object_or_404(Council.objects.select_related("round", "unit"), pk=pk)
    if not request.user.has_perm("appraisal.view_council", council):
        raise PermissionDenied
    page = Paginator(selectors.council_queue_rows(council=council), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "appraisal/council_detail.html", {"council": council, "page": page})
