"""Speed of the public idea database's pages on an existing database (after generate_data and
search_rebuild): search, filtered list and the page of an initiative, through Django's test
client (URL routing, queries and template rendering included).

    DATABASE_URL=sqlite:///var/portal-1m.sqlite3 .venv/bin/python bench/search.py
    DATABASE_URL=postgres://... .venv/bin/python bench/search.py --requests 200

Prints, for each kind of page, p50/p95/max in ms over `--requests` requests (after one warm-up
each), and the distinct numbers of queries the pages ran.
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
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
    import django

    django.setup()
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


if __name__ == "__main__":
    main()
