"""Benchmark of the council pages with a province-size round: 5,000 forwarded initiatives.

    .venv/bin/python bench/appraisal.py            # a throwaway SQLite file in var/
    DATABASE_URL=postgres://... .venv/bin/python bench/appraisal.py
                                                   # a throwaway test_<name> database on that server

Builds one round of a movement with 5,000 initiatives forwarded to the province's council (rows
bulk-created directly, for speed: this is a benchmark, not the way the application writes), a
council of 15 people (chair, secretary, 13 members) and three submitted score sheets of five
criteria per initiative, two decisions in five and a hundred declared conflicts. Then renders
the council's queue, a member's task list (about 1,070 sheets) and the ranking table (with
the council's figures cached, as between two submissions, and not) through
Django's test Client and prints p50/p95/max wall times, the median CPU time of this process (a
steadier figure on a busy machine, where the database server's time is not counted on
PostgreSQL) and query counts, between the load averages before and after. On PostgreSQL
the tables are analysed once built, as autovacuum would do soon after such a load; the
objects alive after the build are frozen out of the garbage collector, as sangtao/wsgi.py
does in a worker.
"""

import datetime
import gc
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

INITIATIVES = 5_000
SCHOOLS = 60
MEMBERS = 13  # besides the chair and the secretary
SHEETS_PER_INITIATIVE = 3
CRITERIA = [("tinh-moi", "Tính mới"), ("tinh-phu-hop", "Tính phù hợp")]
CRITERIA += [("tinh-tap-the", "Tính tập thể"), ("tinh-hieu-qua", "Tính thiết thực, hiệu quả")]
CRITERIA += [("tinh-kinh-te", "Tính kinh tế")]
RUNS = 100  # enough for a p95 that is not the second slowest of a few
WARMUP = 3
BATCH = 2_000


def prepare_database() -> tuple[str | None, Path | None]:
    """Point Django at a throwaway database; returns (old name to restore, SQLite file)."""
    sqlite_file = None
    if not os.environ.get("DATABASE_URL"):
        sqlite_file = ROOT / "var" / "bench-appraisal.sqlite3"
        sqlite_file.parent.mkdir(exist_ok=True)
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
        return None, sqlite_file
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return old_name, None


def build() -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from sangtao.accounts.models import User
    from sangtao.appraisal.models import (
        Assignment,
        Conflict,
        Council,
        CouncilMember,
        Decision,
        Score,
    )
    from sangtao.initiatives.models import Initiative
    from sangtao.movements.models import Criterion, Field, Grade, Movement, Round
    from sangtao.orgs.models import Level, OrgUnit, UnitKind
    from sangtao.orgs.services import unit_bulk_create

    rng = random.Random(2018)
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
        schools = unit_bulk_create(
            units=[
                OrgUnit(
                    name=f"Trường THCS số {number}",
                    parent=province,
                    level=levels["grassroots"],
                    kind=kinds["school"],
                )
                for number in range(1, SCHOOLS + 1)
            ]
        )
        movement = Movement.objects.create(
            name="Đoàn kết sáng tạo 2018-2020", unit=province, start_year=2018, end_year=2020
        )
        round_ = Round.objects.create(
            movement=movement, year=2018, name="Năm 2018", status=Round.Status.APPRAISAL
        )
        fields = Field.objects.bulk_create(
            [
                Field(movement=movement, code=f"linh-vuc-{n}", name=f"Lĩnh vực {n}", order=n)
                for n in range(1, 6)
            ]
        )
        criteria = Criterion.objects.bulk_create(
            [
                Criterion(
                    movement=movement,
                    code=code,
                    name=name,
                    order=order,
                    weight=Decimal("1"),
                    min_score=0,
                    max_score=20,
                )
                for order, (code, name) in enumerate(CRITERIA, start=1)
            ]
        )
        Grade.objects.bulk_create(
            [
                Grade(movement=movement, name="Xuất sắc", min_total=Decimal("85")),
                Grade(movement=movement, name="Tốt", min_total=Decimal("70")),
                Grade(movement=movement, name="Khá", min_total=Decimal("50")),
            ]
        )
        author = User.objects.create_user("tacgia", password=None, unit=schools[0])
        people = User.objects.bulk_create(
            [
                User(username=f"hoidong{n:02d}", full_name=f"Thành viên {n:02d}", unit=province)
                for n in range(MEMBERS + 2)
            ]
        )
        council = Council.objects.create(
            round=round_,
            unit=province,
            name="Hội đồng thẩm định tỉnh Tây Ninh năm 2018",
            appraisers_per_initiative=SHEETS_PER_INITIATIVE,
        )
        roles = [CouncilMember.Role.SECRETARY, CouncilMember.Role.CHAIR]
        roles += [CouncilMember.Role.MEMBER] * MEMBERS
        seats = CouncilMember.objects.bulk_create(
            [
                CouncilMember(council=council, user=person, role=role)
                for person, role in zip(people, roles, strict=True)
            ]
        )
        scorers = seats[1:]
        start = timezone.make_aware(datetime.datetime(2018, 3, 1, 8))
        initiatives = Initiative.objects.bulk_create(
            [
                Initiative(
                    state="in_appraisal",
                    title=f"Sáng kiến số {n}: cải tiến quy trình {rng.randint(1, 999)}",
                    round=round_,
                    field=fields[n % len(fields)],
                    unit=schools[n % len(schools)],
                    summary="Tóm tắt",
                    appraisal_unit=province,
                    created_by=author,
                    submitted_at=start + datetime.timedelta(minutes=n),
                )
                for n in range(INITIATIVES)
            ],
            batch_size=BATCH,
        )
        sheets, values = [], []
        for n, initiative in enumerate(initiatives):
            for k in range(SHEETS_PER_INITIATIVE):
                scores = [Decimal(rng.randint(8, 20)) for _ in criteria]
                values.append(scores)
                sheets.append(
                    Assignment(
                        council=council,
                        initiative=initiative,
                        member=scorers[(n * SHEETS_PER_INITIATIVE + k) % len(scorers)],
                        assigned_by=people[0],
                        state=Assignment.State.SUBMITTED,
                        total=sum(scores),
                        version=1,
                        updated_at=start,
                        submitted_at=start,
                    )
                )
        sheets = Assignment.objects.bulk_create(sheets, batch_size=BATCH)
        Score.objects.bulk_create(
            (
                Score(assignment=sheet, criterion=criterion, value=value)
                for sheet, scores in zip(sheets, values, strict=True)
                for criterion, value in zip(criteria, scores, strict=True)
            ),
            batch_size=BATCH * 5,
        )
        Decision.objects.bulk_create(
            [
                Decision(
                    council=council,
                    initiative=initiative,
                    outcome=Decision.Outcome.NOT_RECOGNISED,
                    reason="Chưa đạt",
                    decided_by=people[1],
                )
                for initiative in initiatives[::5] + initiatives[1::5]
            ],
            batch_size=BATCH,
        )
        Conflict.objects.bulk_create(
            [
                Conflict(
                    initiative=initiative,
                    user=people[2 + n % MEMBERS],
                    source=Conflict.Source.SECRETARY,
                    reason="Người thân của tác giả",
                    declared_by=people[0],
                )
                for n, initiative in enumerate(initiatives[::50])
            ]
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would soon: plans for 5,000 rows, not 0
    return {
        "council": council,
        "secretary": people[0],
        "member": people[2],
        "sheets": len(sheets),
    }


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (other work shares the CPU)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def measure(client, url: str, cold: bool = False) -> dict:
    """Times of `url`; `cold`: the council's figures are dropped from the cache before each
    request (the first view after a sheet is submitted)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP):
        assert client.get(url).status_code == 200
    times, cpu = [], []
    for _ in range(RUNS):
        if cold:
            cache.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    cuts = statistics.quantiles(times, n=20, method="inclusive")
    return {
        "p50": statistics.median(times),
        "p95": cuts[18],
        "max": max(times),
        "cpu": statistics.median(cpu),
        "queries": len(queries),
        "rows": response.context["page"].paginator.count,
    }


def main() -> None:
    old_name, sqlite_file = prepare_database()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    try:
        start = time.perf_counter()
        built = build()
        build_seconds = time.perf_counter() - start
        setup_test_environment(debug=False)  # responses carry their context; no query log
        gc.collect()  # as sangtao/wsgi.py does once a worker has started
        gc.freeze()
        council = built["council"]
        secretary, member = Client(), Client()
        secretary.force_login(built["secretary"])
        member.force_login(built["member"])
        pages = [
            ("council queue (secretary)", secretary, f"/councils/{council.pk}/"),
            ("queue, last page", secretary, f"/councils/{council.pk}/?page=100"),
            ("member's task list", member, "/councils/tasks/"),
            ("ranking table", secretary, f"/councils/{council.pk}/ranking/"),
            ("ranking, last page", secretary, f"/councils/{council.pk}/ranking/?page=100"),
            ("ranking, figures not cached", secretary, f"/councils/{council.pk}/ranking/"),
        ]
        print(
            f"{connection.vendor}: {INITIATIVES} initiatives, {built['sheets']} submitted sheets "
            f"built in {build_seconds:.1f} s ({RUNS} runs a page after {WARMUP} warm-ups)"
        )
        print(f"load average before: {load_average()}")
        print(
            f"{'page':30} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8} "
            f"{'queries':>8} {'rows':>6}"
        )
        for name, client, url in pages:
            result = measure(client, url, cold="not cached" in name)
            print(
                f"{name:30} {result['p50']:8.1f} {result['p95']:8.1f} {result['max']:8.1f} "
                f"{result['cpu']:8.1f} {result['queries']:8d} {result['rows']:6d}"
            )
        print(f"load average after: {load_average()}")
    finally:
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        elif sqlite_file is not None:
            connection.close()


if __name__ == "__main__":
    main()
