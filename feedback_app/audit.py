"""Record who viewed or changed personal data. Only ids and action names: never free text."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g, has_request_context
from flask_login import current_user
from sqlalchemy import insert

from feedback_app.extensions import db
from feedback_app.models import AuditEvent, Conversation, User


def record(
    action: str,
    *,
    object_type: str = "",
    object_id: object = "",
    organisation_id: int | None = None,
    user: User | None = None,
) -> None:
    """Add an audit event and commit: the change it records (if any) commits with it, or neither does."""
    _insert([_event(action, object_type=object_type, object_id=object_id, organisation_id=organisation_id, user=user)])
    db.session.commit()


def record_view(action: str, *, object_type: str = "", object_id: object = "", organisation_id: int | None = None) -> None:
    """Record that this request shows personal data, committed once the page is made and before it
    is sent (commit_views). A page that fails to render showed nothing and records nothing, and the
    page does not reload every object it uses after a commit halfway through.

    The row is written then too, not now: on SQLite, where one connection writes at a time, the
    write then lasts a fraction of a millisecond instead of the whole time the page takes to make."""
    event = _event(action, object_type=object_type, object_id=object_id, organisation_id=organisation_id, user=None)
    g.setdefault("audit_views_pending", []).append(event)


def commit_views(response: Response) -> Response:
    """After each request: write and commit the views it recorded, if the page was shown (an error
    page shows no record). If the commit fails, the page is not sent."""
    if events := g.pop("audit_views_pending", None):
        if response.status_code < 400:
            _insert(events)
            db.session.commit()
        else:
            db.session.rollback()
    return response


def conversation_event(conversation: Conversation, action: str, *, view: bool = False) -> None:
    """Record an action on a conversation: a change commits now, with what it changed; a view
    commits with the page (record_view)."""
    (record_view if view else record)(
        action, object_type="conversation", object_id=conversation.id, organisation_id=conversation.organisation_id
    )


def init_app(app: Flask) -> None:
    app.after_request(commit_views)


def _event(action: str, *, object_type: str, object_id: object, organisation_id: int | None, user: User | None) -> dict[str, Any]:
    signed_in = has_request_context() and current_user.is_authenticated
    actor = user if user is not None else (current_user if signed_in else None)
    return {
        "user_id": actor.id if actor is not None else None,
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "organisation_id": organisation_id,
    }


_INSERT = insert(AuditEvent.__table__)  # made once: its cache key is worked out once


def _insert(events: list[dict[str, Any]]) -> None:
    """Write audit rows in the session's transaction. A plain INSERT: an audit row is never read
    back or changed, so it needs none of the ORM's bookkeeping (a third of a millisecond a page)."""
    db.session.connection().execute(_INSERT, events)
