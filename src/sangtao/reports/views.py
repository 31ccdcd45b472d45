"""Pages of periodic reports: thin views over the selectors and services."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sangtao.accounts.scope import has_role_over
from sangtao.core.forms import picked, submit
from sangtao.core.guards import seen_and_allowed

from . import documents, forms, selectors, services, spreadsheets
from .models import Report, ReportPeriod
from .rules import READERS, receivers_of

PAGE_SIZE = 50
STATES = ("late", "sent", "draft", "returned")


def refusing(view):
    """A PermissionDenied becomes the 403 page that says why, in Vietnamese; a missing or
    invisible object the same 404 (guessing numbers tells nobody what exists elsewhere)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            message = _("This belongs to another unit: you are not allowed to see or change it.")
            status = 403
        except (Http404, Report.DoesNotExist, ReportPeriod.DoesNotExist):
            message = _("There is nothing here, or it belongs to a unit you may not see.")
            status = 404
        except PeriodOpening:
            message = _(
                "This report period is still being opened: its reports are not ready yet. "
                "Come back in a few minutes."
            )
            status = 409
        return render(request, "reports/refused.html", {"message": message}, status=status)

    return wrapped


class PeriodOpening(Exception):
    """A report of a period still being opened was asked for."""


def _report(request, pk: int, perm: str = "reports.view_report") -> Report:
    report = selectors.report_detail(pk=pk)
    report = seen_and_allowed(request.user, report, see="reports.view_report", perm=perm)
    if report.period.is_opening:
        raise PeriodOpening
    return report


@login_required
@require_safe
def period_list(request):
    periods = selectors.periods_for(request.user)
    page = Paginator(periods, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reports/period_list.html", {"page": page})


def _period_open(form: forms.PeriodForm, *, by) -> ReportPeriod:
    """Open the period a valid `form` describes, with the indicators and sections it chose."""
    data = form.cleaned_data
    indicators, sections = form.template()
    return services.period_open(
        **picked(data, "movement", "kind", "title", "starts_on", "ends_on"),
        **picked(data, "deadline", "levels", "kinds"),
        receivers=list(data["receivers"]),
        indicators=indicators,
        sections=sections,
        by=by,
    )


@login_required
@require_http_methods(["GET", "POST"])
@refusing
def period_create(request):
    if not request.user.has_perm("reports.add_reportperiod"):
        raise PermissionDenied
    form = forms.PeriodForm(request.POST or None, user=request.user)
    preview = None
    if request.method == "POST" and "preview" in request.POST:
        data = form.previewed()
        if data is not None:
            units = selectors.reporting_units(
                unit=data["movement"].unit,
                levels=data["levels"],
                kinds=data["kinds"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
            preview = selectors.units_preview(units)
    else:
        opened, period = submit(request, form, lambda data: _period_open(form, by=request.user))
        if opened:
            return redirect("reports:period", period.pk)
    status = 400 if form.errors else 200
    return render(
        request, "reports/period_form.html", {"form": form, "preview": preview}, status=status
    )


@login_required
@require_safe
@refusing
def period_detail(request, pk: int):
    period = get_object_or_404(selectors.periods_for_pages(), pk=pk)
    manages = request.user.has_perm("reports.manage_reportperiod", period)
    if period.is_opening:
        if not manages and not has_role_over(request.user, READERS, period.unit):
            raise Http404
        return render(
            request,
            "reports/period_opening.html",
            {
                "period": period,
                "manages": manages,
                "opening": selectors.opening_progress(period=period),
            },
        )
    state = request.GET.get("state", "")
    state = state if state in STATES else ""
    if manages:
        reports = selectors.period_reports(period=period, state=state)
    else:
        reports = selectors.period_reports_read_by(period=period, user=request.user)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.status_rows(period=period, reports=list(page.object_list))
    if not manages:
        rows = [row for row in rows if request.user.has_perm("reports.view_report", row.report)]
        receiver = any(has_role_over(request.user, READERS, unit) for unit in receivers_of(period))
        if not rows and not receiver:
            raise Http404
    return render(
        request,
        "reports/period_detail.html",
        {
            "period": period,
            "manages": manages,
            "rows": rows,
            "page": page,
            "state": state,
            "states": STATES,
            "counts": selectors.period_counts(period=period) if manages else None,
            "can_close": manages
            and period.state == ReportPeriod.State.OPEN
            and timezone.localdate() > period.deadline,
            "query_string": f"state={state}" if state else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@refusing
def period_close(request, pk: int):
    """Asks to confirm (with who has sent and who is late), then closes the period. To anyone
    but its managers the page does not exist (the same answer as for a missing period)."""
    period = get_object_or_404(selectors.periods_for_pages(), pk=pk)
    if not request.user.has_perm("reports.manage_reportperiod", period):
        raise Http404
    if request.method == "POST":
        try:
            services.period_close(period=period, by=request.user)
        except ValidationError as error:
            return render(
                request,
                "reports/refused.html",
                {"message": " ".join(error.messages), "period": period},
                status=400,
            )
        messages.success(request, _("The report period is closed."))
        return redirect("reports:period", period.pk)
    return render(
        request,
        "reports/period_close.html",
        {"period": period, "counts": selectors.period_counts(period=period)},
    )


@login_required
@require_POST
@refusing
def period_resume(request, pk: int):
    """Ask again for the job that opens a period whose opening stopped."""
    period = get_object_or_404(selectors.periods_for_pages(), pk=pk)
    if not request.user.has_perm("reports.manage_reportperiod", period):
        raise Http404
    try:
        job = services.period_opening_resume(period=period, by=request.user)
    except ValidationError:
        return redirect("reports:period", period.pk)
    return redirect(job.get_absolute_url())


@login_required
@require_safe
@refusing
def report_detail(request, pk: int):
    report = _report(request, pk)
    lines = selectors.report_lines(report=report)
    roll_up = selectors.roll_up(report=report)
    sections = report.period.sections
    for child in roll_up.children:
        figures = roll_up.by_unit.get(child.pk, {})
        child.figures = [
            (
                figures.get(line.indicator.pk) if child.sent else None,
                line.indicator.unit_label,
                line.indicator.name,  # the column's name, shown before the figure on a phone
            )
            for line in lines
        ]
        child.sections = [
            {"title": title, "text": (child.narratives or {}).get(code, "")}
            for code, title in sections
        ]
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "lines": lines,
            "roll_up": roll_up,
            "narratives": [
                {"title": title, "text": report.narratives.get(code, "")}
                for code, title in sections
            ],
            "attachments": selectors.attachments_of(report=report),
            "can_change": request.user.has_perm("reports.change_report", report)
            and report.is_editable,
            "can_decide": request.user.has_perm("reports.decide_report", report) and report.is_sent,
            "return_form": forms.ReturnForm(),
            "attachment_form": forms.AttachmentForm(),
            "late": not report.is_sent and timezone.localdate() > report.period.deadline,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@refusing
def report_edit(request, pk: int):
    report = _report(request, pk, "reports.change_report")
    lines = selectors.report_lines(report=report)
    form = forms.ReportForm(request.POST or None, report=report, lines=lines)
    saved, _result = submit(
        request,
        form,
        lambda data: services.report_update(
            report=report,
            figures=form.figures(),
            narratives=form.narratives(),
            **picked(data, "number", "signer_title", "signer_name"),
            by=request.user,
        ),
    )
    if saved:
        return redirect("reports:report", report.pk)
    status = 400 if form.errors else 200
    return render(
        request, "reports/report_form.html", {"report": report, "form": form}, status=status
    )


@login_required
@require_POST
@refusing
def report_action(request, pk: int, action: str):
    perm = "reports.decide_report" if action in ("return", "accept") else "reports.change_report"
    report = _report(request, pk, perm)
    try:
        if action == "submit":
            services.report_submit(report=report, by=request.user)
        elif action == "refresh":
            services.report_refresh(report=report, by=request.user)
        elif action == "accept":
            services.report_accept(report=report, by=request.user)
        elif action == "return":
            form = forms.ReturnForm(request.POST)
            services.report_return(
                report=report,
                comment=form.data.get("comment", ""),
                by=request.user,
            )
        else:
            raise Http404
    except ValidationError as error:
        return render(
            request,
            "reports/refused.html",
            {"message": " ".join(error.messages), "report": report},
            status=400,
        )
    return redirect("reports:report", report.pk)


@login_required
@require_POST
@refusing
def report_attach(request, pk: int):
    report = _report(request, pk, "reports.change_report")
    form = forms.AttachmentForm(request.POST, request.FILES)
    message = ""
    if form.is_valid():
        try:
            services.report_attachment_add(
                report=report, upload=form.cleaned_data["upload"], by=request.user
            )
        except ValidationError as error:
            message = " ".join(error.messages)
    else:
        message = " ".join(str(e) for errors in form.errors.values() for e in errors)
    if message:
        return render(
            request, "reports/refused.html", {"message": message, "report": report}, status=400
        )
    return redirect("reports:report", report.pk)


@login_required
@require_safe
@refusing
def attachment_download(request, pk: int):
    attachment = get_object_or_404(selectors.report_attachments(), pk=pk)
    _report(request, attachment.report_id)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@login_required
@require_safe
@refusing
def report_file(request, pk: int, extension: str):
    if extension not in ("docx", "xlsx"):
        raise Http404
    report = _report(request, pk)
    if extension == "docx":
        content, filename = documents.report_docx(report=report)
        content_type = documents.CONTENT_TYPE
    else:
        content, filename = spreadsheets.report_workbook(report=report)
        content_type = spreadsheets.CONTENT_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
