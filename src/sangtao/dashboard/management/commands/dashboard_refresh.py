"""`manage.py dashboard_refresh`: count the initiatives again into the dashboard's summary
(run every few minutes by deploy/sangtao-dashboard.timer; idempotent)."""

from django.core.management.base import BaseCommand

from sangtao.dashboard.selectors import merger_instant
from sangtao.dashboard.services import summary_refresh


class Command(BaseCommand):
    help = "Tính lại bảng số liệu tổng hợp của trang tổng quan (cả nước, các tỉnh)."

    def handle(self, *args, **options):
        run = summary_refresh(merger=merger_instant())
        self.stdout.write(f"Đã tính lại số liệu tổng hợp trong {run.seconds:.1f} giây.")
