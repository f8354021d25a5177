"""What people said, for a council's briefing: the words behind each final-coded outcome."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from feedback_app.coding.material import SavedAnswer, gather
from feedback_app.coding.state import FINAL
from feedback_app.data.coding import state_of
from feedback_app.extensions import db
from feedback_app.models import Conversation, Organisation
from feedback_app.periods import Period
from feedback_app.reporting.quotes import QuoteSource
from feedback_app.vocabulary import FINISHED


def quote_sources(council: Organisation, period: Period) -> list[QuoteSource]:
    """One source per outcome of every finished, final-coded conversation whose enquiry concluded
    in the period: its final level and the words that informed it (the coder's material)."""
    query = (
        select(Conversation)
        .where(
            Conversation.council_id == council.id,
            Conversation.status == FINISHED,
            Conversation.enquiry_concluded_on >= period.start,
            Conversation.enquiry_concluded_on <= period.end,
        )
        .options(
            selectinload(Conversation.answers),
            selectinload(Conversation.codings),
            selectinload(Conversation.adjudications),
        )
        .order_by(Conversation.enquiry_concluded_on, Conversation.id)
    )
    banks = current_app.extensions["question_banks"]
    sources = []
    for conversation in db.session.scalars(query):
        state = state_of(conversation)
        bank = banks.get(conversation.bank_id)
        if state.status != FINAL or bank is None:
            continue
        answers = {
            a.question_id: SavedAnswer(a.status, a.value, a.words)
            for a in conversation.answers
            if a.bank_id == conversation.bank_id
        }
        levels = state.final_levels()
        for outcome, material in gather(bank, answers).items():
            if outcome in levels:
                sources.append(QuoteSource(str(conversation.id), outcome, levels[outcome], material.words))
    return sources
