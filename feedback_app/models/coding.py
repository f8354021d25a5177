"""Codings: the level a coder gave each outcome of a conversation, and adjudicated final levels."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from feedback_app.models.base import Base, utcnow
from feedback_app.models.encrypted import EncryptedText
from feedback_app.models.organisations import User

FIRST, SECOND = 1, 2  # coding rounds: the first coder, and the blind second coder

# How the coder used the suggestion. "not_shown" is every blind second coding.
ACCEPTED, CHANGED, NOT_SHOWN, ACCEPTED_IN_BULK = "accepted", "changed", "not_shown", "accepted_in_bulk"
SUGGESTION_USES: tuple[str, ...] = (ACCEPTED, CHANGED, NOT_SHOWN, ACCEPTED_IN_BULK)


class Coding(Base):
    __tablename__ = "codings"
    __table_args__ = (UniqueConstraint("conversation_id", "outcome", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    outcome: Mapped[str] = mapped_column(String(40))
    round: Mapped[int]
    level: Mapped[str] = mapped_column(String(40))
    # A coder's reason may quote the person, so it is encrypted like their words.
    reason: Mapped[str] = mapped_column(EncryptedText("codings.reason"), default="")
    coder_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    coded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    rubric_id: Mapped[str] = mapped_column(String(60))
    rubric_version: Mapped[int]
    suggested_level: Mapped[str | None] = mapped_column(String(40))
    suggested_confidence: Mapped[float | None]
    suggestion_use: Mapped[str] = mapped_column(String(20))

    coder: Mapped[User] = relationship()


class Adjudication(Base):
    """A coordinator's decision where two blind coders gave different levels."""

    __tablename__ = "adjudications"
    __table_args__ = (UniqueConstraint("conversation_id", "outcome"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    outcome: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(EncryptedText("adjudications.reason"), default="")
    adjudicator_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    adjudicator: Mapped[User] = relationship()
