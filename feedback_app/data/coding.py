"""Codings and adjudications: the only place views read or change them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from feedback_app.coding.state import ConversationCoding, combine
from feedback_app.extensions import db
from feedback_app.models import Adjudication, Coding, Conversation, User, utcnow
from feedback_app.vocabulary import FINISHED


def finished_conversations(organisation_ids: set[int], limit: int = 1000) -> list[Conversation]:
    """Finished conversations these organisations hold, with their codings, oldest first."""
    if not organisation_ids:
        return []
    query = (
        select(Conversation)
        .where(Conversation.organisation_id.in_(organisation_ids), Conversation.status == FINISHED)
        .options(selectinload(Conversation.codings), selectinload(Conversation.adjudications))
        .order_by(Conversation.finished_at, Conversation.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def state_of(conversation: Conversation) -> ConversationCoding:
    return combine(
        conversation.double_coded,
        ((c.outcome, c.round, c.level) for c in conversation.codings),
        ((a.outcome, a.level) for a in conversation.adjudications),
    )


def codings_by(conversation: Conversation, round_: int) -> dict[str, Coding]:
    return {c.outcome: c for c in conversation.codings if c.round == round_}


def first_coder_ids(conversation: Conversation) -> set[int]:
    return {c.coder_id for c in conversation.codings if c.round == 1}


def save_coding(
    conversation: Conversation,
    *,
    outcome: str,
    round_: int,
    level: str,
    reason: str,
    coder: User,
    rubric: tuple[str, int],
    suggestion: tuple[str, float] | None,
    suggestion_use: str,
) -> Coding:
    """Add or replace one coder's level for one outcome (not committed)."""
    suggested_level, suggested_confidence = suggestion if suggestion else (None, None)
    values = {
        "level": level,
        "reason": reason,
        "coder_id": coder.id,
        "coded_at": utcnow(),
        "rubric_id": rubric[0],
        "rubric_version": rubric[1],
        "suggested_level": suggested_level,
        "suggested_confidence": suggested_confidence,
        "suggestion_use": suggestion_use,
    }
    coding = codings_by(conversation, round_).get(outcome)
    if coding is None:
        coding = Coding(conversation_id=conversation.id, outcome=outcome, round=round_, **values)
        conversation.codings.append(coding)
    else:
        for name, value in values.items():
            setattr(coding, name, value)
    return coding


def adjudicate(conversation: Conversation, *, outcome: str, level: str, reason: str, user: User) -> Adjudication:
    """Record the final level where two coders differed (not committed)."""
    values = {"level": level, "reason": reason, "adjudicator_id": user.id, "decided_at": utcnow()}
    decided = next((a for a in conversation.adjudications if a.outcome == outcome), None)
    if decided is None:
        decided = Adjudication(conversation_id=conversation.id, outcome=outcome, **values)
        conversation.adjudications.append(decided)
    else:
        for name, value in values.items():
            setattr(decided, name, value)
    return decided
