"""Benchmark of the council pages with a province-size round: 5,000 forwarded initiatives, or
a national round (issue 19): the central committee's council receiving 50,000 nominated dossiers.

    .venv/bin/python bench/appraisal.py            # a throwaway SQLite file in var/
    .venv/bin/python bench/appraisal.py --initiatives 50000
                                                   # the central council, 20 scoring members
    DATABASE_URL=postgres://... .venv/bin/python bench/appraisal.py
                                                   # a throwaway test_<name> database on that server

With `--initiatives` above 5,000 the council is the central committee's: the dossiers are
nominated by the provinces' councils (34 provinces), the council has 22 people (chair,
secretary, 20 members; `--members`), each dossier goes to three members and nine sheets in
ten are submitted (`--scored`), the rest left as drafts past the scoring deadline.

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

import argparse
import datetime
import gc
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

INITIATIVES = 5_000
NATIONAL = 5_000  # above this, the national round: the central committee's council
PROVINCES = 34
SCHOOLS = 60
MEMBERS = 13  # besides the chair and the secretary
SHEETS_PER_INITIATIVE = 3
CRITERIA = [("tinh-moi", "Tính mới"), ("tinh-phu-hop", "Tính phù hợp")]
CRITERIA += [("tinh-tap-the", "Tính tập thể"), ("tinh-hieu-qua", "Tính thiết thực, hiệu quả")]
CRITERIA += [("tinh-kinh-te", "Tính kinh tế")]
RUNS = 100  # enough for a p95 that is not the second slowest of a few
WARMUP = 3
BATCH = 2_000
HTTP_CACHE_TABLE = "sangtao_cache"  # settings_production's CACHES


def prepare_database(reuse: bool = False) -> tuple[str | None, Path | None]:
    """Point Django at a throwaway database (with `reuse`, the one a `--keep` run left);
    returns (old name to restore, SQLite file)."""
    sqlite_file = None
    if not os.environ.get("DATABASE_URL"):
        sqlite_file = ROOT / "var" / "bench-appraisal.sqlite3"
        sqlite_file.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            if not reuse:
                Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
    os.environ.setdefault("SANGTAO_LOG_LEVEL", "WARNING")  # no line per request in the output
    # One key for this process and the server of --http: the sessions made here sign there.
    os.environ.setdefault("SANGTAO_SECRET_KEY", f"bench-appraisal-{time.time_ns()}-{'x' * 40}")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if sqlite_file is not None:
        call_command("migrate", verbosity=0)
        return None, sqlite_file
    old_name = connection.settings_dict["NAME"]
    if reuse:
        connection.close()
        connection.settings_dict["NAME"] = connection.creation._get_test_db_name()
    else:
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return old_name, None


def built_before() -> dict:
    """What `build` returns, read back from a database a `--keep` run left."""
    from sangtao.accounts.models import User
    from sangtao.appraisal.models import Assignment, Council

    council = Council.objects.select_related("unit").order_by("-pk").first()
    sheets = Assignment.objects.filter(council=council)
    return {
        "council": council,
        "secretary": User.objects.get(username="hoidong00"),
        "member": User.objects.get(username="hoidong02"),
        "sheets": sheets.count(),
        "submitted": sheets.filter(state=Assignment.State.SUBMITTED).count(),
        "unit": council.unit.name,
        "people": council.members.count(),
        "fill_seconds": 0.0,
    }


def _units(levels, kinds, national: bool):
    """The council's unit and the grassroots units the dossiers come from: a province and its
    60 schools, or the central committee, its 34 provinces and ten schools in each."""
    from sangtao.orgs.models import OrgUnit
    from sangtao.orgs.services import unit_bulk_create

    (central,) = unit_bulk_create(
        units=[
            OrgUnit(
                name="Ủy ban Trung ương MTTQ Việt Nam",
                level=levels["central"],
                kind=kinds["front_committee"],
            )
        ]
    )
    provinces = unit_bulk_create(
        units=[
            OrgUnit(
                name=f"Ủy ban MTTQ Việt Nam tỉnh số {number}"
                if national
                else "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
                parent=central,
                level=levels["province"],
                kind=kinds["front_committee"],
            )
            for number in range(1, (PROVINCES if national else 1) + 1)
        ]
    )
    schools = unit_bulk_create(
        units=[
            OrgUnit(
                name=f"Trường THCS số {number}",
                parent=provinces[number % len(provinces)],
                level=levels["grassroots"],
                kind=kinds["school"],
            )
            for number in range(1, (10 * PROVINCES if national else SCHOOLS) + 1)
        ]
    )
    return (central if national else provinces[0]), schools


def _round(unit):
    """A movement of `unit`, its round in appraisal, five fields, five criteria, three grades."""
    from sangtao.movements.models import Criterion, Field, Grade, Movement, Round

    movement = Movement.objects.create(
        name="Đoàn kết sáng tạo 2018-2020", unit=unit, start_year=2018, end_year=2020
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
    return round_, fields, criteria


def build(initiatives_count: int, members: int, scored: float) -> dict:
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
    from sangtao.appraisal.services_standings import standings_fill
    from sangtao.initiatives.models import Initiative
    from sangtao.orgs.models import Level, UnitKind

    rng = random.Random(2018)
    national = initiatives_count > NATIONAL
    levels = {level.code: level for level in Level.objects.all()}
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    with transaction.atomic():
        unit, schools = _units(levels, kinds, national)
        round_, fields, criteria = _round(unit)
        author = User.objects.create_user("tacgia", password=None, unit=schools[0])
        people = User.objects.bulk_create(
            [
                User(username=f"hoidong{n:02d}", full_name=f"Thành viên {n:02d}", unit=unit)
                for n in range(members + 2)
            ]
        )
        council = Council.objects.create(
            round=round_,
            unit=unit,
            name=f"Hội đồng thẩm định {unit.name} năm 2018",
            appraisers_per_initiative=SHEETS_PER_INITIATIVE,
            # With drafts left, the scoring deadline has passed: the secretary reads every
            # figure and the ranking is ranked (before it, rows with a draft are withheld).
            scoring_deadline=datetime.date(2018, 6, 30) if scored < 1 else None,
        )
        roles = [CouncilMember.Role.SECRETARY, CouncilMember.Role.CHAIR]
        roles += [CouncilMember.Role.MEMBER] * members
        seats = CouncilMember.objects.bulk_create(
            [
                CouncilMember(council=council, user=person, role=role)
                for person, role in zip(people, roles, strict=True)
            ]
        )
        scorers = seats[1:]
        start = timezone.make_aware(datetime.datetime(2018, 3, 1, 8))
        initiatives = Initiative.objects.bulk_create(
            (
                Initiative(
                    state="in_appraisal",
                    title=f"Sáng kiến số {n}: cải tiến quy trình {rng.randint(1, 999)}",
                    round=round_,
                    field=fields[n % len(fields)],
                    unit=schools[n % len(schools)],
                    summary="Tóm tắt",
                    appraisal_unit=unit,
                    created_by=author,
                    submitted_at=start + datetime.timedelta(minutes=n),
                )
                for n in range(initiatives_count)
            ),
            batch_size=BATCH,
        )
        sheets, values = [], []
        for n, initiative in enumerate(initiatives):
            for k in range(SHEETS_PER_INITIATIVE):
                member = scorers[(n * SHEETS_PER_INITIATIVE + k) % len(scorers)]
                if rng.random() >= scored:  # not scored yet: a draft without scores
                    sheets.append(
                        Assignment(
                            council=council,
                            initiative=initiative,
                            member=member,
                            assigned_by=people[0],
                        )
                    )
                    continue
                scores = [Decimal(rng.randint(8, 20)) for _ in criteria]
                values.append((len(sheets), scores))
                sheets.append(
                    Assignment(
                        council=council,
                        initiative=initiative,
                        member=member,
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
                Score(assignment=sheets[index], criterion=criterion, value=value)
                for index, scores in values
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
                    user=people[2 + n % members],
                    source=Conflict.Source.SECRETARY,
                    reason="Người thân của tác giả",
                    declared_by=people[0],
                )
                for n, initiative in enumerate(initiatives[::50])
            ],
            batch_size=BATCH,
        )
    # The sheets were bulk-created, outside the services: their stored figures filled as
    # `manage.py standings_fill` fills those of councils scored before the tables existed.
    start = time.perf_counter()
    with transaction.atomic():
        standings_fill(council=council)
    fill_seconds = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would soon: plans for the rows, not 0
    return {
        "council": council,
        "secretary": people[0],
        "member": people[2],
        "sheets": len(sheets),
        "submitted": len(values),
        "unit": unit.name,
        "fill_seconds": fill_seconds,
    }


def database_settings() -> str:
    """The database and the settings that decide what a commit costs, read from the server."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ["server_version", "fsync", "synchronous_commit", "full_page_writes"]
            names += ["shared_buffers", "jit", "work_mem"]
            found = []
            for name in names:
                cursor.execute(f"SHOW {name}")
                found.append(f"{name}={cursor.fetchone()[0]}")
            return "PostgreSQL " + ", ".join(found)
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        synchronous = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[cursor.fetchone()[0]]
        cursor.execute("SELECT sqlite_version()")
        version = cursor.fetchone()[0]
    return f"SQLite {version}, journal_mode={journal}, synchronous={synchronous}"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (other work shares the CPU)."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def measure(client, url: str, cold: bool = False, runs: int = RUNS) -> dict:
    """Times of `url`; `cold`: the council's figures are dropped from the cache before each
    request (the first view after a sheet is submitted)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP):
        assert client.get(url).status_code == 200
    times, cpu = [], []
    for _ in range(runs):
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


HTTP_ENV = {
    # The production settings as bench/load/run.sh gives them (/etc/sangtao/sangtao.env).
    "DJANGO_SETTINGS_MODULE": "sangtao.settings_production",
    "SANGTAO_ALLOWED_HOSTS": "127.0.0.1",
    "SANGTAO_SITE_URL": "https://sangtao.example.vn",
    "SANGTAO_TRUSTED_PROXY": "127.0.0.1",
    "SANGTAO_LOG_LEVEL": "WARNING",
}


def serve(database_url: str) -> tuple[subprocess.Popen, int, Path]:
    """gunicorn serving the bench's database on loopback with the production settings, as
    bench/load/run.sh starts it (3 sync workers: one request per connection); returns the
    process, its port and its log."""
    var = ROOT / "var" / "bench-http"
    var.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **HTTP_ENV, "DATABASE_URL": database_url}
    env.update(SANGTAO_VAR_DIR=str(var), XDG_RUNTIME_DIR=str(var))
    python = sys.executable
    for command in (["collectstatic", "--noinput"], ["createcachetable"]):
        subprocess.run([python, "manage.py", *command, "-v0"], cwd=ROOT, env=env, check=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = var / "gunicorn.log"
    gunicorn = Path(python).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "sangtao.wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "3", "--timeout", "120", "--forwarded-allow-ips", "127.0.0.1"],
        cwd=ROOT / "src",
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return process, port, log
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn did not answer: see {log}")


def database_url() -> str:
    """The URL of the database the bench built (a test_<name> database on PostgreSQL)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"sqlite:///{connection.settings_dict['NAME']}"
    url = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return url._replace(path=f"/{connection.settings_dict['NAME']}").geturl()


def session_cookie(client, user) -> str:
    """The session of a test client signed in (force_login), marked as having given its
    second factor, for the requests over HTTP (the same database holds the sessions)."""
    from django.conf import settings

    from sangtao.accounts.middleware import two_factor_mark_verified

    session = client.session
    two_factor_mark_verified(session, user)
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def time_pages(pages, options) -> None:
    """Each page through the test client: wall times, this process's CPU, statements, rows."""
    print(
        f"{'page':30} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p50':>8} "
        f"{'queries':>8} {'rows':>6}  load after the page"
    )
    for name, client, _user, url in pages:
        result = measure(client, url, cold="not cached" in name, runs=options.runs)
        print(
            f"{name:30} {result['p50']:8.1f} {result['p95']:8.1f} {result['max']:8.1f} "
            f"{result['cpu']:8.1f} {result['queries']:8d} {result['rows']:6d}  "
            f"{load_average()}"
        )


def time_pages_http(pages, options) -> None:
    """Each page over HTTP from gunicorn with the production settings: wall times as the
    client sees them (the server's CPU and statements are not this process's to count)."""
    process, port, log = serve(database_url())
    try:
        print(f"gunicorn on 127.0.0.1:{port}, 3 sync workers, settings_production (log: {log})")
        print(
            f"{'page over HTTP':30} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'bytes':>8}"
            "  load after the page"
        )
        for name, client, user, url in pages:
            cookie = session_cookie(client, user)
            result = measure_http(port, cookie, url, "not cached" in name, options.runs)
            print(
                f"{name:30} {result['p50']:8.1f} {result['p95']:8.1f} {result['max']:8.1f} "
                f"{result['size']:8d}  {load_average()}"
            )
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure_http(port: int, cookie: str, path: str, cold: bool, runs: int) -> dict:
    """Times of `path` over HTTP with the session `cookie`, as nginx forwards a request
    (X-Forwarded-Proto). gunicorn's sync workers close each connection, so a request opens
    one (on loopback, a fraction of a millisecond), counted in the time."""
    from django.db import connection

    headers = {"Cookie": cookie, "X-Forwarded-Proto": "https", "Host": "127.0.0.1"}

    def get() -> int:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        conn.close()
        assert response.status == 200, (path, response.status, body[:300])
        return len(body)

    for _ in range(WARMUP):
        get()
    times = []
    for _ in range(runs):
        if cold:  # the production cache is a table in the database
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {HTTP_CACHE_TABLE}")
        start = time.perf_counter()
        size = get()
        times.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(times, n=20, method="inclusive")
    return {"p50": statistics.median(times), "p95": cuts[18], "max": max(times), "size": size}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--initiatives", type=int, default=INITIATIVES)
    parser.add_argument("--members", type=int, help="scoring members besides chair and secretary")
    parser.add_argument("--scored", type=float, help="the share of sheets submitted (0-1)")
    parser.add_argument("--runs", type=int, default=RUNS, help="views of each page")
    parser.add_argument("--http", action="store_true", help="time the pages over HTTP (gunicorn)")
    parser.add_argument("--keep", action="store_true", help="keep the database for --reuse")
    parser.add_argument("--reuse", action="store_true", help="time the database a --keep left")
    parsed = parser.parse_args()
    national = parsed.initiatives > NATIONAL
    if parsed.members is None:
        parsed.members = 20 if national else MEMBERS
    if parsed.scored is None:
        parsed.scored = 0.9 if national else 1.0
    return parsed


def main() -> None:
    options = arguments()
    old_name, sqlite_file = prepare_database(reuse=options.reuse)
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    try:
        print(f"load average before the build: {load_average()} (a machine shared with others)")
        start = time.perf_counter()
        if options.reuse:
            built = built_before()
            options.initiatives = built["council"].round.initiatives.count()
            options.members = built["people"] - 2
        else:
            built = build(options.initiatives, options.members, options.scored)
        build_seconds = time.perf_counter() - start
        setup_test_environment(debug=False)  # responses carry their context; no query log
        gc.collect()  # as sangtao/wsgi.py does once a worker has started
        gc.freeze()
        council = built["council"]
        secretary, member = Client(), Client()
        secretary.force_login(built["secretary"])
        member.force_login(built["member"])
        last = -(-options.initiatives // 50)
        queue, ranking = f"/councils/{council.pk}/", f"/councils/{council.pk}/ranking/"
        chief, scorer = (secretary, built["secretary"]), (member, built["member"])
        pages = [
            ("council queue (secretary)", *chief, queue),
            ("queue, last page", *chief, f"{queue}?page={last}"),
            ("member's task list", *scorer, "/councils/tasks/"),
            ("ranking table", *chief, ranking),
            ("ranking, last page", *chief, f"{ranking}?page={last}"),
            ("ranking, figures not cached", *chief, ranking),
        ]
        print(database_settings())
        print(
            f"{built['unit']}: {options.initiatives} initiatives, {built['sheets']} sheets "
            f"({built['submitted']} submitted), {options.members + 2} people, built in "
            f"{build_seconds:.1f} s (its stored figures filled in {built['fill_seconds']:.1f} s); "
            f"{options.runs} views a page after {WARMUP} warm-ups, "
            f"{os.cpu_count()} CPUs"
        )
        print(f"load average before: {load_average()} (other helpers share the machine)")
        (time_pages_http if options.http else time_pages)(pages, options)
        print(f"load average after: {load_average()} (other helpers share the machine)")
    finally:
        if old_name is not None and options.keep:
            print(f"kept: {connection.settings_dict['NAME']} (--reuse times it again)")
        elif old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        elif sqlite_file is not None:
            connection.close()


if __name__ == "__main__":
    main()
