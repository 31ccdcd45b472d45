"""Asking for a job, running it, its progress, its end, its failure; workers' heartbeats."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from sangtao.core.models import AuditEvent
from sangtao.jobs import services
from sangtao.jobs.models import Job, WorkerHeartbeat
from sangtao.jobs.tasks import Reporter

from .conftest import BROKEN, ECHO


def test_job_enqueue_refuses_someone_without_the_targets_permission(movement, people):
    with pytest.raises(PermissionDenied):
        services.job_enqueue(kind=ECHO, by=people["outsider"], target=movement)
    assert Job.objects.count() == 0


def test_job_enqueue_waits_for_the_commit(movement, manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.job_enqueue(kind=ECHO, by=manager, target=movement, params={"n": 1})
    job.refresh_from_db()
    assert (job.state, job.kind, job.target, job.permission) == (
        "queued",
        ECHO,
        movement,
        "movements.change_movement",
    )
    assert job.target_label == movement.name
    assert len(callbacks) == 1
    event = AuditEvent.objects.get(action="job.enqueue")
    assert (event.actor, event.target_id, event.to_state) == (manager, str(job.pk), "queued")
    assert event.data == {"kind": ECHO, "target": f"movements.movement:{movement.pk}"}


def test_job_runs_on_commit_and_keeps_its_file(movement, manager, run_jobs):
    with run_jobs():
        job = services.job_enqueue(kind=ECHO, by=manager, target=movement, params={"n": 1})
    job.refresh_from_db()
    assert job.state == "done"
    assert (job.progress_done, job.progress_total, job.percent) == (3, 3, 100)
    expected = f"{movement.name} {{'n': 1}}".encode()
    assert (job.file_name, job.file_size) == ("tep-thu.txt", len(expected))
    assert job.file.name.startswith(f"jobs/{job.public_id}/")
    assert "tep-thu" not in job.file.name
    with job.file.open("rb") as stored:
        assert stored.read() == expected
    assert job.started_at <= job.finished_at
    assert job.task_id != ""
    assert list(
        AuditEvent.objects.filter(target_id=str(job.pk)).order_by("id").values_list("action")
    ) == [("job.enqueue",), ("job.start",), ("job.finish",)]


def test_job_failing_keeps_a_message_for_the_person_and_no_file(
    movement, manager, run_jobs, caplog
):
    with run_jobs():
        job = services.job_enqueue(kind=BROKEN, by=manager, target=movement)
    job.refresh_from_db()
    assert job.state == "failed"
    assert not job.file
    assert job.error == services.BUILD_FAILED
    assert job.error_text == (
        "Không chuẩn bị được tệp. Hãy yêu cầu lại; nếu vẫn không được, hãy báo mã tác vụ cho "
        "quản trị viên."
    )
    # The details are for the log, with the job's reference.
    assert f"Job {job.public_id} ({BROKEN}) failed" in caplog.text
    assert "the builder broke" in caplog.text


def test_job_enqueue_again_while_waiting_gives_the_same_job(movement, manager, people):
    first = services.job_enqueue(kind=ECHO, by=manager, target=movement, params={"n": 1})
    again = services.job_enqueue(kind=ECHO, by=manager, target=movement, params={"n": 1})
    other = services.job_enqueue(kind=ECHO, by=manager, target=movement, params={"n": 2})
    assert again.pk == first.pk
    assert other.pk != first.pk
    assert Job.objects.count() == 2


def test_job_enqueue_again_after_done_makes_a_new_job(movement, manager, run_jobs):
    with run_jobs():
        first = services.job_enqueue(kind=ECHO, by=manager, target=movement)
    with run_jobs():
        second = services.job_enqueue(kind=ECHO, by=manager, target=movement)
    assert second.pk != first.pk
    assert list(Job.objects.values_list("state", flat=True)) == ["done", "done"]


def test_job_progress_stays_within_its_total_and_only_while_running(movement, manager):
    job = services.job_enqueue(kind=ECHO, by=manager, target=movement)
    services.job_progress(job=job, done=5, total=10)
    job.refresh_from_db()
    assert (job.progress_done, job.progress_total) == (0, 0)  # not running yet
    assert services.job_start(job=job, worker_id="w1") is True
    assert services.job_start(job=job, worker_id="w2") is False
    services.job_progress(job=job, done=15, total=10, message="Writing the PDF file")
    job.refresh_from_db()
    assert (job.progress_done, job.progress_total, job.percent) == (10, 10, 100)
    assert job.message_text == "Đang tạo tệp PDF"
    services.job_progress(job=job, done=-3, total=10)
    job.refresh_from_db()
    assert (job.progress_done, job.percent, job.worker_id) == (0, 0, "w1")


def test_reporter_writes_at_most_twice_a_second_unless_the_message_changes(movement, manager):
    job = services.job_enqueue(kind=ECHO, by=manager, target=movement)
    services.job_start(job=job)
    report = Reporter(job)
    report(1, 100, "Writing the document")
    report(2, 100, "Writing the document")  # too soon: skipped
    job.refresh_from_db()
    assert job.progress_done == 1
    report(3, 100, "Writing the PDF file")
    job.refresh_from_db()
    assert (job.progress_done, job.message) == (3, "Writing the PDF file")


def test_job_fail_leaves_a_finished_job_alone(movement, manager, run_jobs):
    with run_jobs():
        job = services.job_enqueue(kind=ECHO, by=manager, target=movement)
    services.job_fail(job=job)
    job.refresh_from_db()
    assert job.state == "done"


def test_job_finish_after_the_job_failed_keeps_no_file(movement, manager):
    job = services.job_enqueue(kind=ECHO, by=manager, target=movement)
    services.job_start(job=job)
    services.job_fail(job=job, error=services.WORKER_STOPPED)
    services.job_finish(job=job, content=b"late", filename="muon.txt")
    job.refresh_from_db()
    assert (job.state, job.file.name, job.error) == ("failed", "", services.WORKER_STOPPED)


def test_worker_beat_fails_the_jobs_of_a_worker_that_stopped(movement, manager):
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    stopped = services.job_enqueue(kind=ECHO, by=manager, target=movement, params={"n": 1})
    services.job_start(job=stopped, worker_id="stopped-worker")
    alive = services.job_enqueue(kind=ECHO, by=manager, target=movement, params={"n": 2})
    services.job_start(job=alive, worker_id="live-worker")
    Job.objects.update(started_at=long_ago)
    WorkerHeartbeat.objects.create(worker_id="stopped-worker", seen_at=long_ago)
    services.worker_beat(worker_id="live-worker")
    stopped.refresh_from_db()
    alive.refresh_from_db()
    assert (stopped.state, stopped.error) == ("failed", services.WORKER_STOPPED)
    assert alive.state == "running"
    assert set(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == {
        "stopped-worker",
        "live-worker",
    }
    services.worker_gone(worker_id="live-worker")
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["stopped-worker"]


def test_jobs_prune_deletes_old_finished_jobs_and_their_files(movement, manager, run_jobs):
    with run_jobs():
        old = services.job_enqueue(kind=ECHO, by=manager, target=movement, params={"n": 1})
    waiting = services.job_enqueue(kind=ECHO, by=manager, target=movement, params={"n": 2})
    old.refresh_from_db()
    storage, name = old.file.storage, old.file.name
    assert storage.exists(name)
    week_ago = timezone.now() - datetime.timedelta(days=8)
    Job.objects.filter(pk=old.pk).update(finished_at=week_ago)
    cutoff = timezone.now() - datetime.timedelta(days=7)
    assert services.jobs_prune(before=cutoff) == 1
    assert list(Job.objects.values_list("pk", flat=True)) == [waiting.pk]
    assert not storage.exists(name)


@pytest.mark.django_db(transaction=True)
def test_job_progress_of_a_writing_job_is_seen_before_its_transaction_ends(movement, manager):
    """A builder that writes runs in one transaction; its progress is seen meanwhile (on
    PostgreSQL, through a connection of its own): here it outlives the rolled-back work."""
    from django.db import connection, transaction

    job = services.job_enqueue(kind=ECHO, by=manager, target=movement)  # runs at once: done
    Job.objects.filter(pk=job.pk).update(state="running", progress_done=0, progress_total=0)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.job_progress(
            job=job, done=2, total=5, message="Writing the PDF file", outside=True
        )
        raise RuntimeError
    job.refresh_from_db()
    expected = (2, 5) if connection.vendor == "postgresql" else (0, 0)
    assert (job.progress_done, job.progress_total) == expected
