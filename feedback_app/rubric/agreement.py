"""Agreement between coders on rubric levels: percent agreement, Cohen's kappa, Krippendorff's alpha.

Levels are nominal (unordered) labels such as `yes`, `partly`, `no` and `unclear`. The sums are done
on whole-number counts with `Fraction`, so results are exact until the final conversion to float
and a perfect agreement really is 1.0. No Flask and no numpy here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction


def _check_paired(first: Sequence[str], second: Sequence[str]) -> None:
    if len(first) != len(second):
        raise ValueError(
            f"The two codings must cover the same items: got {len(first)} and {len(second)} levels."
        )


def percent_agreement(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Percentage (0 to 100) of items given the same level by both coders; None when there are none."""
    _check_paired(first, second)
    if not first:
        return None
    agreed = sum(1 for a, b in zip(first, second, strict=True) if a == b)
    return float(Fraction(100 * agreed, len(first)))


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Cohen's kappa for two coders on nominal levels; None when there are no items.

    kappa = (p_o - p_e) / (1 - p_e), where p_o is the share of items the coders agree on and
    p_e = sum over levels c of (share coder 1 gave c) * (share coder 2 gave c) is the agreement
    expected if each coder picked levels at random at their own observed rates. With n items,
    `agreed` matching items and a_c, b_c the counts per level, this is
    (n * agreed - sum a_c b_c) / (n^2 - sum a_c b_c).

    Convention: when p_e is 1 (both coders used one and the same level for every item) the
    formula is 0/0 and scikit-learn returns nan. We return 1.0 if observed agreement is perfect
    and 0.0 otherwise; p_e = 1 forces p_o = 1, so in practice this is always 1.0.
    """
    _check_paired(first, second)
    n = len(first)
    if n == 0:
        return None
    agreed = sum(1 for a, b in zip(first, second, strict=True) if a == b)
    first_counts, second_counts = Counter(first), Counter(second)
    chance = sum(count * second_counts[level] for level, count in first_counts.items())
    if chance == n * n:
        return 1.0 if agreed == n else 0.0
    return float(Fraction(n * agreed - chance, n * n - chance))


def krippendorff_alpha_nominal(units: Sequence[Sequence[str | None]]) -> float | None:
    """Krippendorff's alpha for nominal levels, any number of coders per unit, None for missing.

    Each unit lists the levels its coders gave (None where a coder gave none). Only units with at
    least two levels are pairable; the rest are dropped. alpha = 1 - D_o / D_e, where, over the
    pairable units u with m_u levels of which n_uc are level c, and n = sum m_u values in all with
    n_c of level c:
      D_o (observed disagreement) ~ sum_u (m_u^2 - sum_c n_uc^2) / (m_u - 1), the mismatched
          ordered pairs within each unit, each unit weighted by 1 / (m_u - 1);
      D_e (expected disagreement) ~ (n^2 - sum_c n_c^2) / (n - 1), the mismatched pairs if all
          pairable values were shuffled across units.
    (Both share a factor 1/n, which cancels.) Returns None when no unit is pairable.

    Convention: when every pairable value is the same level, D_e is 0 and the formula is 0/0
    (the `krippendorff` package raises or returns nan). We return 1.0: the coders never disagreed.
    """
    observed = Fraction(0)
    totals: Counter[str] = Counter()
    for unit in units:
        values = [value for value in unit if value is not None]
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        observed += Fraction(m * m - sum(c * c for c in counts.values()), m - 1)
        totals.update(counts)
    n = sum(totals.values())
    if n == 0:
        return None
    expected = Fraction(n * n - sum(c * c for c in totals.values()), n - 1)
    if expected == 0:
        return 1.0
    return float(1 - observed / expected)


def confusion_matrix(
    first: Sequence[str], second: Sequence[str], labels: Sequence[str]
) -> dict[str, dict[str, int]]:
    """Counts of items by level: rows are the first coder's level, columns the second's, in `labels` order."""
    _check_paired(first, second)
    unknown = sorted((set(first) | set(second)) - set(labels))
    if unknown:
        raise ValueError(f"Levels not in the labels given: {', '.join(unknown)}.")
    matrix = {row: {column: 0 for column in labels} for row in labels}
    for a, b in zip(first, second, strict=True):
        matrix[a][b] += 1
    return matrix


@dataclass(frozen=True)
class AgreementSummary:
    """How far two coders agreed over a set of double-coded items."""

    items: int
    agreed: int
    percent: float | None
    kappa: float | None


def summarise(pairs: Sequence[tuple[str, str]]) -> AgreementSummary:
    """Summarise (first coder's level, second coder's level) pairs; percent and kappa are None if empty."""
    first = [a for a, _ in pairs]
    second = [b for _, b in pairs]
    return AgreementSummary(
        items=len(pairs),
        agreed=sum(1 for a, b in pairs if a == b),
        percent=percent_agreement(first, second),
        kappa=cohen_kappa(first, second),
    )


def agreement_with_final(coder_levels: Sequence[str], final_levels: Sequence[str]) -> float | None:
    """Percentage (0 to 100) of a coder's levels that match the final agreed levels; None when none."""
    return percent_agreement(coder_levels, final_levels)
