"""Speed of the dashboard on an existing generated database (after `manage.py generate_data`):
its selectors, cold (computed, the cache emptied before each run) and warm (from the cache),
and the whole page through Django's test client, for subtrees of every size.

    DATABASE_URL=sqlite:///$PWD/var/dash-1m.sqlite3 .venv/bin/python manage.py generate_data \
        --initiatives 1000000 --units 20000 --years 10 --seed 1
    DATABASE_URL=sqlite:///$PWD/var/dash-1m.sqlite3 .venv/bin/python bench/dashboard.py
    DATABASE_URL=postgres://... .venv/bin/python bench/dashboard.py --runs 50
    ... bench/dashboard.py --only province,commune      # leave the country out

The p95 of "page, cold" is the figure that matters: a page opened after a change.

Subtrees: the whole country (the central committee), the largest province, a district or
commune committee with initiatives and a grassroots unit; each with the newest round year (what
the page opens on), with every year and with one round of that year (the round filter). Prints
the settings, the load averages before, after and at each subtree, and p50/p95/max in ms with
the number of statements of each measure.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


# The CPU time this process spent on each measure, beside the wall-clock time: on a machine
# shared with other work the wall clock waits for a core, the CPU time does not (with SQLite
# the database works in this process and is counted; PostgreSQL's server is not).
CPU: dict[str, list[float]] = {}


def timed(function, runs: int, before=None) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, statements = [], 0
    CPU["last"] = []
    for _ in range(runs):
        if before:
            before()
        with CaptureQueriesContext(connection) as captured:
            start, cpu = time.perf_counter(), time.process_time()
            function()
            times.append((time.perf_counter() - start) * 1000)
            CPU["last"].append((time.process_time() - cpu) * 1000)
        statements = len(captured)
    return times, statements


def _p95(ordered: list[float]) -> float:
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def line(label: str, times: list[float], statements: int) -> str:
    ordered, cpu = sorted(times), sorted(CPU.get("last") or [0.0])
    return (
        f"  {label:28} p50 {statistics.median(ordered):7.1f}  p95 {_p95(ordered):7.1f}  "
        f"max {ordered[-1]:7.1f} ms  (cpu p50 {statistics.median(cpu):6.1f} "
        f"p95 {_p95(cpu):6.1f}; {statements} statements)"
    )


def pick_subtrees():
    from django.db.models import Count

    from sangtao.initiatives.models import Initiative
    from sangtao.orgs.models import OrgUnit

    root = OrgUnit.objects.order_by("depth", "pk").first()
    picked = [("country", root)]
    province = (
        OrgUnit.objects.filter(depth=1).annotate(n=Count("children")).order_by("-n", "pk").first()
    )
    if province:
        picked.append(("largest province", province))
    busy = (
        Initiative.objects.filter(unit__depth=3)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if busy:
        commune = OrgUnit.objects.get(pk=busy["unit_id"])
        picked.append(("busiest commune-level unit", commune))
    grassroots = (
        Initiative.objects.filter(unit__depth__gte=4)
        .values("unit_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    if grassroots:
        picked.append(("busiest grassroots unit", OrgUnit.objects.get(pk=grassroots["unit_id"])))
    return picked


def page_client(unit):
    """A test client signed in (password and second factor) as an officer of `unit`."""
    from django.contrib.auth import SESSION_KEY
    from django.test import Client

    from sangtao.accounts.middleware import SESSION_KEY as TWO_FACTOR_VERIFIED
    from sangtao.accounts.models import Role, RoleMembership, User

    user, _created = User.objects.get_or_create(
        username=f"bench-dashboard-{unit.pk}", defaults={"full_name": "Bench", "unit": unit}
    )
    RoleMembership.objects.get_or_create(user=user, role=Role.OFFICER, unit=unit)
    client = Client()
    client.force_login(user)
    session = client.session
    session[TWO_FACTOR_VERIFIED] = session[SESSION_KEY]
    session.save()
    return client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--cold-runs", type=int, default=10)
    parser.add_argument(
        "--only", default="", help="subtrees whose label holds one of these words (comma list)"
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a database filled by manage.py generate_data.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
    import django

    django.setup()
    import gc
    import logging

    import conditions
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import setup_test_environment

    from sangtao.dashboard import selectors
    from sangtao.initiatives.models import Initiative
    from sangtao.movements.models import Round
    from sangtao.orgs.models import OrgUnit

    setup_test_environment()
    logging.disable(logging.INFO)  # not a line per request
    settings.ALLOWED_HOSTS = ["*"]
    newest = Round.objects.order_by("-year").values_list("year", flat=True).first()
    print(f"machine: {conditions.machine()}")
    print(f"database: {conditions.database()} ({connection.settings_dict['NAME']})")
    print(f"cache: {settings.CACHES['default']['BACKEND']}")
    print(
        f"initiatives: {Initiative.objects.count():,}  units: {OrgUnit.objects.count():,}  "
        f"newest round year: {newest}  runs: {args.runs} warm, {args.cold_runs} cold"
    )
    print(f"python {sys.version.split()[0]}, django {django.get_version()}")
    subtrees = pick_subtrees()
    if args.only:
        words = args.only.split(",")
        subtrees = [(label, unit) for label, unit in subtrees if any(w in label for w in words)]
    gc.collect()
    gc.freeze()
    print(f"load average before: {conditions.load_average()}")
    newest_round = Round.objects.filter(year=newest).order_by("pk").first()
    for label, unit in subtrees:
        client = page_client(unit)
        for year, round in ((newest, None), (None, None), (None, newest_round)):
            filters = selectors.Filters(paths=(unit.path,), year=year, round=round)
            shown = f"round {round.name}" if round else year or "every year"
            load = conditions.load_average()
            print(f"{label} ({unit.name}, {unit.path}) · {shown} · load {load}")
            times, count = timed(
                lambda f=filters: selectors.compute_figures(filters=f), args.cold_runs
            )
            print(line("figures, cold (computed)", times, count))
            selectors.figures(filters=filters)
            times, count = timed(lambda f=filters: selectors.figures(filters=f), args.runs)
            print(line("figures, warm (cache)", times, count))
            times, count = timed(
                lambda f=filters: selectors.milestone_progress(filters=f), args.runs
            )
            print(line("milestones", times, count))
            query = {"year": year or "", "round": round.pk if round else ""}
            client.get("/dashboard/", query)
            times, count = timed(lambda q=query, c=client: c.get("/dashboard/", q), args.runs)
            print(line("page, warm", times, count))
            times, count = timed(
                lambda q=query, c=client: c.get("/dashboard/", q),
                args.cold_runs,
                before=cache.clear,
            )
            print(line("page, cold (cache emptied)", times, count))
    print(f"load average after: {conditions.load_average()}")


if __name__ == "__main__":
    main()
