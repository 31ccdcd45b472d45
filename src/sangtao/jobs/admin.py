from django.contrib import admin

from .models import Job, WorkerHeartbeat


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only: jobs change through sangtao.jobs.services only."""

    list_display = ["public_id", "kind", "target_label", "requested_by", "state", "created_at"]
    list_filter = ["state", "kind"]
    search_fields = ["public_id", "target_label", "requested_by__username"]
    list_select_related = ["requested_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ["worker_id", "host", "pid", "started_at", "seen_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
