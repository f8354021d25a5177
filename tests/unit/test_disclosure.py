"""Disclosure control: small counts never published, and no suppressed cell can be worked out."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedback_app.returns.disclosure import SUPPRESSED, TOTAL, percent, present, protect, shown_value
from feedback_app.returns.model import (
    ADULT,
    ALL,
    COMPLETE,
    NOT_COLLECTED,
    PARTIAL,
    REPRESENTATIVE,
    Block,
    Return,
)
from tests.unit.blocks import all_only_block, split_block

SPLIT = (ALL, ADULT, REPRESENTATIVE)


# A recoverability checker, independent of the module ---------------------------------------------


def _rank(rows: list[list[Fraction]]) -> int:
    rows = [list(r) for r in rows]
    rank, columns = 0, len(rows[0]) if rows else 0
    for col in range(columns):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][col]:
                factor = rows[i][col] / rows[rank][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank])]
        rank += 1
    return rank


def table_equations(block: Block) -> list[dict[tuple, int]]:
    """The sums a reader of the published block knows: each group adds to its total, all = adult + rep."""
    categories = list(dict.fromkeys(c.category for c in block.cells))
    respondents = list(dict.fromkeys(c.respondent for c in block.cells))
    key = (block.id, block.measure)
    equations = [{**{(*key, c, r): 1 for c in categories}, (*key, TOTAL, r): -1} for r in respondents]
    if set(SPLIT) <= set(respondents):
        equations += [
            {(*key, c, ALL): 1, (*key, c, ADULT): -1, (*key, c, REPRESENTATIVE): -1}
            for c in (*categories, TOTAL)
        ]
    return equations


def recoverable(shown: dict[tuple, str], equations: list[dict[tuple, int]]) -> set[tuple]:
    """Suppressed entries that the shown figures pin down, taking every shown figure as exact.

    An unknown is pinned down exactly when deleting its column lowers the rank of the system over
    the unknowns (no solution of the homogeneous system moves it).
    """
    unknown = sorted(k for k, v in shown.items() if v == SUPPRESSED)
    if not unknown:
        return set()
    matrix = [[Fraction(e.get(k, 0)) for k in unknown] for e in equations if any(k in e for k in unknown)]
    if not matrix:
        return set()
    full = _rank(matrix)
    return {k for j, k in enumerate(unknown) if _rank([row[:j] + row[j + 1 :] for row in matrix]) < full}


def published_keys(ret: Return) -> dict[tuple, str]:
    return {k: v[1] for k, v in present(ret, True).values().items()}


def assert_publishable(value: str) -> None:
    if value in ("[c]", "[x]"):
        return
    number = int(value)
    assert number >= 5 and number % 5 == 0, f"{value} is a small or unrounded count in a publication"


# Shown values and percentages --------------------------------------------------------------------


@pytest.mark.parametrize(
    "count, shown",
    [
        (0, "[c]"),
        (1, "[c]"),
        (4, "[c]"),
        (5, "5"),
        (7, "5"),
        (8, "10"),
        (12, "10"),
        (13, "15"),
        (102, "100"),
        (103, "105"),
    ],
)
def test_publication_suppresses_0_to_4_and_rounds_half_up_to_nearest_5(count, shown):
    assert shown_value(count, for_publication=True) == shown


@given(st.integers(min_value=0, max_value=100_000))
def test_published_values_are_never_small_or_unrounded_and_coordinators_see_exact_counts(count):
    shown = shown_value(count, for_publication=True)
    assert_publishable(shown)
    if shown != SUPPRESSED:
        assert abs(int(shown) - count) <= 2
    assert shown_value(count, for_publication=False) == str(count)


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        shown_value(-1, for_publication=True)


def test_percentages_use_unrounded_counts_and_are_suppressed_with_small_parts_or_wholes():
    assert percent(7, 12, for_publication=True) == "58.3"  # not 5/10
    assert percent(3, 12, for_publication=True) == SUPPRESSED
    assert percent(4, 4, for_publication=True) == SUPPRESSED
    assert percent(9, 12, for_publication=True, suppressed=True) == SUPPRESSED
    assert percent(3, 12, for_publication=False) == "25.0"
    assert percent(0, 0, for_publication=False) == "[z]"


# Secondary suppression, by hand ------------------------------------------------------------------


def test_one_suppressed_cell_in_a_group_takes_the_next_smallest_with_it():
    block = all_only_block("risk", "sg2e_risk", {"risk_removed": 20, "risk_reduced": 8, "risk_remained": 3})
    shown = protect(block)
    assert shown == {
        ("risk_removed", ALL): "20",
        ("risk_reduced", ALL): SUPPRESSED,  # 8, suppressed only so that 3 = 31 - 20 - 8 cannot be worked out
        ("risk_remained", ALL): SUPPRESSED,
        (TOTAL, ALL): "30",
    }


def test_an_adult_count_cannot_be_worked_out_from_all_minus_representative():
    block = split_block("experience", "listened_to", {"yes": (3, 20), "partly": (10, 12), "no": (9, 9)})
    shown = protect(block)
    assert shown[("yes", ADULT)] == SUPPRESSED
    keyed = {("experience", "listened_to", c, r): v for (c, r), v in shown.items()}
    assert not recoverable(keyed, table_equations(block))
    # Across the respondents too: "yes" cannot stay shown for both all and representative.
    assert SUPPRESSED in (shown[("yes", ALL)], shown[("yes", REPRESENTATIVE)])


def test_a_block_not_collected_is_x_everywhere_for_everyone():
    block = split_block("asked_outcomes", "sg4a_asked", {"asked_expressed": (3, 40)}, status=NOT_COLLECTED)
    for for_publication in (True, False):
        assert set(protect(block, for_publication=for_publication).values()) == {"[x]"}


def test_coordinators_see_exact_counts_and_totals():
    block = split_block("experience", "respected", {"yes": (1, 2), "no": (13, 0)}, status=PARTIAL)
    assert protect(block, for_publication=False) == {
        ("yes", ALL): "3",
        ("yes", ADULT): "1",
        ("yes", REPRESENTATIVE): "2",
        ("no", ALL): "13",
        ("no", ADULT): "13",
        ("no", REPRESENTATIVE): "0",
        (TOTAL, ALL): "16",
        (TOTAL, ADULT): "14",
        (TOTAL, REPRESENTATIVE): "2",
    }


# Properties on generated blocks and returns ------------------------------------------------------

small_counts = st.integers(min_value=0, max_value=14)
category_names = st.lists(st.sampled_from("abcdef"), min_size=1, max_size=5, unique=True)


@st.composite
def blocks(draw) -> Block:
    categories = draw(category_names)
    status = draw(st.sampled_from((COMPLETE, COMPLETE, PARTIAL, NOT_COLLECTED)))
    if draw(st.booleans()):
        return split_block(
            "experience",
            "feel_safer",
            {c: (draw(small_counts), draw(small_counts)) for c in categories},
            status,
        )
    return all_only_block("risk", "sg2e_risk", {c: draw(small_counts) for c in categories}, status)


@settings(max_examples=300, deadline=None)
@given(blocks())
def test_no_published_block_shows_a_small_count_or_lets_a_suppressed_one_be_worked_out(block):
    shown = protect(block)
    for value in shown.values():
        assert_publishable(value)
    if block.status == NOT_COLLECTED:
        assert set(shown.values()) == {"[x]"}
        return
    for (category, respondent), value in shown.items():
        count = (
            block.total(respondent)
            if category == TOTAL
            else next(c.count for c in block.cells if (c.category, c.respondent) == (category, respondent))
        )
        if count < 5:
            assert value == SUPPRESSED, f"{category}/{respondent} = {count} was published as {value}"
    keyed = {(block.id, block.measure, c, r): v for (c, r), v in shown.items()}
    assert not recoverable(keyed, table_equations(block))


@st.composite
def returns(draw) -> Return:
    """Asked about outcomes, outcomes achieved (whose total is the 'asked and expressed' count), about."""
    achieved = {c: (draw(small_counts), draw(small_counts)) for c in ("fully", "partially", "not_achieved")}
    expressed = tuple(sum(pair[i] for pair in achieved.values()) for i in (0, 1))
    asked = {"asked_expressed": expressed}
    asked |= {
        c: (draw(small_counts), draw(small_counts))
        for c in ("asked_none_expressed", "not_asked", "dont_know")
    }
    held = sum(a + r for a, r in asked.values())
    lead = draw(st.integers(min_value=0, max_value=held))
    about = {
        "held": held,
        "held_enquiry_lead": lead,
        "held_independent": held - lead,
        "declined": draw(small_counts),
    }
    blocks = (
        split_block("asked_outcomes", "sg4a_asked", asked),
        split_block(
            "outcomes_achieved", "sg4a_achieved", achieved, draw(st.sampled_from((COMPLETE, PARTIAL)))
        ),
        all_only_block("about", "conversations", about),
    )
    return Return("Demo Council", "2025-26", blocks, about)


def return_equations(ret: Return) -> list[dict[tuple, int]]:
    equations = [e for b in ret.blocks if b.id != "about" for e in table_equations(b)]
    for r in SPLIT:  # the outcomes-achieved block counts exactly those asked whose outcomes were expressed
        equations.append(
            {
                ("outcomes_achieved", "sg4a_achieved", TOTAL, r): 1,
                ("asked_outcomes", "sg4a_asked", "asked_expressed", r): -1,
            }
        )
    equations.append(
        {("about", "conversations", "held", ALL): 1, ("asked_outcomes", "sg4a_asked", TOTAL, ALL): -1}
    )
    about = ("about", "conversations")
    equations.append(
        {
            (*about, "held", ALL): 1,
            (*about, "held_enquiry_lead", ALL): -1,
            (*about, "held_independent", ALL): -1,
        }
    )
    return equations


@settings(max_examples=150, deadline=None)
@given(returns())
def test_no_suppressed_cell_in_a_return_can_be_worked_out_across_blocks(ret):
    shown = published_keys(ret)
    for value in shown.values():
        assert_publishable(value)
    assert not recoverable(shown, return_equations(ret))
    assert all(v[0] == int(v[1]) for v in present(ret, False).values().values())


def test_the_about_figures_follow_the_about_block_when_published():
    about = {"held": 12, "held_enquiry_lead": 9, "held_independent": 3, "median_days_to_conversation": 11.5}
    ret = Return(
        "Demo Council",
        "2025-26",
        (
            all_only_block(
                "about",
                "conversations",
                {k: v for k, v in about.items() if k != "median_days_to_conversation"},
            ),
        ),
        about,
    )
    shown = present(ret, True)
    assert shown.about["held_independent"] == SUPPRESSED
    assert shown.about["held_enquiry_lead"] == SUPPRESSED  # else 3 = 12 - 9
    assert shown.about["median_days_to_conversation"] == "11.5"
    assert present(ret, False).about["held_independent"] == "3"
