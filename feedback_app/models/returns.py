"""A council's return for a period: marked ready, then submitted (partial returns are welcome)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from feedback_app.models.base import Base, utcnow
from feedback_app.models.organisations import Organisation, User

READY, SUBMITTED = "ready", "submitted"


class ReturnRecord(Base):
    __tablename__ = "returns"
    __table_args__ = (UniqueConstraint("council_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    period: Mapped[str] = mapped_column(String(20))  # "2025-26" or "2025-26 Q1"
    status: Mapped[str] = mapped_column(String(20))  # ready | submitted
    partial: Mapped[bool]
    marked_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    marked_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The counts as submitted, so a later coding change never alters what was sent.
    snapshot: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)

    council: Mapped[Organisation] = relationship()
    marked_by: Mapped[User] = relationship()
