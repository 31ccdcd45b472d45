"""A council's people and their work: seats, assignments of score sheets, and conflicts of
interest (recorded by the secretary, or named by an author)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from sangtao.core.forms import apply_errors, report_errors, submit

from .. import rules as council_rules
from .. import selectors, services
from ..forms import (
    AssignForm,
    AuthorConflictForm,
    ConflictRecordForm,
    MembersAddForm,
    SheetChoiceForm,
)
from ..models import Conflict, CouncilMember
from .common import (
    PAGE_SIZE,
    back_to_members,
    back_to_result,
    council_permission,
    council_url,
    queue_initiative,
    report_form,
    result_url,
)

# --- members ----------------------------------------------------------------------------------


@council_permission(post="appraisal.change_council", writes=True, back=back_to_members)
def council_members(request, council):
    """The council's people with their unit, fields and load; for those who set it up, the
    form seating several people at once, found by part of a name (`?person__q=`)."""
    can_change = request.user.has_perm("appraisal.change_council", council)
    form = MembersAddForm(request.POST or None, council=council) if can_change else None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            added = services.council_members_add(
                council=council,
                seats=form.seats,
                by=request.user,
                title=data["title"],
                fields=data["fields"],
                expert_initiatives=data["expert_initiatives"],
            )
        except ValidationError as error:
            apply_errors(form, error, rename={"user": "person"})
        else:
            _seated_message(request, added)
            return redirect("appraisal:members", pk=council.pk)
    context = {
        "council": council,
        "section": "members",
        "members": selectors.council_members(council=council),
        "form": form,
        # A blind council: the members' units (a hint of whose initiative it is) only for
        # those who set it up, as on the council's page.
        "shows_units": can_change or not council.blind,
    }
    if can_change:
        chosen = form.data.getlist("person") if form.is_bound else []
        roles = form.roles_chosen() if form.is_bound else {}
        context.update(_candidates(request, council, chosen=chosen, roles=roles))
    return render(request, "appraisal/council_members.html", context)


def _seated_message(request, added) -> None:
    if len(added) == 1:
        member = added[0]
        messages.success(
            request,
            _("%(person)s was added as %(role)s.")
            % {"person": member.user.display_name, "role": member.get_role_display().lower()},
        )
        return
    messages.success(
        request,
        _("%(count)s people were added to the council: %(names)s.")
        % {
            "count": len(added),
            "names": ", ".join(
                f"{m.user.display_name} ({m.get_role_display().lower()})" for m in added
            ),
        },
    )


def _candidates(request, council, *, chosen, roles) -> dict:
    """The picker's rows: the people ticked (kept ticked, with their role) and those found
    for `?person__q=` (at most PICKER_LIMIT), each with their unit and load."""
    query = (request.GET.get("person__q") or request.GET.get("q") or "")[:100].strip()
    ticked = selectors.seat_candidates_chosen(council=council, ids=chosen)
    ids = {person.pk for person in ticked}
    found = selectors.seat_candidates_to_pick(council=council, query=query) if query else []
    found = [person for person in found if person.pk not in ids]
    for person in [*ticked, *found]:
        person.role_chosen = roles.get(str(person.pk), "")
    return {
        "ticked": ticked,
        "found": found,
        "query": query,
        "role_choices": CouncilMember.Role.choices,
    }


@login_required
@require_GET
@council_permission("appraisal.change_council")
def council_people_pick(request, council):
    """The members page's picker, live (htmx): the people ticked so far (`?person=`, with
    their `role_<id>`) stay ticked, then the council's candidates whose name, user name or
    e-mail holds `?person__q=`, with their unit and load."""
    roles = {
        key.removeprefix("role_"): value
        for key, value in request.GET.items()
        if key.startswith("role_")
    }
    context = _candidates(request, council, chosen=request.GET.getlist("person"), roles=roles)
    return render(request, "appraisal/_candidates.html", {"council": council, **context})


@login_required
@require_POST
@council_permission("appraisal.change_council", writes=True, back=back_to_members)
def council_member_remove(request, council, member: int):
    seat = get_object_or_404(selectors.council_seats(council=council), pk=member)
    try:
        services.council_member_remove(member=seat, by=request.user)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request, _("%(person)s left the council.") % {"person": seat.user.display_name}
        )
    return redirect("appraisal:members", pk=council.pk)


# --- assignments ------------------------------------------------------------------------------


def _assigned_message(request, members, initiatives, made: int) -> None:
    if not made:
        messages.info(request, _("Those members already appraise these initiatives."))
    elif len(members) == 1 and len(initiatives) == 1:
        messages.success(
            request,
            _("%(person)s will appraise “%(title)s”.")
            % {"person": members[0].user.display_name, "title": initiatives[0].title},
        )
    elif len(members) == 1:
        messages.success(
            request,
            _("%(person)s will appraise %(count)s initiatives.")
            % {"person": members[0].user.display_name, "count": len(initiatives)},
        )
    else:
        messages.success(request, _("Score sheets handed out: %(count)s.") % {"count": made})


@login_required
@require_POST
@council_permission("appraisal.assign", writes=True)
def assign(request, council):
    """Ask the members ticked to appraise the initiatives ticked in the queue, all or nothing:
    a conflict of interest is refused in words, and then no sheet is handed out."""
    form = AssignForm(request.POST, council=council)
    back = council_url(council, request.POST.get("page"))
    if not form.is_valid():
        report_form(request, form)
        return redirect(back)
    members = list(form.cleaned_data["member"])
    initiatives = selectors.queue_initiatives(
        council=council, public_ids=form.cleaned_data["initiative"]
    )
    if not initiatives:
        messages.error(request, _("Choose an initiative of the queue and a member of the council."))
        return redirect(back)
    try:
        made = services.assignments_create(
            council=council, initiatives=initiatives, members=members, by=request.user
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        _assigned_message(request, members, initiatives, len(made))
    return redirect(back)


@login_required
@require_POST
@council_permission("appraisal.assign", writes=True)
def assignment_remove(request, council):
    form = SheetChoiceForm(request.POST)
    if not form.is_valid():
        raise Http404
    assignment = get_object_or_404(
        selectors.council_assignments(council=council), public_id=form.cleaned_data["sheet"]
    )
    try:
        services.assignment_remove(assignment=assignment, by=request.user)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request,
            _("%(person)s no longer appraises “%(title)s”.")
            % {
                "person": assignment.member.user.display_name,
                "title": assignment.initiative.title,
            },
        )
    return redirect(council_url(council, request.POST.get("page")))


@login_required
@require_POST
@council_permission("appraisal.assign", writes=True)
def assign_auto(request, council):
    try:
        added = services.assignments_auto(council=council, by=request.user)
    except ValidationError as error:
        report_errors(request, error)
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


@council_permission("appraisal.view_queue")
def council_conflicts(request, council):
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


def _declare_conflict(request, initiative, form, source: str) -> CouncilMember:
    """Record the conflict of the member a valid `form` names, with its reason; the member."""
    member = form.cleaned_data["member"]
    services.conflict_declare(
        initiative=initiative,
        user=member.user,
        by=request.user,
        reason=form.cleaned_data["reason"],
        source=source,
    )
    return member


@login_required
@require_POST
@council_permission(
    "appraisal.record_conflict",
    refusal=gettext_lazy("Only the council's secretary records conflicts."),
    writes=True,
    back=back_to_result,
)
def conflict_record(request, council, initiative):
    initiative = queue_initiative(council, initiative)
    back = result_url(council, initiative)
    form = ConflictRecordForm(request.POST, council=council)
    if not form.is_valid():
        report_form(request, form)
        return redirect(back)
    try:
        member = _declare_conflict(request, initiative, form, Conflict.Source.SECRETARY)
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request,
            _("The conflict of %(person)s with this initiative was recorded.")
            % {"person": member.user.display_name},
        )
    return redirect(back)


@login_required
def author_conflicts(request, initiative):
    """The author names the council members they are in conflict with."""
    initiative = get_object_or_404(
        selectors.authored_initiatives(user=request.user), public_id=initiative
    )
    members = selectors.members_for_author(initiative=initiative)
    form = AuthorConflictForm(request.POST or None, members=members)
    declared, member = submit(
        request,
        form,
        lambda data: _declare_conflict(request, initiative, form, Conflict.Source.AUTHOR),
    )
    if declared:
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
