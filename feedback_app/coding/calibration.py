"""Calibration: a coder codes the rubric's worked examples blind, then sees where they differed.

Picking examples is in feedback_app/rubric/calibration.py; the views here are thin.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from flask import abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from feedback_app.audit import record
from feedback_app.auth import roles
from feedback_app.coding import labels
from feedback_app.coding.access import CODING_ROLES, may_code, require_coder, rubric
from feedback_app.conversations.forms import ActionForm
from feedback_app.data import calibration, organisations
from feedback_app.models import CalibrationAnswer, CalibrationAttempt
from feedback_app.rubric.agreement import AgreementSummary, summarise
from feedback_app.rubric.calibration import find_example, pick_examples
from feedback_app.rubric.model import Example
from feedback_app.vocabulary import levels_for

EXAMPLES_PER_ATTEMPT = 12


def score_attempt(attempt: CalibrationAttempt) -> AgreementSummary:
    """How far the coder's levels agree with the rubric's reference levels."""
    return summarise([(a.level, a.reference_level) for a in attempt.answers if a.level is not None])


@dataclass(frozen=True)
class Item:
    answer: CalibrationAnswer
    example: Example | None  # None when the rubric has changed since the attempt
    chosen: str | None
    error: str | None


def _items(attempt: CalibrationAttempt, chosen: dict[int, str], errors: dict[int, str]) -> list[Item]:
    current = rubric()
    same_rubric = (attempt.rubric_id, attempt.rubric_version) == (current.id, current.version)
    return [
        Item(
            answer=answer,
            example=find_example(current, answer.example_key) if same_rubric else None,
            chosen=chosen.get(answer.position, answer.level),
            error=errors.get(answer.position),
        )
        for answer in attempt.answers
    ]


def _audit(action: str, attempt: CalibrationAttempt | None = None) -> None:
    record(
        action,
        object_type="calibration_attempt" if attempt is not None else "",
        object_id=attempt.id if attempt is not None else "",
        organisation_id=current_user.organisation_id,
    )


def _own_attempt(attempt_id: int) -> CalibrationAttempt:
    attempt = calibration.get_own(attempt_id, current_user)
    if attempt is None:
        abort(404)
    return attempt


def _is_current(attempt: CalibrationAttempt) -> bool:
    current = rubric()
    return (attempt.rubric_id, attempt.rubric_version) == (current.id, current.version)


@roles(*CODING_ROLES)
def calibration_index() -> str:
    """What the exercise is, this coder's past attempts, and a button to start one."""
    require_coder()
    attempts = calibration.attempts_by(current_user)
    return render_template(
        "coding/calibration.html",
        attempts=[(attempt, score_attempt(attempt), _is_current(attempt)) for attempt in attempts],
        form=ActionForm(),
        count=EXAMPLES_PER_ATTEMPT,
        is_coordinator=current_user.role == "coordinator",
    )


@roles(*CODING_ROLES)
def calibration_start() -> Response:
    """Start an attempt on worked examples picked at random."""
    require_coder()
    if not ActionForm().validate_on_submit():
        abort(400)
    current = rubric()
    picked = pick_examples(current, EXAMPLES_PER_ATTEMPT, random.SystemRandom())
    attempt = calibration.start(
        current_user,
        rubric=(current.id, current.version),
        items=[(key, key.partition(":")[0], example.level) for key, example in picked],
    )
    _audit("calibration.start", attempt)
    return redirect(url_for("coding.calibration_attempt", attempt_id=attempt.id))


@roles(*CODING_ROLES)
def calibration_attempt(attempt_id: int) -> str | Response:
    """Every example of an attempt on one page, a level to pick for each, nothing suggested."""
    require_coder()
    attempt = _own_attempt(attempt_id)
    if attempt.finished_at is not None:
        return redirect(url_for("coding.calibration_results", attempt_id=attempt.id))
    if not _is_current(attempt):  # the rubric changed: its examples may have gone
        return redirect(url_for("coding.calibration_index"))
    form = ActionForm()
    chosen: dict[int, str] = {}
    errors: dict[int, str] = {}
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        chosen, errors = _read_levels(attempt)
        if not errors:
            calibration.finish(attempt, chosen)
            _audit("calibration.finish", attempt)
            return redirect(url_for("coding.calibration_results", attempt_id=attempt.id))
    return render_template(
        "coding/calibration_attempt.html",
        attempt=attempt,
        items=_items(attempt, chosen, errors),
        errors=errors,
        form=form,
        labels=labels,
        levels_for=levels_for,
    )


def _read_levels(attempt: CalibrationAttempt) -> tuple[dict[int, str], dict[int, str]]:
    """The level picked for each item, by position, and an error for each item not answered properly."""
    chosen: dict[int, str] = {}
    errors: dict[int, str] = {}
    for answer in attempt.answers:
        level = request.form.get(f"level-{answer.position}", "")
        if not level:
            errors[answer.position] = _("Select a level for example %(number)s", number=answer.position)
        elif level not in levels_for(answer.outcome):
            errors[answer.position] = _(
                "Select a level from the list for example %(number)s", number=answer.position
            )
        else:
            chosen[answer.position] = level
    return chosen, errors


@roles(*CODING_ROLES)
def calibration_results(attempt_id: int) -> str | Response:
    """How far an attempt agreed with the reference, and the rubric's reason for each example."""
    require_coder()
    attempt = _own_attempt(attempt_id)
    if attempt.finished_at is None:
        return redirect(url_for("coding.calibration_attempt", attempt_id=attempt.id))
    _audit("calibration.view", attempt)
    return render_template(
        "coding/calibration_results.html",
        attempt=attempt,
        result=score_attempt(attempt),
        items=_items(attempt, {}, {}),
        labels=labels,
    )


@roles("coordinator")
def calibration_coders() -> str:
    """Who can code in the organisations this coordinator sees, and how their latest calibration went."""
    visible = organisations.visible_organisation_ids(current_user)
    people = [person for person in calibration.coders_in(visible, CODING_ROLES) if may_code(person)]
    latest = calibration.latest_finished(person.id for person in people)
    rows: list[tuple[Any, CalibrationAttempt | None, AgreementSummary | None]] = []
    for person in people:
        attempt = latest.get(person.id)
        rows.append((person, attempt, score_attempt(attempt) if attempt is not None else None))
    _audit("calibration.coders")
    return render_template("coding/calibration_coders.html", rows=rows)
