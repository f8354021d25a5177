"""The counted forms of the median and of agreement give exactly what the one-by-one forms give."""

from __future__ import annotations

import statistics
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from feedback_app.returns.tally import agreement_of, median
from feedback_app.rubric.agreement import summarise
from feedback_app.vocabulary import OUTCOMES, levels_for


@given(st.lists(st.integers(-30, 400), max_size=60))
def test_the_median_of_a_histogram_is_the_median_of_the_values(days):
    expected = statistics.median(days) if days else None
    found = median(Counter(days))
    assert found == expected and type(found) is type(expected), f"{days}: {found!r}, not {expected!r}"


@st.composite
def pairs(draw) -> list[tuple[str, str, str]]:
    outcome = st.sampled_from(OUTCOMES[:4])
    found = []
    for chosen in draw(st.lists(outcome, max_size=40)):
        levels = st.sampled_from(levels_for(chosen)[:3])  # few levels, so chance agreement is common
        found.append((chosen, draw(levels), draw(levels)))
    return found


@given(pairs())
def test_agreement_from_counts_is_agreement_from_the_pooled_pairs(items):
    reference = summarise([(f"{o}:{a}", f"{o}:{b}") for o, a, b in items])
    assert agreement_of(Counter(items)) == reference


def test_agreement_of_a_small_table_by_hand():
    # 4 items: 3 agree; first coder yes,yes,no,no; second yes,yes,no,yes: p_o 3/4, p_e 1/2, kappa 1/2.
    counted = agreement_of({("listened_to", "yes", "yes"): 2, ("listened_to", "no", "no"): 1,
                            ("listened_to", "no", "yes"): 1})
    assert (counted.items, counted.agreed, counted.percent, counted.kappa) == (4, 3, 75.0, 0.5)
