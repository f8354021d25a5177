"""Another council's published return, imported by a council to compare with its own."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from feedback_app.models.base import Base, utcnow
from feedback_app.models.organisations import Organisation, User


class ComparisonReturn(Base):
    __tablename__ = "comparison_returns"
    __table_args__ = (UniqueConstraint("council_id", "organisation", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The council that imported it: only that council's coordinators ever see it.
    council_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    organisation: Mapped[str] = mapped_column(String(200))  # the other council's name, as in its file
    period: Mapped[str] = mapped_column(String(20))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # Published values only: [[block, measure, category, respondent, shown value], ...].
    values: Mapped[list[list[str]]] = mapped_column(JSON, default=list)

    council: Mapped[Organisation] = relationship()
    uploaded_by: Mapped[User] = relationship()
