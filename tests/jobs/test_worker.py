"""The real thing: the database backend (django-tasks-db) queues a job, `manage.py jobs_worker
--batch` (db_worker with a heartbeat) runs it and exits, and the job holds a valid PDF."""

import io
import signal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sangtao.jobs.models import Job, WorkerHeartbeat

SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]


@pytest.fixture
def worker_signals():
    """The worker sets its own signal handlers; give pytest its own back."""
    saved = {number: signal.getsignal(number) for number in SIGNALS}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


@pytest.fixture
def database_backend(settings, reference_data):
    """Committed rows (the worker reads them like another process would) and the database
    backend of the settings."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_worker_runs_a_queued_minutes_pdf(
    database_backend, council, forwarded, people, client_for, worker_signals
):
    client = client_for(people["secretary"])
    asked = client.post(reverse("appraisal:minutes_pdf", args=[council.pk]))
    job = Job.objects.get()
    assert asked["Location"] == reverse("jobs:detail", args=[job.public_id])
    assert job.state == "queued"
    task = DBTaskResult.objects.get()
    assert (task.status, task.task_path, job.task_id) == (
        "READY",
        "sangtao.jobs.tasks.job_run",
        str(task.id),
    )
    page = client.get(asked["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in page

    call_command(
        "jobs_worker", "--batch", "--no-startup-delay", "--worker-id", "test-worker", verbosity=0
    )

    job.refresh_from_db()
    task.refresh_from_db()
    assert (job.state, job.worker_id, task.status) == ("done", "test-worker", "SUCCESSFUL")
    assert task.return_value == "done"
    assert job.file_name == f"bien-ban-hoi-dong-{council.pk}.pdf"
    content = job.file.read()
    assert content.startswith(b"%PDF-")
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(content))
    assert "BIÊN BẢN" in reader.pages[0].extract_text()
    # The worker took its heartbeat away when it stopped.
    assert WorkerHeartbeat.objects.count() == 0
    download = client.get(reverse("jobs:download", args=[job.public_id]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == content
