"""A council's own pages: the list, setting one up, its settings, its page, seal and reopen."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sangtao.core.forms import apply_errors, report_errors, submit
from sangtao.initiatives.selectors import mark_authors_shown

from .. import rules as council_rules
from .. import selectors, services
from ..forms import CouncilCreateForm, CouncilForm, MeetingForm, ReasonForm, SealForm
from ..models import CouncilMember
from .common import PAGE_SIZE, council_permission

ALL_YEARS = "all"


@login_required
def council_list(request):
    """The councils one sits on or follows, a year at a time (the newest one has councils by
    default; "all" for every year)."""
    years, latest = selectors.council_years(user=request.user)
    asked = request.GET.get("year", "")
    if asked == ALL_YEARS:
        year = None
    else:
        year = int(asked) if asked.isdigit() and int(asked) in years else latest
    page = selectors.council_list_page(
        user=request.user, year=year, number=request.GET.get("page"), per_page=PAGE_SIZE
    )
    seats = council_rules.seats(request.user)
    roles = dict(CouncilMember.Role.choices)
    for council in page.object_list:
        council.my_role = roles.get(seats.get(council.pk), "")
    shown = ALL_YEARS if year is None else str(year)
    return render(
        request,
        "appraisal/council_list.html",
        {
            "page": page,
            "years": years,
            "year": shown,
            "all_years": ALL_YEARS,
            "query_string": f"year={shown}",
        },
    )


def _decision_file_set(request, council, form) -> None:
    if form.cleaned_data["decision_upload"]:
        services.council_decision_file_set(
            council=council, by=request.user, upload=form.cleaned_data["decision_upload"]
        )


@council_permission(
    "appraisal.add_council",
    refusal=gettext_lazy(
        "Only movement officers, administrators and council secretaries set councils up."
    ),
)
def council_create(request, council=None):
    form = CouncilCreateForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            council = services.council_create(
                round=form.cleaned_data["round"],
                unit=form.cleaned_data["unit"],
                by=request.user,
                data=form.settings(),
                fields=form.cleaned_data["fields"],
            )
            _decision_file_set(request, council, form)
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied:
            form.add_error("unit", _("You may not set up a council for this unit."))
        else:
            messages.success(request, _("The council was set up. Now name its members."))
            return redirect("appraisal:members", pk=council.pk)
    return render(request, "appraisal/council_form.html", {"form": form, "council": None})


def _council_update(request, council, form) -> None:
    services.council_update(
        council=council,
        by=request.user,
        data=form.settings(),
        fields=form.cleaned_data["fields"],
    )
    _decision_file_set(request, council, form)


@council_permission("appraisal.change_council", writes=True)
def council_edit(request, council):
    form = CouncilForm(
        request.POST or None,
        request.FILES or None,
        instance=council,
        movement_ids=[council.round.movement_id],
    )
    saved, _result = submit(request, form, lambda data: _council_update(request, council, form))
    if saved:
        messages.success(request, _("The council's settings were saved."))
        return redirect("appraisal:council", pk=council.pk)
    return render(request, "appraisal/council_form.html", {"form": form, "council": council})


@council_permission()
def council_decision_file(request, council):
    if not council.decision_file:
        raise Http404
    return FileResponse(
        council.decision_file.open("rb"),
        as_attachment=True,
        filename=f"quyet-dinh-hoi-dong-{council.pk}.pdf",
        content_type="application/pdf",
    )


@council_permission()
def council_detail(request, council):
    """The council's page: its settings and people; for those who run or follow it, the queue
    of initiatives with their sheets and decisions."""
    user = request.user
    context = {
        "council": council,
        "section": "queue",
        "my_role": dict(CouncilMember.Role.choices).get(council_rules.seat(user, council), ""),
        "sees_authors": council_rules.sees_authors(user, council),
        "reopen_form": ReasonForm(),
    }
    context["show_queue"] = user.has_perm("appraisal.view_queue", council)
    if context["show_queue"]:
        context["page"] = selectors.queue_page(council=council, number=request.GET.get("page"))
        mark_authors_shown(context["page"].object_list, user=user)
        context["undecided"] = context["page"].undecided
        if user.has_perm("appraisal.assign", council):
            context["scorers"] = selectors.scoring_members(council=council)
            # A blind council: the members' units (a hint of whose initiative it is) only for
            # those who set it up, as on the members page.
            context["shows_units"] = not council.blind or user.has_perm(
                "appraisal.change_council", council
            )
    else:
        context["task_counts"] = selectors.member_task_counts(user=user)
    return render(request, "appraisal/council_detail.html", context)


def _already_sealed(request, council):
    messages.info(request, _("The council's results are already sealed."))
    return redirect("appraisal:council", pk=council.pk)


@council_permission(
    "appraisal.seal",
    refusal=gettext_lazy("Only the chair seals the council's results."),
    writes=_already_sealed,
)
def seal(request, council):
    """GET: what sealing means, the meeting form and the score sheets still missing (whose,
    for which initiative); POST: record the meeting and seal (with missing sheets, only once
    the chair ticked that they know)."""
    missing = selectors.missing_sheets(council=council)
    form = _meeting_form(request, council, form_class=SealForm, missing=bool(missing))
    undecided = selectors.undecided_count(council=council)
    if request.method == "POST" and undecided:
        messages.error(
            request,
            _("%(count)s initiatives in the queue have no decision yet.") % {"count": undecided},
        )
        return redirect("appraisal:council", pk=council.pk)
    sealed, _result = submit(
        request,
        form,
        lambda data: services.council_seal(
            council=council,
            by=request.user,
            meeting=form.meeting(),
            missing_confirmed=form.confirmed(),
        ),
    )
    if sealed:
        messages.success(
            request,
            _("The results are sealed: the recognitions are official and nothing changes."),
        )
        return redirect("appraisal:council", pk=council.pk)
    return render(
        request,
        "appraisal/seal_confirm.html",
        {
            "council": council,
            "form": form,
            "undecided": undecided,
            "missing": missing,
        },
    )


def _meeting_form(request, council, form_class=MeetingForm, **kwargs) -> MeetingForm:
    return form_class(
        request.POST if request.method == "POST" else None,
        council=council,
        seats=selectors.council_seats(council=council),
        attending=selectors.meeting_attendance(council=council),
        **kwargs,
    )


@council_permission(
    "appraisal.record_meeting",
    refusal=gettext_lazy("Only the chair or the secretary records the council's meeting."),
    writes=_already_sealed,
)
def meeting(request, council):
    """When and where the council met and who attended, before sealing."""
    form = _meeting_form(request, council)
    recorded, _result = submit(
        request,
        form,
        lambda data: services.council_meeting_record(
            council=council, by=request.user, meeting=form.meeting()
        ),
    )
    if recorded:
        messages.success(request, _("The council's meeting was recorded."))
        return redirect("appraisal:council", pk=council.pk)
    return render(request, "appraisal/meeting_form.html", {"council": council, "form": form})


def _not_sealed(request, council, kwargs):
    if council.is_sealed:
        return None
    messages.info(request, _("The council's results are not sealed."))
    return redirect("appraisal:council", pk=council.pk)


@login_required
@require_POST
@council_permission(
    "appraisal.reopen_council",
    refusal=gettext_lazy("Only the chair or whoever set the council up reopens it."),
    ready=_not_sealed,
)
def reopen(request, council):
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for reopening."))
        return redirect("appraisal:council", pk=council.pk)
    try:
        services.council_reopen(
            council=council, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request, _("The results were reopened; their recognitions are withdrawn until sealed.")
        )
    return redirect("appraisal:council", pk=council.pk)
