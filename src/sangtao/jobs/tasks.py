"""The one background task: run a job (sangtao.jobs.models.Job) through its kind's builder.

The task runs in the worker (`manage.py jobs_worker`, django-tasks-db's database backend) or,
with the immediate backend (the tests), as soon as the asking transaction commits.
"""

import logging
import time

from django_tasks import TaskContext, task

from . import registry, services
from .models import Job

logger = logging.getLogger(__name__)


class Reporter:
    """The progress callback a builder gets: writes the job's row at most twice a second, and
    whenever the message changes."""

    every = 0.5

    def __init__(self, job: Job, *, outside: bool = False):
        self.job = job
        self.outside = outside
        self._last: float | None = None
        self._message: str | None = None

    def __call__(self, done: int, total: int, message: str = "", **params) -> None:
        now = time.monotonic()
        if self._last is not None and message == self._message and now - self._last < self.every:
            return
        self._last, self._message = now, message
        services.job_progress(
            job=self.job,
            done=done,
            total=total,
            message=message,
            params=params,
            outside=self.outside,
        )


@task(takes_context=True)
def job_run(context: TaskContext, job_id: str) -> str:
    """Run the job `job_id` (its public id): build its file, reporting progress, and store it.

    Returns the job's state. A job that is not waiting (already run by another attempt) is
    left alone. A builder's error fails the job with a message for the person; the traceback
    goes to the log with the job's reference.
    """
    job = Job.objects.select_related("requested_by").filter(public_id=job_id).first()
    if job is None:
        logger.warning("Job %s is gone", job_id)
        return "missing"
    worker_ids = context.task_result.worker_ids
    if not services.job_start(job=job, worker_id=worker_ids[-1] if worker_ids else ""):
        return job.state
    try:
        kind = registry.kind_of(job.kind)
        content, filename = kind.build(job, Reporter(job, outside=kind.writes))
    except Exception:
        logger.exception("Job %s (%s) failed", job.public_id, job.kind)
        return services.job_fail(job=job).state
    return services.job_finish(job=job, content=content, filename=filename).state
