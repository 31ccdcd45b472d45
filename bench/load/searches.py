"""What the load test's public types into the search box: a long tail, not six fixed strings.

A kept public page (sangtao.core.public_pages) makes a search asked again free, so a mix of a
few fixed queries would flatter it. `QUERIES` holds a few hundred queries of two to four words,
typed without tones, cut from the phrases the synthetic dataset's titles and summaries are made
of (`sangtao.demo.synthetic_vocab`: each domain's tasks, records, goals, devices and models,
the technologies, savings, crops and process directions). `search_query` draws one:

- with probability HEAD, one of QUERIES by a Zipf law of exponent 1 (the query of rank r is
  asked in proportion to 1/r: the commonest about 13 % of these, half of them among the
  top 25 or so), as the searches of a public site are spread;
- otherwise two words from two different phrases, which people rarely type alike
  (thousands of pairs): the tail that no kept page answers.
"""

import random
import sys
import unicodedata
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from sangtao.demo import synthetic_vocab as vocab  # noqa: E402 (data only, no Django)

HEAD = 0.7
SEED = 19


def toneless(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _phrases() -> list[str]:
    phrases = [*vocab.TECHNOLOGIES, *vocab.SAVINGS, *vocab.CROPS, *vocab.PROCESS_DIRECTIONS]
    for domain in vocab.DOMAINS.values():
        for part in ("tasks", "records", "goals", "devices", "models"):
            phrases += domain.get(part, [])
    clean = []
    for phrase in phrases:
        words = toneless(phrase.split("{")[0]).replace(",", " ").replace("-", " ").split()
        if len(words) >= 2:
            clean.append(words)
    return clean


def _queries() -> list[str]:
    found: dict[str, None] = {}
    for words in _phrases():
        found[" ".join(words[:2])] = None
        found[" ".join(words[:4])] = None
        if len(words) >= 5:
            found[" ".join(words[-3:])] = None
    queries = list(found)
    random.Random(SEED).shuffle(queries)  # which query is common: not the vocabulary's order
    return queries


PHRASES = _phrases()
QUERIES = _queries()
_WEIGHTS = list(accumulate(1 / rank for rank in range(1, len(QUERIES) + 1)))


def search_query(rng: random.Random = random) -> str:
    if rng.random() < HEAD:
        return rng.choices(QUERIES, cum_weights=_WEIGHTS)[0]
    first, second = rng.sample(PHRASES, 2)
    return f"{rng.choice(first)} {rng.choice(second)}"


def kept_share(users: int, *, workers: int = 3, lifetime: float = 60, seconds: float = 600):
    """The share of searches and of idea pages a worker finds kept, for the mix's public
    (6 of 11 people, a click every 10 s on average, 4 of 7 a search followed by one of its
    ~20 results), spread evenly over `workers`; a simulation, seeded."""
    rng = random.Random(5)
    rate = users * 6 / 11 * 0.1 * 4 / 7 / workers
    seen: dict = {}
    kept = {"search": 0, "idea": 0}
    now, asked = 0.0, int(rate * seconds)
    for _ in range(asked):
        now += rng.expovariate(rate)
        query = search_query(rng)
        for kind, key in (("search", query), ("idea", (query, rng.randrange(20)))):
            if key in seen and now - seen[key] < lifetime:
                kept[kind] += 1
            else:
                seen[key] = now
    return {kind: count / asked for kind, count in kept.items()}


if __name__ == "__main__":
    print(len(QUERIES), "queries;", len(PHRASES), "phrases; e.g.:")
    for _ in range(12):
        print(" ", search_query())
    for users in (200, 500):
        print(users, "users: kept", kept_share(users))
