"""`manage.py standings_fill [--council ID ...]`: compute the ranking's stored figures of every
council (or of those named) again from their submitted sheets. The migration that adds them
(appraisal 0002_dossier_standing) fills them once; run this after sheets were written outside
the services (a bench's bulk load); idempotent."""

import time

from django.core.management.base import BaseCommand

from sangtao.appraisal.services_standings import standings_fill_all


class Command(BaseCommand):
    help = "Tính lại số liệu lưu sẵn của bảng xếp hạng từ các phiếu chấm đã nộp."

    def add_arguments(self, parser):
        parser.add_argument(
            "--council", type=int, action="append", help="Chỉ hội đồng có mã này (lặp lại được)."
        )

    def handle(self, *args, **options):
        start = time.perf_counter()
        councils, dossiers = standings_fill_all(council_ids=options["council"])
        self.stdout.write(
            f"Đã tính lại số liệu của {councils} hội đồng ({dossiers} hồ sơ có phiếu đã nộp) "
            f"trong {time.perf_counter() - start:.1f} giây."
        )
