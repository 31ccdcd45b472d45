"""Benchmark of `opendata_build`: how fast the open-data files are written at national size.

    .venv/bin/python bench/opendata.py              # var/bench-opendata.sqlite3, 1,000,000 rows
    DATABASE_URL=postgres://... .venv/bin/python bench/opendata.py
                                                    # a throwaway test_<name> database there
    options: --initiatives 1000000 --units 20000 --years 10 --batch 5000
             --reuse (SQLite: keep and reuse the generated file between runs)

Generates the synthetic movement (`sangtao.demo.synthetic.generate`) and its search index,
marks every initiative public (the worst case for the dump: normally only the recognised
ones are), then runs
`opendata_build` and prints the rows, the seconds, rows/s, peak memory and the files' sizes.
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--reuse", action="store_true")
    options = parser.parse_args()

    sqlite_file = None
    if not os.environ.get("DATABASE_URL"):
        sqlite_file = ROOT / "var" / "bench-opendata.sqlite3"
        sqlite_file.parent.mkdir(exist_ok=True)
        if not options.reuse:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
    import tempfile

    media = tempfile.mkdtemp(prefix="bench-opendata-")
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = media
    from django.core.management import call_command
    from django.db import connection

    from sangtao.api.opendata import opendata_build, opendata_dir
    from sangtao.demo.synthetic import generate
    from sangtao.initiatives.models import Initiative

    old_name = None
    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
    else:
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        if not Initiative.objects.exists():
            started = time.perf_counter()
            generate(
                initiatives=options.initiatives,
                units=options.units,
                years=options.years,
                seed=1,
                batch=20_000,
            )
            print(
                f"generated {options.initiatives:,} initiatives in "
                f"{time.perf_counter() - started:.0f} s"
            )
        from sangtao.initiatives.models import SearchEntry
        from sangtao.initiatives.search import search_index_rebuild

        if SearchEntry.objects.count() < Initiative.objects.count():
            started = time.perf_counter()
            search_index_rebuild()
            print(f"search index rebuilt in {time.perf_counter() - started:.0f} s")
        recognised = SearchEntry.objects.filter(is_public=True).count()
        # Every initiative public: the dump's worst case (a benchmark's shortcut, not a service).
        SearchEntry.objects.update(is_public=True)
        print(
            f"{recognised:,} initiatives recognised; all {Initiative.objects.count():,} "
            "made public for the benchmark"
        )

        def progress(rows: int) -> None:
            if rows % 200_000 < options.batch:
                print(f"  {rows:>10,} rows {time.perf_counter() - started:6.1f} s")

        started, cpu = time.perf_counter(), time.process_time()
        manifest = opendata_build(batch=options.batch, progress=progress)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{connection.vendor}: opendata_build wrote {manifest['rows']:,} rows in {wall:.1f} s "
            f"({manifest['rows'] / wall:,.0f} rows/s), CPU {cpu:.1f} s, batches of "
            f"{options.batch:,}, peak memory of the process {peak:,.0f} MiB"
        )
        for name, info in manifest["files"].items():
            print(f"  {name}: {info['bytes'] / 2**20:,.0f} MiB ({opendata_dir() / name})")
    finally:
        import shutil

        shutil.rmtree(media, ignore_errors=True)
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
