"""Speed of the public idea database's pages on an existing database (after generate_data and
search_rebuild): search, filtered list and the page of an initiative, through Django's test
client (URL routing, queries and template rendering included).

    DATABASE_URL=sqlite:///var/portal-1m.sqlite3 .venv/bin/python bench/search.py
    DATABASE_URL=postgres://... .venv/bin/python bench/search.py --requests 200

Prints, for each kind of page, p50/p95/max in ms over `--requests` requests (after one warm-up
each), and the distinct numbers of queries the pages ran.

    DATABASE_URL=postgres://... .venv/bin/python bench/search.py --public 300 [--year]

PostgreSQL, `--public N`: the database's side of N public searches drawn as the load test's
public types them (bench/load/searches.py, seeded), each through `search_ranked_ids` twice (the
first warms the cache), and the same window read by one GIN statement over the entries (the
way before the narrow copy of the recognised rows, migration 0004), which must give the same
ids in the same order. For each: p50/p95 of the wall time, of the database backend's CPU time
(its /proc stat, when the server runs on this machine) and of the shared buffers its
statements touch (EXPLAIN (ANALYZE, BUFFERS) of each statement once more), with the server's
settings and the load average before and after.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

# What people type: with tones, without, with Telex slips, abbreviations, a few rare words.
QUERIES = [
    "sáng kiến nâng cao năng suất",
    "sang kien nang cao nang suat",
    "sangs kieens nawng suaats",
    "ứng dụng công nghệ thông tin",
    "ung dung CNTT",
    "số hóa hồ sơ",
    "so hoa ho so hoi vien",
    "mô hình dân vận khéo",
    "mo hinh dan van kheo",
    "giảm chi phí sản xuất",
    "nuôi cá lồng",
    "trồng rau an toàn",
    "phòng cháy chữa cháy",
    "học sinh dân tộc thiểu số",
    "tiết kiệm điện",
    "xử lý rác thải",
    "chuyển đổi số",
    "máy gieo hạt",
    "kinh nghiệm",
    "quản lý",
]


def _percentiles(timings: list[float]) -> str:
    timings = sorted(timings)
    return (
        f"p50 {statistics.median(timings):6.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95)]:6.1f} ms, max {timings[-1]:6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Speed of the public portal's pages.")
    parser.add_argument("--requests", type=int, default=200, help="per kind of page")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--public", type=int, default=0, help="N public searches (PostgreSQL)")
    parser.add_argument("--year", action="store_true", help="with --public: a year facet too")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
    import django

    django.setup()
    if args.public:
        public_searches(args.public, seed=args.seed, year=args.year)
        return
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sangtao.initiatives.models import Initiative, SearchEntry
    from sangtao.movements.models import Field
    from sangtao.orgs.models import Level, OrgUnit

    settings.ALLOWED_HOSTS = ["*"]
    rng = random.Random(args.seed)
    client = Client()
    public = SearchEntry.objects.filter(is_public=True)
    total, recognised = Initiative.objects.count(), public.count()
    print(f"{total:,} initiatives ({recognised:,} recognised) on {connection.vendor}")
    fields = list(Field.objects.values_list("pk", flat=True))
    years = sorted({y for y in public.values_list("year", flat=True).distinct() if y})
    levels = list(Level.objects.values_list("pk", flat=True))
    units = list(OrgUnit.objects.filter(depth__lte=2).values_list("pk", flat=True))
    top = public.order_by("-pk").values_list("pk", flat=True).first() or 0
    detail_ids = []
    while len(detail_ids) < args.requests and top:
        pk = public.filter(pk__gte=rng.randint(1, top)).order_by("pk").values_list("pk", flat=True)
        found = pk.first()
        if found:
            detail_ids.append(found)
    ids = dict(Initiative.objects.filter(pk__in=detail_ids).values_list("pk", "public_id"))

    def search():
        return "/ideas/", {"q": rng.choice(QUERIES)}

    def search_filtered():
        return "/ideas/", {"q": rng.choice(QUERIES), "year": rng.choice(years)}

    def filtered():
        params = rng.choice(
            [
                {"field": rng.choice(fields)},
                {"year": rng.choice(years)},
                {"level": rng.choice(levels)},
                {"unit": rng.choice(units)},
                {"year": rng.choice(years), "kind": "method"},
                {"unit": rng.choice(units), "sort": "oldest"},
                {"page": rng.randint(2, 50)},
            ]
        )
        return "/ideas/", params

    def detail():
        return f"/ideas/{ids[rng.choice(detail_ids)]}/", {}

    pages = {
        "search": search,
        "search + year": search_filtered,
        "filtered list": filtered,
        "initiative page": detail,
    }
    for name, make in pages.items():
        url, params = make()
        client.get(url, params)  # warm up
        timings, counts, statuses = [], set(), set()
        for _ in range(args.requests):
            url, params = make()
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                response = client.get(url, params)
                timings.append((time.perf_counter() - t0) * 1000)
            counts.add(len(captured.captured_queries))
            statuses.add(response.status_code)
        print(
            f"{name:16} {_percentiles(timings)}; queries per page {sorted(counts)}; "
            f"status {sorted(statuses)}"
        )


# The window as one statement read it before migration 0004: every public match through the
# partial GIN index of the entries, the RECENT_WINDOW newest ranked.
_GIN = (
    "SELECT id, ts_rank(w.tsv, q) AS s FROM (SELECT e.initiative_id AS id, e.tsv "
    "FROM initiatives_searchentry e WHERE e.tsv @@ to_tsquery('simple', %s) AND e.is_public "
    "{facets}ORDER BY recognised_at DESC, initiative_id DESC LIMIT {window}) w, "
    "to_tsquery('simple', %s) q ORDER BY s DESC, id DESC LIMIT {candidates}"
)


def _backend_cpu(pid: int) -> float | None:
    """Seconds of CPU the database backend `pid` has used (None: not on this machine)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measured(cursor, pid: int, run) -> tuple[object, float, float | None, int]:
    """What `run()` returns, its wall ms, the backend's CPU ms, and the shared buffers (hit and
    read) of the statements it ran, each explained once more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cpu = _backend_cpu(pid)
    with CaptureQueriesContext(connection) as captured:
        t0 = time.perf_counter()
        result = run()
        wall = (time.perf_counter() - t0) * 1000
    spent = _backend_cpu(pid)
    buffers = 0
    for query in captured.captured_queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
            continue
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
        plan = cursor.fetchone()[0][0]["Plan"]
        buffers += plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0)
    return result, wall, None if cpu is None else (spent - cpu) * 1000, buffers


def _p(values: list[float]) -> str:
    values = sorted(values)
    return f"p50 {statistics.median(values):7.1f}, p95 {values[int(len(values) * 0.95)]:7.1f}"


def public_searches(n: int, *, seed: int, year: bool) -> None:
    """The database's side of `n` public searches, the narrow copy against one GIN statement."""
    from django.db import connection

    from sangtao.initiatives import search
    from sangtao.initiatives import text as vtext
    from sangtao.initiatives.models import SearchEntry

    sys.path.insert(0, str(ROOT / "bench" / "load"))
    from searches import search_query

    print("load average before:", " ".join(f"{v:.2f}" for v in os.getloadavg()))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', "
            "'full_page_writes', 'shared_buffers', 'jit', 'work_mem', 'server_version')"
        )
        print("settings:", ", ".join(f"{k}={v}" for k, v in cursor.fetchall()))
        cursor.execute(
            "SELECT pg_backend_pid(), count(*) FILTER (WHERE is_public), count(*) "
            "FROM initiatives_searchentry"
        )
        pid, public, total = cursor.fetchone()
    print(f"{total:,} entries, {public:,} recognised; {n} searches, seed {seed}, year: {year}")
    rng = random.Random(seed)
    figures = {"now": ([], [], []), "one GIN statement": ([], [], [])}
    differ = 0
    with connection.cursor() as cursor:
        for _ in range(n):
            query = search_query(rng)
            facets = {"is_public": True} | ({"year": rng.randint(2017, 2025)} if year else {})
            words = list(dict.fromkeys(vtext.syllables(query)))
            if not words:
                continue
            bigrams = [a + b for a, b in zip(words, words[1:], strict=False)]
            match = search._fts_match(words, list(dict.fromkeys(bigrams)))
            extra = "AND e.year = %s " if year else ""
            sql = _GIN.format(
                facets=extra, window=search.RECENT_WINDOW, candidates=search.CANDIDATES
            )
            values = [" & ".join(words), *([facets["year"]] if year else []), match]

            def now(query=query, facets=facets):
                return search.search_ranked_ids(query=query, facets=facets)

            def gin(sql=sql, values=values):
                cursor.execute(sql, values)
                return [row[0] for row in cursor.fetchall()]

            for name, run in (("now", now), ("one GIN statement", gin)):
                run()  # warm
                result, wall, cpu, buffers = _measured(cursor, pid, run)
                figures[name][0].append(wall)
                figures[name][1].append(cpu if cpu is not None else float("nan"))
                figures[name][2].append(buffers)
                if name == "now":
                    mine = result
            # as search_ranked_ids puts it: the exact titles first, then the ranked ids
            exact = SearchEntry.objects.filter(title_key=vtext.key(query), **facets)
            first = list(exact.values_list("initiative_id", flat=True)[:5])
            differ += mine != list(dict.fromkeys(first + result))
    for name, (walls, cpus, buffers) in figures.items():
        print(f"{name:18} wall ms {_p(walls)}; backend CPU ms {_p(cpus)}; buffers {_p(buffers)}")
    print(f"searches whose ids differ from the one statement's: {differ}")
    print("load average after:", " ".join(f"{v:.2f}" for v in os.getloadavg()))


if __name__ == "__main__":
    main()
