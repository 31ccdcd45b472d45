"""The council's papers and results, and the import of paper score sheets.

Thin views: each checks one permission and calls one service. The papers and the workbook are
built in the background (sangtao.jobs, kinds in appraisal/jobs.py): the buttons ask for a job
and go to its page, which shows its progress and then the file.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sangtao.jobs.services import job_enqueue

from . import imports, jobs, spreadsheets
from .models import Council


def _council(request, pk: int, perm: str) -> Council:
    council = get_object_or_404(Council.objects.select_related("round", "unit"), pk=pk)
    # 404 for a council the user may not see, as on the council's other pages: a 403 would
    # tell that a council of that number exists elsewhere.
    if not request.user.has_perm("appraisal.view_council", council):
        raise Http404
    if not request.user.has_perm(perm, council):
        raise PermissionDenied
    return council


@require_POST
@login_required
def council_paper(request, pk: int, name: str, extension: str):
    """Ask for the minutes or the recognition decision, as DOCX or PDF."""
    council = _council(request, pk, "appraisal.export")
    job = job_enqueue(kind=jobs.paper_kind(name, extension), by=request.user, target=council)
    return redirect(job)


@require_POST
@login_required
def results_xlsx(request, pk: int):
    """Ask for the results workbook."""
    council = _council(request, pk, "appraisal.export")
    job = job_enqueue(kind=jobs.RESULTS_KIND, by=request.user, target=council)
    return redirect(job)


class SheetsImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Filled results workbook (.xlsx)"),
        help_text=gettext_lazy(
            "Download the results workbook, fill the members' columns from the paper sheets and "
            "upload it here. Nothing is saved unless every row is right."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "class": "form-control",
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ),
    )


@never_cache
@login_required
def sheets_import(request, pk: int):
    """The secretary uploads the paper sheets; the page lists every problem or the count."""
    council = _council(request, pk, "appraisal.import_sheets")
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
