"""Pages of movements and their configuration: thin views that bind a form and call a service.

Every signed-in user reads movements; the configuration pages answer 403 to anyone who does not
manage the movement, and 404 for a row of another movement. The pages of the fields, criteria and
milestones are the registers of `registers.py` (sangtao.registers' generic views).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sangtao.core.forms import submit
from sangtao.registers import RegisterListView

from . import services
from .forms import (
    CampaignLinkForm,
    GradeFormSet,
    MilestoneDoneForm,
    MovementForm,
    RoundAddForm,
    RoundForm,
    grade_initial,
)
from .models import Movement, Round
from .registers import MILESTONES
from .selectors import (
    campaign_links,
    campaign_links_of,
    movement_configuration,
    movement_criteria_of,
    movement_grades_of,
    movement_list,
    movement_round_years,
    movement_rounds_of,
    movements_for_pages,
    weighted_max_total,
)

PAGE_SIZE = 25


def _movement(pk: int) -> Movement:
    return get_object_or_404(movements_for_pages(), pk=pk)


def _managed(request, pk: int) -> Movement:
    movement = _movement(pk)
    if not request.user.has_perm("movements.change_movement", movement):
        raise PermissionDenied
    return movement


def _round(movement: Movement, pk: int) -> Round:
    """A round of `movement` (404 for a round of another movement), with its movement."""
    row = get_object_or_404(movement_rounds_of(movement=movement), pk=pk)
    row.movement = movement
    return row


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
    done, movement = submit(
        request, form, lambda data: services.movement_create(by=request.user, **data)
    )
    if done:
        messages.success(request, _("The movement was created with the plan's defaults."))
        return redirect("movements:detail", pk=movement.pk)
    return render(request, "movements/movement_form.html", {"form": form, "movement": None})


@login_required
def movement_edit(request, pk: int):
    movement = _managed(request, pk)
    form = MovementForm(request.POST or None, instance=movement, user=request.user)
    done, _saved = submit(
        request,
        form,
        lambda data: services.movement_update(movement=movement, data=data, by=request.user),
    )
    if done:
        messages.success(request, _("The movement was saved."))
        return redirect("movements:detail", pk=movement.pk)
    return render(request, "movements/movement_form.html", {"form": form, "movement": movement})


# -- rounds -----------------------------------------------------------------------------------


def _rounds_page(request, movement, *, add_form=None, bound=None):
    rounds = list(movement_rounds_of(movement=movement))
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
    taken = movement_round_years(movement=movement)
    form = RoundAddForm(request.POST, movement=movement, taken=taken)
    done, round_ = submit(
        request,
        form,
        lambda data: services.round_add(movement=movement, year=data["year"], by=request.user),
    )
    if done:
        messages.success(request, _("The round of %(year)s was added.") % {"year": round_.year})
        return redirect("movements:rounds", pk=movement.pk)
    return _rounds_page(request, movement, add_form=form)


@login_required
@require_POST
def round_edit(request, pk: int, item: int):
    movement = _managed(request, pk)
    round_ = _round(movement, item)
    form = RoundForm(request.POST, instance=round_, prefix=f"round-{round_.pk}")
    done, _saved = submit(
        request,
        form,
        lambda data: services.round_update(round_=round_, data=data, by=request.user),
    )
    if done:
        messages.success(request, _("The round “%(name)s” was saved.") % {"name": round_.name})
        return redirect("movements:rounds", pk=movement.pk)
    return _rounds_page(request, movement, bound=form)


# -- grading scale ----------------------------------------------------------------------------


@login_required
def movement_grades(request, pk: int):
    movement = _managed(request, pk)
    grades = movement_grades_of(movement=movement)
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
            "max_total": weighted_max_total(movement_criteria_of(movement=movement)),
        },
    )


# -- milestones (their list, add, edit and delete pages are the MILESTONES register) --------


class MilestoneDoneView(RegisterListView):
    """Mark a milestone done on a date; with "reopen" in the form, mark it not done. A wrong
    date comes back on the milestones page, next to that milestone's form."""

    register = MILESTONES
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        milestone = self.row
        if "reopen" in request.POST:
            services.milestone_mark_done(milestone=milestone, done_on=None, by=request.user)
            messages.success(request, _("The milestone is marked as not done."))
            return self.back()
        form = MilestoneDoneForm(request.POST, prefix=f"done-{milestone.pk}")
        done, _saved = submit(
            request,
            form,
            lambda data: services.milestone_mark_done(
                milestone=milestone, done_on=data["done_on"], by=request.user
            ),
        )
        if done:
            messages.success(request, _("The milestone is marked as done."))
            return self.back()
        return self.page(done_form=form)


milestone_done = MilestoneDoneView.as_view()


# -- linked campaigns -------------------------------------------------------------------------


@login_required
def movement_campaigns(request, pk: int):
    movement = _managed(request, pk)
    form = CampaignLinkForm(request.POST or None)
    done, _saved = submit(
        request,
        form,
        lambda data: services.campaign_link(movement=movement, name=data["name"], by=request.user),
    )
    if done:
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
    link = get_object_or_404(campaign_links_of(movement=movement), pk=item)
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
