"""How far a council's members agree: Krippendorff's alpha and each member's leniency.

Pure functions over plain values (no database): the selectors feed them a council's
submitted sheets, and tests/appraisal/test_agreement.py checks them against Krippendorff's
published worked example.

**Alpha** (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011) is
`1 - D_o / D_e`: the disagreement observed between values given to the same unit (here an
initiative), over the disagreement expected by chance among all values. Only *pairable*
values count: those of units that two or more coders (members) scored, so a council whose
members scored different initiatives is measured on what they share. For interval data the
difference of two values is their squared difference; summed over the pairs of a unit it is
`2 (m Σv² - (Σv)²)`, so alpha needs only each unit's count, sum and sum of squares.

**In words** (`level`): Krippendorff (Content Analysis, 2nd ed. 2004, p. 241) advises to
"rely only on variables with reliabilities above α = .800" and to "consider variables with
reliabilities between α = .667 and α = .800 only for drawing tentative conclusions";
hence high from 0.800, medium from 0.667, low below.

**Leniency** of a member: the mean, over the initiatives they scored together with others, of
their total minus the mean of the other members' totals on that initiative. Positive: the
member gives more than their colleagues; negative: less.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from math import fsum

HIGH, MEDIUM, LOW = "high", "medium", "low"
# Krippendorff (2004, p. 241): see the module's docstring.
HIGH_FROM, MEDIUM_FROM = 0.800, 0.667

# Below this many pairable values (sheets on initiatives two or more members scored) the
# figure is not shown: with fewer, one sheet moves it by more than the width of a level
# (Krippendorff, 2004, §11.4.4, asks for enough pairable values that the expected disagreement
# is well estimated); a council with a handful of sheets reads their spread instead.
MIN_PAIRABLE = 10


@dataclass(frozen=True)
class UnitSums:
    """One unit's pairable values summed: how many, their sum and their sum of squares."""

    count: int
    total: float
    squares: float


def unit_sums(values: Iterable[float]) -> UnitSums:
    values = [float(v) for v in values]
    return UnitSums(len(values), fsum(values), fsum(v * v for v in values))


def pairable(units: Iterable[UnitSums]) -> list[UnitSums]:
    """The units two or more coders valued (the others carry no information on agreement)."""
    return [unit for unit in units if unit.count >= 2]


def pairable_count(units: Iterable[UnitSums]) -> int:
    """n: the number of pairable values."""
    return sum(unit.count for unit in pairable(units))


def interval_alpha(units: Iterable[UnitSums]) -> float | None:
    """Krippendorff's alpha for interval data, from each unit's count, sum and sum of squares.

    None when it is undefined: fewer than two pairable values, or no variation at all among
    them (D_e = 0).
    """
    units = pairable(units)
    n = sum(unit.count for unit in units)
    if n < 2:
        return None
    # Σ over units of (ordered pairs' squared differences) / (m_u - 1)
    within = fsum(2 * (u.count * u.squares - u.total * u.total) / (u.count - 1) for u in units)
    total = fsum(u.total for u in units)
    squares = fsum(u.squares for u in units)
    between = 2 * (n * squares - total * total)  # every ordered pair of pairable values
    if between <= 1e-12 * max(1.0, n * squares):
        return None
    return 1 - (n - 1) * within / between


def interval_alpha_of(data: Sequence[Sequence[float | None]]) -> float | None:
    """Interval alpha of a coders × units matrix (None for a missing value)."""
    columns = zip(*data, strict=True)
    return interval_alpha(unit_sums(v for v in column if v is not None) for column in columns)


def nominal_alpha_of(data: Sequence[Sequence[Hashable | None]]) -> float | None:
    """Nominal alpha of a coders × units matrix (None for a missing value), from the
    coincidence matrix (Krippendorff 2011, section C); here to check the worked example."""
    coincidences: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for column in zip(*data, strict=True):
        values = [v for v in column if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidences[c, k] += 1 / (m - 1)
    marginals: dict[Hashable, float] = defaultdict(float)
    for (c, _k), count in coincidences.items():
        marginals[c] += count
    n = fsum(marginals.values())
    if n < 2:
        return None
    observed = fsum(count for (c, k), count in coincidences.items() if c != k)
    expected = fsum(marginals[c] * marginals[k] for c in marginals for k in marginals if c != k)
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def level(alpha: float | None) -> str | None:
    """high, medium or low (see the module's docstring for the cut-offs), None without alpha."""
    if alpha is None:
        return None
    if alpha >= HIGH_FROM:
        return HIGH
    if alpha >= MEDIUM_FROM:
        return MEDIUM
    return LOW


@dataclass(frozen=True)
class Leniency:
    """A member's mean deviation from the others' totals over `shared` initiatives."""

    member: Hashable
    deviation: float
    shared: int


def leniency(sheets: Iterable[tuple[Hashable, Hashable, float]]) -> list[Leniency]:
    """Each member's leniency from (member, initiative, total) triples, the most lenient
    first; members who share no initiative with another member are left out."""
    by_initiative: dict[Hashable, list[tuple[Hashable, float]]] = defaultdict(list)
    for member, initiative, total in sheets:
        by_initiative[initiative].append((member, float(total)))
    deviations: dict[Hashable, list[float]] = defaultdict(list)
    for rows in by_initiative.values():
        m = len(rows)
        if m < 2:
            continue
        total = fsum(value for _member, value in rows)
        for member, value in rows:
            deviations[member].append(value - (total - value) / (m - 1))
    found = [
        Leniency(member, fsum(values) / len(values), len(values))
        for member, values in deviations.items()
    ]
    return sorted(found, key=lambda row: (-row.deviation, str(row.member)))
