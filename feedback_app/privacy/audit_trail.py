"""Searching and exporting the audit trail (Flask-free: give it a session).

Events hold ids and action names only, so neither the search page nor the export can show
anything anyone said.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from feedback_app.models import AuditEvent, Organisation, User

PAGE_SIZE = 50
CSV_HEADER = ["when_utc", "action", "object_type", "object_id", "person_id", "person_email", "organisation_id",
              "organisation"]
# A cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True)
class AuditFilter:
    """What to search for; every part is optional. Dates are whole days, UTC, both ends included."""

    user_id: int | None = None
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    organisation_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    action: str
    object_type: str
    object_id: str
    user_id: int | None
    user_email: str
    organisation_id: int | None
    organisation_name: str


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.timezone.utc)


def _filtered(query: Select, found: AuditFilter) -> Select:  # type: ignore[type-arg]
    if found.user_id is not None:
        query = query.where(AuditEvent.user_id == found.user_id)
    if found.action:
        query = query.where(AuditEvent.action == found.action)
    if found.object_type:
        query = query.where(AuditEvent.object_type == found.object_type)
    if found.object_id:
        query = query.where(AuditEvent.object_id == found.object_id.strip())
    if found.organisation_id is not None:
        query = query.where(AuditEvent.organisation_id == found.organisation_id)
    if found.date_from is not None:
        query = query.where(AuditEvent.at >= _day_start(found.date_from))
    if found.date_to is not None:
        query = query.where(AuditEvent.at < _day_start(found.date_to + dt.timedelta(days=1)))
    return query


def _rows_query(found: AuditFilter) -> Select:  # type: ignore[type-arg]
    organisation = aliased(Organisation)
    query = (
        select(
            AuditEvent.id, AuditEvent.at, AuditEvent.action, AuditEvent.object_type, AuditEvent.object_id,
            AuditEvent.user_id, User.email, AuditEvent.organisation_id, organisation.name,
        )
        .outerjoin(User, User.id == AuditEvent.user_id)
        .outerjoin(organisation, organisation.id == AuditEvent.organisation_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    return _filtered(query, found)


def _row(values: Iterable[object]) -> AuditRow:
    (event_id, at, action, object_type, object_id, user_id, email, organisation_id, name) = values
    return AuditRow(event_id, at, action, object_type, object_id, user_id, email or "", organisation_id, name or "")  # type: ignore[arg-type]


def search(session: Session, found: AuditFilter, *, page: int = 1, page_size: int = PAGE_SIZE) -> list[AuditRow]:
    """One page of matching events, newest first."""
    query = _rows_query(found).limit(page_size).offset((max(page, 1) - 1) * page_size)
    return [_row(values) for values in session.execute(query)]


def count(session: Session, found: AuditFilter) -> int:
    return int(session.scalar(_filtered(select(func.count(AuditEvent.id)), found)) or 0)


def actions(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))


def object_types(session: Session) -> list[str]:
    query = select(AuditEvent.object_type).where(AuditEvent.object_type != "").distinct()
    return list(session.scalars(query.order_by(AuditEvent.object_type)))


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def export_csv(session: Session, found: AuditFilter, *, batch_size: int = 1000) -> str:
    """Every matching event as CSV text, newest first, read from the database in batches."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    for values in session.execute(_rows_query(found).execution_options(yield_per=batch_size)):
        row = _row(values)
        writer.writerow(
            safe_cell(cell)
            for cell in (
                row.at.astimezone(dt.timezone.utc).isoformat(timespec="seconds"), row.action, row.object_type,
                row.object_id, row.user_id, row.user_email, row.organisation_id, row.organisation_name,
            )
        )
    return buffer.getvalue()
