from django.contrib import admin

from sangtao.core.admin import ReadOnlyAdmin

from .models import Job, WorkerHeartbeat


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    """Read-only: jobs change through sangtao.jobs.services only."""

    list_display = ["public_id", "kind", "target_label", "requested_by", "state", "created_at"]
    list_filter = ["state", "kind"]
    search_fields = ["public_id", "target_label", "requested_by__username"]
    list_select_related = ["requested_by"]


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(ReadOnlyAdmin):
    list_display = ["worker_id", "host", "pid", "started_at", "seen_at"]
