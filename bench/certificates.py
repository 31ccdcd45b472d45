"""Benchmark of the public certificate verification page with 1,000,000 certificates.

    .venv/bin/python bench/certificates.py                 # a throwaway SQLite file in var/
    .venv/bin/python bench/certificates.py --certificates 200000 --requests 2000
    DATABASE_URL=postgres://... .venv/bin/python bench/certificates.py
                                                           # a throwaway test_<name> database

Builds a province with 100 committees, 1,000 recognised initiatives of one sealed council and
N certificates spread over them (rows inserted with plain SQL in batches, for speed: this is a
benchmark, not the way the application issues them; every row has its own random token and
check code, as the service gives, and every index of the table is in place while they go
in). Then asks for the verification page of random existing certificates (and of as many random
wrong tokens) through Django's test Client, each from its own client address so that the rate
limit counts but does not refuse, and prints p50/p95/p99 wall times, the median CPU time of this
process and the queries per request.
"""

import argparse
import datetime
import logging
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

COMMITTEES = 100
RECOGNITIONS = 1_000
WARMUP = 20


def prepare_database() -> tuple[str | None, Path | None]:
    """Point Django at a throwaway database; returns (old name to restore, SQLite file)."""
    sqlite_file = None
    if not os.environ.get("DATABASE_URL"):
        sqlite_file = ROOT / "var" / "bench-certificates.sqlite3"
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


def build_world() -> dict:
    """Units, a movement, a sealed council and its recognitions, through plain ORM writes."""
    from django.db import transaction
    from django.utils import timezone

    from sangtao.accounts.models import User
    from sangtao.appraisal.models import Council, Recognition
    from sangtao.initiatives.models import Initiative, InitiativeAuthor
    from sangtao.movements.models import Grade, Movement, Round
    from sangtao.orgs.models import Level, OrgUnit, UnitKind
    from sangtao.orgs.services import unit_bulk_create

    levels = {level.code: level for level in Level.objects.all()}
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    with transaction.atomic():
        (province,) = unit_bulk_create(
            units=[
                OrgUnit(
                    name="Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
                    level=levels["province"],
                    kind=kinds["front_committee"],
                )
            ]
        )
        committees = unit_bulk_create(
            units=[
                OrgUnit(
                    name=f"Ủy ban MTTQ Việt Nam xã Số {number}",
                    parent=province,
                    level=levels["commune"],
                    kind=kinds["front_committee"],
                )
                for number in range(1, COMMITTEES + 1)
            ]
        )
        officer = User.objects.create_user(username="phongtrao", full_name="Lê Văn Phong Trào")
        movement = Movement.objects.create(
            name="Đoàn kết sáng tạo 2018-2020", unit=province, start_year=2018, end_year=2020
        )
        round_ = Round.objects.create(movement=movement, year=2019, name="Năm 2019")
        grade = Grade.objects.create(movement=movement, name="Xuất sắc", min_total=32)
        council = Council.objects.create(
            round=round_, unit=province, name="Hội đồng thẩm định tỉnh", sealed_at=timezone.now()
        )
        initiatives = Initiative.objects.bulk_create(
            [
                Initiative(
                    title=f"Sáng kiến số {number}: số hóa hồ sơ hội viên",
                    round=round_,
                    unit=province,
                    state="recognised",
                    created_by=officer,
                )
                for number in range(RECOGNITIONS)
            ]
        )
        authors = InitiativeAuthor.objects.bulk_create(
            [
                InitiativeAuthor(initiative=initiative, full_name="Nguyễn Thị Hương", share=100)
                for initiative in initiatives
            ]
        )
        recognitions = Recognition.objects.bulk_create(
            [
                Recognition(initiative=initiative, council=council, unit=province, grade=grade)
                for initiative in initiatives
            ]
        )
    return {
        "committees": committees,
        "officer": officer,
        "council": council,
        "recognitions": recognitions,
        "authors": authors,
    }


def check_codes(count: int) -> list[str]:
    from sangtao.certificates.models import CODE_ALPHABET, CODE_LENGTH

    size = len(CODE_ALPHABET)
    raw = secrets.token_bytes(count * CODE_LENGTH)
    return [
        "".join(CODE_ALPHABET[byte % size] for byte in raw[start : start + CODE_LENGTH])
        for start in range(0, len(raw), CODE_LENGTH)
    ]


def build_certificates(world: dict, count: int, batch: int) -> float:
    """`count` certificates in batches of `batch` rows inserted with plain SQL (executemany on
    SQLite, COPY on PostgreSQL): the ORM's bulk_create costs a millisecond a row here, a
    quarter of an hour for a million. Returns the seconds it took."""
    from django.db import connection, transaction
    from django.utils import timezone

    from sangtao.certificates.models import Certificate

    decision_date = datetime.date(2019, 11, 20)
    constant = {
        "year": 2019,
        "council": world["council"].pk,
        "holder_kind": Certificate.Holder.AUTHOR,
        "holder_name": "Nguyễn Thị Hương",
        "holder_unit": "Trường THCS Tân Hòa",
        "share": 100,
        "authors": [{"name": "Nguyễn Thị Hương", "share": "100"}],
        "grade_name": "Xuất sắc",
        "decision_number": "42/QĐ-MTTQ",
        "decision_date": decision_date,
        "place": "Tây Ninh",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Nguyễn Thành Tâm",
        "issued_on": decision_date,
        "issued_by": world["officer"].pk,
        "issued_at": timezone.now(),
        "revoked_reason": "",
    }
    varying = ["token", "check_code", "unit", "number", "serial", "recognition", "initiative"]
    varying += ["holder_key", "initiative_title", "issuer_name"]
    fields = {field.name: field for field in Certificate._meta.concrete_fields}
    prepared = {
        name: fields[name].get_db_prep_save(value, connection) for name, value in constant.items()
    }
    columns = [fields[name].column for name in [*varying, *prepared]]
    fixed = tuple(prepared.values())
    table = connection.ops.quote_name(Certificate._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    committees, recognitions = world["committees"], world["recognitions"]
    per_committee = count // len(committees) + 1

    def row(index: int, token: str, code: str) -> tuple:
        committee = committees[index // per_committee]
        number = index % per_committee + 1
        recognition = recognitions[index % len(recognitions)]
        return (
            token,
            code,
            committee.pk,
            number,
            f"{number}/2019/GCN-MTTQ",
            recognition.pk,
            recognition.initiative_id,
            f"author:{index}",
            f"Sáng kiến số {index % RECOGNITIONS}: số hóa hồ sơ hội viên",
            committee.name,
            *fixed,
        )

    started = time.perf_counter()
    for start in range(0, count, batch):
        size = min(batch, count - start)
        codes = check_codes(size)
        rows = [
            row(start + offset, secrets.token_urlsafe(16), codes[offset]) for offset in range(size)
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for values in rows:
                        copy.write_row(values)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        done = start + size
        if done % (batch * 20) == 0 or done == count:
            seconds = time.perf_counter() - started
            print(f"  {done:>9,} certificates, {seconds:6.1f} s", flush=True)
    return time.perf_counter() - started


def analyse() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure(tokens: list[str], expect: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    walls, cpus, queries = [], [], []
    for number, token in enumerate(tokens):
        address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
        wall, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/certificates/v/{token}/", REMOTE_ADDR=address)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        queries.append(len(captured))
        if response.status_code != expect:
            raise SystemExit(f"{token}: {response.status_code}, expected {expect}")
    return {
        "p50": percentile(walls, 0.50),
        "p95": percentile(walls, 0.95),
        "p99": percentile(walls, 0.99),
        "cpu": statistics.median(cpus),
        "queries": max(queries),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--certificates", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=1_000)
    parser.add_argument("--batch", type=int, default=10_000)
    args = parser.parse_args()

    old_name, sqlite_file = prepare_database()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False  # as in production: no debug page for the 404 of a wrong token
    setup_test_environment()
    logging.disable(logging.WARNING)  # one log line per request is no part of the answer
    try:
        world = build_world()
        print(f"{connection.vendor}: building {args.certificates:,} certificates", flush=True)
        seconds = build_certificates(world, args.certificates, args.batch)
        analysed = time.perf_counter()
        analyse()
        analysed = time.perf_counter() - analysed
        from sangtao.certificates.models import Certificate

        ids = random.Random(1).sample(range(1, args.certificates + 1), args.requests)
        tokens = list(Certificate.objects.filter(pk__in=ids).values_list("token", flat=True))
        random.Random(2).shuffle(tokens)
        wrong = [secrets.token_urlsafe(16) for _ in range(args.requests)]
        measure(tokens[:WARMUP], 200)
        print(
            f"{connection.vendor}: {Certificate.objects.count():,} certificates built in "
            f"{seconds:.1f} s, analysed in {analysed:.1f} s; {len(tokens)} requests each"
        )
        print(
            f"{'page':28} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'cpu p50':>8} {'queries':>8}"
        )
        for name, sample, status in (
            ("verify, genuine token", tokens, 200),
            ("verify, wrong token (404)", wrong, 404),
        ):
            result = measure(sample, status)
            print(
                f"{name:28} {result['p50']:7.1f} {result['p95']:7.1f} {result['p99']:7.1f} "
                f"{result['cpu']:8.1f} {result['queries']:8d}"
            )
    finally:
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        elif sqlite_file is not None:
            connection.close()


if __name__ == "__main__":
    main()
