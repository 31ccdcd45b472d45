"""Pages of appraisal councils: thin views over the selectors and services.

Who may open what: a council that a person may not see answers 404 (nobody learns what exists
elsewhere); a page of a council they see but may not use answers 403 with the reason in words;
a write to a sealed council is refused with a message and a redirect. A score sheet is found
only by its own member: anyone else gets 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sangtao.core.forms import apply_errors
from sangtao.core.selectors import CappedPaginator
from sangtao.initiatives.models import Attachment, Initiative
from sangtao.initiatives.selectors import mark_authors_shown

from . import rules as council_rules
from . import selectors, services
from .forms import (
    AssignForm,
    AuthorConflictForm,
    ConflictRecordForm,
    CouncilCreateForm,
    CouncilForm,
    DecisionForm,
    DiscussionForm,
    MemberAddForm,
    NominateForm,
    PeopleSearchForm,
    ReasonForm,
    SheetChoiceForm,
    SheetForm,
    sheet_initial,
)
from .models import Assignment, Conflict, Council, CouncilMember, Decision

PAGE_SIZE = 50


# --- helpers ----------------------------------------------------------------------------------


def _council(request, pk: int) -> Council:
    """The council, or 404 when the user may not see it."""
    council = get_object_or_404(
        Council.objects.select_related("round__movement", "unit__kind", "unit__level"), pk=pk
    )
    if not request.user.has_perm("appraisal.view_council", council):
        raise Http404
    return council


def _refuse(request, message: str, council: Council | None = None):
    """403 with the reason in words."""
    return render(
        request, "appraisal/refused.html", {"message": message, "council": council}, status=403
    )


def _not_allowed(request, council: Council | None = None):
    return _refuse(request, _("You are not allowed to do this."), council)


def _sealed(request, council: Council, to: str | None = None):
    messages.error(
        request,
        _("The council's results are sealed; reopen them (with a reason) to change anything."),
    )
    return redirect(to or _council_url(council))


def _council_url(council: Council, page=None) -> str:
    url = reverse("appraisal:council", kwargs={"pk": council.pk})
    return f"{url}?page={page}" if page and str(page).isdigit() else url


def _result_url(council: Council, initiative: Initiative) -> str:
    return reverse(
        "appraisal:result", kwargs={"pk": council.pk, "initiative": initiative.public_id}
    )


def _report(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _report_form(request, form) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


def _queue_initiative(council: Council, public_id) -> Initiative:
    initiative = selectors.queue_initiative(council=council, public_id=public_id)
    if initiative is None:
        raise Http404
    return initiative


def _dossier(initiative: Initiative) -> dict:
    return {
        "initiative": initiative,
        "authors": initiative.authors.all(),
        "attachments": initiative.attachments.all(),
    }


# --- councils ---------------------------------------------------------------------------------

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
    page = CappedPaginator(
        selectors.council_list_visible(user=request.user, year=year), PAGE_SIZE
    ).get_page(request.GET.get("page"))
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


@login_required
def council_create(request):
    if not request.user.has_perm("appraisal.add_council"):
        return _refuse(
            request,
            _("Only movement officers, administrators and council secretaries set councils up."),
        )
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
            if form.cleaned_data["decision_upload"]:
                services.council_decision_file_set(
                    council=council, by=request.user, upload=form.cleaned_data["decision_upload"]
                )
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied:
            form.add_error("unit", _("You may not set up a council for this unit."))
        else:
            messages.success(request, _("The council was set up. Now name its members."))
            return redirect("appraisal:members", pk=council.pk)
    return render(request, "appraisal/council_form.html", {"form": form, "council": None})


@login_required
def council_edit(request, pk: int):
    council = _council(request, pk)
    if council.is_sealed:
        return _sealed(request, council)
    if not request.user.has_perm("appraisal.change_council", council):
        return _not_allowed(request, council)
    form = CouncilForm(
        request.POST or None,
        request.FILES or None,
        instance=council,
        movement_ids=[council.round.movement_id],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.council_update(
                council=council,
                by=request.user,
                data=form.settings(),
                fields=form.cleaned_data["fields"],
            )
            if form.cleaned_data["decision_upload"]:
                services.council_decision_file_set(
                    council=council, by=request.user, upload=form.cleaned_data["decision_upload"]
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The council's settings were saved."))
            return redirect("appraisal:council", pk=council.pk)
    return render(request, "appraisal/council_form.html", {"form": form, "council": council})


@login_required
def council_decision_file(request, pk: int):
    council = _council(request, pk)
    if not council.decision_file:
        raise Http404
    return FileResponse(
        council.decision_file.open("rb"),
        as_attachment=True,
        filename=f"quyet-dinh-hoi-dong-{council.pk}.pdf",
        content_type="application/pdf",
    )


@login_required
def council_detail(request, pk: int):
    """The council's page: its settings and people; for those who run or follow it, the queue
    of initiatives with their sheets and decisions."""
    council = _council(request, pk)
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
        context["undecided"] = selectors.undecided_count(council=council)
        if user.has_perm("appraisal.assign", council):
            context["scorers"] = selectors.scoring_members(council=council)
    else:
        context["task_counts"] = selectors.member_task_counts(user=user)
    return render(request, "appraisal/council_detail.html", context)


# --- members ----------------------------------------------------------------------------------


@login_required
def council_members(request, pk: int):
    council = _council(request, pk)
    can_change = request.user.has_perm("appraisal.change_council", council)
    form = MemberAddForm(request.POST or None, council=council) if can_change else None
    if request.method == "POST":
        if council.is_sealed:
            return _sealed(request, council, reverse("appraisal:members", args=[council.pk]))
        if not can_change:
            return _not_allowed(request, council)
        if form.is_valid():
            data = form.cleaned_data
            try:
                member = services.council_member_add(
                    council=council,
                    user=data["username"],
                    role=data["role"],
                    by=request.user,
                    title=data["title"],
                    fields=data["fields"],
                    expert_initiatives=data["expert_initiatives"],
                )
            except ValidationError as error:
                apply_errors(form, error, rename={"user": "username"})
            else:
                messages.success(
                    request,
                    _("%(person)s was added as %(role)s.")
                    % {
                        "person": member.user.display_name,
                        "role": member.get_role_display().lower(),
                    },
                )
                return redirect("appraisal:members", pk=council.pk)
    search = PeopleSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    return render(
        request,
        "appraisal/council_members.html",
        {
            "council": council,
            "section": "members",
            "members": selectors.council_members(council=council),
            "form": form,
            "search": search,
            "query": query,
            "found": selectors.people_search(query=query) if can_change and query else [],
        },
    )


@login_required
@require_POST
def council_member_remove(request, pk: int, member: int):
    council = _council(request, pk)
    if council.is_sealed:
        return _sealed(request, council, reverse("appraisal:members", args=[council.pk]))
    if not request.user.has_perm("appraisal.change_council", council):
        return _not_allowed(request, council)
    seat = get_object_or_404(
        CouncilMember.objects.select_related("user"), pk=member, council=council
    )
    try:
        services.council_member_remove(member=seat, by=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(
            request, _("%(person)s left the council.") % {"person": seat.user.display_name}
        )
    return redirect("appraisal:members", pk=council.pk)


# --- assignments ------------------------------------------------------------------------------


def _assigning(request, pk: int):
    """(council, None) when the user may assign now, else (council, the refusal)."""
    council = _council(request, pk)
    if council.is_sealed:
        return council, _sealed(request, council)
    if not request.user.has_perm("appraisal.assign", council):
        return council, _not_allowed(request, council)
    return council, None


@login_required
@require_POST
def assign(request, pk: int):
    """Ask one member to appraise the initiatives ticked in the queue; a conflict of
    interest is refused for its initiative, in words, and the others go ahead."""
    council, refused = _assigning(request, pk)
    if refused:
        return refused
    form = AssignForm(request.POST)
    back = _council_url(council, request.POST.get("page"))
    if not form.is_valid():
        _report_form(request, form)
        return redirect(back)
    member = (
        council.members.select_related("user__unit", "council__unit")
        .filter(pk=form.cleaned_data["member"])
        .first()
    )
    initiatives = selectors.queue_initiatives(
        council=council, public_ids=form.cleaned_data["initiative"]
    )
    if member is None or not initiatives:
        messages.error(request, _("Choose an initiative of the queue and a member of the council."))
        return redirect(back)
    assigned = []
    for initiative in initiatives:
        try:
            services.assignment_create(
                council=council, initiative=initiative, member=member, by=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, f"“{initiative.title}”: {message}")
        else:
            assigned.append(initiative)
    if len(assigned) == 1:
        messages.success(
            request,
            _("%(person)s will appraise “%(title)s”.")
            % {"person": member.user.display_name, "title": assigned[0].title},
        )
    elif assigned:
        messages.success(
            request,
            _("%(person)s will appraise %(count)s initiatives.")
            % {"person": member.user.display_name, "count": len(assigned)},
        )
    return redirect(back)


@login_required
@require_POST
def assignment_remove(request, pk: int):
    council, refused = _assigning(request, pk)
    if refused:
        return refused
    form = SheetChoiceForm(request.POST)
    if not form.is_valid():
        raise Http404
    assignment = get_object_or_404(
        Assignment.objects.select_related("member__user", "initiative"),
        public_id=form.cleaned_data["sheet"],
        council=council,
    )
    try:
        services.assignment_remove(assignment=assignment, by=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(
            request,
            _("%(person)s no longer appraises “%(title)s”.")
            % {
                "person": assignment.member.user.display_name,
                "title": assignment.initiative.title,
            },
        )
    return redirect(_council_url(council, request.POST.get("page")))


@login_required
@require_POST
def assign_auto(request, pk: int):
    council, refused = _assigning(request, pk)
    if refused:
        return refused
    try:
        added = services.assignments_auto(council=council, by=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        if added:
            messages.success(request, _("Score sheets handed out: %(count)s.") % {"count": added})
        else:
            messages.info(
                request,
                _(
                    "No sheet was handed out: every initiative has its appraisers, or no "
                    "member without a conflict is left for it."
                ),
            )
    return redirect("appraisal:council", pk=council.pk)


# --- conflicts --------------------------------------------------------------------------------


@login_required
def council_conflicts(request, pk: int):
    council = _council(request, pk)
    if not request.user.has_perm("appraisal.view_queue", council):
        return _not_allowed(request, council)
    page = Paginator(selectors.council_conflicts(council=council), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # The reasons: the council's chair and secretary, and whoever declared them; those who
    # follow the council read who is in conflict with what, not why.
    all_reasons = request.user.has_perm("appraisal.view_conflict_reasons", council)
    page.object_list = list(page.object_list)
    for conflict in page.object_list:
        conflict.reason_shown = all_reasons or conflict.declared_by_id == request.user.pk
    return render(
        request,
        "appraisal/council_conflicts.html",
        {
            "council": council,
            "section": "conflicts",
            "page": page,
            "sees_authors": council_rules.sees_authors(request.user, council),
        },
    )


@login_required
@require_POST
def conflict_record(request, pk: int, initiative):
    council = _council(request, pk)
    initiative = _queue_initiative(council, initiative)
    back = _result_url(council, initiative)
    if council.is_sealed:
        return _sealed(request, council, back)
    if not request.user.has_perm("appraisal.record_conflict", council):
        return _refuse(request, _("Only the council's secretary records conflicts."), council)
    form = ConflictRecordForm(request.POST, council=council)
    if not form.is_valid():
        _report_form(request, form)
        return redirect(back)
    member = form.cleaned_data["member"]
    try:
        services.conflict_declare(
            initiative=initiative,
            user=member.user,
            by=request.user,
            reason=form.cleaned_data["reason"],
            source=Conflict.Source.SECRETARY,
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(
            request,
            _("The conflict of %(person)s with this initiative was recorded.")
            % {"person": member.user.display_name},
        )
    return redirect(back)


# --- one initiative: results, decision, discussion, files -------------------------------------


def _result_page(request, council, initiative, *, decision_form=None, status=200):
    user = request.user
    criteria = selectors.council_criteria(council=council)
    withheld = selectors.sheets_withheld(user=user, council=council, initiative=initiative)
    sees_sheets = withheld is None
    result = selectors.initiative_result(council=council, initiative=initiative)
    decision = selectors.decision_of(council=council, initiative=initiative)
    can_decide = sees_sheets and user.has_perm("appraisal.decide", council)
    if decision_form is None and can_decide:
        if decision is not None:
            initial = {
                "outcome": decision.outcome,
                "grade": decision.grade_id,
                "reason": decision.reason,
            }
        else:
            proposed = result.proposed_grade
            initial = {
                "outcome": Decision.Outcome.RECOGNISED
                if proposed is not None and proposed.recognised
                else None,
                "grade": proposed.pk if proposed is not None and proposed.recognised else None,
            }
        decision_form = DecisionForm(initial=initial, council=council)
    discussion = (
        Paginator(
            selectors.discussion_of(council=council, initiative=initiative), PAGE_SIZE
        ).get_page(request.GET.get("page"))
        if sees_sheets
        else None
    )
    return render(
        request,
        "appraisal/result.html",
        {
            "council": council,
            "section": "queue",
            **_dossier(initiative),
            "sees_authors": council_rules.sees_authors(user, council),
            "criteria": criteria,
            "sees_sheets": sees_sheets,
            "withheld": withheld,
            "sheets": selectors.sheet_table(
                council=council, initiative=initiative, criteria=criteria
            )
            if sees_sheets
            else [],
            "result": result if sees_sheets else selectors.Result(initiative.pk),
            "decision": decision,
            "decision_form": decision_form if can_decide else None,
            "discussion": discussion,
            "discussion_form": None
            if council.is_sealed or not sees_sheets
            else DiscussionForm(initial={"next": request.path}),
            "conflicts": selectors.declared_conflicts(initiative=initiative).filter(
                user__council_seats__council=council
            )
            if user.has_perm("appraisal.view_conflict_reasons", council)
            else None,
            "conflict_form": ConflictRecordForm(council=council)
            if user.has_perm("appraisal.record_conflict", council)
            else None,
        },
        status=status,
    )


def _results_allowed(request, council, initiative, *, figures: bool = False):
    """None when the user may open the initiative's result page (with `figures`: read its
    sheets, as deciding needs), else the refusal. The page itself shows the sheets and the
    figures only to those `appraisal.view_sheets` lets read them."""
    if not request.user.has_perm("appraisal.view_results", council):
        return _not_allowed(request, council)
    withheld = selectors.sheets_withheld(user=request.user, council=council, initiative=initiative)
    if withheld == council_rules.CONFLICTED:
        return _refuse(
            request,
            _("You have a conflict of interest with this initiative and do not see its sheets."),
            council,
        )
    if figures and withheld is not None:
        return _refuse(request, str(WITHHELD[withheld]), council)
    return None


WITHHELD = {
    council_rules.OWN_SHEET_FIRST: gettext_lazy(
        "You see the other members' sheets of this initiative once your own is submitted."
    ),
    council_rules.SCORING_GOES_ON: gettext_lazy(
        "You do not appraise this initiative: its sheets are shown to you after the scoring "
        "deadline or once every sheet is submitted."
    ),
    council_rules.NOT_APPRAISING: gettext_lazy("You are not allowed to do this."),
    council_rules.CONFLICTED: gettext_lazy(
        "You have a conflict of interest with this initiative and do not see its sheets."
    ),
}


@login_required
def initiative_result(request, pk: int, initiative):
    council = _council(request, pk)
    initiative = _queue_initiative(council, initiative)
    refused = _results_allowed(request, council, initiative)
    return refused or _result_page(request, council, initiative)


@login_required
@require_POST
def decide(request, pk: int, initiative):
    council = _council(request, pk)
    initiative = _queue_initiative(council, initiative)
    if council.is_sealed:
        return _sealed(request, council, _result_url(council, initiative))
    if not request.user.has_perm("appraisal.decide", council):
        return _refuse(request, _("Only the chair and the secretary record decisions."), council)
    refused = _results_allowed(request, council, initiative, figures=True)
    if refused:
        return refused
    form = DecisionForm(request.POST, council=council)
    if form.is_valid():
        try:
            services.decision_record(
                council=council,
                initiative=initiative,
                outcome=form.cleaned_data["outcome"],
                grade=form.cleaned_data["grade"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The council's decision was recorded."))
            return redirect(_result_url(council, initiative))
    return _result_page(request, council, initiative, decision_form=form)


@login_required
@require_POST
def discussion_post(request, pk: int, initiative):
    council = _council(request, pk)
    initiative = _queue_initiative(council, initiative)
    form = DiscussionForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = _result_url(council, initiative)
    if council.is_sealed:
        return _sealed(request, council, back)
    if not form.is_valid():
        _report_form(request, form)
        return redirect(back)
    try:
        services.discussion_post(
            council=council, initiative=initiative, by=request.user, text=form.cleaned_data["text"]
        )
    except PermissionDenied:
        return _refuse(
            request,
            _("You join the discussion of an initiative once your own sheet is submitted."),
            council,
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("Your message was posted."))
    return redirect(back)


@login_required
def attachment_download(request, pk: int, initiative, attachment: int):
    """A file of the dossier, for those who appraise or run the council (not the conflicted)."""
    council = _council(request, pk)
    initiative = _queue_initiative(council, initiative)
    if not selectors.may_read_dossier(user=request.user, council=council, initiative=initiative):
        raise Http404
    file = get_object_or_404(Attachment, pk=attachment, initiative=initiative)
    return FileResponse(
        file.file.open("rb"),
        as_attachment=True,
        filename=file.download_name(named=council_rules.sees_authors(request.user, council)),
        content_type=file.content_type,
    )


# --- the ranking, seal, reopen, nomination ----------------------------------------------------


@login_required
def ranking(request, pk: int):
    council = _council(request, pk)
    if not request.user.has_perm("appraisal.view_results", council):
        return _not_allowed(request, council)
    first = selectors.council_criteria(council=council)[:1]
    page = selectors.ranking_page(
        council=council, number=request.GET.get("page"), per_page=PAGE_SIZE, viewer=request.user
    )
    mark_authors_shown([row.initiative for row in page.object_list], user=request.user)
    return render(
        request,
        "appraisal/ranking.html",
        {
            "council": council,
            "section": "ranking",
            "page": page,
            "first_criterion": first[0] if first else None,
            "sees_authors": council_rules.sees_authors(request.user, council),
        },
    )


@login_required
def seal(request, pk: int):
    """GET: what sealing means, and the button; POST: seal."""
    council = _council(request, pk)
    if council.is_sealed:
        messages.info(request, _("The council's results are already sealed."))
        return redirect("appraisal:council", pk=council.pk)
    if not request.user.has_perm("appraisal.seal", council):
        return _refuse(request, _("Only the chair seals the council's results."), council)
    if request.method == "POST":
        try:
            services.council_seal(council=council, by=request.user)
        except ValidationError as error:
            _report(request, error)
        else:
            messages.success(
                request,
                _("The results are sealed: the recognitions are official and nothing changes."),
            )
        return redirect("appraisal:council", pk=council.pk)
    return render(
        request,
        "appraisal/seal_confirm.html",
        {"council": council, "undecided": selectors.undecided_count(council=council)},
    )


@login_required
@require_POST
def reopen(request, pk: int):
    council = _council(request, pk)
    if not council_rules.reopens(request.user, council):
        return _refuse(
            request, _("Only the chair or whoever set the council up reopens it."), council
        )
    if not council.is_sealed:
        messages.info(request, _("The council's results are not sealed."))
        return redirect("appraisal:council", pk=council.pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for reopening."))
        return redirect("appraisal:council", pk=council.pk)
    try:
        services.council_reopen(
            council=council, by=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(
            request, _("The results were reopened; their recognitions are withdrawn until sealed.")
        )
    return redirect("appraisal:council", pk=council.pk)


@login_required
def nominate(request, pk: int):
    council = _council(request, pk)
    if not request.user.has_perm("appraisal.view_queue", council):
        return _not_allowed(request, council)
    can_nominate = request.user.has_perm("appraisal.nominate", council)
    if request.method == "POST":
        if not council.is_sealed:
            messages.error(request, _("Seal the results before proposing initiatives upward."))
            return redirect("appraisal:nominate", pk=council.pk)
        if not can_nominate:
            return _refuse(
                request, _("Only the chair and the secretary propose initiatives upward."), council
            )
        form = NominateForm(request.POST, council=council)
        if form.is_valid():
            try:
                made = services.nominate(
                    council=council,
                    initiatives=list(form.cleaned_data["initiatives"]),
                    by=request.user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                _report(request, error)
            else:
                messages.success(
                    request,
                    _("%(count)s initiatives were proposed to the council of %(unit)s.")
                    % {"count": len(made), "unit": made[0].to_unit.name},
                )
        else:
            _report_form(request, form)
        return redirect("appraisal:nominate", pk=council.pk)
    page = Paginator(selectors.recognitions_for_nomination(council=council), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "appraisal/nominate.html",
        {
            "council": council,
            "section": "nominate",
            "page": page,
            "target": selectors.nomination_target(council=council),
            "can_nominate": can_nominate,
            "form": NominateForm(council=council) if can_nominate else None,
        },
    )


# --- a member's tasks and score sheets --------------------------------------------------------


@login_required
def member_task_list(request):
    page = Paginator(selectors.member_tasks(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "appraisal/task_list.html",
        {
            "page": page,
            "counts": selectors.member_task_counts(user=request.user),
            "today": timezone.localdate(),
        },
    )


def _own_sheet(request, sheet) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related(
            "council__round__movement",
            "council__unit",
            "initiative__unit",
            "initiative__field",
            "initiative__round",
            "member__user",
        ),
        public_id=sheet,
        member__user=request.user,
    )


@login_required
def sheet(request, sheet):
    """A member's score sheet of one initiative, beside the initiative's dossier."""
    assignment = _own_sheet(request, sheet)
    council, initiative = assignment.council, assignment.initiative
    criteria = selectors.council_criteria(council=council)
    editable = assignment.state == Assignment.State.DRAFT and not council.is_sealed
    form = None
    if request.method == "POST":
        if council.is_sealed:
            return _sealed(request, council, request.path)
        if not editable:
            messages.error(
                request, _("This score sheet was submitted and can no longer be changed.")
            )
            return redirect(request.path)
        form = SheetForm(request.POST, criteria=criteria)
        submit = request.POST.get("action") == "submit"
        if form.is_valid():
            if submit and not form.cleaned_data["confirm"]:
                form.add_error("confirm", _("Tick this box to confirm that you submit the sheet."))
            else:
                try:
                    services.sheet_save(
                        assignment=assignment,
                        by=request.user,
                        scores=form.scores(),
                        overall_comment=form.cleaned_data["overall_comment"],
                        private_note=form.cleaned_data["private_note"],
                        version=form.cleaned_data["version"],
                        submit=submit,
                    )
                except ValidationError as error:
                    apply_errors(form, error)
                else:
                    messages.success(
                        request,
                        _("Your score sheet was submitted.")
                        if submit
                        else _("The draft of your score sheet was saved."),
                    )
                    return redirect(request.path)
    elif editable:
        form = SheetForm(
            initial=sheet_initial(assignment, selectors.sheet_scores(assignment=assignment)),
            criteria=criteria,
        )
    sees_sheets = request.user.has_perm(
        "appraisal.view_sheets", council_rules.SheetsOf(council, initiative.pk)
    )
    own_scores = selectors.sheet_scores(assignment=assignment) if form is None else {}
    discussion = (
        Paginator(
            selectors.discussion_of(council=council, initiative=initiative), PAGE_SIZE
        ).get_page(request.GET.get("page"))
        if sees_sheets
        else None
    )
    return render(
        request,
        "appraisal/sheet.html",
        {
            "assignment": assignment,
            "council": council,
            **_dossier(initiative),
            "sees_authors": council_rules.sees_authors(request.user, council),
            "criteria": criteria,
            "form": form,
            "own_rows": [(c, own_scores.get(c.pk)) for c in criteria],
            "sees_sheets": sees_sheets,
            "sheets": selectors.sheet_table(
                council=council, initiative=initiative, criteria=criteria
            )
            if sees_sheets
            else [],
            "discussion": discussion,
            "discussion_form": DiscussionForm(initial={"next": request.path})
            if sees_sheets and not council.is_sealed
            else None,
            "conflict_form": ReasonForm() if not council.is_sealed else None,
        },
    )


@login_required
@require_POST
def sheet_conflict(request, sheet):
    """The member declares a conflict of interest with the initiative of their sheet."""
    assignment = _own_sheet(request, sheet)
    council = assignment.council
    if council.is_sealed:
        return _sealed(request, council, reverse("appraisal:sheet", args=[assignment.public_id]))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the conflict."))
        return redirect("appraisal:sheet", sheet=assignment.public_id)
    was_draft = assignment.state == Assignment.State.DRAFT
    services.conflict_declare(
        initiative=assignment.initiative,
        user=request.user,
        by=request.user,
        reason=form.cleaned_data["reason"],
        source=Conflict.Source.MEMBER,
    )
    if was_draft:
        messages.success(
            request,
            _("Your conflict of interest was recorded; the initiative left your list."),
        )
        return redirect("appraisal:tasks")
    messages.success(
        request,
        _(
            "Your conflict of interest was recorded; your submitted sheet stays and the "
            "secretary decides what to do with it."
        ),
    )
    return redirect("appraisal:sheet", sheet=assignment.public_id)


# --- the author's side ------------------------------------------------------------------------


@login_required
def author_conflicts(request, initiative):
    """The author names the council members they are in conflict with."""
    initiative = get_object_or_404(
        Initiative.objects.select_related("unit", "round", "appraisal_unit"),
        public_id=initiative,
        created_by=request.user,
    )
    members = selectors.members_for_author(initiative=initiative)
    form = AuthorConflictForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        member = form.cleaned_data["member"]
        try:
            services.conflict_declare(
                initiative=initiative,
                user=member.user,
                by=request.user,
                reason=form.cleaned_data["reason"],
                source=Conflict.Source.AUTHOR,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Your declaration about %(person)s was recorded; the council will see it.")
                % {"person": member.user.display_name},
            )
            return redirect("appraisal:author_conflicts", initiative=initiative.public_id)
    return render(
        request,
        "appraisal/author_conflicts.html",
        {
            "initiative": initiative,
            "members": members,
            "form": form,
            "declared": selectors.author_conflicts(initiative=initiative),
        },
    )
