"""Headline percentages (briefings and dashboard): hidden whenever any category they are built from
is hidden, first or second, and otherwise worked out from the unrounded counts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from feedback_app.reporting.headlines import HEADLINES, block_of, headline_percent
from feedback_app.returns.disclosure import NOT_AVAILABLE, SUPPRESSED, present
from feedback_app.returns.model import (
    ADULT,
    ALL,
    COMPLETE,
    NOT_COLLECTED,
    REPRESENTATIVE,
    Block,
    Cell,
    Return,
)

SAFER = ("safer", "a_bit_safer")  # the feel-safer headline
CATEGORIES = ("safer", "a_bit_safer", "no_safer", "less_safe", "unclear", "not_recorded")


def feel_safer(counts: dict[str, tuple[int, int]], status: str = COMPLETE, *, for_publication: bool = True):
    """The feel-safer block as shown, from category -> (adult, representative) counts."""
    cells = []
    for category in CATEGORIES:
        adult, representative = counts.get(category, (0, 0))
        cells += [Cell(category, ALL, adult + representative), Cell(category, ADULT, adult),
                  Cell(category, REPRESENTATIVE, representative)]
    ret = Return("Test Council", "2025-26", (Block("experience", "feel_safer", status, tuple(cells)),), {})
    shown = present(ret, for_publication)
    return shown, block_of(shown, "experience", "feel_safer")


def everyone_only(counts: tuple[int, ...]):
    """The feel-safer block as published, with everyone's counts only (no respondent split)."""
    cells = tuple(Cell(c, ALL, n) for c, n in zip(CATEGORIES, counts, strict=True))
    shown = present(Return("Test Council", "2025-26", (Block("experience", "feel_safer", COMPLETE, cells),), {}), True)
    return shown, block_of(shown, "experience", "feel_safer")


def test_the_headline_is_shown_from_unrounded_counts_when_every_component_is_shown():
    _, block = everyone_only((12, 6, 10, 5, 5, 10))
    # 18 of 48: the published components are 25.0% and 12.5%, and so is their sum.
    assert [c.percent for c in block.cells if c.category in SAFER] == ["25.0", "12.5"]
    assert headline_percent(block, SAFER) == "37.5"


def test_a_component_under_5_hides_the_headline():
    _, block = feel_safer({"safer": (20, 10), "a_bit_safer": (3, 0), "no_safer": (8, 2)})
    safer = {c.category: c for c in block.cells if c.respondent == ALL}
    assert safer["safer"].percent not in (SUPPRESSED, NOT_AVAILABLE), "the larger component is published"
    assert safer["a_bit_safer"].shown == SUPPRESSED
    assert headline_percent(block, SAFER) == SUPPRESSED


def test_a_component_hidden_only_to_protect_another_cell_hides_the_headline():
    """Everyone only: "less safe" (2) is the one small cell in its row, so the smallest shown
    category of that row, "a bit safer" (5), is hidden as well, and the headline with it."""
    shown, block = everyone_only((10, 5, 8, 2, 9, 9))
    assert ("experience", "feel_safer", "a_bit_safer", ALL) in shown.secondary
    assert headline_percent(block, SAFER) == SUPPRESSED


def test_a_block_not_collected_is_x_and_a_missing_category_is_a_mistake():
    _, block = feel_safer({}, NOT_COLLECTED)
    assert headline_percent(block, SAFER) == NOT_AVAILABLE
    assert headline_percent(None, SAFER) == NOT_AVAILABLE
    _, block = feel_safer({"safer": (10, 10)})
    with pytest.raises(ValueError, match="no category much_safer"):
        headline_percent(block, ("safer", "much_safer"))


def test_real_counts_always_give_the_headline():
    _, block = feel_safer({"safer": (1, 0), "a_bit_safer": (0, 2), "no_safer": (1, 0)}, for_publication=False)
    assert headline_percent(block, SAFER) == "75.0"


def test_every_headline_names_categories_its_block_has():
    from feedback_app.vocabulary import SAC_CATEGORIES, levels_for

    for block_id, measure, categories in HEADLINES:
        known = SAC_CATEGORIES.get(measure) or levels_for(measure)
        assert set(categories) <= set(known), f"{block_id}/{measure}: {categories}"


counts = st.tuples(st.integers(0, 12), st.integers(0, 12))


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({category: counts for category in CATEGORIES}))
def test_the_headline_is_hidden_exactly_when_a_component_is(values):
    _, block = feel_safer(values)
    components = [c for c in block.cells if c.respondent == ALL and c.category in SAFER]
    headline = headline_percent(block, SAFER)
    if block.status == NOT_COLLECTED:
        assert headline == NOT_AVAILABLE
    elif any(c.shown == SUPPRESSED or c.percent == SUPPRESSED for c in components):
        assert headline == SUPPRESSED
    else:
        total = sum(a + r for a, r in values.values())
        assert headline == f"{100 * sum(c.count for c in components) / total:.1f}"
    if any(0 < c.count < 5 for c in components):
        assert headline == SUPPRESSED, "a headline was published with a component of 1 to 4"
