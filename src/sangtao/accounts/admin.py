"""The Django admin of people: accounts with their role memberships inline, and memberships."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import RoleMembership, User


class RoleMembershipInline(admin.TabularInline):
    model = RoleMembership
    extra = 0
    autocomplete_fields = ["unit"]
    fields = ["role", "unit", "created_at"]
    readonly_fields = ["created_at"]
    verbose_name = _("role")
    verbose_name_plural = _("roles (each covers the unit and everything below it)")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "unit", "roles", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "is_superuser", "memberships__role", "unit__level"]
    search_fields = ["username", "full_name", "email", "unit__name"]
    list_select_related = ["unit"]
    ordering = ["username"]
    autocomplete_fields = ["unit"]
    inlines = [RoleMembershipInline]
    actions = ["unlock_sign_in"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Work"), {"fields": ("full_name", "position", "phone", "unit")}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (_("Work"), {"fields": ("full_name", "email", "unit")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("memberships")

    @admin.action(description=_("Unlock signing in (lift the lock-out after failed sign-ins)"))
    def unlock_sign_in(self, request, queryset):
        unlocked = 0
        for user in queryset:
            try:
                services.sign_in_unlock(user=user, by=request.user)
            except PermissionDenied:
                continue
            unlocked += 1
        self.message_user(
            request,
            ngettext(
                "Signing in is unlocked for %(count)d account.",
                "Signing in is unlocked for %(count)d accounts.",
                unlocked,
            )
            % {"count": unlocked},
            messages.SUCCESS,
        )

    @admin.display(description=_("roles"))
    def roles(self, user: User) -> str:
        return ", ".join(
            str(membership.get_role_display()) for membership in user.memberships.all()
        )


@admin.register(RoleMembership)
class RoleMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "created_at"]
    list_filter = ["role", "unit__level", "unit__kind"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["user", "unit"]
    list_select_related = ["user", "unit"]
    date_hierarchy = "created_at"
