"""Pages of movements and their configuration."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .models import Movement


@login_required
def movement_list(request):
    movements = Movement.objects.select_related("unit")
    return render(request, "movements/movement_list.html", {"movements": movements})


@login_required
def movement_detail(request, pk: int):
    movement = get_object_or_404(Movement.objects.select_related("unit"), pk=pk)
    return render(
        request,
        "movements/movement_detail.html",
        {
            "movement": movement,
            "rounds": movement.rounds.all(),
            "fields": movement.fields.all(),
            "criteria": movement.criteria.all(),
            "grades": movement.grades.all(),
            "milestones": movement.milestones.all(),
        },
    )
