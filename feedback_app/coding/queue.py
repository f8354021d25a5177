"""The coding queue, a conversation's coding summary, and adjudication of disagreements."""

from __future__ import annotations

import uuid

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from feedback_app.auth import roles
from feedback_app.coding import labels
from feedback_app.audit import record
from feedback_app.coding.access import CODING_ROLES, audit, load_finished, material_for, require_coder, round_for
from feedback_app.coding.material import highlight_said
from feedback_app.coding.state import AWAITING_ADJUDICATION, AWAITING_SECOND, FINAL, TO_CODE
from feedback_app.conversations.forms import ActionForm
from feedback_app.data import coding, organisations
from feedback_app.vocabulary import OUTCOMES, levels_for

TABS = (TO_CODE, AWAITING_SECOND, AWAITING_ADJUDICATION, FINAL)


@roles(*CODING_ROLES)
def queue() -> str:
    """Finished conversations by where their coding stands."""
    require_coder()
    tab = request.args.get("tab", TO_CODE)
    if tab not in TABS:
        tab = TO_CODE
    found = coding.finished_conversations(organisations.visible_organisation_ids(current_user))
    counts = dict.fromkeys(TABS, 0)
    listed = []
    for conversation in found:
        status = coding.state_of(conversation).status
        if status == AWAITING_SECOND and current_user.id in coding.first_coder_ids(conversation):
            status = "awaiting_other"  # waiting for someone else: this coder coded it first
        if status in counts:
            counts[status] += 1
        if status == tab:
            listed.append(conversation)
    record("coding.queue", organisation_id=current_user.organisation_id)
    return render_template(
        "coding/queue.html",
        tab=tab,
        tabs=TABS,
        counts=counts,
        conversations=listed,
        labels=labels,
        may_decide=current_user.role == "coordinator",
        banner=request.args.get("banner", ""),
    )


@roles(*CODING_ROLES)
def summary(conversation_id: uuid.UUID) -> str:
    """Where a conversation's coding stands. Levels are hidden from anyone who may still code it blind."""
    require_coder()
    conversation = load_finished(conversation_id)
    state = coding.state_of(conversation)
    blind = state.status == AWAITING_SECOND and current_user.id not in coding.first_coder_ids(conversation)
    return render_template(
        "coding/summary.html",
        conversation=conversation,
        state=state,
        blind=blind,
        outcomes=OUTCOMES,
        labels=labels,
        can_code=round_for(conversation, current_user) is not None,
        can_decide=state.status == AWAITING_ADJUDICATION and current_user.role == "coordinator",
    )


@roles("coordinator")
def adjudicate(conversation_id: uuid.UUID) -> str | Response:
    """See both coders' levels and reasons beside the words, and decide the final level."""
    conversation = load_finished(conversation_id, audit_view=request.method == "GET")
    state = coding.state_of(conversation)
    disagreed = [outcome for outcome in OUTCOMES if outcome in state.outcomes and state.outcomes[outcome].disagreed]
    if not disagreed or state.status not in (AWAITING_ADJUDICATION, FINAL):
        abort(404)
    first, second = coding.codings_by(conversation, 1), coding.codings_by(conversation, 2)
    material = material_for(conversation)
    form = ActionForm()
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        for outcome in disagreed:
            level = request.form.get(f"level-{outcome}", "")
            if level and level not in levels_for(outcome):
                errors[outcome] = _("Select a level from the list")
            elif level:
                coding.adjudicate(
                    conversation,
                    outcome=outcome,
                    level=level,
                    reason=request.form.get(f"reason-{outcome}", "").strip()[:1000],
                    user=current_user,
                )
        if not errors:
            audit(conversation, "coding.adjudicate")
            return redirect(url_for("coding.summary", conversation_id=conversation.id))
    return render_template(
        "coding/adjudicate.html",
        conversation=conversation,
        disagreed=disagreed,
        first=first,
        second=second,
        state=state,
        material=material,
        material_runs={o: [highlight_said(item, []) for item in m.said] for o, m in material.items()},
        form=form,
        errors=errors,
        labels=labels,
        levels_for=levels_for,
    )

