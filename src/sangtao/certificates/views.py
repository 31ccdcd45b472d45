"""Certificate pages: the holder's list, the committee's registry, one certificate with its PDF
and revocation, the committee's settings, issuing from the council page, and the public
verification (no sign-in, rate-limited per client address).

Thin views: each checks one permission and calls one service or selector.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from sangtao.appraisal.models import Council
from sangtao.core.forms import report_errors, submit
from sangtao.core.guards import seen_and_allowed
from sangtao.jobs.services import job_enqueue

from . import documents, jobs, selectors, services
from .forms import IssueForm, RevokeForm, SettingsForm, VerifyForm
from .models import Certificate
from .ratelimit import over_limit

PAGE_SIZE = 50
# Requests a client address may make to the public verification pages in a minute.
VERIFY_LIMIT = 30


@login_required
@require_safe
def mine(request):
    """My certificates."""
    page = Paginator(selectors.certificates_mine(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "certificates/mine.html", {"page": page})


@login_required
@require_safe
def registry(request):
    """The certificates of the committees in the officer's (or leader's) subtrees."""
    if not request.user.has_perm("certificates.view_registry"):
        raise PermissionDenied
    unit = None
    if request.GET.get("unit", "").isdigit():
        unit = selectors.unit_by_pk(request.GET["unit"])
    query = request.GET.get("q", "")[:100]
    rows = selectors.certificates_visible(user=request.user, unit=unit, query=query)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    params = {key: value for key, value in (("unit", unit and unit.pk), ("q", query)) if value}
    return render(
        request,
        "certificates/registry.html",
        {
            "page": page,
            "unit": unit,
            "query": query,
            "can_configure": unit is not None
            and request.user.has_perm("certificates.change_settings", unit),
            "query_string": "&".join(f"{key}={value}" for key, value in params.items()),
            "rounds": selectors.rounds_to_print(user=request.user)
            if request.user.has_perm("certificates.export_round")
            else [],
        },
    )


def _certificate(request, pk: int, perm: str) -> Certificate:
    """The certificate; 404 when the user may not see it (whether it exists or not), 403 when
    they see it but may not do `perm`."""
    certificate = get_object_or_404(selectors.certificates_for_pages(), pk=pk)
    return seen_and_allowed(
        request.user, certificate, see="certificates.view_certificate", perm=perm
    )


@login_required
@require_safe
def detail(request, pk: int):
    certificate = _certificate(request, pk, "certificates.view_certificate")
    return render(
        request,
        "certificates/detail.html",
        {"certificate": certificate, "revoke_form": RevokeForm()},
    )


@login_required
@require_safe
def download(request, pk: int):
    """The certificate as PDF (one page, drawn on the spot)."""
    certificate = _certificate(request, pk, "certificates.view_certificate")
    response = HttpResponse(
        documents.certificate_pdf(certificate=certificate), content_type=documents.PDF
    )
    response["Content-Disposition"] = f'attachment; filename="{documents.file_name(certificate)}"'
    return response


@require_POST
@login_required
def revoke(request, pk: int):
    certificate = _certificate(request, pk, "certificates.revoke")
    form = RevokeForm(request.POST)
    revoked, _result = submit(
        request,
        form,
        lambda data: services.certificate_revoke(
            certificate=certificate, by=request.user, reason=data["reason"]
        ),
    )
    if revoked:
        messages.success(request, _("The certificate was revoked."))
        return redirect(certificate)
    return render(
        request,
        "certificates/detail.html",
        {"certificate": certificate, "revoke_form": form},
        status=400,
    )


@never_cache
@login_required
def unit_settings(request, unit_pk: int):
    """What a committee prints on its certificates: signer, place, seal and signature."""
    unit = get_object_or_404(selectors.units(), pk=unit_pk)
    if not request.user.has_perm("certificates.change_settings", unit):
        raise Http404
    record = selectors.certificate_settings_of(unit=unit)
    form = SettingsForm(request.POST or None, request.FILES or None, instance=record)
    saved, _result = submit(
        request,
        form,
        lambda data: services.certificate_settings_update(
            unit=unit,
            by=request.user,
            data=data,
            seal=data.get("seal"),
            signature=data.get("signature"),
        ),
    )
    if saved:
        messages.success(request, _("The certificate settings were saved."))
        return redirect("certificates:settings", unit_pk=unit.pk)
    return render(
        request,
        "certificates/settings.html",
        {"unit": unit, "form": form, "record": record},
        status=400 if form.errors else 200,
    )


def _council(request, pk: int, perm: str) -> Council:
    council = get_object_or_404(selectors.councils_for_pages(), pk=pk)
    return seen_and_allowed(request.user, council, see="appraisal.view_council", perm=perm)


@require_POST
@login_required
def council_issue(request, pk: int):
    """Issue the certificates the council still owes (from the council page)."""
    council = _council(request, pk, "certificates.issue")
    form = IssueForm(request.POST)
    if form.is_valid():
        try:
            made = services.certificate_issue_for_council(
                council=council, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            report_errors(request, error)
        else:
            if made:
                messages.success(
                    request,
                    _("%(count)s certificates were issued (%(first)s to %(last)s).")
                    % {"count": len(made), "first": made[0].serial, "last": made[-1].serial},
                )
            else:
                messages.info(request, _("Every certificate of this council was already issued."))
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect("appraisal:council", pk=council.pk)


@require_POST
@login_required
def council_batch(request, pk: int, extension: str):
    """Ask for the council's certificates as one PDF or as a ZIP, built in the background."""
    council = _council(request, pk, "certificates.export")
    kind = {"pdf": jobs.BATCH_PDF, "zip": jobs.BATCH_ZIP}.get(extension)
    if kind is None:
        raise Http404
    return redirect(job_enqueue(kind=kind, by=request.user, target=council))


@require_POST
@login_required
def round_batch(request, extension: str):
    """Ask for a round's certificates (of the committees in the user's subtrees) as one PDF or
    a ZIP; 404 when the user's subtrees hold none of that round's certificates."""
    kind = {"pdf": jobs.ROUND_PDF, "zip": jobs.ROUND_ZIP}.get(extension)
    if kind is None or not request.POST.get("round", "").isdigit():
        raise Http404
    round_ = get_object_or_404(selectors.rounds(), pk=request.POST["round"])
    if not request.user.has_perm("certificates.export_round", round_):
        raise Http404
    if not selectors.has_certificates_of_round(round=round_, user=request.user):
        raise Http404
    return redirect(job_enqueue(kind=kind, by=request.user, target=round_))


def _too_many(request):
    response = render(request, "certificates/too_many.html", status=429)
    response["Retry-After"] = "60"
    return response


def _public(response, *, referrer: str = "no-referrer"):
    """The link's token must not leak to other sites, nor the page to search engines.

    The form's page holds no token: it keeps the site's "same-origin", because under
    "no-referrer" browsers send its POST with "Origin: null", which fails the CSRF check."""
    response["Referrer-Policy"] = referrer
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def verify(request, token: str):
    """Public: is the certificate behind this link genuine, whose, for what, revoked?"""
    if over_limit(request, scope="certificate-verify", limit=VERIFY_LIMIT):
        return _too_many(request)
    certificate = selectors.certificate_for_verification(token=token) if len(token) < 40 else None
    if certificate is None:
        raise Http404
    return _public(render(request, "certificates/verify.html", {"certificate": certificate}))


def verify_form(request):
    """Public: the serial number and the check code printed on the paper lead to its page;
    anything else gets the same answer, whatever it is that does not match."""
    if over_limit(request, scope="certificate-verify", limit=VERIFY_LIMIT):
        return _too_many(request)
    form = VerifyForm(request.POST or None)
    not_found = False
    if form.is_bound and form.is_valid():
        found = selectors.certificate_by_code(
            serial=form.cleaned_data["serial"], check_code=form.cleaned_data["code"]
        )
        if found is not None:
            return redirect("certificates:verify", token=found.token)
        not_found = True
    return _public(
        render(request, "certificates/verify_form.html", {"form": form, "not_found": not_found}),
        referrer="same-origin",
    )
