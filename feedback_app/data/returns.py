"""Facts for a council's return, read one conversation at a time from conversations, codings and
case details. Returns are counted by the database (data/return_counts.py); this per-conversation
path is the reference it is tested against, and what retention checks a return is unchanged by.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from feedback_app.coding.agreement_report import CodedConversation, OutcomeAgreement, build
from feedback_app.coding.state import FINAL
from feedback_app.data.coding import finished_conversations, state_of
from feedback_app.extensions import db
from feedback_app.models import (
    Adjudication,
    Answer,
    Coding,
    Conversation,
    Organisation,
    ReturnRecord,
    User,
    utcnow,
)
from feedback_app.periods import Period
from feedback_app.returns.model import NO_TEAM, ConversationFacts, Filters

CASE_DETAILS_BANK = "case-details"


def facts_for(council: Organisation, period: Period, filters: Filters | None = None) -> list[ConversationFacts]:
    """Every conversation for this council whose enquiry concluded in the period, narrowed in the
    query by team, method and respondent type when filters are given."""
    query = select(Conversation).where(
        Conversation.council_id == council.id,
        Conversation.enquiry_concluded_on >= period.start,
        Conversation.enquiry_concluded_on <= period.end,
    )
    if filters is not None:
        if filters.team == NO_TEAM:
            query = query.where(Conversation.team_id.is_(None))
        elif filters.team is not None:
            query = query.where(Conversation.team_id == filters.team)
        if filters.method is not None:
            query = query.where(Conversation.method == filters.method)
        if filters.respondent_type is not None:
            query = query.where(Conversation.respondent_type == filters.respondent_type)
    # Only what a return counts: levels and case-details values, never the (encrypted) words or reasons.
    query = query.options(
        selectinload(Conversation.answers).load_only(Answer.bank_id, Answer.question_id, Answer.value),
        selectinload(Conversation.codings).load_only(Coding.outcome, Coding.round, Coding.level),
        selectinload(Conversation.adjudications).load_only(Adjudication.outcome, Adjudication.level),
    )
    facts = []
    for conversation in db.session.scalars(query):
        state = state_of(conversation)
        facts.append(
            ConversationFacts(
                conversation_id=str(conversation.id),
                status=conversation.status,
                concluded_on=conversation.enquiry_concluded_on,
                held_on=conversation.started_at.astimezone(dt.timezone.utc).date(),
                method=conversation.method,
                respondent_type=conversation.respondent_type,
                double_coded=conversation.double_coded,
                coding_final=state.status == FINAL,
                final_levels=state.final_levels(),
                case_details={
                    answer.question_id: answer.value
                    for answer in conversation.answers
                    if answer.bank_id == CASE_DETAILS_BANK
                },
            )
        )
    return facts


def agreement_from_codings(council: Organisation, period: Period) -> OutcomeAgreement | None:
    """Overall agreement over the council's finished conversations in the period held by it or its
    advocacy organisations, from every coding; None when there are none."""
    organisation_ids = {council.id, *(advocacy.id for advocacy in council.advocacy_organisations)}
    coded = [
        CodedConversation(
            conversation_id=str(conversation.id),
            case_reference="",  # not needed for the figures, and kept encrypted
            double_coded=conversation.double_coded,
            codings=[(c.outcome, c.round, c.level, c.coder_id) for c in conversation.codings],
            adjudications=[(a.outcome, a.level) for a in conversation.adjudications],
        )
        for conversation in finished_conversations(organisation_ids, limit=1_000_000)
        if conversation.council_id == council.id and period.contains(conversation.enquiry_concluded_on)
    ]
    return build(coded).overall if coded else None


def record_for(council: Organisation, period: Period) -> ReturnRecord | None:
    return db.session.scalar(
        select(ReturnRecord).where(ReturnRecord.council_id == council.id, ReturnRecord.period == period.label)
    )


def mark(council: Organisation, period: Period, *, status: str, partial: bool, snapshot: dict[str, object], user: User) -> ReturnRecord:
    """Mark the return ready or submitted, keeping the counts as they were (not committed)."""
    record = record_for(council, period)
    if record is None:
        record = ReturnRecord(council_id=council.id, period=period.label, status=status, partial=partial, marked_by_id=user.id, snapshot=snapshot)
        db.session.add(record)
    else:
        record.status, record.partial, record.snapshot = status, partial, snapshot
        record.marked_by_id, record.marked_at = user.id, utcnow()
    return record
