"""One row per conversation holding what a return counts, so the database can do the counting.

A copy, never a source: every value is worked out from the conversation, its codings,
adjudications and case-details answers by feedback_app/data/summaries.py, which a session event
runs whenever any of those change (and `flask returns refresh-summaries` rebuilds them all).
Column names are the fixed outcome ids and case-details question ids.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from feedback_app.models.base import Base
from feedback_app.vocabulary import OUTCOMES

# The case-details questions a return counts by (returns/build.py).
CASE_QUESTIONS: tuple[str, ...] = ("risk_action", "risk_outcome", "lacked_capacity", "capacity_support")

# The columns a return groups by, in the few sets data/return_counts.py counts together: each set
# is one GROUP BY (quarter, status, *set), small enough (a few thousand groups at most) to come
# back whole, and every grouping a block needs is inside one set.
COUNTED_TOGETHER: dict[str, tuple[str, ...]] = {
    "about": ("respondent_type", "method", "double_coded", "coding_final", "days_to_conversation"),
    "case_details": CASE_QUESTIONS,
    "levels_1": ("respondent_type", "asked_outcomes", "outcomes_achieved", "feel_safer"),
    "levels_2": ("respondent_type", "listened_to", "understood", "involved"),
    "levels_3": ("respondent_type", "respected", "worked_together", "proportionate"),
}
FILTERED_BY: tuple[str, ...] = ("team_id", "method", "respondent_type")  # the dashboard's filters


def index_columns(name: str) -> tuple[str, ...]:
    """A covering index for one set: council, quarter and status first, then the set in GROUP BY
    order, then the filters. SQLite then counts in index order, reading neither the table nor a
    sort (its GROUP BY otherwise sorts every row)."""
    counted = COUNTED_TOGETHER[name]
    return ("council_id", "quarter", "status", *counted, *(f for f in FILTERED_BY if f not in counted))


# The agreement figures read both blind levels of double-coded conversations only: a partial index
# holding just those rows and columns.
PAIR_COLUMNS: tuple[str, ...] = tuple(f"{round_}_{outcome}" for outcome in OUTCOMES for round_ in ("first", "second"))
PAIRS_INDEX = Index(
    "ix_conversation_summaries_pairs",
    "council_id", "quarter", "status", "organisation_id", *PAIR_COLUMNS, "double_coded",
    sqlite_where=text("double_coded = 1"),
    postgresql_where=text("double_coded"),
)


class ConversationSummary(Base):
    __tablename__ = "conversation_summaries"
    __table_args__ = (
        *(Index(f"ix_conversation_summaries_{name}", *index_columns(name)) for name in COUNTED_TOGETHER),
        PAIRS_INDEX,
    )

    conversation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    council_id: Mapped[int]
    organisation_id: Mapped[int]
    team_id: Mapped[int | None]
    # The financial quarter the enquiry concluded in, as start year * 10 + quarter: 20252 is
    # 2025-26 Q2. A return's period is always a year or a quarter, so this is all it needs.
    quarter: Mapped[int]
    status: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(20))
    respondent_type: Mapped[str] = mapped_column(String(20))
    double_coded: Mapped[bool]
    coding_final: Mapped[bool]  # every outcome has a final level
    days_to_conversation: Mapped[int]  # from the enquiry concluding to the conversation starting (UTC)

    # The final level of each outcome; NULL when it has none.
    asked_outcomes: Mapped[str | None] = mapped_column(String(40))
    outcomes_achieved: Mapped[str | None] = mapped_column(String(40))
    feel_safer: Mapped[str | None] = mapped_column(String(40))
    listened_to: Mapped[str | None] = mapped_column(String(40))
    understood: Mapped[str | None] = mapped_column(String(40))
    involved: Mapped[str | None] = mapped_column(String(40))
    respected: Mapped[str | None] = mapped_column(String(40))
    worked_together: Mapped[str | None] = mapped_column(String(40))
    proportionate: Mapped[str | None] = mapped_column(String(40))

    # Both blind levels, only where a double-coded conversation has both for that outcome (the
    # agreement figures); NULL otherwise.
    first_asked_outcomes: Mapped[str | None] = mapped_column(String(40))
    second_asked_outcomes: Mapped[str | None] = mapped_column(String(40))
    first_outcomes_achieved: Mapped[str | None] = mapped_column(String(40))
    second_outcomes_achieved: Mapped[str | None] = mapped_column(String(40))
    first_feel_safer: Mapped[str | None] = mapped_column(String(40))
    second_feel_safer: Mapped[str | None] = mapped_column(String(40))
    first_listened_to: Mapped[str | None] = mapped_column(String(40))
    second_listened_to: Mapped[str | None] = mapped_column(String(40))
    first_understood: Mapped[str | None] = mapped_column(String(40))
    second_understood: Mapped[str | None] = mapped_column(String(40))
    first_involved: Mapped[str | None] = mapped_column(String(40))
    second_involved: Mapped[str | None] = mapped_column(String(40))
    first_respected: Mapped[str | None] = mapped_column(String(40))
    second_respected: Mapped[str | None] = mapped_column(String(40))
    first_worked_together: Mapped[str | None] = mapped_column(String(40))
    second_worked_together: Mapped[str | None] = mapped_column(String(40))
    first_proportionate: Mapped[str | None] = mapped_column(String(40))
    second_proportionate: Mapped[str | None] = mapped_column(String(40))

    # The case-details answers; NULL when skipped or not given.
    risk_action: Mapped[str | None] = mapped_column(String(120))
    risk_outcome: Mapped[str | None] = mapped_column(String(120))
    lacked_capacity: Mapped[str | None] = mapped_column(String(120))
    capacity_support: Mapped[str | None] = mapped_column(String(120))
