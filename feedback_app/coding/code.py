"""One page per conversation: each outcome with what was said, the suggestion, and the level to pick."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from feedback_app.auth import roles
from feedback_app.coding import labels
from feedback_app.coding.access import (
    CODING_ROLES,
    audit,
    load_finished,
    material_for,
    require_coder,
    round_for,
    rubric,
)
from feedback_app.coding.material import OutcomeMaterial, highlight_said
from feedback_app.conversations.forms import ActionForm
from feedback_app.data import coding
from feedback_app.models.coding import ACCEPTED, ACCEPTED_IN_BULK, CHANGED, NOT_SHOWN
from feedback_app.rubric.suggest import suggest
from feedback_app.vocabulary import OUTCOMES, UNCLEAR, levels_for

BULK_CONFIDENCE = 0.8
REASON_LIMIT = 1000


@dataclass(frozen=True)
class Row:
    outcome: str
    material: OutcomeMaterial
    suggestion: Any  # rubric.suggest.Suggestion, or None for the blind second coder
    runs: list[list[tuple[str, bool]]]  # each answer's words, with the evidence highlighted
    chosen: str | None
    reason: str
    error: str | None


def _suggestions(rows_material: dict[str, OutcomeMaterial]) -> dict[str, Any]:
    return {
        outcome: suggest(rubric(), outcome, material.answer_level, material.words)
        for outcome, material in rows_material.items()
    }


@roles(*CODING_ROLES)
def code(conversation_id: uuid.UUID) -> str | Response:
    """Code every outcome of one conversation (the blind second coder sees no suggestions)."""
    require_coder()
    conversation = load_finished(conversation_id, audit_view=request.method == "GET")
    round_ = round_for(conversation, current_user)
    if round_ is None:
        return redirect(url_for("coding.summary", conversation_id=conversation.id))
    material = material_for(conversation)
    suggestions = _suggestions(material) if round_ == 1 else {}
    saved = coding.codings_by(conversation, round_)
    form = ActionForm()
    errors: dict[str, str] = {}
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        if request.form.get("action") == "confirm_suggestions" and round_ == 1:
            _confirm_suggestions(conversation, suggestions, saved)
            return redirect(url_for("coding.code", conversation_id=conversation.id))
        choices, errors = _read_choices()
        if not errors:
            for outcome, (level, reason) in choices.items():
                previous = saved.get(outcome)
                if previous is not None and (previous.level, previous.reason) == (level, reason):
                    continue  # unchanged: keep who coded it, when, and how the suggestion was used
                shown = suggestions.get(outcome)
                coding.save_coding(
                    conversation,
                    outcome=outcome,
                    round_=round_,
                    level=level,
                    reason=reason,
                    coder=current_user,
                    rubric=(rubric().id, rubric().version),
                    suggestion=(shown.level, shown.confidence) if shown else None,
                    suggestion_use=NOT_SHOWN if shown is None else ACCEPTED if shown.level == level else CHANGED,
                )
            audit(conversation, "coding.save")
            if round_for(conversation, current_user) == round_ and len(coding.codings_by(conversation, round_)) < len(OUTCOMES):
                return redirect(url_for("coding.code", conversation_id=conversation.id, saved=1))
            return redirect(url_for("coding.queue", banner="saved"))

    rows = []
    for outcome in OUTCOMES:
        shown = suggestions.get(outcome)
        spans = [(piece.start, piece.end) for piece in shown.evidence] if shown else []
        previous = saved.get(outcome)
        rows.append(
            Row(
                outcome=outcome,
                material=material[outcome],
                suggestion=shown,
                runs=[highlight_said(item, spans) for item in material[outcome].said],
                chosen=request.form.get(f"level-{outcome}") or (previous.level if previous else None),
                reason=request.form.get(f"reason-{outcome}", previous.reason if previous else ""),
                error=errors.get(outcome),
            )
        )
    bulk = [r for r in rows if r.outcome not in saved and _bulk_ready(r.suggestion)]
    return render_template(
        "coding/code.html",
        conversation=conversation,
        rows=rows,
        round=round_,
        form=form,
        errors=errors,
        bulk_count=len(bulk),
        labels=labels,
        levels_for=levels_for,
        saved_count=len(saved),
        just_saved=request.args.get("saved") == "1",
    )


def _bulk_ready(shown: Any) -> bool:
    return shown is not None and shown.level != UNCLEAR and shown.confidence >= BULK_CONFIDENCE


def _confirm_suggestions(conversation: Any, suggestions: dict[str, Any], saved: dict[str, Any]) -> None:
    """Accept every high-confidence suggestion not yet coded, recorded as accepted in bulk."""
    for outcome, shown in suggestions.items():
        if outcome not in saved and _bulk_ready(shown):
            coding.save_coding(
                conversation,
                outcome=outcome,
                round_=1,
                level=shown.level,
                reason="",
                coder=current_user,
                rubric=(rubric().id, rubric().version),
                suggestion=(shown.level, shown.confidence),
                suggestion_use=ACCEPTED_IN_BULK,
            )
    audit(conversation, "coding.confirm_suggestions")


def _read_choices() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """The levels picked on the page. Outcomes left blank are left for later."""
    choices: dict[str, tuple[str, str]] = {}
    errors: dict[str, str] = {}
    for outcome in OUTCOMES:
        level = request.form.get(f"level-{outcome}", "")
        reason = request.form.get(f"reason-{outcome}", "").strip()
        if len(reason) > REASON_LIMIT:
            errors[outcome] = _("Reason must be 1,000 characters or fewer")
        elif level and level not in levels_for(outcome):
            errors[outcome] = _("Select a level from the list")
        elif level:
            choices[outcome] = (level, reason)
    return choices, errors
