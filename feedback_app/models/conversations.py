"""A feedback conversation, its answers (with history), agreement and any new concern raised."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Date, ForeignKey, Index, String, UniqueConstraint, false, func
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from feedback_app.models.base import Base, utcnow
from feedback_app.models.encrypted import EncryptedText, blind_index
from feedback_app.models.organisations import Organisation, User

if TYPE_CHECKING:
    from feedback_app.models.coding import Adjudication, Coding


class Conversation(Base):
    __tablename__ = "conversations"
    # For the queries lists, the coding queue and returns make (migration 0009). Each leads with the
    # column a lone index used to cover, so those went.
    __table_args__ = (
        # A council's return, briefing and dashboard: enquiries concluded in a period.
        Index("ix_conversations_council_concluded", "council_id", "enquiry_concluded_on"),
        # An organisation's whole list, newest first (a coordinator's first page).
        Index("ix_conversations_organisation_updated", "organisation_id", "updated_at"),
        # An organisation's lists by tab (in progress, finished), newest first; the coding queue.
        Index("ix_conversations_organisation_status", "organisation_id", "status", "updated_at"),
        # "My conversations": a practitioner's own, by tab, newest first.
        Index("ix_conversations_creator_status", "created_by_id", "status", "updated_at"),
    )

    # A random id in every URL: nothing to guess, nothing counted.
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    council_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # The practitioner's team when the conversation started (a dashboard filter; may be none).
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    # The start form's one-time token: pressing Start twice never makes two conversations.
    start_token: Mapped[str] = mapped_column(String(64), unique=True)

    # Encrypted; found by its blind index (a keyed hash of the normalised reference), never by LIKE.
    case_reference: Mapped[str] = mapped_column(EncryptedText("conversations.case_reference"))
    case_reference_index: Mapped[str | None] = mapped_column(String(64), index=True)
    enquiry_concluded_on: Mapped[dt.date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))  # enquiry_lead | independent
    respondent_type: Mapped[str] = mapped_column(String(20))  # adult | representative
    representative_relationship: Mapped[str | None] = mapped_column(String(30))
    others_present: Mapped[list[str]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(10), default="en")
    format: Mapped[str] = mapped_column(String(20), default="standard")  # standard | easy_read

    bank_id: Mapped[str] = mapped_column(String(60))
    bank_version: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    finished_at: Mapped[dt.datetime | None]
    # Chosen at random when the conversation finishes, by the council's double-coding share.
    double_coded: Mapped[bool] = mapped_column(default=False, server_default=false())
    # When retention deleted what identifies the person (words, case reference); levels stay.
    details_deleted_at: Mapped[dt.datetime | None]

    organisation: Mapped[Organisation] = relationship(foreign_keys=[organisation_id])
    council: Mapped[Organisation] = relationship(foreign_keys=[council_id])
    created_by: Mapped[User] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="conversation", cascade="all, delete-orphan", order_by=lambda: Answer.id
    )
    agreement: Mapped[Agreement | None] = relationship(
        back_populates="conversation", cascade="all, delete-orphan"
    )
    codings: Mapped[list[Coding]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    adjudications: Mapped[list[Adjudication]] = relationship(cascade="all, delete-orphan", passive_deletes=True)

    @validates("case_reference")
    def _index_case_reference(self, key: str, reference: str) -> str:
        self.case_reference_index = blind_index(reference)
        return reference

    @property
    def days_after_conclusion(self) -> int:
        return (self.started_at.date() - self.enquiry_concluded_on).days

    def __repr__(self) -> str:
        return f"<Conversation {self.id} {self.status}>"


class Answer(Base):
    """The latest saved step for one question; every change is kept in AnswerRevision."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("conversation_id", "bank_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    bank_id: Mapped[str] = mapped_column(String(60))
    bank_version: Mapped[int]
    question_id: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20))  # answered | skipped | rather_not_say
    value: Mapped[str | None] = mapped_column(String(120))
    words: Mapped[str] = mapped_column(EncryptedText("answers.words"), default="")
    respondent_type: Mapped[str] = mapped_column(String(20))  # who gave this answer
    answered_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    conversation: Mapped[Conversation] = relationship(back_populates="answers")
    revisions: Mapped[list[AnswerRevision]] = relationship(
        back_populates="answer", cascade="all, delete-orphan", order_by=lambda: AnswerRevision.id
    )


class AnswerRevision(Base):
    """One saved version of an answer, so changes on the read-back keep their history."""

    __tablename__ = "answer_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("answers.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    value: Mapped[str | None] = mapped_column(String(120))
    words: Mapped[str] = mapped_column(EncryptedText("answer_revisions.words"), default="")
    changed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    answer: Mapped[Answer] = relationship(back_populates="revisions")


class Agreement(Base):
    """The person's agreement to take part, kept apart from what they said."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), unique=True
    )
    agreed: Mapped[bool]
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[dt.datetime | None]
    keep_answers: Mapped[bool | None]  # on withdrawal: keep what was said so far?

    conversation: Mapped[Conversation] = relationship(back_populates="agreement")


class Concern(Base):
    """A new concern raised during a conversation. Never part of the feedback record."""

    __tablename__ = "concerns"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    raised_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    raised_at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())
    note: Mapped[str] = mapped_column(EncryptedText("concerns.note"), default="")

    raised_by: Mapped[User] = relationship()
