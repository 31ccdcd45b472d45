"""A job (tác vụ nền): a background piece of work a person asked for, such as a council's minutes
as PDF, with its progress and the file it made.

The file is private (the default storage, outside any served folder, like dossier attachments)
and sent only through `jobs:download`, which checks `jobs.view_job`. A job names its target (the
council whose minutes it prints) and the permission on that target needed to see it; the kinds
of job and their builders live in each app's `jobs.py` (see sangtao.jobs.registry).

What the person reads about the job (its progress message and its error) is stored as an
English message id with its parameters and translated when shown, like the rest of the pages.
"""

import uuid

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sangtao.core.fields import ref, user_ref


def job_file_path(instance: "Job", filename: str) -> str:
    """Never the person's file name: a fresh random name under the job's own folder."""
    return f"jobs/{instance.public_id}/{uuid.uuid4().hex}"


def _translated(message: str, params: dict) -> str:
    if not message:
        return ""
    text = gettext(message)
    return text % params if params else text


class Job(models.Model):
    """A background piece of work a person asked for, and the file it made."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("In progress")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    ACTIVE = (State.QUEUED, State.RUNNING)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=100)
    requested_by = user_ref(_("requested by"), related_name="jobs", on_delete=models.CASCADE)
    target_type = ref(ContentType, _("object type"))
    target_id = models.CharField(_("object id"), max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    # The target's name when the job was asked for: lists show it without reading each target.
    target_label = models.CharField(_("object"), max_length=300)
    permission = models.CharField(_("permission needed"), max_length=100)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    message_params = models.JSONField(_("message parameters"), default=dict, blank=True)
    file = models.FileField(_("file"), upload_to=job_file_path, max_length=255, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    worker_id = models.CharField(_("worker"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [
            models.Index(fields=["requested_by", "-created_at", "-id"], name="job_requester_idx"),
            models.Index(fields=["state", "worker_id"], name="job_state_worker_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_done__lte=models.F("progress_total")),
                name="job_progress_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} · {self.target_label}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.public_id])

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE

    @property
    def percent(self) -> int:
        """How far the job is, 0 to 100 (100 once done)."""
        if self.state == self.State.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)

    @property
    def message_text(self) -> str:
        return _translated(self.message, self.message_params)

    @property
    def error_text(self) -> str:
        return _translated(self.error, {})


class WorkerHeartbeat(models.Model):
    """A running worker (`manage.py jobs_worker`) says it is alive every few seconds.

    /healthz reads the freshest one; a job left running by a worker that stopped beating is
    failed by the next worker that beats (sangtao.jobs.services.jobs_orphaned_fail).
    """

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    host = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    seen_at = models.DateTimeField(_("seen at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"
