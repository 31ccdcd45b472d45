"""Pages of honours, the yearly book and the ledger: thin views over the services and
selectors. Files are built in the background (kinds in honours/jobs.py)."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from sangtao.core.forms import report_errors, submit
from sangtao.jobs.services import job_enqueue
from sangtao.orgs.models import OrgUnit

from . import facts, forms, jobs, selectors, services, spreadsheets
from .models import HonoursRound, Yearbook

PAGE_SIZE = 25


def _refuse(request, message: str | None = None):
    return render(
        request,
        "honours/refused.html",
        {
            "message": message
            or _("This belongs to another unit: you are not allowed to see or change it.")
        },
        status=403,
    )


def refusing(view):
    """A PermissionDenied raised by the view or its service becomes the 403 page that says why,
    in Vietnamese."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return _refuse(request)
        except NotVisible:
            return render(
                request,
                "honours/refused.html",
                {"message": _("There is nothing here, or it belongs to a unit you may not see.")},
                status=404,
            )

    return wrapped


class NotVisible(Http404):
    """Missing, or of a unit the reader may not see: the same answer, so that guessing numbers
    tells nobody what exists elsewhere."""


def _allowed(request, found, perm: str):
    """`found` (a round or a book) when the person sees it and may do `perm` on it: NotVisible
    when it is missing or unseen, PermissionDenied when seen but not allowed."""
    if found is None or not request.user.has_perm("honours.view", found):
        raise NotVisible
    if not request.user.has_perm(perm, found):
        raise PermissionDenied
    return found


def _round(request, pk: int, perm: str) -> HonoursRound:
    return _allowed(request, selectors.honours_round(pk=pk), perm)


def _book(request, pk: int, perm: str) -> Yearbook:
    return _allowed(request, selectors.yearbook(pk=pk), perm)


@login_required
@require_safe
@refusing
def index(request):
    if not request.user.has_perm("honours.view_anywhere"):
        return redirect("honours:register")
    return render(
        request,
        "honours/index.html",
        {
            "rounds": selectors.rounds_visible(user=request.user)[:50],
            "books": selectors.books_visible(user=request.user)[:50],
        },
    )


# --- the honours round -----------------------------------------------------------------------


@login_required
@refusing
def round_create(request):
    if not request.user.has_perm("honours.manage_anywhere"):
        return _refuse(request, _("Only movement officers and administrators run honours."))
    form = forms.RoundOpenForm(request.POST or None, user=request.user)
    refused = _("You may not run honours for this unit.")
    round = _created(request, form, services.honours_round_open, "unit", refused)
    if round is not None:
        messages.success(request, _("The honours round is open with the proposed candidates."))
        return redirect(round)
    return render(request, "honours/round_form.html", {"form": form})


def _created(request, form, service, field: str, refused: str):
    """On a valid POST, `service(by=, **cleaned_data)`'s result; None on a GET or an invalid
    form, or with the refusal on the form (a PermissionDenied as `refused` next to `field`)."""
    try:
        return submit(request, form, lambda data: service(by=request.user, **data))[1]
    except PermissionDenied:
        form.add_error(field, refused)
        return None


def _candidate_formset(round, data=None):
    honours = facts.attach(round=round, honours=selectors.round_honours(round=round))
    initial = [
        {
            "id": h.pk,
            "confirmed": h.confirmed,
            "research_topic": h.research_topic,
            "form": h.form,
            "prize_vnd": h.prize_vnd,
            "source": h.source,
            "reason": h.reason,
        }
        for h in honours
    ]
    formset = forms.CandidateFormSet(data, initial=initial, prefix="c")
    if data is None or len(formset.forms) == len(honours):
        for form, honour in zip(formset.forms, honours, strict=False):
            form.honour = honour
    return formset


@login_required
@require_safe
@refusing
def round_detail(request, pk: int):
    round = _round(request, pk, "honours.view")
    manages = request.user.has_perm("honours.manage", round)
    formset = _candidate_formset(round)
    decide = forms.DecideForm(
        initial={
            "number": round.decision_number,
            "date": round.decision_date,
            "signer_title": round.signer_title,
            "signer_name": round.signer_name,
        }
    )
    return _round_page(request, round, formset, decide, manages)


def _round_page(request, round, formset, decide, manages, status=200, add=None):
    if add is None and manages and not round.is_decided:
        add = forms.CandidateAddForm(round=round)
    return render(
        request,
        "honours/round_detail.html",
        {
            "round": round,
            "formset": formset,
            "decide": decide,
            "manages": manages,
            "add": add,
            "files": selectors.finished_files(round, jobs.DECISION_KINDS.values()),
            "waiting": selectors.proposals_waiting(round=round) if manages else 0,
        },
        status=status,
    )


def _round_action(request, round, action, said):
    """Run `action()` (a service) and say how it went on the round's page: `said` is a message
    with the count the service returned, or a function of what it returned."""
    try:
        done = action()
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, said(done) if callable(said) else said % {"count": done})
    return redirect(round)


@require_POST
@login_required
@refusing
def round_propose(request, pk: int):
    """Send chosen decided honours, with their reasons, to the level above."""
    round = _round(request, pk, "honours.manage")
    ids = [int(v) for v in request.POST.getlist("honour") if v.isdigit()]
    return _round_action(
        request,
        round,
        lambda: services.honours_propose_up(round=round, honour_ids=ids, by=request.user),
        _("%(count)s honours were proposed to the level above."),
    )


@require_POST
@login_required
@refusing
def round_take(request, pk: int):
    """Take into the open round the honours the lower levels proposed."""
    round = _round(request, pk, "honours.manage")
    return _round_action(
        request,
        round,
        lambda: services.honours_take_proposals(round=round, by=request.user),
        _("%(count)s honours proposed by the lower levels were added."),
    )


@require_POST
@login_required
@refusing
def round_confirm(request, pk: int):
    round = _round(request, pk, "honours.manage")
    formset = _candidate_formset(round, request.POST)
    if formset.is_valid():
        choices = {
            form.cleaned_data["id"]: {
                key: value for key, value in form.cleaned_data.items() if key != "id"
            }
            for form in formset.forms
        }
        try:
            confirmed = services.honours_confirm(round=round, choices=choices, by=request.user)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(
                request, _("Saved: %(count)s candidates confirmed.") % {"count": confirmed}
            )
            return redirect(round)
    return _round_page(request, round, formset, forms.DecideForm(), True, status=400)


@require_POST
@login_required
@refusing
def round_candidate_add(request, pk: int):
    """Add by hand a collective or a person with no recognised initiative to the open round."""
    round = _round(request, pk, "honours.manage")
    form = forms.CandidateAddForm(request.POST, round=round)
    add = services.honours_candidate_add
    done, honour = submit(request, form, lambda data: add(round=round, by=request.user, **data))
    if done:
        messages.success(request, _("%(name)s was added as a candidate.") % {"name": honour.name})
        return redirect(round)
    decide = forms.DecideForm()
    return _round_page(request, round, _candidate_formset(round), decide, True, 400, form)


@require_POST
@login_required
@refusing
def round_candidate_remove(request, pk: int):
    """Take off the open round a candidate added by hand."""
    round = _round(request, pk, "honours.manage")
    posted = request.POST.get("remove", "")
    honour_id = int(posted) if posted.isdigit() else 0  # no honour has id 0: "not in the round"
    return _round_action(
        request,
        round,
        lambda: services.honours_candidate_remove(
            round=round, honour_id=honour_id, by=request.user
        ),
        lambda honour: _("%(name)s was removed from the candidates.") % {"name": honour.name},
    )


@login_required
@require_safe
@refusing
def round_unit_pick(request, pk: int):
    """The unit picker of the form above (htmx): units of the round unit's subtree."""
    from sangtao.registers.filters import PICK_LIMIT

    round = _round(request, pk, "honours.manage")
    typed = request.GET.get("unit__q", "")
    units = selectors.round_subtree_units_named(round=round, text=typed, limit=PICK_LIMIT)
    context = {
        "units": units[:PICK_LIMIT],
        "more": len(units) > PICK_LIMIT,
        "field": "unit",
        "typed": len(typed.strip()) >= 2,
    }
    return render(request, "core/_unit_choices.html", context)


@require_POST
@login_required
@refusing
def round_decide(request, pk: int):
    round = _round(request, pk, "honours.manage")
    form = forms.DecideForm(request.POST)
    decided, _result = submit(
        request, form, lambda data: services.honours_decide(round=round, by=request.user, **data)
    )
    if decided:
        messages.success(request, _("The honours are decided."))
        return redirect(round)
    return _round_page(request, round, _candidate_formset(round), form, True, status=400)


@require_POST
@login_required
@refusing
def round_file(request, pk: int, extension: str):
    if extension not in jobs.DECISION_KINDS:
        raise Http404
    round = _round(request, pk, "honours.view")
    job = job_enqueue(kind=jobs.DECISION_KINDS[extension], by=request.user, target=round)
    return redirect(job)


# --- the register ----------------------------------------------------------------------------


@login_required
@require_safe
@refusing
def register(request):
    """Everything a person or a unit was recognised and honoured for, as the reader may see."""
    form = forms.RegisterFilterForm(request.GET or None)
    form.fields["unit"].queryset = selectors.units_visible_to(user=request.user)
    form.fields["unit"].widget = forms.forms.Select(attrs={"class": "form-select"})
    form.fields["unit"].widget.choices = form.fields["unit"].choices
    form.fields["name"].widget.attrs["class"] = "form-control"
    unit, name = None, ""
    if form.is_valid():
        unit, name = form.cleaned_data["unit"], form.cleaned_data["name"].strip()
    recognitions = Paginator(
        selectors.register_recognitions(user=request.user, unit=unit, name=name), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    honours = Paginator(
        selectors.register_honours(user=request.user, unit=unit, name=name), PAGE_SIZE
    ).get_page(request.GET.get("hpage"))
    query = urlencode({k: v for k, v in (("unit", unit.pk if unit else ""), ("name", name)) if v})
    return render(
        request,
        "honours/register.html",
        {"form": form, "page": recognitions, "honours": honours, "query_string": query},
    )


# --- the yearly book -------------------------------------------------------------------------


@login_required
@refusing
def book_create(request):
    if not request.user.has_perm("honours.manage_anywhere"):
        return _refuse(request, _("Only movement officers and administrators compile the book."))
    form = forms.BookCreateForm(request.POST or None, user=request.user)
    refused = _("You may not compile a book for this unit.")
    book = _created(request, form, services.yearbook_create, "unit", refused)
    if book is not None:
        return redirect(book)
    return render(request, "honours/book_form.html", {"form": form})


@login_required
@refusing
def book_detail(request, pk: int):
    book = _book(request, pk, "honours.view")
    manages = request.user.has_perm("honours.manage", book)
    form = forms.BookEditForm(
        request.POST if request.method == "POST" else None,
        initial={"title": book.title, "foreword": book.foreword},
    )
    if request.method == "POST":
        if not manages:
            raise PermissionDenied
        saved, _result = submit(
            request,
            form,
            lambda data: services.yearbook_update(yearbook=book, by=request.user, **data),
        )
        if saved:
            messages.success(request, _("The book is saved."))
            return redirect(book)
    chosen = selectors.book_initiative_ids(yearbook=book)
    return render(
        request,
        "honours/book_detail.html",
        {
            "book": book,
            "form": form,
            "manages": manages,
            "eligible": selectors.book_eligible(yearbook=book),
            "chosen": chosen,
            "files": selectors.finished_files(book, jobs.BOOK_KINDS.values()),
            "problem": None,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@login_required
@refusing
def book_pick(request, pk: int):
    book = _book(request, pk, "honours.manage")
    try:
        ids = [int(value) for value in request.POST.getlist("initiative")]
        count = services.yearbook_pick(yearbook=book, initiative_ids=ids, by=request.user)
    except (ValueError, ValidationError) as error:
        problem = (
            " ".join(error.messages)
            if isinstance(error, ValidationError)
            else _("The choice could not be read.")
        )
        return render(
            request,
            "honours/book_detail.html",
            {
                "book": book,
                "form": forms.BookEditForm(
                    initial={"title": book.title, "foreword": book.foreword}
                ),
                "manages": True,
                "eligible": selectors.book_eligible(yearbook=book),
                "chosen": selectors.book_initiative_ids(yearbook=book),
                "files": selectors.finished_files(book, jobs.BOOK_KINDS.values()),
                "problem": problem,
            },
            status=400,
        )
    messages.success(request, _("%(count)s initiatives are in the book.") % {"count": count})
    return redirect(book)


@require_POST
@login_required
@refusing
def book_file(request, pk: int, extension: str):
    if extension not in jobs.BOOK_KINDS:
        raise Http404
    book = _book(request, pk, "honours.view")
    job = job_enqueue(kind=jobs.BOOK_KINDS[extension], by=request.user, target=book)
    return redirect(job)


# --- the ledger ------------------------------------------------------------------------------


def _ledger_unit(request) -> OrgUnit | None:
    wanted = request.GET.get("unit") or request.POST.get("unit")
    if wanted:
        unit = selectors.unit_by_pk(pk=wanted) if str(wanted).isdigit() else None
        if unit is None or not request.user.has_perm("honours.view", unit):
            raise NotVisible
        return unit
    return selectors.first_followed_unit(user=request.user)


def _year(request) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else None


@login_required
@require_safe
@refusing
def ledger(request):
    unit = _ledger_unit(request)
    if unit is None:
        return _refuse(request)
    year = _year(request)
    return _ledger_page(request, unit, year, None)


def _ledger_page(request, unit, year, form, status=200):
    manages = request.user.has_perm("honours.manage", unit)
    if form is None and manages:
        form = forms.PaymentForm(honours=selectors.payable_honours(unit=unit))
    return render(
        request,
        "honours/ledger.html",
        {
            "unit": unit,
            "year": year,
            "ledger": selectors.ledger(unit=unit, year=year),
            "fund": selectors.fund(unit=unit, year=year),
            "payments": selectors.payments_of(unit=unit, year=year)[:100],
            "form": form,
            "manages": manages,
            "units": selectors.followed_units(user=request.user),
        },
        status=status,
    )


@require_POST
@login_required
@refusing
def payment_create(request):
    unit = _ledger_unit(request)
    if unit is None or not request.user.has_perm("honours.manage", unit):
        return _refuse(request)
    form = forms.PaymentForm(request.POST, honours=selectors.payable_honours(unit=unit))
    refused = _("You may not record payments of this honour.")
    if _created(request, form, services.payment_record, "honour", refused) is not None:
        messages.success(request, _("The payment is recorded."))
        return redirect(f"{reverse('honours:ledger')}?unit={unit.pk}")
    return _ledger_page(request, unit, None, form, status=400)


@login_required
@require_safe
@refusing
def ledger_xlsx(request):
    unit = _ledger_unit(request)
    if unit is None:
        return _refuse(request)
    year = _year(request)
    content, filename = spreadsheets.ledger_workbook(
        unit=unit, year=year, ledger=selectors.ledger(unit=unit, year=year)
    )
    response = HttpResponse(content, content_type=spreadsheets.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
