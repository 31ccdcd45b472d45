"""The novelty check's pages: the panel of similar initiatives (while an author writes, and
on a council member's score page) and the council's duplicate / builds-on links."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from sangtao.core.forms import report_errors
from sangtao.core.validators import validate_multi_line

from . import services
from .models import Initiative
from .search import similar_initiatives
from .selectors import (
    initiative_by_public_id,
    initiative_links,
    initiative_list_visible,
    is_public,
    mark_authors_shown,
    not_duplicates,
)

PANEL = "initiatives/_similar_panel.html"


# The panel is kept this long per reader and text: a member reopening a score sheet, or an
# author saving unchanged words, costs no new search; the panel may be that far behind the index.
SIMILAR_SECONDS = 300


def _similar(request, text: str, exclude: Initiative | None):
    asked = f"{request.user.pk}:{exclude.pk if exclude else 0}:{text}"
    key = "similar:" + hashlib.sha256(asked.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = similar_initiatives(
            text=text, visible=initiative_list_visible(user=request.user), exclude=exclude
        )
        cache.set(key, found, SIMILAR_SECONDS)
    # Each one's unit only to who may know its authors (not who appraises it blind).
    mark_authors_shown([item.initiative for item in found], user=request.user)
    return found


@login_required
@require_GET
def novelty_check(request):
    """While writing: what the title and summary typed so far resemble."""
    if not request.user.has_perm("initiatives.add_initiative"):
        raise PermissionDenied
    exclude = None
    if request.GET.get("initiative"):
        exclude = _initiative_or_404(request.GET["initiative"])
        if not request.user.has_perm("initiatives.view_initiative", exclude):
            raise Http404
    text = f"{request.GET.get('title', '')[:500]}\n{request.GET.get('summary', '')[:4000]}"
    return render(
        request,
        PANEL,
        {
            "similar": _similar(request, text, exclude) if text.strip() else [],
            "writing": True,
            "sees_authors": True,
        },
    )


@login_required
@require_GET
def initiative_similar(request, public_id):
    """What an existing dossier resembles, with the council's links and its link form."""
    initiative = _initiative_or_404(public_id)
    if not request.user.has_perm("initiatives.view_similar", initiative):
        raise Http404
    may_link = request.user.has_perm("initiatives.link_initiative", initiative)
    return render(
        request,
        PANEL,
        {
            "initiative": initiative,
            # Who appraises it blind reads no unit (nor who recorded a link) in the panel: the
            # closest initiatives are often earlier ones of the same authors.
            "sees_authors": request.user.has_perm("initiatives.view_authors", initiative),
            "similar": _found_not_same(
                _similar(request, f"{initiative.title}\n{initiative.summary}", initiative),
                initiative,
            ),
            "may_mark": request.user.has_perm("initiatives.mark_not_duplicate", initiative),
            "links": initiative_links(initiative=initiative, user=request.user),
            "may_link": may_link,
            "link_kinds": services.InitiativeLink.Kind.choices,
            "next": request.GET.get("next", ""),
        },
    )


@login_required
@require_POST
def initiative_link_create(request, public_id):
    """The council's chair or secretary records a duplicate / builds-on link."""
    initiative, other = _pair_or_refuse(request, public_id, "initiatives.link_initiative")
    try:
        validate_multi_line(request.POST.get("note", ""))
        services.initiative_link(
            initiative=initiative,
            other=other,
            kind=request.POST.get("kind", ""),
            note=request.POST.get("note", "")[:2000],
            similarity=_parse_similarity(request.POST.get("similarity")),
            by=request.user,
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("The link was recorded."))
    return _back(request, initiative)


def _found_not_same(found: list, initiative: Initiative) -> list:
    """The council's "not the same" findings on the panel: such a pair is flagged no more."""
    findings = not_duplicates(initiative=initiative)
    for item in found:
        item.not_same = findings.get(item.initiative.pk)
        if item.not_same:
            item.near_duplicate = False
    return found


@login_required
@require_POST
def initiative_not_duplicate(request, public_id):
    """A council member finds that a flagged initiative is not the same as this one."""
    initiative, other = _pair_or_refuse(request, public_id, "initiatives.mark_not_duplicate")
    try:
        services.initiative_not_duplicate(initiative=initiative, other=other, by=request.user)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Recorded: not the same initiative."))
    return _back(request, initiative)


def _pair_or_refuse(request, public_id: str, permission: str) -> tuple[Initiative, Initiative]:
    """The dossier and the `other` initiative a council's finding is about: 404 for what the
    person may not see (the other may be public), 403 without `permission` on the dossier."""
    initiative = _initiative_or_404(public_id)
    if not request.user.has_perm("initiatives.view_similar", initiative):
        raise Http404
    if not request.user.has_perm(permission, initiative):
        raise PermissionDenied
    other = _initiative_or_404(request.POST.get("other", ""))
    if not (
        is_public(initiative=other) or request.user.has_perm("initiatives.view_similar", other)
    ):
        raise Http404
    return initiative, other


def _back(request, initiative: Initiative):
    """To the page the form came from (a local path only), else the dossier."""
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect("initiatives:detail", public_id=initiative.public_id)


def _initiative_or_404(public_id: str) -> Initiative:
    try:
        initiative = initiative_by_public_id(public_id=public_id)
    except (ValidationError, ValueError) as error:
        raise Http404 from error
    if initiative is None:
        raise Http404
    return initiative


def _parse_similarity(raw) -> float | None:
    try:
        value = float(raw)
    except (TypeError, ValueError):
        return None
    return value if 0 <= value <= 1 else None
