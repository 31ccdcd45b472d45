from django.contrib import admin

from .models import CommitteePapers, Level, OrgUnit, Position, UnitKind, UnitSuccession
from .text import unit_search_key


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "rank"]


@admin.register(UnitKind)
class UnitKindAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "holds_council"]


class SuccessionInline(admin.TabularInline):
    model = UnitSuccession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]
    can_delete = False  # a succession is the unit's history


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "kind", "official_code", "valid_from", "valid_to"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "official_code"]
    readonly_fields = ["parent", "path", "depth"]
    list_select_related = ["level", "kind"]
    inlines = [SuccessionInline]

    def has_add_permission(self, request):
        # Units are created through the tree's services (importer, pages), which keep paths.
        return False

    def has_delete_permission(self, request, obj=None):
        # Units are never deleted: a closed unit keeps its history, its initiatives, councils
        # and successions (close or merge it on the tree's pages).
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        # A renamed unit must stay findable by its new name on the tree pages.
        obj.search_key = unit_search_key(name=obj.name, short_name=obj.short_name)
        super().save_model(request, obj, form, change)


@admin.register(CommitteePapers)
class CommitteePapersAdmin(admin.ModelAdmin):
    list_display = ["unit", "printed_name", "board_name"]
    raw_id_fields = ["unit"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["unit", "title", "full_name", "rank", "starts_on", "ends_on"]
    raw_id_fields = ["unit"]
