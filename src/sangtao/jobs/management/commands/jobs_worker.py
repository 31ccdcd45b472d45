"""`manage.py jobs_worker`: django-tasks-db's `db_worker` (same options) that also beats.

Every few seconds a thread of the worker writes its heartbeat (sangtao.jobs.models
.WorkerHeartbeat), which /healthz reads; the row goes when the worker stops cleanly, and jobs
left running by a worker that stopped beating are failed by the next beat of any worker.
With each beat (and once before any job) it also runs the catch-up steps other apps register
(`sangtao.jobs.registry.catch_up_register`): the after-commit steps a process that died
between a commit and its step left in an outbox. `--batch` runs what is waiting and exits
(the tests use it).
"""

import logging
import os
import threading

from django.db import close_old_connections, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from sangtao.jobs import services

logger = logging.getLogger("sangtao.jobs")


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str):
        super().__init__(name="jobs-heartbeat", daemon=True)
        self.worker_id = worker_id
        self._stopping = threading.Event()

    def beat(self) -> None:
        try:
            services.worker_beat(worker_id=self.worker_id)
        except Exception:
            logger.exception("The worker %s could not write its heartbeat", self.worker_id)
        services.catch_up_run()

    def run(self) -> None:
        # The first beat is the worker's own, before any job (see Command.handle); the thread
        # beats from then on, so the two never write at the same moment when the worker starts.
        try:
            while not self._stopping.wait(services.HEARTBEAT_EVERY):
                close_old_connections()
                self.beat()
        finally:
            connections.close_all()

    def stop(self) -> None:
        self._stopping.set()
        self.join(timeout=10)
        try:
            services.worker_gone(worker_id=self.worker_id)
        except Exception:
            logger.exception("The worker %s could not remove its heartbeat", self.worker_id)


class Command(DatabaseWorkerCommand):
    help = "Run the background worker of jobs (django-tasks-db's db_worker) with a heartbeat."

    def handle(self, *args, **options) -> None:
        reloading = options["reload"] and not options["batch"]
        if reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # The reloader's own process only watches the files; its child runs and beats.
            return super().handle(*args, **options)
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.beat()
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
