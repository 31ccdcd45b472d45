"""What the council pages share: the one decorator that names what a view needs, the refusal
page and the small helpers of messages and addresses.

A council that a person may not see answers 404 (nobody learns what exists elsewhere); a page
of a council they see but may not use answers 403 with the reason in words; a write to a
sealed council is refused with a message and a redirect. A score sheet is found only by its
own member: anyone else gets 404.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sangtao.core.guards import WRITES, object_permission
from sangtao.initiatives.models import Initiative

from .. import selectors
from ..models import Council

PAGE_SIZE = 50


def refuse(request, message: str, council: Council | None = None):
    """403 with the reason in words."""
    return render(
        request, "appraisal/refused.html", {"message": message, "council": council}, status=403
    )


def sealed(request, council: Council, to: str | None = None):
    """The answer to a write on a sealed council: the message, and back."""
    messages.error(
        request,
        _("The council's results are sealed; reopen them (with a reason) to change anything."),
    )
    return redirect(to or council_url(council))


def council_url(council: Council, page=None) -> str:
    url = reverse("appraisal:council", kwargs={"pk": council.pk})
    return f"{url}?page={page}" if page and str(page).isdigit() else url


def result_url(council: Council, initiative: Initiative | str) -> str:
    public_id = getattr(initiative, "public_id", initiative)
    return reverse("appraisal:result", kwargs={"pk": council.pk, "initiative": public_id})


def report_form(request, form) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


def back_to_members(request, council, kwargs) -> str:
    return reverse("appraisal:members", args=[council.pk])


def back_to_result(request, council, kwargs) -> str:
    return result_url(council, kwargs["initiative"])


def _load_council(request, kwargs):
    if "pk" not in kwargs:
        return None
    return get_object_or_404(selectors.councils_for_pages(), pk=kwargs.pop("pk"))


def council_permission(
    perm: str = "appraisal.view_council",
    *,
    post: str | None = None,
    refusal: str = "",
    writes=False,
    back=None,
    ready=None,
):
    """The view's guard: `view(request, council, **other url kwargs)`.

    The council of the URL's `pk` is loaded (404 when missing or when the person may not see
    it). With `writes`, a sealed council refuses the view's writes (its POSTs when `post`
    names the write's permission, else every request) with the sealed message and a redirect
    to `back(request, council, kwargs)` (the council's page by default); `writes` may be the
    answer itself, `answer(request, council)`. Then `perm` is required (a refusal is the 403
    page saying `refusal`, or "You are not allowed to do this."), `ready(request, council,
    kwargs)` may answer, and a POST needs `post` too. Without `pk` in the URL (setting a
    council up) the permission is asked without an object.
    """

    def closed(request, council, kwargs):
        if not writes or council is None or not council.is_sealed:
            return None
        if post is not None and request.method not in WRITES:
            return None
        if callable(writes):
            return writes(request, council)
        return sealed(request, council, back(request, council, kwargs) if back else None)

    return object_permission(
        perm,
        load=_load_council,
        visible="appraisal.view_council",
        refuse=refuse,
        post=post,
        message=refusal,
        state=closed,
        ready=ready,
        name="council",
    )


def own_sheet(view=None, *, writes: bool = False):
    """The guard of a member's score sheet: `view(request, assignment)`. The sheet of the URL
    is found among the person's own (404 otherwise); with `writes`, a POST to the sheet of a
    sealed council is refused with the sealed message, back to the sheet."""

    def decorator(view):
        def load(request, kwargs):
            return get_object_or_404(
                selectors.member_sheets(user=request.user), public_id=kwargs.pop("sheet")
            )

        def closed(request, assignment, kwargs):
            if writes and assignment.council.is_sealed and request.method in WRITES:
                to = reverse("appraisal:sheet", args=[assignment.public_id])
                return sealed(request, assignment.council, to)
            return None

        return object_permission(
            None, load=load, visible=None, refuse=refuse, state=closed, name="assignment"
        )(view)

    return decorator(view) if view is not None else decorator


def queue_initiative(council: Council, public_id) -> Initiative:
    """The initiative of the council's queue named by the URL, or 404."""
    initiative = selectors.queue_initiative(council=council, public_id=public_id)
    if initiative is None:
        raise Http404
    return initiative


def lower_levels(request, council: Council, initiative: Initiative) -> list:
    """What the councils below did with `initiative`, each marked with whether the person may
    ask for its minutes."""
    found = selectors.lower_levels(council=council, initiative=initiative)
    for level in found:
        level.minutes = request.user.has_perm("appraisal.view_lower_minutes", level.council)
    return found


def discussion_for(request, council: Council, initiative: Initiative, *, sees_sheets: bool):
    """The page of the council's discussion of `initiative` asked for by `?page=`, for whoever
    sees the members' sheets (None for anyone else)."""
    if not sees_sheets:
        return None
    return selectors.discussion_page(
        council=council, initiative=initiative, number=request.GET.get("page")
    )
