"""Pages of the organisation tree: the top units, and one unit with its place, history and units
below. Signed-in users may read the tree (permission `orgs.view_tree`); its administrators
(`orgs.manage_tree`) add units below it, rename, move, close or merge it, and import a list of
units into it."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sangtao.core.forms import apply_errors, picked, submit
from sangtao.jobs.services import job_enqueue

from . import handover, jobs, services, unit_list
from .forms import (
    UnitAddForm,
    UnitFilterForm,
    UnitImportForm,
    UnitMoveForm,
    UnitRenameForm,
    UnitRetireForm,
)
from .models import OrgUnit
from .selectors import (
    administered_units_q,
    unit_ancestors,
    unit_changes,
    unit_history,
    unit_listing,
    unit_subtree_size,
    units_for_pages,
)

PAGE_SIZE = 50


def _listing(request, unit: OrgUnit | None) -> dict:
    form = UnitFilterForm(request.GET or None)
    filters = form.filters()
    units = unit_listing(unit=unit, query=filters["q"], active_only=not filters["history"])
    kept = {"q": filters["q"], "history": "on" if filters["history"] else ""}
    return {
        "form": form,
        "query": filters["q"],
        "history": filters["history"],
        "page": Paginator(units, PAGE_SIZE).get_page(request.GET.get("page")),
        "query_string": urlencode({key: value for key, value in kept.items() if value}),
    }


@login_required
@permission_required("orgs.view_tree", raise_exception=True)
def tree(request):
    return render(request, "orgs/tree.html", _listing(request, None))


@login_required
@permission_required("orgs.view_tree", raise_exception=True)
def unit_detail(request, pk: int):
    unit = get_object_or_404(units_for_pages(), pk=pk)
    context = _listing(request, unit)
    return render(
        request,
        "orgs/unit_detail.html",
        {
            **context,
            "unit": unit,
            "ancestors": unit_ancestors(unit=unit),
            "subtree_size": unit_subtree_size(unit=unit, current_only=not context["history"]),
            "changes": unit_changes(unit=unit),
            "can_manage": request.user.has_perm("orgs.manage_tree", unit),
            **unit_history(unit=unit),
        },
    )


# --- the administrators' pages ------------------------------------------------------------------


def _managed_unit(request, pk: int) -> OrgUnit:
    """The unit of the address, which the person must administer (else 403; 404 if none)."""
    unit = get_object_or_404(units_for_pages(), pk=pk)
    if not request.user.has_perm("orgs.manage_tree", unit):
        raise PermissionDenied
    return unit


def _managed_scope(request):
    return administered_units_q(request.user)


def _form_page(
    request, unit, form, *, title: str, submit: str, intro: str = "", danger=False, preview=None
):
    return render(
        request,
        "orgs/unit_form.html",
        {
            "unit": unit,
            "form": form,
            "title": title,
            "submit": submit,
            "intro": intro,
            "danger": danger,
            "preview": preview,
            "ancestors": unit_ancestors(unit=unit),
        },
    )


def _decision(data: dict) -> dict:
    return {"decision_number": data["decision_number"], "decision_date": data["decision_date"]}


@login_required
@require_http_methods(["GET", "POST"])
def unit_add(request, pk: int):
    parent = _managed_unit(request, pk)
    form = UnitAddForm(request.POST or None)
    added, unit = submit(
        request,
        form,
        lambda data: services.unit_add(
            parent=parent,
            **picked(data, "name", "short_name", "kind", "level", "official_code"),
            valid_from=data["on"],
            by=request.user,
            **_decision(data),
        ),
    )
    if added:
        messages.success(request, _("The unit “%(name)s” was added.") % {"name": unit.name})
        return redirect("orgs:detail", unit.pk)
    return _form_page(
        request,
        parent,
        form,
        title=_("Add a unit under “%(name)s”") % {"name": parent.name},
        submit=_("Add the unit"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_rename(request, pk: int):
    unit = _managed_unit(request, pk)
    form = UnitRenameForm(
        request.POST or None, initial={"name": unit.name, "short_name": unit.short_name}
    )
    fields = ("name", "short_name", "on")
    if _written(request, form, services.unit_rename, unit, fields, outside_is_error=False):
        messages.success(request, _("The unit was renamed; its former name stays in its history."))
        return redirect("orgs:detail", unit.pk)
    return _form_page(
        request, unit, form, title=_("Rename “%(name)s”") % {"name": unit.name}, submit=_("Rename")
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_move(request, pk: int):
    unit = _managed_unit(request, pk)
    form = UnitMoveForm(request.POST or None, scope=_managed_scope(request))
    if _written(request, form, services.unit_move, unit, ("new_parent", "on")):
        name = form.cleaned_data["new_parent"].name
        messages.success(request, _("The unit now lies under “%(name)s”.") % {"name": name})
        return redirect("orgs:detail", unit.pk)
    return _form_page(
        request,
        unit,
        form,
        title=_("Move “%(name)s” under another unit") % {"name": unit.name},
        submit=_("Move"),
        intro=_("The unit moves with every unit below it."),
    )


def _as_validation(error) -> ValidationError:
    if isinstance(error, PermissionDenied):
        return ValidationError(_("The unit you chose lies outside the units you administer."))
    return error


def _written(request, form, service, unit, fields, *, outside_is_error: bool = True) -> bool:
    """On a POST of a valid form, call `service` on `unit` with the form's `fields` and its
    decision: True once done; False on a GET, an invalid form or a refusal, which goes on the
    form (a unit chosen outside the person's, too, with `outside_is_error`)."""

    def write(data):
        chosen = {name: data[name] for name in fields}
        return service(unit=unit, by=request.user, **chosen, **_decision(data))

    try:
        return submit(request, form, write)[0]
    except PermissionDenied as error:
        if not outside_is_error:
            raise
        apply_errors(form, _as_validation(error))
        return False


def _preview_key(data: dict) -> str:
    """What a preview was shown for: a confirmation for other values shows the preview again."""
    return f"{data['successor'].pk}:{data['on'].isoformat()}"


@login_required
@require_http_methods(["GET", "POST"])
def unit_retire(request, pk: int):
    """Close or merge a unit. Merging shows first what open work moves to the successor
    ("12 hồ sơ, 1 hội đồng, 7 người sẽ chuyển sang …"); confirming closes the unit and hands
    it over all or nothing, in the request, or as a background job with its progress page when
    there is much to move (`orgs.jobs.HAND_OVER_IN_BACKGROUND_FROM`)."""
    unit = _managed_unit(request, pk)
    form = UnitRetireForm(request.POST or None, scope=_managed_scope(request))
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        successor = data["successor"]
        try:
            services.unit_retire_check(
                unit=unit,
                on=data["on"],
                decision_number=data["decision_number"],
                successor=successor,
                by=request.user,
            )
            if successor is not None:
                preview = handover.unit_hand_over_preview(
                    unit=unit, successor=successor, on=data["on"]
                )
                preview["key"] = _preview_key(data)
            if successor is None or request.POST.get("confirm") == preview["key"]:
                return _retire(request, unit, data, preview)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, _as_validation(error))
            preview = None
    page = _form_page(
        request,
        unit,
        form,
        title=_("Close or merge “%(name)s”") % {"name": unit.name},
        submit=_("Close and hand over") if preview else _("Close the unit"),
        intro=_(
            "A merged unit is taken over by its successor, which receives its open work "
            "(dossiers, open councils, proposals, role grants, units below); a dissolved one "
            "has none. The unit is not deleted: sealed councils, certificates, honours and its "
            "history stay where they happened."
        ),
        danger=True,
        preview=preview,
    )
    return page


def _retire(request, unit: OrgUnit, data: dict, preview: dict | None):
    if preview and preview["total"] >= jobs.HAND_OVER_IN_BACKGROUND_FROM:
        job = job_enqueue(
            kind=jobs.RETIRE,
            by=request.user,
            target=unit,
            params=jobs.retire_params(
                successor=data["successor"], on=data["on"], **_decision(data)
            ),
        )
        messages.info(
            request,
            _("The unit is being closed and its open work handed over in the background."),
        )
        return redirect(job)
    services.unit_retire(
        unit=unit, on=data["on"], successor=data["successor"], by=request.user, **_decision(data)
    )
    if preview:
        messages.success(
            request,
            _("The unit was closed; its history is kept.")
            + " "
            + handover.hand_over_sentence(unit.handed_over, data["successor"], done=True),
        )
    else:
        messages.success(request, _("The unit was closed; its history is kept."))
    return redirect("orgs:detail", unit.pk)


def _session_key(unit: OrgUnit) -> str:
    return f"orgs.unit_list.{unit.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def unit_import(request, pk: int):
    """Upload the list (preview), then confirm it (apply all rows or none)."""
    unit = _managed_unit(request, pk)
    key = _session_key(unit)
    form = UnitImportForm()
    plan = None
    if request.method == "POST" and "confirm" in request.POST:
        rows = request.session.get(key)
        if not rows:
            messages.error(request, _("Upload the list again: the preview has expired."))
            return redirect("orgs:import", unit.pk)
        try:
            plan = unit_list.unit_list_apply(rows=rows, within=unit, by=request.user)
        except ValidationError:
            plan = unit_list.unit_list_plan(rows=rows, within=unit)
            messages.error(request, _("The list has errors: nothing was saved."))
        else:
            del request.session[key]
            counts = plan.counts
            messages.success(
                request,
                _(
                    "The list was applied: %(new)s new, %(renamed)s renamed, %(moved)s moved, "
                    "%(unchanged)s unchanged."
                )
                % counts,
            )
            return redirect("orgs:detail", unit.pk)
    elif request.method == "POST":
        form = UnitImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                rows = unit_list.unit_list_read(upload=form.cleaned_data["file"])
            except ValidationError as error:
                form.add_error("file", error)
            else:
                plan = unit_list.unit_list_plan(rows=rows, within=unit)
                if plan.valid:
                    request.session[key] = rows
                else:
                    request.session.pop(key, None)
    return render(
        request,
        "orgs/unit_import.html",
        {
            "unit": unit,
            "form": form,
            "plan": plan,
            "ancestors": unit_ancestors(unit=unit),
            "columns": list(unit_list.COLUMN_TITLES.values()),
        },
    )
