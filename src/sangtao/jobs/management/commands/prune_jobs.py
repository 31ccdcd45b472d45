"""`manage.py prune_jobs --days 7`: delete the jobs finished more than that many days ago, with
their files (run it daily, e.g. from cron or a systemd timer)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from sangtao.jobs.services import jobs_prune


class Command(BaseCommand):
    help = "Delete the jobs finished more than --days days ago, with their files."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)

    def handle(self, *args, days: int, **options):
        count = jobs_prune(before=timezone.now() - datetime.timedelta(days=days))
        self.stdout.write(f"{count} jobs deleted.")
