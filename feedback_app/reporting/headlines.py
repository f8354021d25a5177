"""Headline figures from a return as shown: used by the briefings and the dashboard. No Flask.

A headline is the share of conversations in a few categories of a block (asked, outcomes achieved
fully or partly, feel safer, listened to). It is built from the block as shown to its audience, so
for publication it follows the same disclosure control as every cell: see `headline_percent`.
"""

from __future__ import annotations

from feedback_app.coding.labels import OUTCOME_LABELS
from feedback_app.reporting.charts import is_number
from feedback_app.reporting.labels import block_title
from feedback_app.returns.disclosure import NOT_AVAILABLE, SUPPRESSED, ShownBlock, ShownCell, ShownReturn
from feedback_app.returns.model import ALL, NOT_COLLECTED

# The headline measures: (block id, measure, the categories that make the headline percentage).
HEADLINES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("asked_outcomes", "sg4a_asked", ("asked_expressed", "asked_none_expressed")),
    ("outcomes_achieved", "sg4a_achieved", ("fully", "partially")),
    ("experience", "feel_safer", ("safer", "a_bit_safer")),
    ("experience", "listened_to", ("yes",)),
)
OUTCOME_OF = {"sg4a_asked": "asked_outcomes", "sg4a_achieved": "outcomes_achieved"}


def block_of(shown: ShownReturn, block_id: str, measure: str) -> ShownBlock | None:
    return next((b for b in shown.blocks if b.id == block_id and b.measure == measure), None)


def cells_of(block: ShownBlock, respondent: str = ALL) -> list[ShownCell]:
    return [c for c in block.cells if c.respondent == respondent]


def headline_percent(block: ShownBlock | None, categories: tuple[str, ...]) -> str:
    """The share of conversations in any of these categories, or a mark when it cannot be shown.

    A headline built from several categories is shown only when every one of them is shown: if
    any component is "[c]" (suppressed, first or second), so is the headline, since the headline
    less the shown components would give the hidden one away. "[x]" when the block was not
    collected. When shown, it is worked out from the unrounded counts, as each component's
    percentage is, so it equals the components' sum up to their rounding.
    """
    if block is None or block.status == NOT_COLLECTED:
        return NOT_AVAILABLE
    components = [c for c in cells_of(block) if c.category in categories]
    if len(components) != len(set(categories)):
        missing = sorted(set(categories) - {c.category for c in components})
        raise ValueError(f"{block.measure} has no category {', '.join(missing)}: the headline cannot be made.")
    if not all(is_number(c.percent) for c in components):
        return SUPPRESSED
    whole = next((t.count for t in block.totals if t.respondent == ALL), 0)
    if whole == 0:
        return NOT_AVAILABLE
    return f"{100 * sum(c.count for c in components) / whole:.1f}"


def measure_title(measure: str) -> str:
    """The words for a measure: its outcome's question, or the block's title."""
    return str(OUTCOME_LABELS.get(OUTCOME_OF.get(measure, measure)) or block_title(measure))
