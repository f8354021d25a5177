"""Retention: delete what identifies a person once their council's retention period has passed.

Counted from the day the conversation started. What goes: the person's words (answers, their
revisions, follow-up words), the case reference, the note of any new concern and coders' reasons
(which may quote the person). What stays: the coded levels, the chosen answers and the case-details
facts that feed returns, and the dates returns are counted by.

Flask-free: give it a SQLAlchemy session. Each batch commits with one audit event per conversation,
so a run that stops half way loses nothing and the next run carries on. A conversation is marked
when its details are deleted, so running it again every night finds nothing twice.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from feedback_app.models import (
    Adjudication,
    Answer,
    AnswerRevision,
    AuditEvent,
    Coding,
    Concern,
    Conversation,
    Organisation,
)

PURGE_ACTION = "conversation.details_delete"


@dataclass
class OrganisationPurge:
    """What one council's run deleted (or would delete): counts only, never content."""

    organisation_id: int
    organisation_name: str
    retention_months: int
    cutoff: dt.date  # conversations started before this day are past retention
    conversations: int = 0
    answers: int = 0  # answers with words
    revisions: int = 0  # earlier versions with words
    concerns: int = 0  # concern notes
    coding_reasons: int = 0  # coders' and adjudicators' reasons

    @property
    def anything(self) -> bool:
        return self.conversations > 0


@dataclass
class PurgeReport:
    today: dt.date
    dry_run: bool
    organisations: list[OrganisationPurge] = field(default_factory=list)

    @property
    def conversations(self) -> int:
        return sum(item.conversations for item in self.organisations)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier; the 31st becomes the month's last day when it has none."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (following - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last_day))


def _chunks(ids: Sequence[uuid.UUID], size: int) -> list[Sequence[uuid.UUID]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def _count(session: Session, query: object) -> int:
    return int(session.scalar(query) or 0)  # type: ignore[call-overload]


def _tally(session: Session, ids: Sequence[uuid.UUID], into: OrganisationPurge) -> None:
    answer_ids = select(Answer.id).where(Answer.conversation_id.in_(ids))
    into.conversations += len(ids)
    into.answers += _count(
        session, select(func.count()).where(Answer.conversation_id.in_(ids), Answer.words != "")
    )
    into.revisions += _count(
        session,
        select(func.count()).where(AnswerRevision.answer_id.in_(answer_ids), AnswerRevision.words != ""),
    )
    into.concerns += _count(session, select(func.count()).where(Concern.conversation_id.in_(ids), Concern.note != ""))
    into.coding_reasons += _count(
        session, select(func.count()).where(Coding.conversation_id.in_(ids), Coding.reason != "")
    ) + _count(session, select(func.count()).where(Adjudication.conversation_id.in_(ids), Adjudication.reason != ""))


def _delete_details(session: Session, ids: Sequence[uuid.UUID], now: dt.datetime) -> None:
    answer_ids = select(Answer.id).where(Answer.conversation_id.in_(ids))
    quietly = {"synchronize_session": False}
    session.execute(
        update(AnswerRevision).where(AnswerRevision.answer_id.in_(answer_ids)).values(words="").execution_options(**quietly)
    )
    session.execute(update(Answer).where(Answer.conversation_id.in_(ids)).values(words="").execution_options(**quietly))
    session.execute(update(Concern).where(Concern.conversation_id.in_(ids)).values(note="").execution_options(**quietly))
    session.execute(update(Coding).where(Coding.conversation_id.in_(ids)).values(reason="").execution_options(**quietly))
    session.execute(
        update(Adjudication).where(Adjudication.conversation_id.in_(ids)).values(reason="").execution_options(**quietly)
    )
    session.execute(
        update(Conversation)
        .where(Conversation.id.in_(ids))
        # updated_at kept as it was: deleting details is not someone working on the conversation.
        .values(case_reference="", case_reference_index=None, details_deleted_at=now, updated_at=Conversation.updated_at)
        .execution_options(**quietly)
    )
    owners = session.execute(select(Conversation.id, Conversation.organisation_id).where(Conversation.id.in_(ids)))
    session.add_all(
        AuditEvent(action=PURGE_ACTION, object_type="conversation", object_id=str(conversation_id),
                   organisation_id=organisation_id, at=now)
        for conversation_id, organisation_id in owners
    )


def purge(
    session: Session,
    *,
    today: dt.date,
    dry_run: bool = False,
    batch_size: int = 200,
    now: dt.datetime | None = None,
) -> PurgeReport:
    """Delete identifiable details of every conversation past its council's retention period."""
    report = PurgeReport(today=today, dry_run=dry_run)
    councils = session.scalars(select(Organisation).where(Organisation.kind == "council").order_by(Organisation.name))
    for council in list(councils):
        cutoff = months_before(today, council.retention_months)
        result = OrganisationPurge(council.id, council.name, council.retention_months, cutoff)
        start_of_cutoff = dt.datetime.combine(cutoff, dt.time.min, tzinfo=dt.timezone.utc)
        ids = list(
            session.scalars(
                select(Conversation.id)
                .where(
                    Conversation.council_id == council.id,
                    Conversation.started_at < start_of_cutoff,
                    Conversation.details_deleted_at.is_(None),
                )
                .order_by(Conversation.started_at, Conversation.id)
            )
        )
        for batch in _chunks(ids, batch_size):
            _tally(session, batch, result)
            if not dry_run:
                _delete_details(session, batch, now or dt.datetime.now(dt.timezone.utc))
                session.commit()
        session.expire_all()  # objects loaded earlier must not show deleted details
        report.organisations.append(result)
    return report
