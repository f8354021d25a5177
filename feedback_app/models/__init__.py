"""Every model, so Alembic and the app see the whole schema from one import."""

from feedback_app.models.audit import AuditEvent
from feedback_app.models.base import Base, utcnow
from feedback_app.models.calibration import CalibrationAnswer, CalibrationAttempt
from feedback_app.models.coding import Adjudication, Coding
from feedback_app.models.comparison import ComparisonReturn
from feedback_app.models.conversations import (
    Agreement,
    Answer,
    AnswerRevision,
    Concern,
    Conversation,
)
from feedback_app.models.organisations import Organisation, Team, User, advocacy_councils
from feedback_app.models.returns import ReturnRecord
from feedback_app.models.sessions import RecoveryCode, SignInSession
from feedback_app.models.summaries import ConversationSummary

__all__ = [
    "Adjudication",
    "Coding",
    "Agreement",
    "Answer",
    "AnswerRevision",
    "AuditEvent",
    "CalibrationAnswer",
    "CalibrationAttempt",
    "Base",
    "ComparisonReturn",
    "Concern",
    "Conversation",
    "ConversationSummary",
    "Organisation",
    "RecoveryCode",
    "ReturnRecord",
    "SignInSession",
    "Team",
    "User",
    "advocacy_councils",
    "utcnow",
]
