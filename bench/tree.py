"""Benchmark of the organisation tree pages with 20,000 units.

    .venv/bin/python bench/tree.py                 # a throwaway SQLite file, var/bench-tree.sqlite3
    DATABASE_URL=postgres://... .venv/bin/python bench/tree.py
                                                   # a throwaway test_<name> database on that server

Builds a national-size tree (central > 34 provinces > their communes and member organisations >
grassroots units, some communes closed and merged into others) through the bulk service, then
renders pages through Django's test Client and prints p50/p95 times and query counts: the tree
root, a big province's page, a search over the whole tree and the central committee's page with
history on (the size of its 20,000-unit subtree and of each province's).
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

TOTAL_UNITS = 20_000
PROVINCES = 34
COMMUNES_PER_PROVINCE = 96
MEMBER_ORGS_PER_PROVINCE = 20
CLOSED_EVERY = 8  # one commune in 8 was merged into its neighbour on 1 July 2025
RUNS = 30
WARMUP = 3
WORDS = "Tân Bình Hòa Phước Long Thạnh An Mỹ Hiệp Trung Đông Tây Ninh Sơn Lộc Phú Đức Hưng".split()


def prepare_database() -> tuple[str | None, Path | None]:
    """Point Django at a throwaway database; returns (old name to restore, SQLite file)."""
    sqlite_file = None
    if not os.environ.get("DATABASE_URL"):
        sqlite_file = ROOT / "var" / "bench-tree.sqlite3"
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


def build_tree() -> dict:
    from django.db import transaction

    from sangtao.orgs.models import Level, OrgUnit, UnitKind, UnitSuccession
    from sangtao.orgs.services import unit_bulk_create

    levels = {level.code: level for level in Level.objects.all()}
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    rng = random.Random(2025)

    def row(name, parent, level, kind="front_committee", **extra) -> OrgUnit:
        return OrgUnit(name=name, parent=parent, level=levels[level], kind=kinds[kind], **extra)

    def place() -> str:
        return f"{rng.choice(WORDS)} {rng.choice(WORDS)}"

    with transaction.atomic():
        (central,) = unit_bulk_create(
            units=[row("Ủy ban Trung ương MTTQ Việt Nam", None, "central")]
        )
        provinces = unit_bulk_create(
            units=[
                row(f"Ủy ban MTTQ Việt Nam tỉnh {place()} {number}", central, "province")
                for number in range(1, PROVINCES + 1)
            ]
        )
        middle = []
        for province in provinces:
            for number in range(1, COMMUNES_PER_PROVINCE + 1):
                closed = number % CLOSED_EVERY == 0
                middle.append(
                    row(
                        f"Ủy ban MTTQ Việt Nam xã {place()} {number}",
                        province,
                        "commune",
                        official_code=f"{province.pk:02d}{number:03d}",
                        valid_to=datetime.date(2025, 6, 30) if closed else None,
                    )
                )
            for number in range(1, MEMBER_ORGS_PER_PROVINCE + 1):
                middle.append(
                    row(
                        f"Tổ chức thành viên {number} {place()}", province, "province", "member_org"
                    )
                )
        middle = unit_bulk_create(units=middle)
        communes = [unit for unit in middle if unit.kind.code == "front_committee"]
        left = TOTAL_UNITS - 1 - len(provinces) - len(middle)
        grassroots = [
            row(
                f"Trường {place()} {number}",
                communes[number % len(communes)],
                "grassroots",
                "school",
            )
            for number in range(left)
        ]
        unit_bulk_create(units=grassroots, batch_size=2000)
        successions = [
            UnitSuccession(
                predecessor=commune,
                successor=communes[index + 1],
                kind="merged",
                effective_on=datetime.date(2025, 7, 1),
                legal_basis="Nghị quyết 1682/NQ-UBTVQH15",
            )
            for index, commune in enumerate(communes[:-1])
            if commune.valid_to is not None
        ]
        UnitSuccession.objects.bulk_create(successions)
    return {"central": central, "province": provinces[0], "units": OrgUnit.objects.count()}


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
    return {
        "p50": statistics.median(times),
        "p95": cuts[18],
        "queries": len(queries),
        "rows": response.context["page"].paginator.count,
    }


def main() -> None:
    old_name, sqlite_file = prepare_database()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from sangtao.accounts.models import User
    from sangtao.orgs.selectors import unit_subtree_size

    try:
        start = time.perf_counter()
        built = build_tree()
        build_seconds = time.perf_counter() - start
        setup_test_environment(debug=False)  # responses carry their context; no query log
        client = Client()
        client.force_login(User.objects.create_user("bench", password=None))
        central, province = built["central"], built["province"]
        pages = [
            ("tree root", "/units/"),
            ("big province page", f"/units/{province.pk}/"),
            ("search 'tan binh' in the whole tree", f"/units/{central.pk}/?q=tan+binh"),
            ("subtree counts (central, history)", f"/units/{central.pk}/?history=on"),
        ]
        print(
            f"{connection.vendor}: {built['units']} units built in {build_seconds:.1f} s "
            f"({RUNS} runs a page after {WARMUP} warm-ups)"
        )
        print(f"{'page':38} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'rows':>6}")
        for name, url in pages:
            result = measure(client, url)
            print(
                f"{name:38} {result['p50']:8.1f} {result['p95']:8.1f} "
                f"{result['queries']:8d} {result['rows']:6d}"
            )
        start = time.perf_counter()
        size = unit_subtree_size(unit=central)
        print(
            f"unit_subtree_size(central) = {size} in {(time.perf_counter() - start) * 1000:.1f} ms"
        )
    finally:
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        elif sqlite_file is not None:
            connection.close()


if __name__ == "__main__":
    main()
