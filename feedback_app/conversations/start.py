"""Starting a conversation: the case, who is answering, and their agreement to take part."""

from __future__ import annotations

import datetime as dt
import secrets

from flask import redirect, render_template, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from feedback_app.auth import CONVERSATION_ROLES, roles
from feedback_app.conversations import labels
from feedback_app.conversations.access import audit, feedback_bank
from feedback_app.conversations.forms import StartForm
from feedback_app.data import conversations, organisations
from feedback_app.vocabulary import INDEPENDENT_WINDOW_DAYS


def _is_late(form: StartForm) -> bool:
    """An independent conversation more than 8 weeks after the enquiry concluded."""
    return (
        form.method.data == "independent"
        and form.concluded_on is not None
        and (dt.date.today() - form.concluded_on).days > INDEPENDENT_WINDOW_DAYS
    )


@roles(*CONVERSATION_ROLES)
def start() -> str | Response:
    """Record the case and the person's agreement, then go to the first question."""
    councils = organisations.councils_served(current_user.organisation)
    form = StartForm(councils=[(str(council.id), council.name) for council in councils])
    if not form.is_submitted():
        form.start_token.data = secrets.token_urlsafe(24)
        form.method.data = "independent" if current_user.organisation.kind == "advocacy" else "enquiry_lead"
        form.language.data = "en"
        form.format.data = "standard"
        if len(councils) == 1:
            form.council.data = str(councils[0].id)
    if form.validate_on_submit() and councils:
        if _is_late(form) and form.late_confirmed.data != "yes":
            form.late_confirmed.data = "yes"
            return render_template("conversations/start.html", form=form, late=True, councils=councils, labels=labels)
        existing = conversations.find_by_start_token(form.start_token.data or "")
        if existing is not None and existing.organisation_id == current_user.organisation_id:
            return redirect(url_for("conversations.overview", conversation_id=existing.id))
        council_id = int(form.council.data) if len(councils) > 1 else councils[0].id
        bank = feedback_bank()
        conversation = conversations.create(
            conversations.NewConversation(
                start_token=form.start_token.data or secrets.token_urlsafe(24),
                council_id=council_id,
                case_reference=(form.case_reference.data or "").strip(),
                enquiry_concluded_on=form.concluded_on,  # type: ignore[arg-type]
                method=form.method.data,
                respondent_type=form.respondent_type.data,
                representative_relationship=(
                    form.representative_relationship.data if form.respondent_type.data == "representative" else None
                ),
                others_present=list(form.others_present.data or []),
                language=form.language.data,
                format=form.format.data,
                agreed=form.agreed.data == "yes",
                bank_id=bank.id,
                bank_version=bank.version,
            ),
            current_user,
        )
        # Read before the audit commits: afterwards each would be loaded again from the database.
        new_id, declined = conversation.id, conversation.status == "declined"
        audit(conversation, "conversation.start")
        return redirect(url_for("conversations.overview" if declined else "conversations.resume", conversation_id=new_id))
    return render_template("conversations/start.html", form=form, late=False, councils=councils, labels=labels)
