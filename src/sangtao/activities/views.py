"""Pages of the activities beyond the register plumbing: the response plans' list with the
units that still owe a plan, and the inspected unit's answer to an inspection."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from sangtao.registers import RegisterListView
from sangtao.registers.pages import form_page

from . import selectors, services
from .forms import AnswerForm
from .registers import INSPECTIONS

MISSING_SHOWN = 200  # units named under the list; the count says how many in all


class PlanListView(RegisterListView):
    """The response plans, and for the chosen movement (or the newest one the person sees)
    the member organisations and lower Front committees that have not recorded theirs."""

    def page(self, add_form=None, **more):
        if self.request.GET.get("export"):
            return super().page(add_form, **more)
        return super().page(add_form, **self.missing(), **more)

    def missing(self) -> dict:
        chosen = self.request.GET.get("movement", "")
        movement = selectors.movement_offered(
            user=self.request.user, pk=int(chosen) if chosen.isdigit() else None
        )
        if movement is None:
            return {}
        units, count = selectors.units_without_plan_shown(
            movement=movement, user=self.request.user, limit=MISSING_SHOWN
        )
        return {"missing_movement": movement, "missing_units": units, "missing_count": count}


@login_required
def inspection_answer(request, pk: int):
    """The inspected unit writes its answer to the recommendations."""
    inspection = get_object_or_404(selectors.inspections_visible(user=request.user), pk=pk)
    if not request.user.has_perm("activities.answer_inspection", inspection):
        raise PermissionDenied
    initial = {"response": inspection.response, "responded_on": inspection.responded_on}
    title = _("Answer the inspection of %(date)s") % {
        "date": inspection.inspected_on.strftime("%d/%m/%Y")
    }
    return form_page(
        request,
        AnswerForm(request.POST if request.method == "POST" else None, initial=initial),
        lambda data: services.inspection_answer(inspection=inspection, by=request.user, **data),
        done=_("Your answer was recorded."),
        next_url=INSPECTIONS.url("detail", row=inspection),
        template="activities/inspection_answer.html",
        context={"inspection": inspection, "title": title},
    )
