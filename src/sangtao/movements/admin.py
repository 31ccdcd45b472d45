from django.contrib import admin
from django.db.models import Model

from .models import (
    Campaign,
    Criterion,
    Field,
    Grade,
    Milestone,
    Movement,
    MovementCampaign,
    Round,
)


def part_inline(part: type[Model]) -> type[admin.TabularInline]:
    """The table of a movement's parts of one kind (its rounds, fields, ...) on its page."""
    return type(f"{part.__name__}Inline", (admin.TabularInline,), {"model": part, "extra": 0})


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "start_year", "end_year"]
    autocomplete_fields = ["unit"]
    inlines = [
        part_inline(part) for part in (Round, Field, Criterion, Grade, Milestone, MovementCampaign)
    ]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "active"]
