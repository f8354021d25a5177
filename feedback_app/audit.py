"""Record who viewed or changed personal data. Only ids and action names: never free text."""

from __future__ import annotations

from flask import has_request_context
from flask_login import current_user

from feedback_app.extensions import db
from feedback_app.models import AuditEvent, User


def record(
    action: str,
    *,
    object_type: str = "",
    object_id: object = "",
    organisation_id: int | None = None,
    user: User | None = None,
) -> None:
    """Add an audit event and commit: the change it records (if any) commits with it, or neither does."""
    signed_in = has_request_context() and current_user.is_authenticated
    actor = user if user is not None else (current_user if signed_in else None)
    db.session.add(
        AuditEvent(
            user_id=actor.id if actor is not None else None,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            organisation_id=organisation_id,
        )
    )
    db.session.commit()
