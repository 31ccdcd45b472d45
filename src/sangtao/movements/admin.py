from django.contrib import admin

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


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0


class FieldInline(admin.TabularInline):
    model = Field
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class GradeInline(admin.TabularInline):
    model = Grade
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


class MovementCampaignInline(admin.TabularInline):
    model = MovementCampaign
    extra = 0


@admin.register(Movement)
class MovementAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "start_year", "end_year"]
    autocomplete_fields = ["unit"]
    inlines = [
        RoundInline,
        FieldInline,
        CriterionInline,
        GradeInline,
        MilestoneInline,
        MovementCampaignInline,
    ]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "active"]
