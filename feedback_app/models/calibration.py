"""Calibration: a coder codes the rubric's worked examples blind, then compares with the reference."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from feedback_app.models.base import Base, utcnow
from feedback_app.models.organisations import User


class CalibrationAttempt(Base):
    """One run of the exercise by one coder, against one version of the rubric."""

    __tablename__ = "calibration_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    rubric_id: Mapped[str] = mapped_column(String(60))
    rubric_version: Mapped[int]
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None]

    coder: Mapped[User] = relationship()
    answers: Mapped[list[CalibrationAnswer]] = relationship(
        back_populates="attempt",
        order_by=lambda: CalibrationAnswer.position,
        cascade="all, delete-orphan",
    )


class CalibrationAnswer(Base):
    """One worked example in an attempt: the level the coder chose (None until answered) and the reference."""

    __tablename__ = "calibration_answers"
    __table_args__ = (UniqueConstraint("attempt_id", "example_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("calibration_attempts.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]  # order on the page, from 1
    # "outcome:level:index" of the example in the rubric version the attempt used
    example_key: Mapped[str] = mapped_column(String(120))
    outcome: Mapped[str] = mapped_column(String(40))
    level: Mapped[str | None] = mapped_column(String(40))
    reference_level: Mapped[str] = mapped_column(String(40))

    attempt: Mapped[CalibrationAttempt] = relationship(back_populates="answers")
