from django.contrib import admin

from .models import AuditEvent, Notification, OutgoingEmail


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the admin shows but never adds or edits: they change through their services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """The audit trail is read-only here as everywhere."""

    list_display = ["at", "actor", "action", "target_repr", "from_state", "to_state"]
    list_filter = ["action"]
    search_fields = ["target_repr", "reason"]
    list_select_related = ["actor"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "message", "read_at"]
    list_select_related = ["recipient"]


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    """The outbox, to see what was sent and what failed (read-only: `manage.py emails_send`
    tries the failed ones again)."""

    list_display = ["created_at", "to", "subject", "status", "attempts", "next_attempt_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
