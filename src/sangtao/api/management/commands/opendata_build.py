"""`manage.py opendata_build`: rebuild the open-data files (run nightly by
deploy/sangtao-opendata.timer)."""

import time

from django.core.management.base import BaseCommand

from sangtao.api.opendata import opendata_build, opendata_dir


class Command(BaseCommand):
    help = "Ghi lại tệp dữ liệu mở (CSV và JSON) của các sáng kiến đã được công nhận."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=5000, help="mặc định 5.000 dòng một lượt")

    def handle(self, *args, batch: int, **options):
        started = time.perf_counter()
        verbose = options["verbosity"] > 1

        def progress(rows: int) -> None:
            if verbose:
                self.stdout.write(f"  {rows:,} dòng".replace(",", "."))

        manifest = opendata_build(batch=batch, progress=progress)
        seconds = time.perf_counter() - started
        rate = manifest["rows"] / seconds if seconds else 0
        self.stdout.write(
            f"Đã ghi {manifest['rows']:,} sáng kiến vào {opendata_dir()} "
            f"trong {seconds:.1f} giây ({rate:,.0f} dòng/giây).".replace(",", ".")
        )
