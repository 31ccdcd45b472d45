"""Pages of movements and their configuration: thin views that bind a form and call a service.

Every signed-in user reads movements; the configuration pages answer 403 to anyone who does not
manage the movement, and 404 for a row of another movement.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sangtao.core.forms import apply_errors

from . import services
from .forms import (
    CampaignLinkForm,
    CriterionForm,
    FieldForm,
    GradeFormSet,
    MilestoneDoneForm,
    MilestoneForm,
    MovementForm,
    RoundAddForm,
    RoundForm,
    grade_initial,
)
from .models import Criterion, Field, Milestone, Movement, MovementCampaign, Round
from .selectors import campaign_links, movement_configuration, movement_list, weighted_max_total

PAGE_SIZE = 25


def _movement(pk: int) -> Movement:
    return get_object_or_404(Movement.objects.select_related("unit"), pk=pk)


def _managed(request, pk: int) -> Movement:
    movement = _movement(pk)
    if not request.user.has_perm("movements.change_movement", movement):
        raise PermissionDenied
    return movement


def _part(model, movement: Movement, pk: int):
    """A row of `movement` (404 for a row of another movement), with its movement attached."""
    row = get_object_or_404(model, pk=pk, movement=movement)
    row.movement = movement
    return row


def _report(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# -- reading ----------------------------------------------------------------------------------


@login_required
def movement_list_page(request):
    page = Paginator(movement_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "movements/movement_list.html", {"page": page})


@login_required
def movement_detail(request, pk: int):
    movement = _movement(pk)
    return render(
        request,
        "movements/movement_detail.html",
        {"movement": movement, **movement_configuration(movement=movement)},
    )


# -- the movement itself ----------------------------------------------------------------------


@login_required
def movement_create_page(request):
    if not request.user.has_perm("movements.add_movement"):
        raise PermissionDenied
    form = MovementForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            movement = services.movement_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The movement was created with the plan's defaults."))
            return redirect("movements:detail", pk=movement.pk)
    return render(request, "movements/movement_form.html", {"form": form, "movement": None})


@login_required
def movement_edit(request, pk: int):
    movement = _managed(request, pk)
    form = MovementForm(request.POST or None, instance=movement, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.movement_update(movement=movement, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The movement was saved."))
            return redirect("movements:detail", pk=movement.pk)
    return render(request, "movements/movement_form.html", {"form": form, "movement": movement})


# -- rounds -----------------------------------------------------------------------------------


def _rounds_page(request, movement, *, add_form=None, bound=None):
    rounds = list(movement.rounds.all())
    rows = [
        (
            r,
            bound
            if bound is not None and bound.instance.pk == r.pk
            else RoundForm(instance=r, prefix=f"round-{r.pk}"),
        )
        for r in rounds
    ]
    taken = {r.year for r in rounds}
    return render(
        request,
        "movements/movement_rounds.html",
        {
            "movement": movement,
            "section": "rounds",
            "rows": rows,
            "add_form": add_form or RoundAddForm(movement=movement, taken=taken),
        },
    )


@login_required
def movement_rounds(request, pk: int):
    movement = _managed(request, pk)
    if request.method != "POST":
        return _rounds_page(request, movement)
    taken = set(movement.rounds.values_list("year", flat=True))
    form = RoundAddForm(request.POST, movement=movement, taken=taken)
    if form.is_valid():
        try:
            round_ = services.round_add(
                movement=movement, year=form.cleaned_data["year"], by=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The round of %(year)s was added.") % {"year": round_.year})
            return redirect("movements:rounds", pk=movement.pk)
    return _rounds_page(request, movement, add_form=form)


@login_required
@require_POST
def round_edit(request, pk: int, item: int):
    movement = _managed(request, pk)
    round_ = _part(Round, movement, item)
    form = RoundForm(request.POST, instance=round_, prefix=f"round-{round_.pk}")
    if form.is_valid():
        try:
            services.round_update(round_=round_, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The round “%(name)s” was saved.") % {"name": round_.name})
            return redirect("movements:rounds", pk=movement.pk)
    return _rounds_page(request, movement, bound=form)


# -- fields and criteria: ordered lists -------------------------------------------------------


def _fields_page(request, movement, *, add_form=None):
    return render(
        request,
        "movements/movement_fields.html",
        {
            "movement": movement,
            "section": "fields",
            "fields": list(movement.fields.all()),
            "add_form": add_form or FieldForm(prefix="new"),
        },
    )


@login_required
def movement_fields(request, pk: int):
    movement = _managed(request, pk)
    if request.method != "POST":
        return _fields_page(request, movement)
    form = FieldForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            services.field_add(movement=movement, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The field was added."))
            return redirect("movements:fields", pk=movement.pk)
    return _fields_page(request, movement, add_form=form)


@login_required
def field_edit(request, pk: int, item: int):
    movement = _managed(request, pk)
    field = _part(Field, movement, item)
    form = FieldForm(request.POST or None, instance=field)
    if request.method == "POST" and form.is_valid():
        try:
            services.field_update(field=field, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The field was saved."))
            return redirect("movements:fields", pk=movement.pk)
    return render(
        request,
        "movements/part_form.html",
        {
            "movement": movement,
            "section": "fields",
            "form": form,
            "title": _("Edit the field “%(name)s”") % {"name": field.name},
            "back": "movements:fields",
        },
    )


def _offset(request) -> int:
    return -1 if request.POST.get("offset") == "-1" else 1


@login_required
@require_POST
def field_move(request, pk: int, item: int):
    movement = _managed(request, pk)
    services.field_move(
        field=_part(Field, movement, item), offset=_offset(request), by=request.user
    )
    return redirect("movements:fields", pk=movement.pk)


@login_required
@require_POST
def field_delete(request, pk: int, item: int):
    movement = _managed(request, pk)
    field = _part(Field, movement, item)
    try:
        services.field_delete(field=field, by=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The field “%(name)s” was deleted.") % {"name": field.name})
    return redirect("movements:fields", pk=movement.pk)


def _criteria_page(request, movement, *, add_form=None):
    criteria = list(movement.criteria.all())
    return render(
        request,
        "movements/movement_criteria.html",
        {
            "movement": movement,
            "section": "criteria",
            "criteria": criteria,
            "max_total": weighted_max_total(criteria),
            "add_form": add_form or CriterionForm(prefix="new"),
        },
    )


@login_required
def movement_criteria(request, pk: int):
    movement = _managed(request, pk)
    if request.method != "POST":
        return _criteria_page(request, movement)
    form = CriterionForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            services.criterion_add(movement=movement, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The criterion was added."))
            return redirect("movements:criteria", pk=movement.pk)
    return _criteria_page(request, movement, add_form=form)


@login_required
def criterion_edit(request, pk: int, item: int):
    movement = _managed(request, pk)
    criterion = _part(Criterion, movement, item)
    form = CriterionForm(request.POST or None, instance=criterion)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_update(criterion=criterion, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The criterion was saved."))
            return redirect("movements:criteria", pk=movement.pk)
    return render(
        request,
        "movements/part_form.html",
        {
            "movement": movement,
            "section": "criteria",
            "form": form,
            "title": _("Edit the criterion “%(name)s”") % {"name": criterion.name},
            "back": "movements:criteria",
        },
    )


@login_required
@require_POST
def criterion_move(request, pk: int, item: int):
    movement = _managed(request, pk)
    services.criterion_move(
        criterion=_part(Criterion, movement, item), offset=_offset(request), by=request.user
    )
    return redirect("movements:criteria", pk=movement.pk)


@login_required
@require_POST
def criterion_delete(request, pk: int, item: int):
    movement = _managed(request, pk)
    criterion = _part(Criterion, movement, item)
    try:
        services.criterion_delete(criterion=criterion, by=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(
            request, _("The criterion “%(name)s” was deleted.") % {"name": criterion.name}
        )
    return redirect("movements:criteria", pk=movement.pk)


# -- grading scale ----------------------------------------------------------------------------


@login_required
def movement_grades(request, pk: int):
    movement = _managed(request, pk)
    grades = list(movement.grades.all())
    formset = GradeFormSet(request.POST or None, initial=grade_initial(grades), prefix="grades")
    scale_errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            services.grading_scale_set(movement=movement, grades=formset.rows(), by=request.user)
        except ValidationError as error:
            scale_errors = formset.apply_errors(error)
        else:
            messages.success(request, _("The grading scale was saved."))
            return redirect("movements:detail", pk=movement.pk)
    return render(
        request,
        "movements/movement_grades.html",
        {
            "movement": movement,
            "section": "grades",
            "formset": formset,
            "scale_errors": scale_errors,
            "max_total": weighted_max_total(movement.criteria.all()),
        },
    )


# -- milestones -------------------------------------------------------------------------------


def _milestones_page(request, movement, *, add_form=None, done_form=None):
    milestones = list(movement.milestones.all())
    rows = [
        (
            m,
            done_form
            if done_form is not None and done_form.prefix == f"done-{m.pk}"
            else MilestoneDoneForm(prefix=f"done-{m.pk}"),
        )
        for m in milestones
    ]
    return render(
        request,
        "movements/movement_milestones.html",
        {
            "movement": movement,
            "section": "milestones",
            "rows": rows,
            "add_form": add_form or MilestoneForm(prefix="new"),
        },
    )


@login_required
def movement_milestones(request, pk: int):
    movement = _managed(request, pk)
    if request.method != "POST":
        return _milestones_page(request, movement)
    form = MilestoneForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            services.milestone_add(movement=movement, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The milestone was added."))
            return redirect("movements:milestones", pk=movement.pk)
    return _milestones_page(request, movement, add_form=form)


@login_required
def milestone_edit(request, pk: int, item: int):
    movement = _managed(request, pk)
    milestone = _part(Milestone, movement, item)
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_update(milestone=milestone, data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The milestone was saved."))
            return redirect("movements:milestones", pk=movement.pk)
    return render(
        request,
        "movements/part_form.html",
        {
            "movement": movement,
            "section": "milestones",
            "form": form,
            "title": _("Edit the milestone"),
            "back": "movements:milestones",
        },
    )


@login_required
@require_POST
def milestone_done(request, pk: int, item: int):
    """Mark a milestone done on a date; with "reopen" in the form, mark it not done."""
    movement = _managed(request, pk)
    milestone = _part(Milestone, movement, item)
    if "reopen" in request.POST:
        services.milestone_mark_done(milestone=milestone, done_on=None, by=request.user)
        messages.success(request, _("The milestone is marked as not done."))
        return redirect("movements:milestones", pk=movement.pk)
    form = MilestoneDoneForm(request.POST, prefix=f"done-{milestone.pk}")
    if form.is_valid():
        try:
            services.milestone_mark_done(
                milestone=milestone, done_on=form.cleaned_data["done_on"], by=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The milestone is marked as done."))
            return redirect("movements:milestones", pk=movement.pk)
    return _milestones_page(request, movement, done_form=form)


@login_required
@require_POST
def milestone_delete(request, pk: int, item: int):
    movement = _managed(request, pk)
    milestone = _part(Milestone, movement, item)
    try:
        services.milestone_delete(milestone=milestone, by=request.user)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The milestone was deleted."))
    return redirect("movements:milestones", pk=movement.pk)


# -- linked campaigns -------------------------------------------------------------------------


@login_required
def movement_campaigns(request, pk: int):
    movement = _managed(request, pk)
    form = CampaignLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_link(
                movement=movement, name=form.cleaned_data["name"], by=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The campaign is linked to the movement."))
            return redirect("movements:campaigns", pk=movement.pk)
    return render(
        request,
        "movements/movement_campaigns.html",
        {
            "movement": movement,
            "section": "campaigns",
            "links": campaign_links(movement=movement),
            "form": form,
        },
    )


@login_required
@require_POST
def campaign_set_active(request, pk: int, item: int):
    movement = _managed(request, pk)
    link = get_object_or_404(
        MovementCampaign.objects.select_related("campaign"), pk=item, movement=movement
    )
    link.movement = movement
    active = request.POST.get("active") == "1"
    services.campaign_link_set_active(link=link, active=active, by=request.user)
    messages.success(
        request,
        (
            _("The campaign “%(name)s” is active again.")
            if active
            else _("The campaign “%(name)s” was deactivated.")
        )
        % {"name": link.campaign.name},
    )
    return redirect("movements:campaigns", pk=movement.pk)
