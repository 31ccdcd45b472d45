from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import RoleMembership, User


class RoleMembershipInline(admin.TabularInline):
    model = RoleMembership
    extra = 1
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "email", "unit", "is_active"]
    search_fields = ["username", "full_name", "email"]
    autocomplete_fields = ["unit"]
    inlines = [RoleMembershipInline]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Work"), {"fields": ("full_name", "position", "phone", "unit")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("Work"), {"fields": ("full_name", "email", "unit")}),
    )


@admin.register(RoleMembership)
class RoleMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]
