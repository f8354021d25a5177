"""One row per conversation holding what a return counts, so the database can do the counting.

A copy, never a source: every value is worked out from the conversation, its codings,
adjudications and case-details answers by feedback_app/data/summaries.py, which a session event
runs whenever any of those change (and `flask returns refresh-summaries` rebuilds them all).
Column names are the fixed outcome ids and case-details question ids.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from feedback_app.models.base import Base

# The case-details questions a return counts by (returns/build.py).
CASE_QUESTIONS: tuple[str, ...] = ("risk_action", "risk_outcome", "lacked_capacity", "capacity_support")


class ConversationSummary(Base):
    __tablename__ = "conversation_summaries"
    # A council's return for a period: every count filters on these two first.
    __table_args__ = (Index("ix_conversation_summaries_council_quarter", "council_id", "quarter"),)

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
