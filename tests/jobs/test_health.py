"""/healthz tells whether a worker beats: without one the site still serves ("degraded")."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from sangtao.jobs import services
from sangtao.jobs.models import WorkerHeartbeat

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def with_worker_backend(settings):
    settings.TASKS = DATABASE_BACKEND


@pytest.mark.django_db
def test_healthz_is_ok_while_a_worker_beats(client, with_worker_backend):
    services.worker_beat(worker_id="w1")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True, "worker": True}


@pytest.mark.django_db
def test_healthz_is_degraded_without_a_worker(client, with_worker_backend):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": True, "worker": False}


@pytest.mark.django_db
def test_healthz_is_degraded_when_the_last_beat_is_old(client, with_worker_backend):
    WorkerHeartbeat.objects.create(
        worker_id="w1", seen_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    assert client.get("/healthz").json()["worker"] is False


@pytest.mark.django_db
def test_healthz_needs_no_worker_when_tasks_run_at_once(client):
    assert client.get("/healthz").json() == {"status": "ok", "database": True, "worker": True}


@pytest.mark.django_db
def test_healthz_fails_without_the_database(client, with_worker_backend, monkeypatch):
    services.worker_beat(worker_id="w1")

    def unreachable(*args, **kwargs):
        raise ConnectionError("database unreachable")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": False, "worker": False}
