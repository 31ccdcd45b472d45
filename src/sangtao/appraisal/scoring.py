"""Pure functions of appraisal: weighted totals, aggregates, normalisation, ranking, grades.

No database here: the services feed these plain values, and property tests check them.

Normalisation: each member's submitted totals in the council become z-scores (how far above
or below that member's own mean, in that member's own spread), so that a harsh and a lenient
member weigh alike. An initiative's normalised value is the mean of its z-scores, put back on
the score scale as `overall mean + overall spread × mean z`. A member with one sheet, or who
gave every initiative the same total, says nothing about order: their z-scores are 0.

Ranking: by the council's aggregate (highest first); ties are broken by the normalised value,
then by the mean score of the first criterion (novelty, tính mới), then by the earlier
submission, then by the initiative's id, so the order is total and stable.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import mean, median, pstdev

TWO_PLACES = Decimal("0.01")

MEAN, MEDIAN, TRIMMED_MEAN = "mean", "median", "trimmed_mean"


def quantize(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def weighted_total(scores: dict[Hashable, Decimal], weights: dict[Hashable, Decimal]) -> Decimal:
    """Σ score × weight over the criteria; every criterion must be scored."""
    missing = set(weights) - {key for key, value in scores.items() if value is not None}
    if missing:
        raise ValueError(f"Unscored criteria: {sorted(map(str, missing))}")
    return quantize(sum(Decimal(scores[key]) * Decimal(weights[key]) for key in weights))


def aggregate(totals: Sequence[Decimal], method: str) -> Decimal | None:
    """The council's figure for one initiative from its sheets' weighted totals."""
    if not totals:
        return None
    values = sorted(Decimal(t) for t in totals)
    if method == MEAN:
        return quantize(sum(values) / len(values))
    if method == MEDIAN:
        return quantize(median(values))
    if method == TRIMMED_MEAN:
        if len(values) >= 3:
            values = values[1:-1]
        return quantize(sum(values) / len(values))
    raise ValueError(f"Unknown aggregate: {method}")


def spread(totals: Sequence[Decimal]) -> Decimal | None:
    """Highest minus lowest total: how far the members disagree."""
    if not totals:
        return None
    return quantize(max(totals) - min(totals))


def normalised(sheets: Iterable[tuple[Hashable, Hashable, Decimal]]) -> dict[Hashable, Decimal]:
    """{initiative: normalised value} from (member, initiative, total) triples."""
    sheets = list(sheets)
    if not sheets:
        return {}
    by_member: dict[Hashable, list[tuple[Hashable, float]]] = defaultdict(list)
    for member, initiative, total in sheets:
        by_member[member].append((initiative, float(total)))
    all_totals = [float(total) for _, _, total in sheets]
    overall_mean, overall_sd = mean(all_totals), pstdev(all_totals)
    z_by_initiative: dict[Hashable, list[float]] = defaultdict(list)
    for rows in by_member.values():
        values = [value for _, value in rows]
        member_mean, member_sd = mean(values), pstdev(values)
        for initiative, value in rows:
            z = (value - member_mean) / member_sd if member_sd > 1e-9 else 0.0
            z_by_initiative[initiative].append(z)
    return {
        initiative: quantize(overall_mean + overall_sd * mean(zs))
        for initiative, zs in z_by_initiative.items()
    }


@dataclass(frozen=True)
class RankRow:
    initiative: Hashable
    aggregate: Decimal | None
    normalised: Decimal | None
    first_criterion_mean: Decimal | None
    submitted_at: object  # a datetime, or None
    tiebreak_id: int


def rank(rows: Iterable[RankRow]) -> list[RankRow]:
    """Rows ordered as the ranking table shows them (see the module docstring for ties)."""
    lowest = Decimal("-1e18")

    def key(row: RankRow):
        return (
            -(row.aggregate if row.aggregate is not None else lowest),
            -(row.normalised if row.normalised is not None else lowest),
            -(row.first_criterion_mean if row.first_criterion_mean is not None else lowest),
            row.submitted_at is None,
            row.submitted_at.timestamp() if row.submitted_at is not None else 0,
            row.tiebreak_id,
        )

    return sorted(rows, key=key)


def propose_grade(total: Decimal | None, scale: Sequence[tuple[Hashable, Decimal]]):
    """The grade whose lowest total is the highest one `total` reaches, or None."""
    if total is None:
        return None
    reached = [(low, grade) for grade, low in scale if total >= low]
    if not reached:
        return None
    return max(reached, key=lambda pair: pair[0])[1]
