"""Agreement statistics: worked and edge cases, and reference values from scikit-learn and krippendorff."""

from __future__ import annotations

import math
import warnings

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from feedback_app.rubric.agreement import (
    AgreementSummary,
    agreement_with_final,
    cohen_kappa,
    confusion_matrix,
    krippendorff_alpha_nominal,
    percent_agreement,
    summarise,
)
from feedback_app.vocabulary import OUTCOMES, levels_for

# A worked 2x2 example (50 conversations, `listened_to`): both said yes 20, first yes / second no 5,
# first no / second yes 10, both no 15.
#   p_o = (20 + 15) / 50 = 0.7
#   first: yes 25, no 25; second: yes 30, no 20
#   p_e = (25/50)(30/50) + (25/50)(20/50) = 0.3 + 0.2 = 0.5
#   kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4
WORKED_FIRST = ["yes"] * 25 + ["no"] * 25
WORKED_SECOND = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", nominal example: 4 coders,
# 12 units, with missing values; the published nominal alpha is 0.743. Values 1-5 are mapped to
# letters here, units are rows (the paper prints coders as rows).
_PAPER_CODERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
]
PAPER_UNITS = [
    [None if coder[u] is None else "abcde"[coder[u] - 1] for coder in _PAPER_CODERS] for u in range(12)
]


def sklearn_kappa(first: list[str], second: list[str]) -> float:
    """scikit-learn's kappa, with its warning for the undefined case silenced (that case returns nan)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score(first, second))


def package_alpha(units: list[list[str | None]], levels: tuple[str, ...]) -> float:
    """The `krippendorff` package's nominal alpha: coders x units, levels as ints, np.nan for missing."""
    coders = max(len(unit) for unit in units)
    data = [
        [
            float(levels.index(unit[c])) if c < len(unit) and unit[c] is not None else np.nan
            for unit in units
        ]
        for c in range(coders)
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


@st.composite
def paired_codings(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Two coders' levels for the same items, for one outcome (its levels plus `unclear`)."""
    levels = levels_for(draw(st.sampled_from(OUTCOMES)))
    level = st.sampled_from(levels)
    pairs = draw(st.lists(st.tuples(level, level), min_size=1, max_size=40))
    return [a for a, _ in pairs], [b for _, b in pairs]


@st.composite
def coded_units(draw: st.DrawFn) -> tuple[list[list[str | None]], tuple[str, ...]]:
    """Units coded by 2 to 5 coders for one outcome, some values missing."""
    levels = levels_for(draw(st.sampled_from(OUTCOMES)))
    coders = draw(st.integers(min_value=2, max_value=5))
    value = st.one_of(st.none(), st.sampled_from(levels))
    units = draw(st.lists(st.lists(value, min_size=coders, max_size=coders), min_size=1, max_size=25))
    return units, levels


# Cohen's kappa


def test_kappa_worked_two_by_two_example_is_0_4() -> None:
    assert cohen_kappa(WORKED_FIRST, WORKED_SECOND) == pytest.approx(0.4)
    assert sklearn_kappa(WORKED_FIRST, WORKED_SECOND) == pytest.approx(0.4)


@settings(max_examples=200, deadline=None)
@given(paired_codings())
def test_kappa_matches_scikit_learn(codings: tuple[list[str], list[str]]) -> None:
    first, second = codings
    ours, reference = cohen_kappa(first, second), sklearn_kappa(first, second)
    if len(set(first) | set(second)) == 1:
        # Only one level used by both coders: expected agreement is 1 and sklearn gives nan.
        assert math.isnan(reference)
        assert ours == 1.0, "one shared level throughout should count as perfect agreement (1.0)"
    else:
        assert ours == pytest.approx(reference, abs=1e-9), f"kappa differs from scikit-learn for {codings}"


@given(paired_codings())
def test_kappa_is_symmetric_and_at_most_one(codings: tuple[list[str], list[str]]) -> None:
    first, second = codings
    kappa = cohen_kappa(first, second)
    assert kappa is not None
    assert kappa == pytest.approx(cohen_kappa(second, first))
    assert -1.0 <= kappa <= 1.0


def test_kappa_one_category_only_is_one_by_convention() -> None:
    assert cohen_kappa(["unclear"] * 4, ["unclear"] * 4) == 1.0
    assert math.isnan(sklearn_kappa(["unclear"] * 4, ["unclear"] * 4))


def test_kappa_when_all_agree_over_several_levels_is_one() -> None:
    levels = ["yes", "partly", "no", "unclear", "yes"]
    assert cohen_kappa(levels, levels) == 1.0


def test_kappa_when_coders_always_differ_on_two_levels_is_minus_one() -> None:
    assert cohen_kappa(["yes", "no"] * 3, ["no", "yes"] * 3) == pytest.approx(-1.0)


def test_kappa_nothing_double_coded_is_none() -> None:
    assert cohen_kappa([], []) is None


def test_codings_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="same items"):
        cohen_kappa(["yes"], ["yes", "no"])
    with pytest.raises(ValueError, match="same items"):
        percent_agreement(["yes", "no"], ["yes"])


# Percent agreement


def test_percent_agreement_worked_example_is_70() -> None:
    assert percent_agreement(WORKED_FIRST, WORKED_SECOND) == pytest.approx(70.0)


def test_percent_agreement_edges() -> None:
    assert percent_agreement([], []) is None
    assert percent_agreement(["safer", "unclear"], ["safer", "unclear"]) == 100.0
    assert percent_agreement(["safer", "unclear"], ["less_safe", "safer"]) == 0.0


@given(paired_codings())
def test_percent_agreement_is_the_share_of_matching_items(codings: tuple[list[str], list[str]]) -> None:
    first, second = codings
    matching = sum(a == b for a, b in zip(first, second))
    assert percent_agreement(first, second) == pytest.approx(100 * matching / len(first))


def test_agreement_with_final_is_the_percentage_matching_the_final_levels() -> None:
    assert agreement_with_final(["yes", "no", "partly", "unclear"], ["yes", "no", "no", "no"]) == 50.0
    assert agreement_with_final([], []) is None


# Krippendorff's alpha


def test_alpha_three_coders_hand_worked() -> None:
    # Pairable units: (a,a,a) D_o 0; (a,a,b) D_o (9-5)/2 = 2; (b,b,-) D_o 0; (a,-,-) dropped.
    # n = 8 values: a 5, b 3, so D_e = (64 - 25 - 9) / 7 = 30/7 and alpha = 1 - 2 / (30/7) = 8/15.
    units: list[list[str | None]] = [
        ["yes", "yes", "yes"],
        ["yes", "yes", "no"],
        ["no", "no", None],
        ["yes", None, None],
    ]
    assert krippendorff_alpha_nominal(units) == pytest.approx(8 / 15)
    assert package_alpha(units, levels_for("listened_to")) == pytest.approx(8 / 15)


def test_alpha_published_example_with_missing_values_is_0_743() -> None:
    alpha = krippendorff_alpha_nominal(PAPER_UNITS)
    assert alpha == pytest.approx(0.743, abs=5e-4)
    assert alpha == pytest.approx(package_alpha(PAPER_UNITS, tuple("abcde")))


@settings(max_examples=200, deadline=None)
@given(coded_units())
def test_alpha_matches_the_krippendorff_package(
    data: tuple[list[list[str | None]], tuple[str, ...]],
) -> None:
    units, levels = data
    ours = krippendorff_alpha_nominal(units)
    pairable = [[v for v in unit if v is not None] for unit in units]
    pairable = [values for values in pairable if len(values) >= 2]
    if not pairable:
        assert ours is None, "with no unit coded twice alpha should be None"
        return
    if len({v for values in pairable for v in values}) == 1:
        # One level among pairable values: the package raises (one-value domain) or returns nan.
        assert ours == 1.0, "one level throughout should count as perfect agreement (1.0)"
        return
    assert ours == pytest.approx(package_alpha(units, levels), abs=1e-9), f"alpha differs for {units}"


@given(coded_units())
def test_alpha_ignores_missing_values_and_coder_padding(
    data: tuple[list[list[str | None]], tuple[str, ...]],
) -> None:
    units, _ = data
    ragged = [[v for v in unit if v is not None] for unit in units]
    padded = [unit + [None, None] for unit in units]
    assert krippendorff_alpha_nominal(ragged) == krippendorff_alpha_nominal(units)
    assert krippendorff_alpha_nominal(padded) == krippendorff_alpha_nominal(units)


def test_alpha_one_category_only_is_one_by_convention() -> None:
    assert krippendorff_alpha_nominal([["unclear", "unclear"], ["unclear", "unclear", None]]) == 1.0


def test_alpha_when_all_agree_over_several_levels_is_one() -> None:
    assert krippendorff_alpha_nominal([["fully"] * 3, ["partially"] * 2, ["unclear", "unclear"]]) == 1.0


def test_alpha_nothing_pairable_is_none() -> None:
    assert krippendorff_alpha_nominal([]) is None
    assert krippendorff_alpha_nominal([["yes", None], [None, None], ["no"]]) is None


def test_alpha_two_coders_hand_worked_on_the_kappa_example() -> None:
    # Mismatched pairs: 5 (yes,no) and 10 (no,yes), each counting 2 ordered pairs over m_u - 1 = 1,
    # so D_o = 30. Pooled values: n = 100, yes 55, no 45, so D_e = (100^2 - 55^2 - 45^2) / 99 = 50.
    # alpha = 1 - 30/50 = 0.4.
    units: list[list[str | None]] = [[a, b] for a, b in zip(WORKED_FIRST, WORKED_SECOND)]
    assert krippendorff_alpha_nominal(units) == pytest.approx(0.4)


# Confusion matrix and summary


def test_confusion_matrix_of_the_worked_example() -> None:
    matrix = confusion_matrix(WORKED_FIRST, WORKED_SECOND, ["yes", "no", "unclear"])
    assert matrix == {
        "yes": {"yes": 20, "no": 5, "unclear": 0},
        "no": {"yes": 10, "no": 15, "unclear": 0},
        "unclear": {"yes": 0, "no": 0, "unclear": 0},
    }
    assert list(matrix) == ["yes", "no", "unclear"], "rows should follow the order of the labels given"


def test_confusion_matrix_refuses_levels_missing_from_the_labels() -> None:
    with pytest.raises(ValueError, match="partly"):
        confusion_matrix(["yes", "partly"], ["yes", "yes"], ["yes", "no"])


@given(paired_codings())
def test_confusion_matrix_counts_every_item_once(codings: tuple[list[str], list[str]]) -> None:
    first, second = codings
    labels = sorted(set(first) | set(second))
    matrix = confusion_matrix(first, second, labels)
    assert sum(sum(row.values()) for row in matrix.values()) == len(first)
    assert sum(matrix[level][level] for level in labels) == sum(a == b for a, b in zip(first, second))


def test_summarise_the_worked_example() -> None:
    summary = summarise(list(zip(WORKED_FIRST, WORKED_SECOND)))
    assert summary.items == 50
    assert summary.agreed == 35
    assert summary.percent == pytest.approx(70.0)
    assert summary.kappa == pytest.approx(0.4)


def test_summarise_nothing_double_coded() -> None:
    assert summarise([]) == AgreementSummary(items=0, agreed=0, percent=None, kappa=None)
