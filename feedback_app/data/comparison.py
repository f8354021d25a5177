"""Other councils' published returns that a council has imported to compare with its own."""

from __future__ import annotations

from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import ComparisonReturn, Organisation, User, utcnow


def for_period(council: Organisation, period: str) -> list[ComparisonReturn]:
    """This council's imports for one period, by organisation name."""
    query = (
        select(ComparisonReturn)
        .where(ComparisonReturn.council_id == council.id, ComparisonReturn.period == period)
        .order_by(ComparisonReturn.organisation)
    )
    return list(db.session.scalars(query))


def get(council: Organisation, comparison_id: int) -> ComparisonReturn | None:
    """One of this council's imports; None for another council's, so it is never seen."""
    return db.session.scalar(
        select(ComparisonReturn).where(ComparisonReturn.id == comparison_id, ComparisonReturn.council_id == council.id)
    )


def save(council: Organisation, *, organisation: str, period: str, values: list[list[str]], user: User) -> ComparisonReturn:
    """Add an import, or replace this council's earlier import of the same organisation and period (not committed)."""
    existing = db.session.scalar(
        select(ComparisonReturn).where(
            ComparisonReturn.council_id == council.id,
            ComparisonReturn.organisation == organisation,
            ComparisonReturn.period == period,
        )
    )
    if existing is None:
        existing = ComparisonReturn(council_id=council.id, organisation=organisation, period=period, uploaded_by_id=user.id, values=values)
        db.session.add(existing)
    else:
        existing.values, existing.uploaded_by_id, existing.uploaded_at = values, user.id, utcnow()
    db.session.flush()
    return existing


def remove(comparison: ComparisonReturn) -> None:
    """Delete an import (not committed)."""
    db.session.delete(comparison)
