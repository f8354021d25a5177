"""The audit trail: who viewed or changed which record, and when. Never any free text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column

from feedback_app.models.base import Base, utcnow


class AuditEvent(Base):
    __tablename__ = "audit_events"
    # The audit trail search, newest first within each (migration 0009): what one person did, who
    # looked at one record, what happened in one organisation, every use of one action.
    __table_args__ = (
        Index("ix_audit_events_user_at", "user_id", "at"),
        Index("ix_audit_events_object_at", "object_type", "object_id", "at"),
        Index("ix_audit_events_organisation_at", "organisation_id", "at"),
        Index("ix_audit_events_action_at", "action", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(60))  # e.g. conversation.view, answer.save
    object_type: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[str] = mapped_column(String(64), default="")
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))


class AuditTrailError(RuntimeError):
    """Something tried to change or delete an audit event: the trail is append-only."""


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_change(mapper: Any, connection: Any, target: AuditEvent) -> None:
    # The database refuses too (triggers from migration 0008); this catches it before the query.
    raise AuditTrailError("audit events cannot be changed or deleted")
