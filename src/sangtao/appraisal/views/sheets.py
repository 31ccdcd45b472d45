"""A member's score sheets: their list, one sheet beside its dossier, the member's own
conflict of interest, and the secretary's import of paper sheets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sangtao.core.forms import apply_errors

from .. import imports, selectors, services, spreadsheets
from .. import rules as council_rules
from ..forms import DiscussionForm, ReasonForm, SheetForm, SheetsImportForm, sheet_initial
from ..models import Assignment, Conflict
from .common import PAGE_SIZE, council_permission, discussion_for, lower_levels, own_sheet


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


def _sheet_post(request, assignment, criteria):
    """(the redirect once saved, None) or (None, the form with its errors)."""
    if assignment.state != Assignment.State.DRAFT:
        messages.error(request, _("This score sheet was submitted and can no longer be changed."))
        return redirect(request.path), None
    form = SheetForm(request.POST, criteria=criteria)
    submit = request.POST.get("action") == "submit"
    if not form.is_valid():
        return None, form
    if submit and not form.cleaned_data["confirm"]:
        form.add_error("confirm", _("Tick this box to confirm that you submit the sheet."))
        return None, form
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
        return None, form
    messages.success(
        request,
        _("Your score sheet was submitted.")
        if submit
        else _("The draft of your score sheet was saved."),
    )
    return redirect(request.path), None


@own_sheet(writes=True)
def sheet(request, assignment):
    """A member's score sheet of one initiative, beside the initiative's dossier."""
    council, initiative = assignment.council, assignment.initiative
    criteria = selectors.council_criteria(council=council)
    form = None
    if request.method == "POST":
        done, form = _sheet_post(request, assignment, criteria)
        if done is not None:
            return done
    elif assignment.state == Assignment.State.DRAFT and not council.is_sealed:
        form = SheetForm(
            initial=sheet_initial(assignment, selectors.sheet_scores(assignment=assignment)),
            criteria=criteria,
        )
    facts = selectors.own_sheet_facts(assignment=assignment)
    sees_sheets = request.user.has_perm(
        "appraisal.view_sheets", council_rules.SheetsOf(council, initiative.pk, facts)
    )
    own_scores = selectors.sheet_scores(assignment=assignment) if form is None else {}
    discussion = discussion_for(request, council, initiative, sees_sheets=sees_sheets)
    return render(
        request,
        "appraisal/sheet.html",
        {
            "assignment": assignment,
            "council": council,
            **selectors.dossier(initiative=initiative),
            "sees_authors": council_rules.sees_authors(request.user, council),
            "lower": lower_levels(request, council, initiative),
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
@own_sheet(writes=True)
def sheet_conflict(request, assignment):
    """The member declares a conflict of interest with the initiative of their sheet."""
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


@never_cache
@council_permission("appraisal.import_sheets")
def sheets_import(request, council):
    """The secretary uploads the paper sheets; the page lists every problem or the count."""
    form = SheetsImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = spreadsheets.sheets_read(upload=form.cleaned_data["file"])
            result = imports.sheets_import(council=council, by=request.user, rows=rows)
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(
                request,
                _(
                    "%(imported)s score sheets were imported and submitted "
                    "(%(unchanged)s already submitted with the same scores)."
                )
                % {"imported": result.imported, "unchanged": result.unchanged},
            )
            return redirect("appraisal:council", pk=council.pk)
    return render(
        request,
        "appraisal/documents/import.html",
        {"council": council, "form": form, "problems": problems},
    )
