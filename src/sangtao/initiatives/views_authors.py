"""One person, many author rows: a signed-in person finds the dossiers whose author rows carry
their name and asks to be linked to one; the filer or a clerk over the dossier's unit confirms
or refuses (sangtao.initiatives.services.author_claim_create, author_claim_decide)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import selectors, services


def _errors(request, error) -> None:
    for message in getattr(error, "messages", None) or [
        str(error) or _("You are not allowed to do this.")
    ]:
        messages.error(request, message)


@login_required
@require_http_methods(["GET", "POST"])
def author_rows(request):
    """The rows naming the person (POST `author`: ask to be linked to it) and their requests."""
    if request.method == "POST":
        raw = request.POST.get("author", "")
        author = selectors.author_row(pk=int(raw)) if raw.isdigit() else None
        if author is None:
            messages.error(request, _("Choose one of the author rows offered."))
            return redirect("initiatives:author_rows")
        try:
            services.author_claim_create(author=author, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            _errors(request, error)
        else:
            messages.success(
                request,
                _(
                    "Your request was sent to whoever filed the dossier; you will be told "
                    "the answer."
                ),
            )
        return redirect("initiatives:author_rows")
    return render(
        request,
        "initiatives/author_rows.html",
        {
            "rows": selectors.author_rows_naming(user=request.user),
            "claims": selectors.author_claims_mine(user=request.user)[:50],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def author_claims(request, public_id):
    """The requests waiting on a dossier's author rows, for its filer and the clerks over its
    unit (POST `claim`, `decision` accept/refuse, `reason`)."""
    initiative = get_object_or_404(selectors.initiatives_for_pages(), public_id=public_id)
    if not request.user.has_perm("initiatives.view_initiative", initiative):
        raise Http404
    if not request.user.has_perm("initiatives.answer_author_claim", initiative):
        raise PermissionDenied
    if request.method == "POST":
        raw = request.POST.get("claim", "")
        claim = (
            selectors.author_claim(pk=int(raw), initiative=initiative) if raw.isdigit() else None
        )
        decision = request.POST.get("decision")
        if claim is None or decision not in ("accept", "refuse"):
            messages.error(request, _("Choose one of the requests shown and an answer."))
            return redirect("initiatives:author_claims", public_id=initiative.public_id)
        try:
            services.author_claim_decide(
                claim=claim,
                accept=decision == "accept",
                by=request.user,
                reason=request.POST.get("reason", ""),
            )
        except (ValidationError, PermissionDenied) as error:
            _errors(request, error)
        else:
            messages.success(
                request,
                _("The person is now linked to the author row.")
                if decision == "accept"
                else _("The request was refused; the person is told why."),
            )
        return redirect("initiatives:author_claims", public_id=initiative.public_id)
    return render(
        request,
        "initiatives/author_claims.html",
        {
            "initiative": initiative,
            "claims": selectors.author_claims_pending(initiative=initiative),
        },
    )
