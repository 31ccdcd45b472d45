"""The movement's ordered parts as registers (sangtao.registers): fields, criteria, milestones.

Each belongs to a movement; every page needs `movements.change_movement` on it, and the writes
are the part's services (`field_add`, `field_update`, `field_move`, `field_delete`, ...).
"""

from django.utils.translation import gettext_lazy as _

from sangtao.registers import Parent, Register

from . import services
from .forms import CriterionForm, FieldForm, MilestoneDoneForm, MilestoneForm
from .models import Criterion, Field, Milestone, Movement
from .selectors import measure_milestones, weighted_max_total

MANAGE = "movements.change_movement"
MOVEMENT = Parent(model=Movement, arg="movement", related=("unit",))


def _part(model, name: str, plural: str, form, context=None, **more) -> Register:
    """A part of a movement: listed with its add form under it, edited on its own page.
    Its list template gets `movement`, `section` and the rows under `plural`, and `context`'s."""

    def extra_context(*, parent, rows, **given) -> dict:
        extra = context(parent=parent, rows=rows, **given) if context else {}
        return {"movement": parent, "section": plural, plural: rows, **extra}

    return Register(
        model=model,
        namespace="movements",
        name=name,
        plural=plural,
        form=form,
        queryset=lambda *, user, parent: model.objects.filter(movement=parent),
        create=getattr(services, f"{name}_add"),
        update=getattr(services, f"{name}_update"),
        delete=getattr(services, f"{name}_delete"),
        perm_list=MANAGE,
        perm_add=MANAGE,
        perm_change=MANAGE,
        perm_delete=MANAGE,
        parent=MOVEMENT,
        detail=False,
        inline_add=True,
        confirm_delete=False,
        list_template=f"movements/movement_{plural}.html",
        form_template="movements/part_form.html",
        extra_context=extra_context,
        **more,
    )


def _criteria_context(*, parent, rows) -> dict:
    return {"max_total": weighted_max_total(rows)}


def _milestones_context(*, parent, rows, done_form=None) -> dict:
    """Each milestone, measured when tied to a condition, with its "done on" form (the one
    just sent back keeps its errors)."""
    rows = measure_milestones(list(rows))
    return {
        "rows": [
            (
                m,
                done_form
                if done_form is not None and done_form.prefix == f"done-{m.pk}"
                else MilestoneDoneForm(prefix=f"done-{m.pk}"),
            )
            for m in rows
        ],
    }


FIELDS = _part(
    Field,
    "field",
    "fields",
    FieldForm,
    move=services.field_move,
    texts={
        "added": _("The field was added."),
        "saved": _("The field was saved."),
        "deleted": _("The field “%(name)s” was deleted."),
        "edit_title": _("Edit the field “%(name)s”"),
    },
)

CRITERIA = _part(
    Criterion,
    "criterion",
    "criteria",
    CriterionForm,
    move=services.criterion_move,
    context=_criteria_context,
    texts={
        "added": _("The criterion was added."),
        "saved": _("The criterion was saved."),
        "deleted": _("The criterion “%(name)s” was deleted."),
        "edit_title": _("Edit the criterion “%(name)s”"),
    },
)

MILESTONES = _part(
    Milestone,
    "milestone",
    "milestones",
    MilestoneForm,
    context=_milestones_context,
    texts={
        "added": _("The milestone was added."),
        "saved": _("The milestone was saved."),
        "deleted": _("The milestone was deleted."),
        "edit_title": _("Edit the milestone"),
    },
)

PARTS = (FIELDS, CRITERIA, MILESTONES)
