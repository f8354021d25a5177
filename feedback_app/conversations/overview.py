"""A conversation's own page, and the practitioner's controls: resume, pause, hand over, stop, concern."""

from __future__ import annotations

import uuid

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from feedback_app.auth import CONVERSATION_ROLES, roles
from feedback_app.conversations import labels, progress
from feedback_app.conversations.access import (
    audit,
    bank_for,
    is_handed_over,
    load,
    practitioner_banks,
    set_handed_over,
)
from feedback_app.conversations.forms import ActionForm, ConcernForm, StopForm
from feedback_app.data import conversations
from feedback_app.vocabulary import INDEPENDENT_WINDOW_DAYS, PAUSED


@roles(*CONVERSATION_ROLES)
def overview(conversation_id: uuid.UUID) -> str | Response:
    """The details of one conversation, how far it has got, and what to do next."""
    conversation = load(conversation_id)
    if is_handed_over(conversation) and conversations.is_open(conversation):
        # The person holds the tablet: case details are for the practitioner only.
        return redirect(url_for("conversations.resume", conversation_id=conversation.id))
    bank = bank_for(conversation, conversation.bank_id)
    parts = [
        (bank, *progress.counts(bank, conversations.answers_for(conversation, bank.id)))
        for bank in [bank, *practitioner_banks()]
    ]
    late = conversation.method == "independent" and conversation.days_after_conclusion > INDEPENDENT_WINDOW_DAYS
    return render_template(
        "conversations/overview.html",
        conversation=conversation,
        parts=parts,
        late=late,
        labels=labels,
        concerns=conversations.concerns_for(conversation),
        open=conversations.is_open(conversation),
        action_form=ActionForm(),
        banner=request.args.get("banner", ""),
    )


@roles(*CONVERSATION_ROLES)
def resume(conversation_id: uuid.UUID) -> Response:
    """Carry on at the first question still to answer, or the read-back when all are done."""
    conversation = load(conversation_id, audit_view=False)
    if not conversations.is_open(conversation):
        return redirect(url_for("conversations.overview", conversation_id=conversation.id))
    bank = bank_for(conversation, request.args.get("bank_id", conversation.bank_id))
    following = progress.first_to_ask(bank, conversations.answers_for(conversation, bank.id))
    if following is None:
        return redirect(url_for("conversations.check", conversation_id=conversation.id, bank_id=bank.id))
    return redirect(
        url_for("conversations.question", conversation_id=conversation.id, bank_id=bank.id, question_id=following.id)
    )


@roles(*CONVERSATION_ROLES)
def pause(conversation_id: uuid.UUID) -> Response:
    """Pause: everything already saved stays; carry on later from any device."""
    conversation = load(conversation_id, audit_view=False)
    if not ActionForm().validate_on_submit():
        abort(400)
    if conversations.is_open(conversation):
        conversations.set_status(conversation, PAUSED)
        set_handed_over(conversation, False)
        audit(conversation, "conversation.pause")
    return redirect(url_for("conversations.index", view="in_progress", banner="paused"))


@roles(*CONVERSATION_ROLES)
def handover(conversation_id: uuid.UUID) -> Response:
    """Hand the tablet to the person (only their question shows) or take it back."""
    conversation = load(conversation_id, audit_view=False)
    if not ActionForm().validate_on_submit():
        abort(400)
    set_handed_over(conversation, request.form.get("handed_over") == "yes")
    return redirect(url_for("conversations.resume", conversation_id=conversation.id))


@roles(*CONVERSATION_ROLES)
def stop(conversation_id: uuid.UUID) -> str | Response:
    """The person wants to stop: record it, and keep or delete what they said, as they choose."""
    conversation = load(conversation_id, audit_view=request.method == "GET")
    if not conversations.is_open(conversation):
        return redirect(url_for("conversations.overview", conversation_id=conversation.id))
    form = StopForm()
    if form.validate_on_submit():
        keep_answers = form.keep_answers.data == "yes"
        conversations.withdraw(conversation, keep_answers=keep_answers)
        set_handed_over(conversation, False)
        audit(conversation, "conversation.withdraw")
        if not keep_answers:
            audit(conversation, "conversation.words_delete")  # what they said is gone, revisions too
        return redirect(url_for("conversations.overview", conversation_id=conversation.id, banner="stopped"))
    return render_template("conversations/stop.html", conversation=conversation, form=form)


@roles(*CONVERSATION_ROLES)
def concern(conversation_id: uuid.UUID) -> str | Response:
    """Record that a new concern was raised, apart from the feedback, and say what to do next."""
    conversation = load(conversation_id, audit_view=False)
    set_handed_over(conversation, False)
    form = ConcernForm()
    if form.validate_on_submit():
        raised = conversations.raise_concern(conversation, note=(form.note.data or "").strip(), user=current_user)
        audit(conversation, "concern.raise")
        return redirect(url_for("conversations.concern_raised", conversation_id=conversation.id, concern_id=raised.id))
    return render_template("conversations/concern.html", conversation=conversation, form=form)


@roles(*CONVERSATION_ROLES)
def concern_raised(conversation_id: uuid.UUID, concern_id: int) -> str:
    """What to do next, now the new concern is recorded."""
    conversation = load(conversation_id)
    raised = next((c for c in conversations.concerns_for(conversation) if c.id == concern_id), None)
    if raised is None:
        abort(404)
    return render_template(
        "conversations/concern_raised.html",
        conversation=conversation,
        concern=raised,
        next_step=conversation.council.concern_next_step or conversation.organisation.concern_next_step,
    )
