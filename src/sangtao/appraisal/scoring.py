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
from math import floor, fsum, sqrt
from statistics import median

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


def to_cents(value: Decimal) -> int:
    """27.5 -> 2750: totals and scores have two decimal places."""
    return int((Decimal(value) * 100).to_integral_value(rounding=ROUND_HALF_UP))


def from_cents(cents: int) -> Decimal:
    """2750 -> Decimal("27.50"), the same value `quantize` gives."""
    return Decimal(cents).scaleb(-2)


def divide_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator (denominator > 0) rounded half away from zero, exactly."""
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((-2 * numerator + denominator) // (2 * denominator))


def normalised_cents(overall_mean: float, overall_sd: float, mean_z: float) -> int:
    """An initiative's normalised value in whole cents (halves up), from the mean and spread
    of every total (in cents) and the mean of its z-scores."""
    return floor(overall_mean + overall_sd * mean_z + 0.5)


def aggregate_cents(
    *,
    count: int,
    total: int,
    lowest: int,
    highest: int,
    method: str,
    values: Sequence[int] | None = None,
) -> int | None:
    """`aggregate` computed in cents from a summary of the totals (count, sum, lowest,
    highest), as SQL gives it; the median needs the values themselves. Equal to
    `to_cents(aggregate(totals, method))` (a property test holds them together)."""
    if not count:
        return None
    if method == MEAN:
        return divide_half_up(total, count)
    if method == TRIMMED_MEAN:
        if count >= 3:
            return divide_half_up(total - lowest - highest, count - 2)
        return divide_half_up(total, count)
    if method == MEDIAN:
        ordered = sorted(values)
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return ordered[middle]
        return divide_half_up(ordered[middle - 1] + ordered[middle], 2)
    raise ValueError(f"Unknown aggregate: {method}")


def spread(totals: Sequence[Decimal]) -> Decimal | None:
    """Highest minus lowest total: how far the members disagree."""
    if not totals:
        return None
    return quantize(max(totals) - min(totals))


def _mean(values: Sequence[float]) -> float:
    """The mean of floats, correctly rounded whatever their order (math.fsum)."""
    return fsum(values) / len(values)


def _pstdev(values: Sequence[float], centre: float) -> float:
    """The population standard deviation around `centre`, independent of the order."""
    return sqrt(fsum((value - centre) ** 2 for value in values) / len(values))


def normalised(sheets: Iterable[tuple[Hashable, Hashable, Decimal]]) -> dict[Hashable, Decimal]:
    """{initiative: normalised value} from (member, initiative, total) triples.

    Worked in cents, with floats summed by math.fsum: independent of the order of the sheets,
    and fast on a province's 15,000 sheets (statistics.mean works in fractions). The
    selectors compute the same in SQL (selectors.SUMMARY_SQL).
    """
    sheets = list(sheets)
    if not sheets:
        return {}
    by_member: dict[Hashable, list[tuple[Hashable, float]]] = defaultdict(list)
    for member, initiative, total in sheets:
        by_member[member].append((initiative, float(to_cents(total))))
    all_totals = [float(to_cents(total)) for _, _, total in sheets]
    overall_mean = _mean(all_totals)
    overall_sd = _pstdev(all_totals, overall_mean)
    z_by_initiative: dict[Hashable, list[float]] = defaultdict(list)
    for rows in by_member.values():
        values = [value for _, value in rows]
        member_mean = _mean(values)
        member_sd = _pstdev(values, member_mean)
        for initiative, value in rows:
            z = (value - member_mean) / member_sd if member_sd > 1e-9 else 0.0
            z_by_initiative[initiative].append(z)
    return {
        initiative: from_cents(normalised_cents(overall_mean, overall_sd, _mean(zs)))
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
    """Rows ordered as the ranking table shows them (see the module docstring for ties).

    Sorted in stable passes from the last tie-break to the first (each pass keeps the order
    of the previous one among equals), which is the order of the composite key without
    negating thousands of decimals.
    """
    lowest = Decimal("-1e18")
    ordered = sorted(rows, key=lambda row: row.tiebreak_id)
    ordered.sort(
        key=lambda row: (
            row.submitted_at is None,
            row.submitted_at.timestamp() if row.submitted_at is not None else 0,
        )
    )
    ordered.sort(
        key=lambda row: (
            row.first_criterion_mean if row.first_criterion_mean is not None else lowest
        ),
        reverse=True,
    )
    ordered.sort(
        key=lambda row: row.normalised if row.normalised is not None else lowest, reverse=True
    )
    ordered.sort(
        key=lambda row: row.aggregate if row.aggregate is not None else lowest, reverse=True
    )
    return ordered


def failing_criteria(
    figures: dict[Hashable, Decimal | None], minimums: Sequence[tuple[Hashable, Decimal]]
) -> list[Hashable]:
    """The criteria, in the order of `minimums` ((criterion, minimum) pairs), whose council
    figure is below their minimum: exactly at the minimum passes, an unscored criterion is
    not judged."""
    return [
        criterion
        for criterion, minimum in minimums
        if figures.get(criterion) is not None and figures[criterion] < minimum
    ]


def refusal_grade(scale: Sequence[tuple[Hashable, Decimal, bool]]):
    """The grade proposed when a criterion fails: the lowest (grade, lowest total,
    recognised) of the scale that is not recognised ("Không đạt"), or None without one."""
    refused = [(low, grade) for grade, low, recognised in scale if not recognised]
    return min(refused, key=lambda pair: pair[0])[1] if refused else None


def propose_grade(
    total: Decimal | None,
    scale: Sequence[tuple[Hashable, Decimal]],
    *,
    failing: Sequence[Hashable] = (),
    refusal=None,
):
    """The grade whose lowest total is the highest one `total` reaches, or None.

    The plan recognises an initiative only when every criterion holds: with `failing`
    criteria the proposal is `refusal` (see `refusal_grade`), whatever the total.
    """
    if total is None:
        return None
    if failing:
        return refusal
    reached = [(low, grade) for grade, low in scale if total >= low]
    if not reached:
        return None
    return max(reached, key=lambda pair: pair[0])[1]
