"""Writes of jobs: asking for one, its progress, its end, and the workers' heartbeats.

A job's life: `job_enqueue` (queued) -> `job_start` (running) -> `job_progress`* ->
`job_finish` (done, with its file) or `job_fail` (failed, with a message for the person; the
details go to the log). Asking, starting, finishing and failing are audited; progress is not
(it is no change of state, and a long job reports it every second).
"""

import json
import logging
import os
import socket
from datetime import datetime, timedelta
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_noop

from sangtao.core.services import audit_record

from . import registry
from .models import Job, WorkerHeartbeat

logger = logging.getLogger(__name__)

# What the person reads when a job fails (translated when shown); the log has the details.
BUILD_FAILED = gettext_noop(
    "The file could not be prepared. Ask for it again; if it fails again, give the job's "
    "reference to your administrator."
)
QUEUE_FAILED = gettext_noop("The job could not be put in the queue. Ask for it again in a moment.")
WORKER_STOPPED = gettext_noop(
    "The background worker stopped while it was preparing the file. Ask for it again."
)

# A worker beats every HEARTBEAT_EVERY seconds; after WORKER_STALE_AFTER without a beat it is
# taken for stopped (by /healthz, and for the jobs it was running).
HEARTBEAT_EVERY = 10
WORKER_STALE_AFTER = timedelta(seconds=60)


def job_enqueue(*, kind: str, by, target, params: dict | None = None) -> Job:
    """Ask for a job of `kind` on `target`; it runs once the transaction commits.

    Refuses (PermissionDenied) someone without the kind's permission on the target. Asking
    again for the same file while the first one is still waiting or running gives that job.
    """
    job_kind = registry.kind_of(kind)
    if not by.has_perm(job_kind.permission, target):
        raise PermissionDenied
    params = params or {}
    target_type = ContentType.objects.get_for_model(target)
    with transaction.atomic():
        for waiting in Job.objects.filter(
            kind=kind,
            requested_by=by,
            target_type=target_type,
            target_id=str(target.pk),
            state__in=Job.ACTIVE,
        ):
            if waiting.params == params:
                return waiting
        job = Job.objects.create(
            kind=kind,
            requested_by=by,
            target_type=target_type,
            target_id=str(target.pk),
            target_label=str(target)[:300],
            permission=job_kind.permission,
            params=params,
        )
        audit_record(
            actor=by,
            action="job.enqueue",
            target=job,
            to_state=Job.State.QUEUED,
            data={
                "kind": kind,
                "target": f"{target_type.app_label}.{target_type.model}:{target.pk}",
            },
        )
        transaction.on_commit(partial(_queue, job.pk))
    return job


def _queue(job_pk: int) -> None:
    """Hand the job to the task backend (after the commit, so the worker finds its row)."""
    from .tasks import job_run

    job = Job.objects.get(pk=job_pk)
    try:
        result = job_run.enqueue(str(job.public_id))
    except Exception:
        logger.exception("Job %s (%s) could not be queued", job.public_id, job.kind)
        job_fail(job=job, error=QUEUE_FAILED)
        return
    Job.objects.filter(pk=job_pk).update(task_id=str(result.id)[:64])


def job_start(*, job: Job, worker_id: str = "") -> bool:
    """Mark a waiting job as running; False when it is not waiting (already run, or failed)."""
    now = timezone.now()
    with transaction.atomic():
        started = Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
            state=Job.State.RUNNING, started_at=now, worker_id=worker_id[:64]
        )
        if not started:
            return False
        audit_record(
            actor=None,
            action="job.start",
            target=job,
            from_state=Job.State.QUEUED,
            to_state=Job.State.RUNNING,
            data={"worker": worker_id},
        )
    job.state, job.started_at, job.worker_id = Job.State.RUNNING, now, worker_id[:64]
    return True


def job_progress(
    *,
    job: Job,
    done: int,
    total: int,
    message: str = "",
    params: dict | None = None,
    outside: bool = False,
) -> None:
    """Record how far a running job is: `done` of `total`, and what it is doing (a message id).

    `outside`: the builder writes in one long transaction (its kind `writes`), so the figures
    go through a connection of their own (`_progress_outside`) to be seen before it ends."""
    total = max(int(total), 0)
    done = min(max(int(done), 0), total)
    fields = {
        "progress_done": done,
        "progress_total": total,
        "message": message[:300],
        "message_params": params or {},
    }
    if outside and connection.vendor == "postgresql":
        _progress_outside(job_pk=job.pk, fields=fields)
    else:
        Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def _progress_outside(*, job_pk: int, fields: dict) -> None:
    """Write a job's progress from inside a long transaction (a builder that writes, such as
    the hand-over of a closed unit, runs all or nothing) through a connection of its own, so
    the job's page sees it at once. PostgreSQL only: SQLite has one writer at a time, and
    there the figures appear when the transaction ends."""
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute(
                f"UPDATE {Job._meta.db_table} SET progress_done = %s, progress_total = %s, "
                "message = %s, message_params = %s::jsonb WHERE id = %s AND state = %s",
                [
                    fields["progress_done"],
                    fields["progress_total"],
                    fields["message"],
                    json.dumps(fields["message_params"]),
                    job_pk,
                    Job.State.RUNNING,
                ],
            )
    finally:
        other.close()


def job_finish(*, job: Job, content: bytes, filename: str) -> Job:
    """Store the job's file (private storage) and mark it done."""
    job.file.save(filename, ContentFile(content), save=False)
    now = timezone.now()
    with transaction.atomic():
        finished = Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(
            state=Job.State.DONE,
            file=job.file.name,
            file_name=filename[:255],
            file_size=len(content),
            progress_done=F("progress_total"),
            message="",
            message_params={},
            finished_at=now,
        )
        if finished:
            audit_record(
                actor=None,
                action="job.finish",
                target=job,
                from_state=Job.State.RUNNING,
                to_state=Job.State.DONE,
                data={"size": len(content)},
            )
    if not finished:  # failed meanwhile (its worker was taken for stopped): keep no file
        job.file.delete(save=False)
    job.refresh_from_db()
    return job


def job_fail(*, job: Job, error: str = BUILD_FAILED) -> Job:
    """Mark a waiting or running job as failed, with `error` (a message id) for the person."""
    now = timezone.now()
    with transaction.atomic():
        failed = Job.objects.filter(pk=job.pk, state__in=Job.ACTIVE).update(
            state=Job.State.FAILED, error=error, finished_at=now
        )
        if failed:
            audit_record(
                actor=None,
                action="job.fail",
                target=job,
                from_state=job.state,
                to_state=Job.State.FAILED,
            )
    job.refresh_from_db()
    return job


def jobs_prune(*, before: datetime) -> int:
    """Delete the jobs finished before `before`, with their files; returns how many."""
    old = Job.objects.filter(
        state__in=[Job.State.DONE, Job.State.FAILED], finished_at__lt=before
    ).only("pk", "file")
    count = 0
    for job in old.iterator(chunk_size=500):
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count


# --- workers ---------------------------------------------------------------------------------


def worker_beat(*, worker_id: str) -> None:
    """A worker says it is alive; jobs left running by stopped workers are failed."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": now},
        create_defaults={
            "seen_at": now,
            "started_at": now,
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
        },
    )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()
    jobs_orphaned_fail(now=now)


def catch_up_run() -> dict[str, int]:
    """Run every registered catch-up step (`registry.catch_up_register`); a step that fails
    is logged and tried again at the next beat. Returns {name: how many it did}."""
    done = {}
    for name, step in registry.catch_ups().items():
        try:
            done[name] = step()
        except Exception:
            logger.exception("The catch-up step %s failed; it runs again at the next beat", name)
    return done


def worker_gone(*, worker_id: str) -> None:
    """A worker stops cleanly."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def jobs_orphaned_fail(*, now: datetime | None = None) -> int:
    """Fail the jobs running on a worker that has not beaten for WORKER_STALE_AFTER."""
    now = now or timezone.now()
    alive = WorkerHeartbeat.objects.filter(seen_at__gte=now - WORKER_STALE_AFTER).values(
        "worker_id"
    )
    orphans = (
        Job.objects.filter(state=Job.State.RUNNING, started_at__lt=now - WORKER_STALE_AFTER)
        .exclude(worker_id__in=alive)
        .exclude(worker_id="")
    )
    count = 0
    for job in orphans:
        logger.warning("Job %s (%s) lost its worker %s", job.public_id, job.kind, job.worker_id)
        job_fail(job=job, error=WORKER_STOPPED)
        count += 1
    return count
