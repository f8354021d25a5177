"""About the return: how many conversations were held, how, how soon, and how well coded. No Flask.

Every figure counts conversations whose enquiry concluded in the period, from a tally's grouped
counts (returns/tally.py). Coding figures (`coded`, `double_coded`) count finished conversations
only, since only a held conversation can be coded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Protocol

from feedback_app.periods import Period
from feedback_app.returns.model import ALL, COMPLETE, NOT_COLLECTED, Block, Cell, ConversationFacts
from feedback_app.returns.tally import FactTally, Grouped, Tally, median
from feedback_app.vocabulary import (
    CONVERSATION_STATUSES,
    DECLINED,
    FINISHED,
    IN_PROGRESS,
    INDEPENDENT_WINDOW_DAYS,
    METHODS,
    PAUSED,
    RESPONDENT_TYPES,
    WITHDRAWN,
)

ABOUT = "about"
ABOUT_FIELDS = ("status", "respondent_type", "method", "double_coded", "coding_final")
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


def _checked(grouped: Grouped) -> Grouped:
    """The counts, once every status, respondent type and method is one the return knows."""
    for values, _, key in grouped.rows():
        for field, name, allowed in (
            ("status", "status", CONVERSATION_STATUSES),
            ("respondent_type", "respondent type", RESPONDENT_TYPES),
            ("method", "method", METHODS),
        ):
            if values[field] not in allowed:
                raise grouped.refuse(key, f"{values[field]!r} is not a {name}.")
    return grouped


def about_figures(
    tally: Tally | Sequence[ConversationFacts], period: Period, agreement: AgreementLike | None = None
) -> dict[str, float | int | None]:
    """The about-the-return mapping for the conversations whose enquiry concluded in the period.

    `median_days_to_conversation` is None when no conversation was held; it may be a half day
    (the median of an even number of values). Agreement figures appear only when given.
    """
    if not isinstance(tally, Tally):
        tally = FactTally(tally)
    by_status: Counter[object] = Counter()
    held_by: Counter[object] = Counter()  # finished conversations by method, coded, double coded
    every = tally.grouped(period, ABOUT_FIELDS, finished_only=False)
    for values, count, _ in _checked(every).rows():
        by_status[values["status"]] += count
        if values["status"] == FINISHED:
            held_by[values["method"]] += count
            held_by["coded"] += count if values["coding_final"] else 0
            held_by["double_coded"] += count if values["double_coded"] else 0
    days: Counter[int] = Counter()
    late = 0
    for values, count, _ in tally.grouped(period, ("method", "days_to_conversation")).rows():
        waited = int(values["days_to_conversation"])  # type: ignore[call-overload]
        days[waited] += count
        late += count if values["method"] == METHODS[1] and waited > INDEPENDENT_WINDOW_DAYS else 0
    figures: dict[str, float | int | None] = {
        "held": by_status[FINISHED],
        "held_enquiry_lead": held_by[METHODS[0]],
        "held_independent": held_by[METHODS[1]],
        "declined": by_status[DECLINED],
        "withdrawn": by_status[WITHDRAWN],
        "in_progress": by_status[IN_PROGRESS] + by_status[PAUSED],
        "median_days_to_conversation": median(days),
        "independent_after_8_weeks": late,
        "coded": held_by["coded"],
        "double_coded": held_by["double_coded"],
    }
    if agreement is not None:
        figures["agreement_percent"] = agreement.percent
        figures["agreement_kappa"] = agreement.kappa
        figures["agreement_items"] = agreement.items
    return figures


def about_block(figures: Mapping[str, float | int | None]) -> Block:
    """The about counts as a block, so exports can carry them; not collected when there were none."""
    cells = tuple(Cell(name, ALL, int(figures[name] or 0)) for name in ABOUT_COUNTS)
    conversations = sum(int(figures[name] or 0) for name in ("held", "declined", "withdrawn", "in_progress"))
    return Block(ABOUT, ABOUT_MEASURE, COMPLETE if conversations else NOT_COLLECTED, cells)
