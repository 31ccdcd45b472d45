"""Benchmark of `generate_data`: how long a national-size synthetic dataset takes, and its size.

    .venv/bin/python bench/generate.py             # a fresh SQLite file, var/bench-generate.sqlite3
    DATABASE_URL=postgres://... .venv/bin/python bench/generate.py
                                                   # a throwaway test_<name> database on that server
    options: --initiatives 1000000 --units 20000 --years 10 --seed 1 --batch 20000 --sheets
             --keep (leave the SQLite file or the PostgreSQL database in place afterwards)

Runs `sangtao.demo.synthetic.generate` on an empty, migrated database, prints its progress
(rows/s), the seconds of every step, the process's CPU seconds, the rows of every table and the
size of the database (file size on SQLite, pg_database_size and the biggest tables on
PostgreSQL).
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def prepare_database(keep: bool) -> tuple[str | None, Path | None]:
    """Point Django at an empty migrated database; returns (old name to restore, SQLite file)."""
    sqlite_file = None
    if not os.environ.get("DATABASE_URL"):
        sqlite_file = ROOT / "var" / "bench-generate.sqlite3"
        sqlite_file.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
        return None, Path(connection.settings_dict["NAME"])
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return (None if keep else old_name), None


def database_size(sqlite_file: Path | None) -> list[str]:
    from django.db import connection

    if sqlite_file is not None:
        total = sum(
            Path(f"{sqlite_file}{suffix}").stat().st_size
            for suffix in ("", "-wal")
            if Path(f"{sqlite_file}{suffix}").exists()
        )
        return [f"database file: {total / 2**30:.2f} GiB ({sqlite_file})"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        (total,) = cursor.fetchone()
        cursor.execute(
            "SELECT relname, pg_total_relation_size(oid), pg_indexes_size(oid) FROM pg_class "
            "WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace "
            "ORDER BY 2 DESC LIMIT 6"
        )
        tables = cursor.fetchall()
    lines = [f"database {connection.settings_dict['NAME']}: {total / 2**30:.2f} GiB"]
    lines += [
        f"  {name:40} {size / 2**20:9.0f} MiB (indexes {indexes / 2**20:.0f} MiB)"
        for name, size, indexes in tables
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--initiatives", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=20_000)
    parser.add_argument("--sheets", action="store_true")
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()

    old_name, sqlite_file = prepare_database(options.keep)
    from django.db import connection

    from sangtao.demo.synthetic import generate

    def progress(step: str, done: int, total: int, seconds: float) -> None:
        rate = done / seconds if seconds else 0
        print(f"  {step:12} {done:>10,} / {total:<10,} {seconds:7.1f} s {rate:>9,.0f} rows/s")

    try:
        print(
            f"{connection.vendor}: {options.initiatives:,} initiatives, {options.units:,} units, "
            f"{options.years} years, seed {options.seed}, batches of {options.batch:,}"
            + (", with score sheets" if options.sheets else "")
        )
        wall, cpu = time.perf_counter(), time.process_time()
        result = generate(
            initiatives=options.initiatives,
            units=options.units,
            years=options.years,
            seed=options.seed,
            sheets=options.sheets,
            batch=options.batch,
            progress=progress,
        )
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        seconds, states = result.pop("seconds"), result.pop("states")
        print("steps: " + ", ".join(f"{step} {value:.1f} s" for step, value in seconds.items()))
        print(
            f"wall {wall:.1f} s, CPU of this process {cpu:.1f} s, "
            f"{result['initiatives'] / wall:,.0f} initiatives/s"
        )
        print("rows: " + ", ".join(f"{name} {count:,}" for name, count in result.items()))
        print("states: " + ", ".join(f"{s} {n:,}" for s, n in sorted(states.items())))
        for line in database_size(sqlite_file):
            print(line)
    finally:
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        elif sqlite_file is not None:
            connection.close()
            if not options.keep:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
