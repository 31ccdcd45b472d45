"""Benchmark of the feedback inbox at national scale: 100,000 threads.

    .venv/bin/python bench/feedback.py             # a throwaway SQLite file in var/
    DATABASE_URL=postgres://... .venv/bin/python bench/feedback.py
                                                   # a throwaway test_<name> database on that server

Builds a province (its Front committee), 20 district committees under it and 100 schools under
each (2,000 units), and 100,000 threads: each sent by a school to its district's committee, one
in ten by a district to the province (rows bulk-created directly, for speed). Then renders the
inbox through Django's test Client for the province's clerk (who sees every thread, as sent
in its subtree and as received), a district's clerk (the threads its schools sent it) and a
school's clerk (its own), first page and filtered by state, and prints p50/p95/max wall times
and query counts, with the database's settings and the load averages (helpers of
bench/registers.py).
"""

import datetime
import gc
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import registers as bench  # noqa: E402  (prepare_database, settings_line, measure, load_average)

THREADS = int(os.environ.get("BENCH_THREADS", 100_000))
DISTRICTS = 20
SCHOOLS = 100
BATCH = 5_000
SUBJECTS = ["Kinh phí", "Mẫu báo cáo", "Hồ sơ sáng kiến", "Tiêu chí xét", "Tập huấn"]


def build() -> dict:
    from django.db import transaction
    from django.utils import timezone

    from sangtao.accounts.models import Role, RoleMembership, User
    from sangtao.feedback.models import Thread
    from sangtao.orgs.models import Level, OrgUnit, UnitKind
    from sangtao.orgs.services import unit_bulk_create
    from sangtao.orgs.text import fold

    rng = random.Random(2026)
    levels = {level.code: level for level in Level.objects.all()}
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}

    def units(names, parent, level, kind):
        made = [
            OrgUnit(name=name, parent=parent, level=levels[level], kind=kinds[kind])
            for name in names
        ]
        return unit_bulk_create(units=made)

    with transaction.atomic():
        (central,) = units(["Ủy ban Trung ương MTTQ Việt Nam"], None, "central", "front_committee")
        (province,) = units(
            ["Ủy ban MTTQ Việt Nam tỉnh Tây Ninh"], central, "province", "front_committee"
        )
        districts = units(
            [f"Ủy ban MTTQ Việt Nam huyện số {n}" for n in range(1, DISTRICTS + 1)],
            province,
            "district",
            "front_committee",
        )
        schools = []
        for number, district in enumerate(districts):
            names = [f"Trường THCS số {number * SCHOOLS + n}" for n in range(1, SCHOOLS + 1)]
            schools.append(units(names, district, "grassroots", "school"))
        people = {}
        for name, role, unit in (
            ("vanthu.tinh", Role.CLERK, province),
            ("vanthu.huyen", Role.CLERK, districts[3]),
            ("vanthu.truong", Role.CLERK, schools[3][23]),
        ):
            people[name] = User.objects.create_user(username=name, full_name=name)
            RoleMembership.objects.create(user=people[name], role=role, unit=unit)
        start = timezone.now() - datetime.timedelta(days=3 * 365)
        states = [Thread.State.OPEN, Thread.State.ANSWERED, Thread.State.CLOSED]
        for first in range(0, THREADS, BATCH):
            rows = []
            for n in range(first, min(first + BATCH, THREADS)):
                d = n % DISTRICTS
                if n % 10 == 0:
                    unit, receiver = districts[d], province
                else:
                    unit, receiver = schools[d][n % SCHOOLS], districts[d]
                subject = f"{rng.choice(SUBJECTS)} số {n}"
                at = start + datetime.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
                rows.append(
                    Thread(
                        unit=unit,
                        receiver=receiver,
                        subject=subject,
                        state=states[n % 3],
                        opened_at=at,
                        last_message_at=at,
                        search_key=fold(f"{subject} {unit.name}"),
                    )
                )
            Thread.objects.bulk_create(rows, batch_size=BATCH)
    return people


def main() -> None:
    old_name, sqlite_file = bench.prepare_database()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    try:
        start = time.perf_counter()
        people = build()
        print(
            f"{bench.settings_line()}; {THREADS} threads, {DISTRICTS * SCHOOLS} schools, "
            f"built in {time.perf_counter() - start:.1f} s"
        )
        setup_test_environment(debug=False)
        gc.collect()
        gc.freeze()
        print(f"load average before: {bench.load_average()} ({bench.RUNS} runs a page)")
        print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8} {'rows':>8}")
        for name, person in (
            ("province clerk", "vanthu.tinh"),
            ("district clerk", "vanthu.huyen"),
            ("school clerk", "vanthu.truong"),
        ):
            client = Client()
            client.force_login(people[person])
            for label, url in (("", "/feedback/"), (", open", "/feedback/?state=open")):
                r = bench.measure(client, url)
                print(
                    f"{name + label:34} {r['p50']:8.1f} {r['p95']:8.1f} {r['max']:8.1f} "
                    f"{r['queries']:8d} {r['rows']:8d}"
                )
        print(f"load average after: {bench.load_average()}")
    finally:
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        elif sqlite_file is not None:
            connection.close()


if __name__ == "__main__":
    main()
