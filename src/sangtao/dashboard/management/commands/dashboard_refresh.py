"""`manage.py dashboard_refresh`: count the initiatives again into the dashboard's summary
(idempotent). With `--when-changed` (what deploy/sangtao-dashboard.timer runs every minute)
only when a write changed the counts since the last refresh."""

from django.core.management.base import BaseCommand

from sangtao.dashboard.selectors import merger_instant
from sangtao.dashboard.services import summary_refresh, summary_refresh_when_changed


class Command(BaseCommand):
    help = "Tính lại bảng số liệu tổng hợp của trang tổng quan (cả nước, các tỉnh)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--when-changed",
            action="store_true",
            help="Chỉ tính lại khi có thay đổi từ lần tính trước.",
        )

    def handle(self, *args, **options):
        if options["when_changed"]:
            run = summary_refresh_when_changed(merger=merger_instant())
            if run is None:
                self.stdout.write("Không có thay đổi: số liệu tổng hợp vẫn đúng.")
                return
        else:
            run = summary_refresh(merger=merger_instant())
        self.stdout.write(f"Đã tính lại số liệu tổng hợp trong {run.seconds:.1f} giây.")
