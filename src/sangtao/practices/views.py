"""The pages beyond the registers: the plan's target per year, and the public portal's
published practices (no sign-in)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from sangtao.accounts.scope import STAFF_ROLES, has_role
from sangtao.registers.files import file_response

from . import selectors
from .forms import TargetYearForm


@require_safe
@login_required
def target(request):
    """The member organisations (and the person's own committee) of the person's subtrees
    without a practice started in the chosen year: the plan asks at least one of each."""
    if not has_role(request.user, STAFF_ROLES):
        raise PermissionDenied
    form = TargetYearForm(request.GET or None)
    year = TargetYearForm.year_of(request.GET)
    missing, count = selectors.units_without_practice(user=request.user, year=year)
    return render(
        request,
        "practices/target.html",
        {"form": form, "year": year, "missing": missing, "count": count},
    )


@require_safe
def public_list(request):
    """The published practices, for everyone."""
    page = Paginator(selectors.practices_published(), 20).get_page(request.GET.get("page"))
    return render(request, "practices/public_list.html", {"page": page})


@require_safe
def public_detail(request, pk: int):
    practice = get_object_or_404(selectors.practices_published(), pk=pk)
    replications = selectors.replications_published(practice=practice)
    return render(
        request,
        "practices/public_detail.html",
        {
            "practice": practice,
            "replications": replications,
            "photos": selectors.practice_photos(practice=practice),
        },
    )


@require_safe
def public_photo(request, pk: int, file: int):
    """A photo of a published practice, for everyone."""
    practice = get_object_or_404(selectors.practices_published(), pk=pk)
    return file_response(get_object_or_404(selectors.practice_photos(practice=practice), pk=file))
