"""Benchmark of the organisation tree pages with 20,000 units.

    .venv/bin/python bench/tree.py                 # a throwaway SQLite file, var/bench-tree.sqlite3
    DATABASE_URL=postgres://... .venv/bin/python bench/tree.py
                                                   # a throwaway test_<name> database on that server

Builds a national-size tree (central > 34 provinces > their communes and member organisations >
grassroots units, some communes closed and merged into others) through the bulk service, then
renders pages through Django's test Client and prints p50/p95 times and query counts: the tree
root, a big province's page, a search over the whole tree and the central committee's page with
history on (the size of its 20,000-unit subtree and of each province's).

    .venv/bin/python bench/tree.py hand-over       # only the hand-over of a province merger

The hand-over part builds a province-sized merger: an old province closed on 30 June 2025 with
2,000 units (districts and communes closed with their successions, schools below them that
continue) and 50,000 open dossiers, open councils and role grants on the closed units; then
times `manage.py hand_over_reform --on 2025-07-01` (sangtao.orgs.handover: one UPDATE per
successor and step), printing the settings and the load averages before and after.
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


HAND_OVER_UNITS = 2_000
HAND_OVER_DOSSIERS = 50_000
OLD_DISTRICTS = 20
OLD_COMMUNES_PER_DISTRICT = 25
NEW_COMMUNES = 150


def build_merger() -> dict:
    """An old province of 2,000 units merging into a new one, with its open work."""
    from django.db import transaction

    from sangtao.accounts.models import RoleMembership, User
    from sangtao.appraisal.models import Council
    from sangtao.initiatives.models import Initiative
    from sangtao.movements.models import Field, Movement, Round
    from sangtao.orgs.models import Level, OrgUnit, UnitKind, UnitSuccession
    from sangtao.orgs.services import unit_bulk_create

    levels = {level.code: level for level in Level.objects.all()}
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    last_day, merger = datetime.date(2025, 6, 30), datetime.date(2025, 7, 1)
    rng = random.Random(2025)

    def row(name, parent, level, kind="front_committee", **extra) -> OrgUnit:
        return OrgUnit(name=name, parent=parent, level=levels[level], kind=kinds[kind], **extra)

    with transaction.atomic():
        (central,) = unit_bulk_create(units=[row("Ủy ban Trung ương MTTQ", None, "central")])
        new, old = unit_bulk_create(
            units=[
                row("Ủy ban MTTQ tỉnh mới", central, "province"),
                row("Ủy ban MTTQ tỉnh cũ", central, "province", valid_to=last_day),
            ]
        )
        districts = unit_bulk_create(
            units=[
                row(f"Huyện {n}", old, "district", valid_to=last_day)
                for n in range(1, OLD_DISTRICTS + 1)
            ]
        )
        new_communes = unit_bulk_create(
            units=[
                row(f"Xã mới {n}", new, "commune", valid_from=merger)
                for n in range(1, NEW_COMMUNES + 1)
            ]
        )
        communes = unit_bulk_create(
            units=[
                row(f"Xã cũ {d.pk}-{n}", d, "commune", valid_to=last_day)
                for d in districts
                for n in range(1, OLD_COMMUNES_PER_DISTRICT + 1)
            ]
        )
        left = HAND_OVER_UNITS - 1 - len(districts) - len(communes)
        schools = unit_bulk_create(
            units=[
                row(f"Trường {n}", communes[n % len(communes)], "grassroots", "school")
                for n in range(left)
            ],
            batch_size=2000,
        )
        UnitSuccession.objects.bulk_create(
            [UnitSuccession(predecessor=old, successor=new, effective_on=merger)]
            + [UnitSuccession(predecessor=d, successor=new, effective_on=merger) for d in districts]
            + [
                UnitSuccession(
                    predecessor=c,
                    successor=new_communes[index % NEW_COMMUNES],
                    kind="merged" if index % 5 else "partial",
                    effective_on=merger,
                )
                for index, c in enumerate(communes)
            ]
        )
        author = User.objects.create_user("bench-author", password=None, unit=old)
        movement = Movement.objects.create(
            name="Phong trào", unit=new, start_year=2025, end_year=2027
        )
        round_ = Round.objects.create(movement=movement, year=2025, name="Năm 2025")
        field = Field.objects.create(movement=movement, code="chung", name="Chung", order=1)
        for district in districts:
            Council.objects.create(round=round_, unit=district, name=f"Hội đồng {district.name}")
        closed = [old, *districts, *communes]
        states = ["draft", "submitted", "returned", "in_appraisal"]
        dossiers = []
        for n in range(HAND_OVER_DOSSIERS):
            state = states[n % 4]
            filed_by = rng.choice(communes if n % 3 else schools)
            dossiers.append(
                Initiative(
                    title=f"Sáng kiến {n}",
                    state=state,
                    round=round_,
                    field=field,
                    unit=filed_by,
                    appraisal_unit=rng.choice(districts) if state == "in_appraisal" else None,
                    created_by=author,
                )
            )
        Initiative.objects.bulk_create(dossiers, batch_size=2000)
        people = User.objects.bulk_create(
            [User(username=f"bench-{n}", unit=rng.choice(closed)) for n in range(1000)]
        )
        RoleMembership.objects.bulk_create(
            [RoleMembership(user=p, role="clerk", unit=p.unit) for p in people]
        )
    return {"units": len(closed) + len(schools), "dossiers": HAND_OVER_DOSSIERS}


def bench_hand_over() -> None:
    from io import StringIO

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from sangtao.orgs import handover
    from sangtao.orgs.management.commands import hand_over_reform

    start = time.perf_counter()
    built = build_merger()
    print(
        f"\nhand-over: {built['units']} units of the old province, {built['dossiers']} open "
        f"dossiers built in {time.perf_counter() - start:.1f} s"
    )
    print(
        f"settings: {connection.vendor} {connection.settings_dict['NAME']}, "
        f"IN chunk {handover.CHUNK}, progress every {hand_over_reform.PROGRESS_EVERY} "
        f"successors, DEBUG={settings.DEBUG}, cpus={os.cpu_count()}"
    )
    print("load averages before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    out = StringIO()
    start = time.perf_counter()
    call_command("hand_over_reform", "--on", "2025-07-01", stdout=out)
    seconds = time.perf_counter() - start
    print("load averages after:  {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(out.getvalue().rstrip())
    print(f"hand_over_reform: {seconds:.2f} s")
    again = StringIO()
    start = time.perf_counter()
    call_command("hand_over_reform", "--on", "2025-07-01", stdout=again)
    print(f"second run (nothing to do): {time.perf_counter() - start:.2f} s")


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
        if sys.argv[1:] == ["hand-over"]:
            bench_hand_over()
            return
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
        bench_hand_over()
    finally:
        if old_name is not None:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        elif sqlite_file is not None:
            connection.close()


if __name__ == "__main__":
    main()
