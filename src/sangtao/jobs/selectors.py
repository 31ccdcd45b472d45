"""Reads of jobs and workers."""

from django.db.models import QuerySet
from django.utils import timezone

from .models import Job, WorkerHeartbeat
from .services import WORKER_STALE_AFTER


def jobs_of(*, user) -> QuerySet[Job]:
    """The jobs a person asked for, newest first (the list reads no target)."""
    return Job.objects.filter(requested_by=user).order_by("-created_at", "-id")


def job_by_public_id() -> QuerySet[Job]:
    """Jobs with what their page shows, to look one up by its public id."""
    return Job.objects.select_related("requested_by", "target_type")


def worker_alive() -> bool:
    """True while some worker has beaten in the last WORKER_STALE_AFTER."""
    return WorkerHeartbeat.objects.filter(seen_at__gte=timezone.now() - WORKER_STALE_AFTER).exists()


def worker_ok() -> bool:
    """/healthz's "worker" check: a worker has beaten lately; always true when the task
    backend runs tasks at once, with no worker."""
    from django.conf import settings

    if settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend"):
        return True
    try:
        return worker_alive()
    except Exception:
        return False
