"""Benchmark of a register's list and export at province size: 200,000 practices.

    .venv/bin/python bench/registers.py            # a throwaway SQLite file in var/
    DATABASE_URL=postgres://... .venv/bin/python bench/registers.py
                                                   # a throwaway test_<name> database on that server

Builds a province (2,000 units under it) and 200,000 practices spread over those units and five
years (rows bulk-created directly, for speed: this is a benchmark, not the way the application
writes), one clerk over the province (an officer would be asked for a one-time code). Then
renders the practices register's list through Django's test Client (first page, page 40, a page
filtered by unit and year, by a unit typed without the picker, published, a search typed without
tones, and the unit picker's answer) and prints p50/p95/max wall times and query counts, with the
database, its durability settings and the load averages beside them. Then asks for the whole
register as XLSX the way a person does (POST to the export address: a background job, run here
by the immediate task backend inside the request) and prints its time, size and state.

    .venv/bin/python bench/registers.py --explain  # also each list query's plan and its time
                                                   # alone (EXPLAIN ANALYZE on PostgreSQL)
"""

import datetime
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PRACTICES = int(os.environ.get("BENCH_PRACTICES", 200_000))
UNITS = 2_000
RUNS = 50
WARMUP = 3
BATCH = 5_000
WORDS = [
    "số hóa",
    "hồ sơ",
    "một cửa",
    "tiết kiệm",
    "điện năng",
    "nước sạch",
    "an toàn",
    "giao thông",
]
WORDS += ["học bạ", "điện tử", "chợ", "không dùng tiền mặt", "vườn", "mẫu", "rác thải", "phân loại"]


def prepare_database() -> tuple[str | None, Path | None]:
    """Point Django at a throwaway database; returns (old name to restore, SQLite file)."""
    sqlite_file = None
    if not os.environ.get("DATABASE_URL"):
        sqlite_file = ROOT / "var" / "bench-registers.sqlite3"
        sqlite_file.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
    # the export's job runs in the asking request, so that its time is measured here
    os.environ["SANGTAO_TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"

    import django

    django.setup()
    import logging

    logging.getLogger("sangtao.request").setLevel(logging.WARNING)
    logging.getLogger("django_tasks").setLevel(logging.WARNING)
    from django.core.management import call_command
    from django.db import connection

    if sqlite_file is not None:
        call_command("migrate", verbosity=0)
        return None, sqlite_file
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return old_name, None


def build() -> dict:
    from django.db import transaction

    from sangtao.accounts.models import Role, RoleMembership, User
    from sangtao.movements.models import Field, Movement
    from sangtao.orgs.models import Level, OrgUnit, UnitKind
    from sangtao.orgs.services import unit_bulk_create
    from sangtao.orgs.text import fold
    from sangtao.practices.models import Practice

    rng = random.Random(2026)
    levels = {level.code: level for level in Level.objects.all()}
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    with transaction.atomic():
        (central,) = unit_bulk_create(
            units=[
                OrgUnit(
                    name="Ủy ban Trung ương MTTQ Việt Nam",
                    level=levels["central"],
                    kind=kinds["front_committee"],
                )
            ]
        )
        (province,) = unit_bulk_create(
            units=[
                OrgUnit(
                    name="Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
                    parent=central,
                    level=levels["province"],
                    kind=kinds["front_committee"],
                )
            ]
        )
        units = unit_bulk_create(
            units=[
                OrgUnit(
                    name=f"Trường THCS số {number}",
                    parent=province,
                    level=levels["grassroots"],
                    kind=kinds["school"],
                )
                for number in range(1, UNITS + 1)
            ]
        )
        movement = Movement.objects.create(
            name="Đoàn kết sáng tạo", unit=province, start_year=2022, end_year=2026
        )
        fields = Field.objects.bulk_create(
            [
                Field(movement=movement, name=name, code=f"f{n}", order=n)
                for n, name in enumerate(["Giáo dục", "Y tế", "Nông nghiệp"])
            ]
        )
        officer = User.objects.create_user(username="vanthu", full_name="Cán bộ tiếp nhận")
        RoleMembership.objects.create(user=officer, role=Role.CLERK, unit=province)
        start = datetime.date(2022, 1, 1)
        for first in range(0, PRACTICES, BATCH):
            rows = []
            for n in range(first, min(first + BATCH, PRACTICES)):
                title = f"Mô hình {' '.join(rng.sample(WORDS, 3))} số {n}"
                rows.append(
                    Practice(
                        unit=units[n % UNITS],
                        field=fields[n % 3],
                        title=title,
                        description="Cách làm mới của đơn vị, áp dụng từ đầu năm.",
                        results="Tiết kiệm thời gian, người dân hài lòng.",
                        started_on=start + datetime.timedelta(days=rng.randrange(5 * 365)),
                        published=n % 4 == 0,
                        search_key=fold(title)[:400],
                    )
                )
            Practice.objects.bulk_create(rows, batch_size=BATCH)
    return {"officer": officer, "unit": units[7]}


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def settings_line() -> str:
    """The database and its durability settings (figures depend on them)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            line = f"SQLite {cursor.fetchone()[0]}"
            for pragma in ("journal_mode", "synchronous"):
                cursor.execute(f"PRAGMA {pragma}")
                line += f", {pragma} {cursor.fetchone()[0]}"
            return line
        cursor.execute("SHOW server_version")
        line = f"PostgreSQL {cursor.fetchone()[0]}"
        for name in ("fsync", "synchronous_commit", "full_page_writes", "shared_buffers"):
            cursor.execute(f"SHOW {name}")
            line += f", {name} {cursor.fetchone()[0]}"
        return line


def measure(client, url: str) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    cuts = statistics.quantiles(times, n=20, method="inclusive")
    page = response.context.get("page") if response.context else None
    return {
        "p50": statistics.median(times),
        "p95": cuts[18],
        "max": max(times),
        "queries": len(queries),
        "rows": page.paginator.count if page is not None else len(response.context["units"]),
    }


def explain(user) -> None:
    """Each filtered list's page query and capped count: their time alone and their plan."""
    from django.db import connection
    from django.http import QueryDict

    from sangtao.practices.registers import PRACTICES as REGISTER
    from sangtao.registers.filters import filter_form, filtered_rows

    analyze = connection.vendor == "postgresql"
    for query in ["", "published=1", "q=so+hoa+ho+so", "unit__q=thcs+so+1234"]:
        form = filter_form(REGISTER, user=user, data=QueryDict(query))
        rows = filtered_rows(REGISTER, form, REGISTER.queryset(user=user), user=user)
        for name, part in (("page", rows[:25]), ("count", rows.order_by().values("pk")[:1001])):
            start = time.perf_counter()
            list(part.all())
            took = (time.perf_counter() - start) * 1000
            print(f"-- ?{query} {name}: {took:.1f} ms")
            print(part.explain(analyze=True) if analyze else part.explain())


def main() -> None:
    old_name, sqlite_file = prepare_database()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from sangtao.jobs.models import Job

    try:
        start = time.perf_counter()
        built = build()
        build_seconds = time.perf_counter() - start
        print(
            f"{settings_line()}; {PRACTICES} practices in {UNITS} units, "
            f"built in {build_seconds:.1f} s"
        )
        setup_test_environment(debug=False)
        gc.collect()
        gc.freeze()
        client = Client()
        client.force_login(built["officer"])
        unit = built["unit"].pk
        pages = [
            ("list, first page", "/practices/practices/"),
            ("list, page 40", "/practices/practices/?page=40"),
            ("filtered: unit + year", f"/practices/practices/?unit={unit}&year=2024"),
            ("filtered: unit typed", "/practices/practices/?unit__q=thcs+so+1234"),
            ("filtered: published", "/practices/practices/?published=1"),
            ("search without tones", "/practices/practices/?q=so+hoa+ho+so"),
            ("unit picker: 'so 12'", "/practices/practices/pick/unit/?unit__q=so+12"),
        ]
        print(f"load average before: {load_average()} ({RUNS} runs a page after {WARMUP} warm-ups)")
        print(f"{'page':26} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8} {'rows':>8}")
        for name, url in pages:
            r = measure(client, url)
            print(
                f"{name:26} {r['p50']:8.1f} {r['p95']:8.1f} {r['max']:8.1f} "
                f"{r['queries']:8d} {r['rows']:8d}"
            )
        start = time.perf_counter()
        assert client.post("/practices/practices/export/").status_code == 302
        seconds = time.perf_counter() - start
        job = Job.objects.get()
        print(
            f"XLSX of all {PRACTICES} practices, a background job ({job.state}): {seconds:.1f} s, "
            f"{job.file_size / 1e6:.1f} MB, {job.progress_total} rows"
        )
        job.file.delete(save=False)
        print(f"load average after: {load_average()}")
        if "--explain" in sys.argv:
            explain(built["officer"])
    finally:
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        elif sqlite_file is not None:
            connection.close()


if __name__ == "__main__":
    main()
