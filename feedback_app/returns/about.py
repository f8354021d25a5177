"""About the return: how many conversations were held, how, how soon, and how well coded. No Flask.

Every figure counts conversations whose enquiry concluded in the period (the caller filters).
Coding figures (`coded`, `double_coded`) count finished conversations only, since only a held
conversation can be coded.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from typing import Protocol

from feedback_app.returns.model import ALL, COMPLETE, NOT_COLLECTED, Block, Cell, ConversationFacts
from feedback_app.vocabulary import (
    DECLINED,
    FINISHED,
    IN_PROGRESS,
    INDEPENDENT_WINDOW_DAYS,
    METHODS,
    PAUSED,
    WITHDRAWN,
)

ABOUT = "about"
ABOUT_MEASURE = "conversations"

# The about figures that are counts of conversations, in the order exports show them.
ABOUT_COUNTS: tuple[str, ...] = (
    "held",
    "held_enquiry_lead",
    "held_independent",
    "declined",
    "withdrawn",
    "in_progress",
    "independent_after_8_weeks",
    "coded",
    "double_coded",
)


class AgreementLike(Protocol):
    """Anything with agreement figures: rubric.agreement.AgreementSummary or an OutcomeAgreement."""

    @property
    def items(self) -> int: ...

    @property
    def percent(self) -> float | None: ...

    @property
    def kappa(self) -> float | None: ...


def days_to_conversation(facts: ConversationFacts) -> int:
    """Whole days from the enquiry concluding to the conversation being held."""
    return (facts.held_on - facts.concluded_on).days


def about_figures(
    in_period: Sequence[ConversationFacts], agreement: AgreementLike | None = None
) -> dict[str, float | int | None]:
    """The about-the-return mapping for conversations already filtered to the period.

    `median_days_to_conversation` is None when no conversation was held; it may be a half day
    (the median of an even number of values). Agreement figures appear only when given.
    """
    finished = [f for f in in_period if f.status == FINISHED]
    figures: dict[str, float | int | None] = {
        "held": len(finished),
        "held_enquiry_lead": sum(1 for f in finished if f.method == METHODS[0]),
        "held_independent": sum(1 for f in finished if f.method == METHODS[1]),
        "declined": sum(1 for f in in_period if f.status == DECLINED),
        "withdrawn": sum(1 for f in in_period if f.status == WITHDRAWN),
        "in_progress": sum(1 for f in in_period if f.status in (IN_PROGRESS, PAUSED)),
        "median_days_to_conversation": (
            statistics.median(days_to_conversation(f) for f in finished) if finished else None
        ),
        "independent_after_8_weeks": sum(
            1
            for f in finished
            if f.method == METHODS[1] and days_to_conversation(f) > INDEPENDENT_WINDOW_DAYS
        ),
        "coded": sum(1 for f in finished if f.coding_final),
        "double_coded": sum(1 for f in finished if f.double_coded),
    }
    if agreement is not None:
        figures["agreement_percent"] = agreement.percent
        figures["agreement_kappa"] = agreement.kappa
        figures["agreement_items"] = agreement.items
    return figures


def about_block(figures: Mapping[str, float | int | None], conversations: int) -> Block:
    """The about counts as a block, so exports can carry them; not collected when there were none."""
    cells = tuple(Cell(name, ALL, int(figures[name] or 0)) for name in ABOUT_COUNTS)
    return Block(ABOUT, ABOUT_MEASURE, COMPLETE if conversations else NOT_COLLECTED, cells)
