"""Calibration attempts: the only place views read or change them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from feedback_app.extensions import db
from feedback_app.models import CalibrationAnswer, CalibrationAttempt, User, utcnow


def start(
    coder: User, *, rubric: tuple[str, int], items: Iterable[tuple[str, str, str]]
) -> CalibrationAttempt:
    """Add an attempt of (example key, outcome, reference level) items, none answered (not committed)."""
    attempt = CalibrationAttempt(coder_id=coder.id, rubric_id=rubric[0], rubric_version=rubric[1])
    attempt.answers = [
        CalibrationAnswer(position=position, example_key=key, outcome=outcome, reference_level=reference)
        for position, (key, outcome, reference) in enumerate(items, start=1)
    ]
    db.session.add(attempt)
    db.session.flush()
    return attempt


def get_own(attempt_id: int, coder: User) -> CalibrationAttempt | None:
    """An attempt, only if this coder made it."""
    attempt = db.session.get(CalibrationAttempt, attempt_id)
    return attempt if attempt is not None and attempt.coder_id == coder.id else None


def attempts_by(coder: User) -> list[CalibrationAttempt]:
    """This coder's attempts, newest first, with their answers."""
    query = (
        select(CalibrationAttempt)
        .where(CalibrationAttempt.coder_id == coder.id)
        .options(selectinload(CalibrationAttempt.answers))
        .order_by(CalibrationAttempt.started_at.desc(), CalibrationAttempt.id.desc())
    )
    return list(db.session.scalars(query))


def finish(attempt: CalibrationAttempt, chosen: Mapping[int, str]) -> None:
    """Save the level chosen for each item (by position) and mark the attempt finished (not committed)."""
    for answer in attempt.answers:
        answer.level = chosen[answer.position]
    attempt.finished_at = utcnow()
    db.session.flush()


def coders_in(organisation_ids: set[int], roles: Iterable[str]) -> list[User]:
    """Active people with one of these roles in these organisations, by name, organisations loaded."""
    if not organisation_ids:
        return []
    query = (
        select(User)
        .where(User.organisation_id.in_(organisation_ids), User.role.in_(tuple(roles)), User.active.is_(True))
        .options(selectinload(User.organisation))
        .order_by(User.name, User.email)
    )
    return list(db.session.scalars(query))


def latest_finished(coder_ids: Iterable[int]) -> dict[int, CalibrationAttempt]:
    """Each coder's most recently finished attempt, with its answers, by coder id."""
    ids = set(coder_ids)
    if not ids:
        return {}
    query = (
        select(CalibrationAttempt)
        .where(CalibrationAttempt.coder_id.in_(ids), CalibrationAttempt.finished_at.is_not(None))
        .options(selectinload(CalibrationAttempt.answers))
        .order_by(CalibrationAttempt.finished_at, CalibrationAttempt.id)
    )
    latest: dict[int, CalibrationAttempt] = {}
    for attempt in db.session.scalars(query):
        latest[attempt.coder_id] = attempt  # ordered oldest first, so the last one wins
    return latest
