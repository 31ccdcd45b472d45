"""Benchmark of the reports' pre-fill and roll-up on a national-size tree.

    .venv/bin/python bench/reports.py --units 20000 --initiatives 1000000
    .venv/bin/python bench/reports.py --units 2000 --initiatives 100000
    .venv/bin/python bench/reports.py --units 2000 --initiatives 100000 --reuse  # the file kept
    scripts/with-postgres sh -c 'DATABASE_URL=$TEST_POSTGRES_URL .venv/bin/python bench/reports.py'

On SQLite the database is var/bench-reports-<units>-<initiatives>.sqlite3, built again unless
`--reuse` finds it (then only the report periods are deleted); on PostgreSQL a throwaway
test_ database on the server of DATABASE_URL.

Builds the tree of bench/tree.py scaled to --units (central > provinces > communes, one in 8
merged into its neighbour on 1 July 2025, and member organisations > schools), a movement run
by the central committee and --initiatives initiatives submitted in 2024-2025, then opens the
2025 annual period in which every unit below the central committee reports. It prints:

- the pre-fill of every report at opening (every source, one SQL aggregate each);
- the roll-up level by level after every school has sent (communes, then provinces, each level
  one batch), and the central committee's own roll-up, which must stay under 1 s;
- the read of the central report's roll-up (by unit and by field) as its page does;
- the central roll-up `--repeat` times more (p50 and max), as a submission below it causes;
- a check that the central total equals the initiatives submitted in 2025 (a merged commune's
  counted once, under its successor).

With `--existing` it builds nothing: on the database of DATABASE_URL as it is (a copy of the
shared national data of `manage.py generate_data`, migrated) it opens the `--year` annual
period of the movement run by the national committee for every unit below it, as a large
tree opens (the request saves the period "being opened", the background job makes and
pre-fills the reports a batch at a time), then interrupts a second opening halfway and
resumes it; it prints each time with the load averages, checks that the resumed period has
exactly one report per unit and one figure per key, and deletes the periods it opened.

    DATABASE_URL=sqlite:///$PWD/var/nat1m.sqlite3 .venv/bin/python bench/reports.py --existing
    DATABASE_URL=postgres://sangtao@127.0.0.1:55432/COPY .venv/bin/python bench/reports.py \
      --existing
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def prepare_database(name: str, reuse: bool) -> tuple[str | None, Path | None, bool]:
    """(old name to restore, SQLite file, whether the rows are already there)."""
    sqlite_file = None
    if not os.environ.get("DATABASE_URL"):
        sqlite_file = ROOT / "var" / f"bench-reports-{name}.sqlite3"
        sqlite_file.parent.mkdir(exist_ok=True)
        if reuse and sqlite_file.exists():
            os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
            import django

            django.setup()
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            return None, sqlite_file, True
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if sqlite_file is not None:
        call_command("migrate", verbosity=0)
        return None, sqlite_file, False
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return old_name, None, False


def found() -> dict:
    """The movement and officer of a database built before (`--reuse`), its periods deleted."""
    from sangtao.accounts.models import User
    from sangtao.movements.models import Movement
    from sangtao.reports.models import ReportPeriod

    ReportPeriod.objects.all().delete()
    movement = Movement.objects.select_related("unit").get(name="Đoàn kết sáng tạo 2024-2026")
    officer = User.objects.get(username="bench.officer")
    return {"central": movement.unit, "movement": movement, "officer": officer}


def timed(label: str, function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    elapsed = time.perf_counter() - start
    print(f"  {label:58} {elapsed * 1000:10.1f} ms")
    return result, elapsed


class Interrupted(Exception):
    """Stands for a worker that stops halfway through an opening."""


def open_existing(year: int) -> None:
    """Time the opening of a national period on the database as it is (see the docstring)."""
    import conditions
    from django.db import transaction
    from django.db.models import Count

    from sangtao.accounts.models import Role, RoleMembership, User
    from sangtao.movements.models import Movement
    from sangtao.orgs.models import Level, OrgUnit, UnitKind
    from sangtao.reports import services
    from sangtao.reports.models import Report, ReportPeriod, ReportValue

    os.environ.setdefault("SANGTAO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    print(f"machine: {conditions.machine()}")
    print(f"database: {conditions.database()}")
    root = OrgUnit.objects.filter(parent__isnull=True).order_by("pk").first()
    movement = Movement.objects.filter(unit=root, start_year__lte=year, end_year__gte=year).first()
    officer, _ = User.objects.get_or_create(username="bench.reports.officer")
    RoleMembership.objects.get_or_create(user=officer, role=Role.OFFICER, unit=root)
    print(f"{OrgUnit.objects.count()} units; movement “{movement}” of {root}")
    options = {
        "movement": movement,
        "kind": "annual",
        "starts_on": datetime.date(year, 1, 1),
        "ends_on": datetime.date(year, 12, 31),
        "deadline": datetime.date(year + 1, 1, 15),
        "levels": Level.objects.exclude(pk=root.level_id),
        "kinds": UnitKind.objects.all(),
        "receivers": [root],
        "by": officer,
    }
    print(f"load average before: {conditions.load_average()}")
    begun = time.perf_counter()
    with transaction.atomic():
        period = services.period_open(title=f"Bench {year}", **options)
    asked = time.perf_counter() - begun
    print(f"  the officer's request (period saved, job asked for) {asked * 1000:10.1f} ms")
    marks: dict[str, float] = {}

    def timing(done, total, message="", **params):
        marks.setdefault(message, time.perf_counter())  # the first batch of each phase
        marks[f"{message} last"] = time.perf_counter()

    begun = time.perf_counter()
    period = services.period_opening_run(period=period, progress=timing)
    ran = time.perf_counter() - begun
    created = marks[f"{services.CREATING} last"] - begun
    print(f"  reports created and linked (batches of {services.OPENING_BATCH}) {created:8.1f} s")
    print(
        "  figures computed (one aggregate per source) and the first batch written "
        f"{marks[services.FILLING] - marks[f'{services.CREATING} last']:8.1f} s"
    )
    written = marks[f"{services.FILLING} last"] - marks[services.FILLING]
    print(f"  the other figures written {written:8.1f} s")
    reports = Report.objects.filter(period=period).count()
    figures = ReportValue.objects.filter(report__period=period).count()
    print(f"  the job: {reports} reports, {figures} figures made {ran:10.1f} s ({period.state})")
    print(f"load average after the first opening: {conditions.load_average()}")

    calls = []

    def stopping(done, total, message="", **params):
        calls.append(done)
        if message == services.FILLING and done * 2 >= total:
            raise Interrupted

    with transaction.atomic():
        second = services.period_open(title=f"Bench {year} (interrupted)", **options)
    begun = time.perf_counter()
    try:
        services.period_opening_run(period=second, progress=stopping)
    except Interrupted:
        pass
    halfway = time.perf_counter() - begun
    ready = Report.objects.filter(period=second, computed_at__isnull=False).count()
    print(f"  interrupted after {halfway:.1f} s with {ready} reports of {reports} ready")
    begun = time.perf_counter()
    second = services.period_opening_run(period=second)
    resumed = time.perf_counter() - begun
    again = ReportValue.objects.filter(report__period=second)
    duplicates = (
        again.values("report_id", "indicator_id", "key").annotate(n=Count("pk")).filter(n__gt=1)
    )
    print(
        f"  resumed in {resumed:.1f} s: {Report.objects.filter(period=second).count()} reports, "
        f"{again.count()} figures, {duplicates.count()} duplicated, state {second.state}"
    )
    print(f"load average after: {conditions.load_average()}")
    ReportPeriod.objects.filter(pk__in=[period.pk, second.pk]).delete()


def build(units: int, initiatives: int) -> dict:
    import tree
    from django.db import connection, transaction
    from django.utils import timezone

    from sangtao.accounts.models import Role, RoleMembership, User
    from sangtao.demo import synthetic
    from sangtao.initiatives.models import Initiative
    from sangtao.movements.models import Field, Movement, Round
    from sangtao.orgs.models import OrgUnit

    tree.TOTAL_UNITS = units
    tree.PROVINCES = max(1, round(34 * units / 20_000))
    built = tree.build_tree()
    central = built["central"]
    with transaction.atomic():
        movement = Movement.objects.create(
            name="Đoàn kết sáng tạo 2024-2026", unit=central, start_year=2024, end_year=2026
        )
        rounds = [
            Round.objects.create(movement=movement, year=year, name=f"Năm {year}")
            for year in (2024, 2025)
        ]
        fields = [
            Field.objects.create(movement=movement, code=f"f{n}", name=f"Lĩnh vực {n}", order=n)
            for n in range(1, 6)
        ]
        officer = User.objects.create_user("bench.officer", password=None)
        RoleMembership.objects.create(user=officer, role=Role.OFFICER, unit=central)
        filer = User.objects.create_user("bench.author", password=None)
        unit_ids = list(OrgUnit.objects.exclude(pk=central.pk).values_list("pk", flat=True))
        rng = random.Random(15)
        start = timezone.make_aware(datetime.datetime(2024, 1, 1))
        # Plain SQL in batches (COPY on PostgreSQL, executemany on SQLite): the ORM's
        # bulk_create takes about a millisecond a row.
        table = synthetic._Table(
            Initiative,
            [
                "title",
                "round",
                "field",
                "unit",
                "state",
                "submitted_at",
                "created_at",
                "updated_at",
                "created_by",
                "public_id",
            ],
            synthetic._Stopwatch(),
        )
        adapt = connection.ops.adapt_datetimefield_value
        batch = []
        for number in range(initiatives):
            submitted = start + datetime.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
            batch.append(
                (
                    f"Sáng kiến {number}",
                    rounds[submitted.year - 2024].pk,
                    fields[number % len(fields)].pk,
                    unit_ids[rng.randrange(len(unit_ids))],
                    "submitted",
                    adapt(submitted),
                    adapt(submitted),
                    adapt(submitted),
                    filer.pk,
                    uuid.UUID(int=rng.getrandbits(128), version=4).hex,
                )
            )
            if len(batch) == 20_000:
                table.write(batch)
                batch = []
        table.write(batch)
    return {"central": central, "movement": movement, "officer": officer}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=20_000)
    parser.add_argument("--initiatives", type=int, default=1_000_000)
    parser.add_argument("--profile", action="store_true", help="profile the central roll-up")
    parser.add_argument("--reuse", action="store_true", help="keep the SQLite file built before")
    parser.add_argument("--repeat", type=int, default=10, help="central roll-ups timed again")
    parser.add_argument(
        "--existing", action="store_true", help="time the opening on DATABASE_URL as it is"
    )
    parser.add_argument("--year", type=int, default=2025, help="the period's year (--existing)")
    arguments = parser.parse_args()
    if arguments.existing:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
        import django

        django.setup()
        open_existing(arguments.year)
        return
    old_name, sqlite_file, ready = prepare_database(
        f"{arguments.units}-{arguments.initiatives}", arguments.reuse
    )
    import conditions
    from django.db import connection
    from django.db.models import Q

    from sangtao.initiatives.models import Initiative
    from sangtao.orgs.models import Level, OrgUnit, UnitKind
    from sangtao.reports import selectors, services
    from sangtao.reports.models import Report, ReportValue

    try:
        start = time.perf_counter()
        built = found() if ready else build(arguments.units, arguments.initiatives)
        print(f"machine: {conditions.machine()}")
        print(f"database: {conditions.database()}")
        print(
            f"{OrgUnit.objects.count()} units, {Initiative.objects.count()} initiatives, "
            f"{'found' if ready else 'built'} in {time.perf_counter() - start:.1f} s"
        )
        print(f"load average before: {conditions.load_average()}")
        central, movement = built["central"], built["movement"]
        period, _ = timed(
            "open the 2025 period (create + pre-fill every report)",
            services.period_open,
            movement=movement,
            kind="annual",
            title="Báo cáo năm 2025",
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2025, 12, 31),
            deadline=datetime.date(2026, 1, 15),
            levels=Level.objects.exclude(code="central"),
            kinds=UnitKind.objects.all(),
            receivers=[central],
            by=built["officer"],
        )
        reports = Report.objects.filter(period=period)
        print(
            f"  {reports.count()} reports, "
            f"{ReportValue.objects.filter(report__period=period).count()} figures"
        )
        # Every report that has no child report is sent as it was pre-filled.
        leaves = reports.filter(parent__isnull=False).exclude(
            pk__in=reports.filter(parent__isnull=False).values("parent_id")
        )
        leaves.update(state="submitted")
        depths = sorted(
            set(
                reports.filter(pk__in=reports.values("parent_id")).values_list(
                    "unit__depth", flat=True
                )
            ),
            reverse=True,
        )
        for depth in depths:
            level = list(reports.filter(unit__depth=depth, pk__in=reports.values("parent_id")))
            timed(
                f"roll up depth {depth} ({len(level)} reports in one batch)",
                services._refresh,
                period,
                level,
            )
            if depth:
                Report.objects.filter(pk__in=[r.pk for r in level]).update(state="submitted")
        top = reports.get(parent__isnull=True)
        _, seconds = timed(
            "roll up the central committee's report again", services._refresh, period, [top]
        )
        again = []
        for _ in range(arguments.repeat):
            begun = time.perf_counter()
            services._refresh(period, [top])
            again.append(time.perf_counter() - begun)
        if again:
            print(
                f"  central roll-up {len(again)} times more: p50 "
                f"{statistics.median(again) * 1000:.1f} ms, max {max(again) * 1000:.1f} ms"
            )
        if arguments.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(services._refresh, period, [top])
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        top = selectors.report_detail(pk=top.pk)
        roll, _ = timed(
            "read the central roll-up (by unit, by field)", selectors.roll_up, report=top
        )
        total = top.values.get(indicator__code="initiatives_submitted", key="").computed
        expected = Initiative.objects.filter(
            Q(submitted_at__year=2025), round__movement=movement
        ).count()
        print(
            f"  central total {total}, initiatives submitted in 2025 {expected}: "
            f"{'OK' if total == expected else 'MISMATCH'}; {len(roll.children)} children"
        )
        print(f"central roll-up under 1 s: {'yes' if seconds < 1 else 'NO'} ({seconds:.3f} s)")
        print(f"load average after: {conditions.load_average()}")
    finally:
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        elif sqlite_file is not None:
            connection.close()
            print(f"kept {sqlite_file.relative_to(ROOT)} (--reuse reads it again)")


if __name__ == "__main__":
    main()
