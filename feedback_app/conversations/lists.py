"""Conversation lists: mine, in progress, finished, and search by case reference."""

from __future__ import annotations

from flask import render_template, request
from flask_login import current_user

from feedback_app.audit import record
from feedback_app.auth import CONVERSATION_ROLES, roles
from feedback_app.conversations import labels
from feedback_app.conversations.access import visible_ids
from feedback_app.data import conversations

VIEWS = ("all", "mine", "in_progress", "finished")


@roles(*CONVERSATION_ROLES)
def index() -> str:
    """List conversations this person may see, filtered by the tab and search box."""
    view = request.args.get("view", "mine" if current_user.role != "coordinator" else "all")
    if view not in VIEWS:
        view = "all"
    reference = request.args.get("q", "")[:60]
    # Audited first: the audit entry commits, and a commit after the search would expire every
    # conversation found, to be read again one query at a time as the list is drawn.
    record("conversation.list", organisation_id=current_user.organisation_id)
    found = conversations.search(visible_ids(), view=view, user_id=current_user.id, case_reference=reference)
    return render_template(
        "conversations/index.html",
        conversations=found,
        view=view,
        views=VIEWS,
        reference=reference,
        labels=labels,
        banner=request.args.get("banner", ""),
    )
