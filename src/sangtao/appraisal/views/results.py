"""What a council produces: an initiative's result with its sheets, decision and discussion,
the dossier's files, the ranking, the nominations upward, and the papers and the workbook
(built in the background by sangtao.jobs, kinds in appraisal/jobs.py: the buttons ask for a
job and go to its page, which shows its progress and then the file)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sangtao.core.forms import picked, report_errors, submit
from sangtao.initiatives.selectors import mark_authors_shown
from sangtao.jobs.services import job_enqueue

from .. import jobs, selectors, services
from .. import rules as council_rules
from ..forms import ConflictRecordForm, DecisionForm, DiscussionForm, NominateForm
from ..models import Decision
from .common import (
    PAGE_SIZE,
    back_to_result,
    council_permission,
    discussion_for,
    lower_levels,
    queue_initiative,
    refuse,
    report_form,
    result_url,
)

# --- one initiative: results, decision, discussion, files -------------------------------------


def _decision_initial(decision, result) -> dict:
    if decision is not None:
        return {
            "outcome": decision.outcome,
            "grade": decision.grade_id,
            "reason": decision.reason,
            "votes_for": decision.votes_for,
            "votes_against": decision.votes_against,
            "votes_abstain": decision.votes_abstain,
        }
    proposed = result.proposed_grade
    recognised = proposed is not None and proposed.recognised
    return {
        "outcome": Decision.Outcome.RECOGNISED if recognised else None,
        "grade": proposed.pk if recognised else None,
    }


def _result_page(request, council, initiative, *, decision_form=None, status=200):
    user = request.user
    criteria = selectors.council_criteria(council=council)
    withheld = selectors.sheets_withheld(user=user, council=council, initiative=initiative)
    sees_sheets = withheld is None
    result = selectors.initiative_result(council=council, initiative=initiative)
    decision = selectors.decision_of(council=council, initiative=initiative)
    can_decide = sees_sheets and user.has_perm("appraisal.decide", council)
    if decision_form is None and can_decide:
        decision_form = DecisionForm(initial=_decision_initial(decision, result), council=council)
    discussion = discussion_for(request, council, initiative, sees_sheets=sees_sheets)
    return render(
        request,
        "appraisal/result.html",
        {
            "council": council,
            "section": "queue",
            **selectors.dossier(initiative=initiative),
            "sees_authors": council_rules.sees_authors(user, council),
            "lower": lower_levels(request, council, initiative),
            "criteria": criteria,
            "sees_sheets": sees_sheets,
            "withheld": withheld,
            "sheets": selectors.sheet_table(
                council=council, initiative=initiative, criteria=criteria
            )
            if sees_sheets
            else [],
            "result": result if sees_sheets else selectors.Result(initiative.pk),
            "criterion_rows": selectors.criterion_figures(result=result, criteria=criteria)
            if sees_sheets
            else [],
            "decision": decision,
            "decision_form": decision_form if can_decide else None,
            "discussion": discussion,
            "discussion_form": None
            if council.is_sealed or not sees_sheets
            else DiscussionForm(initial={"next": request.path}),
            "conflicts": selectors.council_declared_conflicts(
                council=council, initiative=initiative
            )
            if user.has_perm("appraisal.view_conflict_reasons", council)
            else None,
            "conflict_form": ConflictRecordForm(council=council)
            if user.has_perm("appraisal.record_conflict", council)
            else None,
        },
        status=status,
    )


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


def _withheld(request, council, initiative, *, figures: bool = False):
    """None when the user may open the initiative's result page (with `figures`: read its
    sheets, as deciding needs), else the refusal. The page itself shows the sheets and the
    figures only to those `appraisal.view_sheets` lets read them."""
    withheld = selectors.sheets_withheld(user=request.user, council=council, initiative=initiative)
    if withheld == council_rules.CONFLICTED or (figures and withheld is not None):
        return refuse(request, str(WITHHELD[withheld]), council)
    return None


@council_permission("appraisal.view_results")
def initiative_result(request, council, initiative):
    initiative = queue_initiative(council, initiative)
    refused = _withheld(request, council, initiative)
    return refused or _result_page(request, council, initiative)


@login_required
@require_POST
@council_permission(
    "appraisal.decide",
    refusal=gettext_lazy("Only the chair and the secretary record decisions."),
    writes=True,
    back=back_to_result,
)
def decide(request, council, initiative):
    initiative = queue_initiative(council, initiative)
    refused = _withheld(request, council, initiative, figures=True)
    if refused:
        return refused
    form = DecisionForm(request.POST, council=council)
    decided, _result = submit(
        request,
        form,
        lambda data: services.decision_record(
            council=council,
            initiative=initiative,
            **picked(data, "outcome", "grade", "reason"),
            votes=form.votes(),
            by=request.user,
        ),
    )
    if decided:
        messages.success(request, _("The council's decision was recorded."))
        return redirect(result_url(council, initiative))
    return _result_page(request, council, initiative, decision_form=form)


def _discussion_back(request, council, kwargs) -> str:
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return result_url(council, kwargs["initiative"])


@login_required
@require_POST
@council_permission(writes=True, back=_discussion_back)
def discussion_post(request, council, initiative):
    initiative = queue_initiative(council, initiative)
    form = DiscussionForm(request.POST)
    back = _discussion_back(request, council, {"initiative": initiative.public_id})
    if not form.is_valid():
        report_form(request, form)
        return redirect(back)
    try:
        services.discussion_post(
            council=council, initiative=initiative, by=request.user, text=form.cleaned_data["text"]
        )
    except PermissionDenied:
        return refuse(
            request,
            _("You join the discussion of an initiative once your own sheet is submitted."),
            council,
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(request, _("Your message was posted."))
    return redirect(back)


@council_permission()
def attachment_download(request, council, initiative, attachment: int):
    """A file of the dossier, for those who appraise or run the council (not the conflicted)."""
    initiative = queue_initiative(council, initiative)
    if not selectors.may_read_dossier(user=request.user, council=council, initiative=initiative):
        raise Http404
    file = get_object_or_404(selectors.dossier_attachments(initiative=initiative), pk=attachment)
    return FileResponse(
        file.file.open("rb"),
        as_attachment=True,
        filename=file.download_name(named=council_rules.sees_authors(request.user, council)),
        content_type=file.content_type,
    )


# --- the ranking and the nominations upward ---------------------------------------------------


@council_permission("appraisal.view_results")
def ranking(request, council):
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


@council_permission(
    "appraisal.view_agreement",
    refusal=gettext_lazy("Only the chair and the secretary see how far the council agrees."),
)
def agreement(request, council):
    """How far the members agree (Krippendorff's alpha) and each member's leniency: shown
    once the reader may read every initiative's sheets, the figures being made of them all.
    A page of its own, so that the ranking does not read every sheet."""
    withheld = selectors.withholds_sheets(user=request.user, council=council)
    return render(
        request,
        "appraisal/agreement.html",
        {
            "council": council,
            "section": "agreement",
            "withheld": withheld,
            "agreement": None if withheld else selectors.council_agreement(council=council),
        },
    )


def _sealed_first(request, council, kwargs):
    """Proposing upward comes after the seal."""
    if request.method != "POST" or council.is_sealed:
        return None
    messages.error(request, _("Seal the results before proposing initiatives upward."))
    return redirect("appraisal:nominate", pk=council.pk)


def _nominate_post(request, council) -> None:
    form = NominateForm(request.POST, council=council)
    if not form.is_valid():
        report_form(request, form)
        return
    try:
        made = services.nominate(
            council=council,
            initiatives=list(form.cleaned_data["initiatives"]),
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        report_errors(request, error)
    else:
        messages.success(
            request,
            _("%(count)s initiatives were proposed to the council of %(unit)s.")
            % {"count": len(made), "unit": made[0].to_unit.name},
        )


@council_permission(
    "appraisal.view_queue",
    ready=_sealed_first,
    post="appraisal.nominate",
    refusal=gettext_lazy("Only the chair and the secretary propose initiatives upward."),
)
def nominate(request, council):
    if request.method == "POST":
        _nominate_post(request, council)
        return redirect("appraisal:nominate", pk=council.pk)
    can_nominate = request.user.has_perm("appraisal.nominate", council)
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


# --- papers and the workbook ------------------------------------------------------------------


@require_POST
@council_permission("appraisal.export")
def council_paper(request, council, name: str, extension: str):
    """Ask for the minutes or the recognition decision, as DOCX or PDF."""
    job = job_enqueue(kind=jobs.paper_kind(name, extension), by=request.user, target=council)
    return redirect(job)


@require_POST
@council_permission("appraisal.view_council")
def lower_minutes(request, council, initiative, lower: int):
    """Ask for the minutes of a council below that proposed the initiative (PDF)."""
    initiative = queue_initiative(council, initiative)
    if not selectors.may_read_dossier(user=request.user, council=council, initiative=initiative):
        raise Http404
    found = selectors.lower_council(council=council, initiative=initiative, pk=lower)
    if found is None:
        raise Http404
    if not request.user.has_perm("appraisal.view_lower_minutes", found):
        return refuse(request, _("You are not allowed to do this."), council)
    job = job_enqueue(kind=jobs.LOWER_MINUTES_KIND, by=request.user, target=found)
    return redirect(job)


@require_POST
@council_permission("appraisal.export")
def results_xlsx(request, council):
    """Ask for the results workbook."""
    job = job_enqueue(kind=jobs.RESULTS_KIND, by=request.user, target=council)
    return redirect(job)
