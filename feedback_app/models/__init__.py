"""Every model, so Alembic and the app see the whole schema from one import."""

from feedback_app.models.audit import AuditEvent
from feedback_app.models.base import Base, utcnow
from feedback_app.models.conversations import (
    Agreement,
    Answer,
    AnswerRevision,
    Concern,
    Conversation,
)
from feedback_app.models.organisations import Organisation, User, advocacy_councils

__all__ = [
    "Agreement",
    "Answer",
    "AnswerRevision",
    "AuditEvent",
    "Base",
    "Concern",
    "Conversation",
    "Organisation",
    "User",
    "advocacy_councils",
    "utcnow",
]
