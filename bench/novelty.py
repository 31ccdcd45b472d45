"""Quality and speed of the novelty check (initiatives.search.similar_ids).

Quality (a throwaway database; PostgreSQL also runs the trigram baseline in the same run):

    .venv/bin/python bench/novelty.py quality          # SQLite, var/bench-novelty.sqlite3
    scripts/with-postgres sh -c \
        'DATABASE_URL=$TEST_POSTGRES_URL .venv/bin/python bench/novelty.py quality'
    options: --originals 200 --distractors 5000 --seed 1

200 original dossiers (title and summary, written by the synthetic composer of
`sangtao.demo.synthetic` from its Vietnamese vocabulary) and 5,000 near-topic ones (same
domains, same phrasing patterns) are indexed. Each original gets 5 rewordings made by code:
tones removed, word order changed, synonyms, abbreviations, a sentence added and one dropped.
200 further near-topic dossiers that are not in the index are asked too (they must not be
flagged). Reported: recall at 10 (the original among the 10 most similar, ranked by cosine),
and the precision and recall of the near-duplicate flag (a result whose duplicate score,
`search.duplicate_scores`, is at or above the threshold; for trigram, its similarity) with
the threshold calibrated on the first half of the originals and measured on the second half.
PostgreSQL trigram similarity (`pg_trgm.similarity`, what Decidim uses) on the same texts is
measured the same way.

Speed (an existing database, e.g. after generate_data and search_rebuild):

    DATABASE_URL=... .venv/bin/python bench/novelty.py speed --queries 200

asks the novelty check (top 10 among every initiative) with reworded texts of random
initiatives and prints p50/p95/max in ms and the queries per check.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

# Rewordings an author would write (none of these pairs is needed by the method: some are in
# its synonym map, some are not).
SYNONYMS = [
    ("nâng cao", "cải thiện"),
    ("giải pháp", "biện pháp"),
    ("ứng dụng", "sử dụng"),
    ("giảm", "cắt giảm"),
    ("chi phí", "kinh phí"),
    ("số hóa", "tin học hóa"),
    ("tăng", "gia tăng"),
    ("hiệu quả", "kết quả"),
    ("cải tiến", "đổi mới"),
    ("quản lý", "theo dõi"),
    ("người dân", "bà con"),
    ("xây dựng", "thiết lập"),
    ("thời gian", "thời lượng"),
    ("giúp", "hỗ trợ"),
]
ABBREVIATIONS = [
    ("công nghệ thông tin", "CNTT"),
    ("học sinh", "HS"),
    ("giáo viên", "GV"),
    ("nông dân", "ND"),
    ("Hội Nông dân", "HND"),
    ("hợp tác xã", "HTX"),
    ("Ủy ban nhân dân", "UBND"),
    ("trung học phổ thông", "THPT"),
    ("trung học cơ sở", "THCS"),
    ("phòng cháy chữa cháy", "PCCC"),
    ("cán bộ", "CB"),
]
EXTRA_SENTENCES = [
    "Cách làm đã được áp dụng thành công và được nhiều đơn vị học tập.",
    "Mô hình được cấp ủy, chính quyền địa phương đánh giá cao.",
    "Tác giả mong muốn được chia sẻ kinh nghiệm với các đơn vị bạn.",
]


def _strip_tones(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def _replace_all(text: str, pairs, rng, share: float = 1.0) -> str:
    for old, new in pairs:
        if old in text and rng.random() < share:
            text = text.replace(old, new)
        elif old.capitalize() in text and rng.random() < share:
            text = text.replace(old.capitalize(), new)
    return text


def rewordings(title: str, summary: str, rng: random.Random) -> list[tuple[str, str, str]]:
    """Five (kind, title, summary) rewordings of one dossier."""
    out = [("tones removed", _strip_tones(title), _strip_tones(summary))]
    # word order: the title's clauses around a linking word swap, the summary's sentences too
    parts = re.split(r" (trong|để|bằng|tại|phục vụ|ở|giúp) ", title, maxsplit=1)
    moved = f"{parts[2][0].upper()}{parts[2][1:]}: {parts[0].lower()}" if len(parts) == 3 else title
    sentences = _sentences(summary)
    out.append(("word order", moved, " ".join(reversed(sentences))))
    out.append(
        ("synonyms", _replace_all(title, SYNONYMS, rng), _replace_all(summary, SYNONYMS, rng))
    )
    out.append(
        (
            "abbreviations",
            _replace_all(title, ABBREVIATIONS, rng),
            _replace_all(summary, ABBREVIATIONS, rng),
        )
    )
    changed = sentences[:1] if len(sentences) > 1 else sentences
    out.append(
        ("sentence added or dropped", title, " ".join([*changed, rng.choice(EXTRA_SENTENCES)]))
    )
    return out


def prepare_database() -> None:
    if not os.environ.get("DATABASE_URL"):
        path = ROOT / "var" / "bench-novelty.sqlite3"
        path.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    else:
        call_command("migrate", verbosity=0)


def _index(texts: list[tuple[str, str]]) -> list[int]:
    from sangtao.initiatives.models import Initiative
    from sangtao.initiatives.search import search_index_rebuild
    from tests.factories import make_unit, make_user

    unit = make_unit("Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", level_code="province")
    user = make_user("bench_novelty", unit=unit)
    Initiative.objects.bulk_create(
        [Initiative(title=t, summary=s, unit=unit, created_by=user) for t, s in texts],
        batch_size=1000,
    )
    search_index_rebuild()
    return list(Initiative.objects.order_by("pk").values_list("pk", flat=True))


def _trigram_search(text: str, limit: int = 10) -> list[tuple[int, float]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, similarity(doc, %s) AS s FROM bench_trgm ORDER BY s DESC, id LIMIT %s",
            [text.lower(), limit],
        )
        return [(row[0], float(row[1])) for row in cursor.fetchall()]


def _prepare_trigram() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(
            "CREATE TABLE bench_trgm AS SELECT id, lower(title || ' ' || summary) AS doc "
            "FROM initiatives_initiative"
        )
        cursor.execute("ANALYZE bench_trgm")


def _flag_scores(results, truth) -> tuple[list[float], list[float]]:
    """Scores of correct and of wrong (query, result) pairs among the top 10."""
    right, wrong = [], []
    for found, original in zip(results, truth, strict=True):
        for pk, score in found:
            (right if pk == original else wrong).append(score)
    return right, wrong


def _precision_recall(right, wrong, threshold: float, positives: int) -> tuple[float, float]:
    tp = sum(1 for s in right if s >= threshold)
    fp = sum(1 for s in wrong if s >= threshold)
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / positives if positives else 0.0)


def _calibrate(right, wrong, positives: int) -> float:
    """The threshold with the best F1 on the calibration half."""
    best, best_f1 = 1.0, -1.0
    for step in range(5, 100):
        threshold = step / 100
        p, r = _precision_recall(right, wrong, threshold, positives)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    return best


def quality(args) -> None:
    prepare_database()
    from django.db import connection

    from sangtao.initiatives.search import duplicate_scores, similar_ids

    def ours(text: str) -> list[tuple[int, float]]:
        found = similar_ids(text=text)
        scores = duplicate_scores([evidence for *_rest, evidence in found])
        return [(match[0], score) for match, score in zip(found, scores, strict=True)]

    rng = random.Random(args.seed)
    from sangtao.demo.synthetic import compose_texts as compose

    originals = compose(args.originals, args.seed)
    distractors = compose(args.distractors, args.seed + 1)
    novel = compose(args.originals, args.seed + 2)
    started = time.perf_counter()
    ids = _index(originals + distractors)
    print(
        f"indexed {len(ids):,} dossiers ({args.originals} originals, {args.distractors:,} "
        f"near-topic) on {connection.vendor} in {time.perf_counter() - started:.1f} s"
    )
    methods = {"novelty check (ours)": ours}
    if connection.vendor == "postgresql":
        _prepare_trigram()
        methods["pg_trgm similarity"] = _trigram_search
    half = args.originals // 2
    queries = []  # (part, kind, text, original id or None)
    for index, (title, summary) in enumerate(originals):
        part = "calibration" if index < half else "test"
        for kind, new_title, new_summary in rewordings(title, summary, rng):
            queries.append((part, kind, f"{new_title}\n{new_summary}", ids[index]))
    for index, (title, summary) in enumerate(novel):
        queries.append(
            ("calibration" if index < half else "test", "novel", f"{title}\n{summary}", None)
        )
    print(f"{sum(1 for q in queries if q[3])} rewordings and {len(novel)} novel dossiers asked")
    for name, method in methods.items():
        timings, results = [], []
        for _part, _kind, text, _original in queries:
            t0 = time.perf_counter()
            results.append(method(text))
            timings.append((time.perf_counter() - t0) * 1000)
        asked = [(q, r) for q, r in zip(queries, results, strict=True) if q[3]]
        recall = sum(1 for q, r in asked if q[3] in [pk for pk, _s in r[:10]]) / len(asked)
        by_kind = {}
        for q, r in asked:
            by_kind.setdefault(q[1], []).append(q[3] in [pk for pk, _s in r[:10]])
        cal = [(q, r) for q, r in zip(queries, results, strict=True) if q[0] == "calibration"]
        test = [(q, r) for q, r in zip(queries, results, strict=True) if q[0] == "test"]
        right, wrong = _flag_scores([r for _q, r in cal], [q[3] for q, _r in cal])
        threshold = _calibrate(right, wrong, sum(1 for q, _r in cal if q[3]))
        right, wrong = _flag_scores([r for _q, r in test], [q[3] for q, _r in test])
        precision, flag_recall = _precision_recall(
            right, wrong, threshold, sum(1 for q, _r in test if q[3])
        )
        timings.sort()
        print(f"\n{name}")
        print(f"  recall@10: {recall:.3f}")
        for kind, hits in by_kind.items():
            print(f"    {kind}: {sum(hits) / len(hits):.3f}")
        print(
            f"  near-duplicate flag (threshold {threshold:.2f}, calibrated on half): "
            f"precision {precision:.3f}, recall {flag_recall:.3f} on the other half"
        )
        print(
            f"  time per check: p50 {timings[len(timings) // 2]:.1f} ms, "
            f"p95 {timings[int(len(timings) * 0.95)]:.1f} ms"
        )


def speed(args) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from sangtao.initiatives.models import Initiative
    from sangtao.initiatives.search import cosine_to, similar_ids

    rng = random.Random(args.seed)
    top = Initiative.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    picked = []  # (reworded text, the initiative it was reworded from)
    while len(picked) < args.queries:
        row = (
            Initiative.objects.filter(pk__gte=rng.randint(1, top))
            .order_by("pk")
            .values("pk", "title", "summary")
            .first()
        )
        if row:
            kind, title, summary = rng.choice(rewordings(row["title"], row["summary"], rng))
            picked.append((f"{title}\n{summary}", row["pk"]))
    timings, counts, found = [], set(), []
    for text, source in picked:
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            t0 = time.perf_counter()
            top10 = similar_ids(text=text)
            timings.append((time.perf_counter() - t0) * 1000)
        counts.add(len(captured.captured_queries))
        found.append((text, source, top10))
    # The source among the ten, or ten results at least as like the text as the source: the
    # candidates missed nothing better (the synthetic dataset repeats whole texts, so more
    # than ten rows can tie with the source).
    listed = sum(1 for _text, source, top10 in found if source in [m[0] for m in top10])
    complete = sum(
        1
        for text, source, top10 in found
        if source in [m[0] for m in top10]
        or (len(top10) == 10 and top10[-1][1] >= cosine_to(text=text, initiative_id=source) - 1e-9)
    )
    timings.sort()
    print(
        f"novelty top-10 among {Initiative.objects.count():,} initiatives on {connection.vendor}: "
        f"{len(timings)} checks, p50 {statistics.median(timings):.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95)]:.1f} ms, max {timings[-1]:.1f} ms; "
        f"queries per check: {sorted(counts)}; source among the ten {listed / len(found):.3f}, "
        f"source or ten at least as similar {complete / len(found):.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["quality", "speed"])
    parser.add_argument("--originals", type=int, default=200)
    parser.add_argument("--distractors", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    quality(args) if args.mode == "quality" else speed(args)


if __name__ == "__main__":
    main()
