"""The dashboard of a person's subtree, its figures as XLSX, and the lists asked for in the
background. Thin views: the figures come from selectors, the files from spreadsheets/jobs."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST, require_safe

from sangtao.jobs.services import job_enqueue
from sangtao.orgs.models import OrgUnit

from . import charts as chart_specs
from . import jobs, panels, selectors, spreadsheets
from .forms import ExportForm, FilterForm

NOT_STAFF = gettext_noop(
    "The dashboard is for the clerks, movement officers, leaders and administrators of a unit."
)


def _refuse(request, message: str, status: int = 403):
    return render(request, "dashboard/refused.html", {"message": message}, status=status)


def _filters(request) -> tuple[FilterForm, selectors.Filters, list[OrgUnit]]:
    """The form bound to the query string and the filters it gives. An invalid value (a unit
    outside the person's subtrees) is left out: the figures stay those of their own subtree."""
    paths = selectors.outer_paths(user=request.user)
    rounds = selectors.round_choices(paths=paths)
    years = sorted({round.year for round in rounds}, reverse=True)
    data = request.GET.copy()
    if "year" not in data and years:
        data["year"] = str(years[0])  # a year at a time, the newest, unless asked otherwise
    form = FilterForm(data, user=request.user, years=years, rounds=rounds)
    form.is_valid()
    cleaned = form.cleaned_data
    unit = cleaned.get("unit")
    filters = selectors.Filters(
        paths=(unit.path,) if unit else paths,
        unit=unit,
        year=cleaned.get("year"),
        round=cleaned.get("round"),
    )
    return form, filters, selectors.units_at(paths=paths)


def _labels(filters: selectors.Filters, roots: list[OrgUnit]) -> tuple[str, str]:
    scope = filters.unit.name if filters.unit else "; ".join(unit.name for unit in roots)
    if filters.round is not None:
        chosen = _("Round: %(round)s") % {"round": filters.round.name}
    elif filters.year is not None:
        chosen = _("Year: %(year)s") % {"year": filters.year}
    else:
        chosen = _("All years")
    return scope, chosen


@login_required
@require_safe
def index(request):
    if not request.user.has_perm("dashboard.view"):
        return _refuse(request, _(NOT_STAFF))
    form, filters, roots = _filters(request)
    figures = selectors.figures(filters=filters)
    scope_label, filter_label = _labels(filters, roots)
    extra = []
    for panel in panels.panels():
        context = panel.context(user=request.user, filters=filters)
        if context is not None:
            extra.append((panel, context))
    return render(
        request,
        "dashboard/index.html",
        {
            "form": form,
            "filters": filters,
            "figures": figures,
            "pending": figures.summarised_at is not None and selectors.summary_pending(),
            "charts": chart_specs.charts(figures),
            "milestones": selectors.milestone_progress(filters=filters),
            "panels": extra,
            "units": selectors.unit_choices(roots=roots),
            "roots": roots,
            "scope_label": scope_label,
            "filter_label": filter_label,
            "export_units": [filters.unit] if filters.unit else roots,
            "export_year": filters.round.year if filters.round else filters.year,
            "query": request.GET.urlencode(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def figures_xlsx(request, chart: str):
    """The numbers of one chart (or of all: `chart` = "all") as a workbook."""
    if chart != "all" and chart not in chart_specs.CODES:
        raise Http404
    if not request.user.has_perm("dashboard.view"):
        return _refuse(request, _(NOT_STAFF))
    form, filters, roots = _filters(request)
    if form.errors:
        return _refuse(request, " ".join(e for errors in form.errors.values() for e in errors))
    figures = selectors.figures(filters=filters)
    charts = [c for c in chart_specs.charts(figures) if chart in ("all", c.code)]
    scope_label, filter_label = _labels(filters, roots)
    content = spreadsheets.charts_workbook(
        charts=charts, scope_label=scope_label, filter_label=filter_label
    )
    response = HttpResponse(content, content_type=spreadsheets.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="dashboard-{chart}.xlsx"'
    return response


@require_POST
@login_required
def export(request, kind: str):
    """Ask for one of the lists (recognised, nominations, honours) of a unit and a year."""
    if kind not in jobs.KINDS:
        raise Http404
    form = ExportForm(request.POST, user=request.user)
    if not form.is_valid():
        message = " ".join(e for errors in form.errors.values() for e in errors)
        return _refuse(request, message or _("Choose a unit and a year."), status=400)
    try:
        job = job_enqueue(
            kind=jobs.KINDS[kind],
            by=request.user,
            target=form.cleaned_data["unit"],
            params={"year": form.cleaned_data["year"]},
        )
    except PermissionDenied:
        return _refuse(
            request, _("This unit is outside the units you cover: its lists are not prepared.")
        )
    return redirect(job)
