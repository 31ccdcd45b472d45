"""Quality and speed of the novelty check, on the hand-written development set.

The set (`tests/data/novelty_devset.csv`, see `tests/data/NOVELTY_DEVSET.md`): 104 base
initiatives, 312 rewordings of six kinds and 104 near-topic distractors, split by base (odd
numbers: training half, even: held out). The background is the generator's data.

    .venv/bin/python bench/novelty.py fit
        fits the flag's logistic model on the training half (no database) and writes
        src/sangtao/initiatives/data/novelty_model.json; prints the held-out pairs' figures.

    DATABASE_URL=... .venv/bin/python bench/novelty.py quality [--set FILE --all]
        on an existing database (e.g. a copy of the shared 1,000,000): the bases are written
        as the newest rows (half of them) and over the oldest rows (the other half), indexed,
        and every rewording and distractor of the held-out half is asked. Prints, per rewording
        kind: the flag's recall (the base flagged among the ten results), the distractors'
        false flags (any result flagged), recall@10 for the newest and the oldest bases, p50 and
        p95 per check, the load average; on PostgreSQL also the trigram baseline
        similarity(unaccent(lower(a)), unaccent(lower(b))) between each query and its base, at
        the threshold that suits the held-out half best (the same run, the same pairs).
        An independent set (--set tests/data/novelty_testset3.csv) is asked whole: --all.

    DATABASE_URL=... .venv/bin/python bench/novelty.py speed --queries 200 [--set FILE]
        the novelty check with the set's rewordings and distractors (the development set's
        unless --set), p50/p95/max. A set not asked before on that server reads pages the
        earlier checks did not: the nearest to a cold cache on a server that must not restart.

    DATABASE_URL=postgres://... .venv/bin/python bench/novelty.py buffers --queries 200 [--seed N]
        the same checks as `speed` with the same seed; each statement run again under EXPLAIN
        (ANALYZE, BUFFERS): p50/p95/max of the shared buffers a check touches (load-free).

    .venv/bin/python bench/novelty.py check --set tests/data/novelty_testset2.csv [--verbose]
        an unseen set (see tests/data/NOVELTY_TESTSET2.md), every row, pairs only, no
        database: per rewording kind the flag's recall (the rewording against its base), the
        distractors' false flags (against their base) and the false flags against the closest
        other base; in the same run pg_trgm's similarity(unaccent(lower(a)), unaccent(lower(b)))
        re-implemented in Python, at the threshold best for that set. --verbose lists each
        missed rewording and each false flag with its probability.
"""

import argparse
import csv
import json
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

DEVSET = ROOT / "tests" / "data" / "novelty_devset.csv"
KINDS = ("tones", "order", "synonym", "abbrev", "phrase", "typing")


def load_devset(path: Path = DEVSET) -> tuple[dict[str, dict], list[dict]]:
    """(bases by group, the other rows) of a set in the dev set's columns, each row with its
    half: "train" (odd group numbers) or "held-out"."""
    bases, asked = {}, []
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            row["half"] = "train" if int(row["group"][1:]) % 2 else "held-out"
            if row["kind"] == "base":
                bases[row["group"]] = row
            else:
                asked.append(row)
    return bases, asked


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")
    import django

    django.setup()


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} (shared machine, not idle)"


def pair_samples(bases: dict, asked: list[dict], half: str | None) -> list[tuple[tuple, int, dict]]:
    """(features, label, row) of the half (None: every row): each rewording with its base (1);
    each distractor with its base (0); each rewording with the closest other base (0)."""
    from sangtao.initiatives import novelty

    samples = []
    titles = {group: base["title"] for group, base in bases.items()}
    for row in asked:
        if half is not None and row["half"] != half:
            continue
        own = novelty.compare(row["title"], titles[row["group"]])
        samples.append((own.features, 0 if row["kind"] == "distractor" else 1, row))
        if row["kind"] != "distractor":
            others = [
                (group, novelty.compare(row["title"], title))
                for group, title in titles.items()
                if group != row["group"]
            ]
            other, closest = max(others, key=lambda item: item[1].features[0])
            samples.append((closest.features, 0, row | {"kind": "other base", "other": other}))
    return samples


MARGIN = 0.1


def fit(args) -> None:
    _setup()
    from sangtao.initiatives import novelty

    bases, asked = load_devset()
    train = pair_samples(bases, asked, "train")
    # A distractor counts three times: there are three rewordings and one "other base" per
    # base, and a false flag is what the council reads as an accusation.
    weighted = [
        (f, label)
        for f, label, row in train
        for _ in range(3 if row["kind"] == "distractor" else 1)
    ]
    weights, bias = novelty.fit(weighted)
    model = novelty.Model(weights, bias, 0.5)
    # The threshold: the highest that keeps every training rewording flagged but at most 1 %
    # of the training distractors, else the one with the fewest errors.
    scored = [(model.probability(f), label) for f, label, row in train]
    distractors = sorted(
        model.probability(f) for f, _l, row in train if row["kind"] == "distractor"
    )
    rewordings = sorted(model.probability(f) for f, label, _row in train if label)
    print(f"training: distractors up to {distractors[-3:]}, rewordings from {rewordings[:3]}")
    # The threshold: the middle of the run of thresholds with the fewest training errors, as
    # shares (the rewordings missed plus the distractors flagged: each target is a share),
    # counted with a margin: a pair closer than MARGIN to the threshold counts as an error, so
    # that one training pair does not pull the threshold up against the distractors.
    errors = {}
    positives = sum(1 for _p, label in scored if label) or 1
    negatives = sum(1 for _f, _l, row in train if row["kind"] == "distractor") or 1
    kinds = [row["kind"] for _f, _l, row in train]
    for step in range(1, 100):
        threshold = step / 100
        missed = sum(1 for p, label in scored if label and p < threshold + MARGIN)
        false = sum(
            1
            for (p, _l), kind in zip(scored, kinds, strict=True)
            if kind == "distractor" and p >= threshold - MARGIN
        )
        errors[step] = round(missed / positives + false / negatives, 9)
    best_errors = min(errors.values())
    steps = [step for step, value in errors.items() if value == best_errors]
    best = steps[len(steps) // 2] / 100
    novelty.MODEL_FILE.write_text(
        json.dumps(
            {
                "features": list(novelty.FEATURES),
                "weights": list(weights),
                "bias": bias,
                "threshold": best,
                "fitted_on": "training half of tests/data/novelty_devset.csv",
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"weights {dict(zip(novelty.FEATURES, weights, strict=True))}, bias {bias}")
    print(f"threshold {best:.2f} (training errors weighted 3:1 {best_errors})")
    model = novelty.Model(weights, bias, best)
    for half in ("train", "held-out"):
        samples = pair_samples(bases, asked, half)
        by_kind = defaultdict(list)
        for f, _label, row in samples:
            by_kind[row["kind"]].append(model.probability(f) >= best)
        print(f"{half}: " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in by_kind.items()))
        if args.verbose and half == "held-out":
            for f, label, row in samples:
                p = model.probability(f)
                if (p >= best) != bool(label):
                    base = bases[row["group"]]["title"]
                    print(f"   {row['kind']:<10} {p:.2f} {row['title']} ~ {base}")


# --- an independent test set, pairs only ------------------------------------------------


def _unaccent_lower(text: str) -> str:
    """unaccent(lower(text)) as PostgreSQL's unaccent dictionary does it for Vietnamese: the
    marks go, đ becomes d."""
    import unicodedata

    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    return "".join(char for char in text if not unicodedata.combining(char))


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams of a text: each alphanumeric word padded with two spaces before and
    one after, every run of three characters."""
    import re

    out = set()
    for word in re.findall(r"[^\W_]+", text):
        padded = f"  {word} "
        out.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return out


def trigram_similarity(a: str, b: str) -> float:
    """similarity(unaccent(lower(a)), unaccent(lower(b))) of pg_trgm, in Python."""
    first, second = trigrams(_unaccent_lower(a)), trigrams(_unaccent_lower(b))
    union = first | second
    return len(first & second) / len(union) if union else 0.0


def _share(values: list[bool]) -> str:
    return f"{sum(values)}/{len(values)} = {sum(values) / len(values):.3f}"


def check(args) -> None:
    """Every row of an unseen set (no halves), pairs only: the flag and the trigram baseline."""
    _setup()
    from sangtao.initiatives import novelty

    path = Path(args.set)
    bases, asked = load_devset(path)
    model = novelty.model()
    samples = pair_samples(bases, asked, None)
    print(f"{path.name}: {len(bases)} bases, {len(asked)} rewordings and distractors; {_load()}")
    print(f"\nnovelty check (ours), every row, threshold {model.threshold:.2f}:")
    flagged = defaultdict(list)
    for features, label, row in samples:
        p = model.probability(features)
        flagged[row["kind"]].append(p >= model.threshold)
        if args.verbose and (p >= model.threshold) != bool(label):
            base = bases[row.get("other", row["group"])]["title"]
            what = "missed" if label else "FALSE FLAG"
            print(f"   {what} {row['group']} {row['kind']:<10} {p:.2f} {row['title']} ~ {base}")
    _report(flagged)
    # the baseline, on the same pairs: trigram similarity with the own base, and with the
    # closest other base by the same similarity
    titles = {group: base["title"] for group, base in bases.items()}
    scored = []
    for row in asked:
        own = trigram_similarity(row["title"], titles[row["group"]])
        scored.append((own, row["kind"], row, row["group"]))
        if row["kind"] != "distractor":
            other, closest = max(
                (
                    (group, trigram_similarity(row["title"], title))
                    for group, title in titles.items()
                    if group != row["group"]
                ),
                key=lambda item: item[1],
            )
            scored.append((closest, "other base", row, other))
    # The threshold best for this set, as shares (as `fit` picks the flag's): the largest
    # share of rewordings caught minus share of distractors flagged. By counts, with three
    # rewordings per distractor, flagging everything would win.
    positives = sum(1 for _s, kind, _r, _g in scored if kind in KINDS)
    negatives = sum(1 for _s, kind, _r, _g in scored if kind == "distractor")
    best = None
    for step in range(5, 100):
        threshold = step / 100
        hit = sum(1 for s, kind, _r, _g in scored if kind in KINDS and s >= threshold)
        false = sum(1 for s, kind, _r, _g in scored if kind == "distractor" and s >= threshold)
        gain = hit / positives - false / negatives
        if best is None or gain > best[1]:
            best = (threshold, gain)
    threshold = best[0]
    print(
        "\npg_trgm similarity(unaccent(lower(a)), unaccent(lower(b))) re-implemented in Python,"
        " at the threshold best for this set (share of rewordings caught minus share of"
        f" distractors flagged) {threshold:.2f}:"
    )
    flagged = defaultdict(list)
    for s, kind, row, group in scored:
        flagged[kind].append(s >= threshold)
        if args.verbose and (s >= threshold) != (kind in KINDS):
            what = "missed" if kind in KINDS else "FALSE FLAG"
            print(f"   {what} {row['group']} {kind:<10} {s:.2f} {row['title']} ~ {titles[group]}")
    _report(flagged)


def _report(flagged: dict[str, list[bool]]) -> None:
    for kind in KINDS:
        print(f"  flag recall {kind:<8} {_share(flagged[kind])}")
    every = [hit for kind in KINDS for hit in flagged[kind]]
    print(f"  flag recall, all kinds {_share(every)}")
    print(f"  false flags on distractors (vs own base) {_share(flagged['distractor'])}")
    print(f"  false flags vs the closest other base {_share(flagged['other base'])}")


# --- on a database ------------------------------------------------------------------------


def _place_bases(bases: dict) -> dict[str, tuple[int, str]]:
    """Write the bases into the database: B001, B002 as the newest rows, B003, B004 over the
    oldest rows, and so on (each half has both); (id, "newest" or "oldest") by group.
    Idempotent."""
    from django.db import transaction

    from sangtao.initiatives.models import Initiative
    from sangtao.initiatives.search import search_index_refresh, search_terms_refresh

    groups = sorted(bases)
    titles = [bases[g]["title"] for g in groups]
    placed = {}
    with transaction.atomic():
        # earlier runs' newest rows go
        top = Initiative.objects.order_by("-pk").values_list("pk", flat=True)[:500]
        Initiative.objects.filter(pk__in=list(top), title__in=titles).delete()
        oldest = list(Initiative.objects.order_by("pk").values_list("pk", flat=True)[: len(groups)])
        template = Initiative.objects.order_by("-pk").first()
        changed = []
        for index, group in enumerate(groups):
            base = bases[group]
            if (index // 2) % 2:
                row = Initiative.objects.get(pk=oldest[index])
                row.title, row.summary = base["title"], base["summary"]
                row.save(update_fields=["title", "summary"])
                placed[group] = (row.pk, "oldest")
            else:
                row = Initiative.objects.get(pk=template.pk)
                row.pk = row.id = None
                import uuid

                row.public_id = uuid.uuid4()
                row.title, row.summary = base["title"], base["summary"]
                row.save()
                placed[group] = (row.pk, "newest")
            changed.append(row)
        search_index_refresh(initiatives=changed)
    if "--no-terms" not in sys.argv:
        started = time.perf_counter()
        search_terms_refresh()
        print(f"term counts refreshed in {time.perf_counter() - started:.1f} s")
    return placed


def _trigram_pairs(pairs: list[tuple[str, str]]) -> list[float]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        out = []
        for a, b in pairs:
            cursor.execute("SELECT similarity(unaccent(lower(%s)), unaccent(lower(%s)))", [a, b])
            out.append(float(cursor.fetchone()[0]))
        return out


def quality(args) -> None:
    _setup()
    from django.db import connection

    from sangtao.initiatives import novelty
    from sangtao.initiatives.models import Initiative
    from sangtao.initiatives.search import similar_ids

    bases, asked = load_devset(Path(args.set))
    started = time.perf_counter()
    placed = _place_bases(bases)
    print(
        f"{connection.vendor}: {Initiative.objects.count():,} initiatives; {len(bases)} bases of "
        f"{Path(args.set).name} placed (half newest, half oldest) in "
        f"{time.perf_counter() - started:.1f} s; {_load()}"
    )
    threshold = novelty.model().threshold
    held = [row for row in asked if row["half"] == "held-out" or args.all]
    flags, recall, timings = defaultdict(list), defaultdict(list), []
    for row in held:
        pk, age = placed[row["group"]]
        t0 = time.perf_counter()
        found = similar_ids(text=row["title"])
        timings.append((time.perf_counter() - t0) * 1000)
        ids = [m[0] for m in found]
        flagged = [m[0] for m in found if m[3] >= threshold]
        if row["kind"] == "distractor":
            flags["distractor"].append(bool(flagged))
        else:
            flags[row["kind"]].append(pk in flagged)
            recall[age].append(pk in ids)
            if args.verbose and pk not in flagged:
                why = "not in the ten" if pk not in ids else "below the bar"
                print(f"   missed ({why}) {row['kind']}: {row['title']}")
        if args.verbose and row["kind"] == "distractor" and flagged:
            print(f"   false flag: {row['title']} -> {flagged}")
    timings.sort()
    asked_rows = "every row" if args.all else "held-out half"
    print(f"\nnovelty check (ours), {asked_rows}, threshold {threshold:.2f}:")
    for kind in KINDS:
        hits = flags[kind]
        print(f"  flag recall {kind:<8} {sum(hits)}/{len(hits)} = {sum(hits) / len(hits):.3f}")
    false = flags["distractor"]
    print(f"  false flags on distractors {sum(false)}/{len(false)} = {sum(false) / len(false):.3f}")
    for age in ("newest", "oldest"):
        hits = recall[age]
        print(f"  recall@10 {age} bases: {sum(hits)}/{len(hits)} = {sum(hits) / len(hits):.3f}")
    print(
        f"  time per check: p50 {statistics.median(timings):.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95)]:.1f} ms; {_load()}"
    )
    if connection.vendor == "postgresql":
        _baseline(bases, held)


def _baseline(bases: dict, held: list[dict]) -> None:
    """Trigram similarity of each held-out query with its base, at its best threshold."""
    scores = _trigram_pairs([(row["title"], bases[row["group"]]["title"]) for row in held])
    best = None
    for step in range(5, 100):
        threshold = step / 100
        hit = sum(
            1
            for r, s in zip(held, scores, strict=True)
            if r["kind"] != "distractor" and s >= threshold
        )
        false = sum(
            1
            for r, s in zip(held, scores, strict=True)
            if r["kind"] == "distractor" and s >= threshold
        )
        if best is None or hit - false > best[1] - best[2]:
            best = (threshold, hit, false)
    threshold = best[0]
    name = "pg_trgm similarity(unaccent(lower(a)), unaccent(lower(b)))"
    print(f"\n{name}, best threshold {threshold:.2f}:")
    for kind in (*KINDS, "distractor"):
        values = [s >= threshold for r, s in zip(held, scores, strict=True) if r["kind"] == kind]
        label = "false flags on distractors" if kind == "distractor" else f"flag recall {kind:<8}"
        print(f"  {label} {sum(values)}/{len(values)} = {sum(values) / len(values):.3f}")


def speed(args) -> None:
    _setup()
    from django.db import connection

    from sangtao.initiatives import novelty
    from sangtao.initiatives.models import Initiative
    from sangtao.initiatives.search import similar_ids

    started = time.perf_counter()
    novelty.dictionary()
    novelty._sizes()
    print(f"dictionary loaded in {(time.perf_counter() - started) * 1000:.0f} ms")
    _bases, asked = load_devset(Path(args.set))
    rng = random.Random(args.seed)
    texts = [row["title"] for row in asked]
    timings = []
    for _ in range(args.queries):
        t0 = time.perf_counter()
        similar_ids(text=rng.choice(texts))
        timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    print(
        f"novelty top-10 among {Initiative.objects.count():,} initiatives on {connection.vendor}: "
        f"{len(timings)} checks, p50 {statistics.median(timings):.1f} ms, "
        f"p95 {timings[int(len(timings) * 0.95)]:.1f} ms, max {timings[-1]:.1f} ms; {_load()}"
    )


def buffers(args) -> None:
    """The same checks as `speed` (same set, seed and count), each statement of `similar_ids`
    run again under EXPLAIN (ANALYZE, BUFFERS): the shared buffers a check touches (hit +
    read), the pages a cold cache would read from disk. It does not depend on the load."""
    _setup()
    from django.db import connection

    from sangtao.initiatives.search import similar_ids

    _bases, asked = load_devset(Path(args.set))
    rng = random.Random(args.seed)
    texts = [row["title"] for row in asked]
    statements: list[tuple[str, object]] = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    counts = []
    for _ in range(args.queries):
        statements.clear()
        with connection.execute_wrapper(capture):
            similar_ids(text=rng.choice(texts))
        touched = 0
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
                plan = cursor.fetchone()[0]
                plan = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
                touched += plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0)
        counts.append(touched)
    counts.sort()
    print(
        f"buffers per check ({len(counts)} checks of {Path(args.set).name}, seed {args.seed}): "
        f"p50 {statistics.median(counts):,.0f}, p95 {counts[int(len(counts) * 0.95)]:,}, "
        f"max {counts[-1]:,}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["fit", "quality", "speed", "check", "buffers"])
    parser.add_argument("--set", default=str(DEVSET), help="the set asked")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--all", action="store_true", help="ask the training half too")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--no-terms", action="store_true", help="keep the term counts")
    args = parser.parse_args()
    modes = {"fit": fit, "quality": quality, "speed": speed, "check": check, "buffers": buffers}
    modes[args.mode](args)


if __name__ == "__main__":
    main()
