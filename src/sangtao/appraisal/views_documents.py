"""Downloads of a council's papers and results, and the import of paper score sheets.

Thin views: each checks one permission, calls one builder or service and answers. The files
hold every initiative's figures, so they are never cached by a browser or a proxy.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from . import documents, imports, spreadsheets
from .models import Council


def _council(request, pk: int, perm: str) -> Council:
    council = get_object_or_404(Council.objects.select_related("round", "unit"), pk=pk)
    if not request.user.has_perm(perm, council):
        raise PermissionDenied
    return council


def _attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@login_required
def council_paper(request, pk: int, name: str, extension: str):
    """The minutes or the recognition decision, as DOCX or PDF."""
    council = _council(request, pk, "appraisal.export")
    content, filename = documents.council_paper(council=council, name=name, extension=extension)
    return _attachment(content, filename, documents.CONTENT_TYPES[extension])


@never_cache
@login_required
def results_xlsx(request, pk: int):
    council = _council(request, pk, "appraisal.export")
    content, filename = spreadsheets.results_workbook(council=council, user=request.user)
    return _attachment(content, filename, spreadsheets.CONTENT_TYPE)


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
