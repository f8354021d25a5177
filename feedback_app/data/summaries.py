"""Conversation summaries (models/summaries.py) kept in step with what they summarise, in one place.

Every write that can change what a return counts goes through the ORM session, so session and
mapper events see it: a conversation inserted, deleted or changed in a way a return counts (status,
double coding, respondent, method, dates, team, organisation), and any coding, adjudication or
case-details answer inserted, changed or deleted (orphans too). Bulk UPDATE and DELETE statements
through the session (conversations.finish uses one) are seen by `do_orm_execute`. The
conversations touched are noted as the flush writes them; when it has written everything, their
summaries are worked out again from the rows, with `combine` (coding/state.py), the same logic the
per-conversation path uses, and written in the same transaction. So a summary cannot drift:
a rollback takes both back.

`flask returns refresh-summaries` runs `refresh_all`: every summary again (after an upgrade, or
as a repair); running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from sqlalchemy import delete, event, insert, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapper, ORMExecuteState, Session, object_session

from feedback_app.coding.state import FINAL, combine
from feedback_app.models import Adjudication, Answer, Coding, Conversation
from feedback_app.models.summaries import CASE_QUESTIONS, ConversationSummary
from feedback_app.periods import Period
from feedback_app.vocabulary import OUTCOMES

CASE_DETAILS_BANK = "case-details"
SUMMARIES = ConversationSummary.__table__
# What a summary is made of, on a conversation: a change to anything else never touches it.
CONVERSATION_FIELDS = (
    "council_id", "organisation_id", "team_id", "enquiry_concluded_on", "started_at",
    "status", "method", "respondent_type", "double_coded",
)
CHILD_FIELDS = {
    Coding: ("conversation_id", "outcome", "round", "level"),
    Adjudication: ("conversation_id", "outcome", "level"),
    Answer: ("conversation_id", "bank_id", "question_id", "value"),
}
PENDING = "conversation_summaries.pending"  # session.info key: conversations to summarise again
BATCH = 2000


def quarter_of(day: dt.date) -> int:
    """The financial quarter a day falls in, as start year * 10 + quarter (2025-08-01 is 20252)."""
    start_year = day.year if day.month >= 4 else day.year - 1
    return start_year * 10 + (day.month - 4) % 12 // 3 + 1


def quarters_of(period: Period) -> tuple[int, int]:
    """The first and last quarter of a period, as quarter_of gives them."""
    return period.start_year * 10 + (period.quarter or 1), period.start_year * 10 + (period.quarter or 4)


def summary_values(
    conversation: Mapping[str, Any],
    codings: Iterable[tuple[str, int, str]],
    adjudications: Iterable[tuple[str, str]],
    case_details: Mapping[str, str | None],
) -> dict[str, Any]:
    """One conversation's summary row, from its columns, (outcome, round, level) codings,
    (outcome, level) adjudications and case-details answers (question id -> value)."""
    double_coded = bool(conversation["double_coded"])
    state = combine(double_coded, codings, adjudications)
    finals = state.final_levels()
    concluded: dt.date = conversation["enquiry_concluded_on"]
    started: dt.datetime = conversation["started_at"]
    values: dict[str, Any] = {
        "conversation_id": conversation["id"],
        "council_id": conversation["council_id"],
        "organisation_id": conversation["organisation_id"],
        "team_id": conversation["team_id"],
        "quarter": quarter_of(concluded),
        "status": conversation["status"],
        "method": conversation["method"],
        "respondent_type": conversation["respondent_type"],
        "double_coded": double_coded,
        "coding_final": state.status == FINAL,
        "days_to_conversation": (started.astimezone(dt.timezone.utc).date() - concluded).days,
    }
    for outcome in OUTCOMES:
        values[outcome] = finals.get(outcome)
        given = state.outcomes.get(outcome)
        paired = double_coded and given is not None and given.first is not None and given.second is not None
        values[f"first_{outcome}"] = given.first if paired and given else None
        values[f"second_{outcome}"] = given.second if paired and given else None
    for question in CASE_QUESTIONS:
        values[question] = case_details.get(question)
    return values


def _summaries(connection: Connection, where: Callable[[Any], Any]) -> list[dict[str, Any]]:
    """Summary rows for the conversations `where` picks (given their id column), read from the tables."""

    def rows(*columns: Any, also: tuple[Any, ...] = ()) -> Any:
        return connection.execute(select(*columns).where(where(columns[0]), *also))

    # Lock the conversations first (PostgreSQL; SQLite has one writer at a time anyway). Two
    # transactions changing one conversation at once then summarise it one after the other, and
    # the second, reading after the first committed, sees both changes. NO KEY UPDATE, so a
    # concurrent coding insert's foreign-key check (KEY SHARE) is not blocked into a deadlock.
    fields = (getattr(Conversation, name) for name in CONVERSATION_FIELDS)
    locked = select(Conversation.id, *fields).where(where(Conversation.id)).order_by(Conversation.id)
    locked = locked.with_for_update(key_share=True)  # FOR NO KEY UPDATE
    conversations = [row._asdict() for row in connection.execute(locked)]
    codings: dict[uuid.UUID, list[tuple[str, int, str]]] = defaultdict(list)
    for conversation_id, *coded in rows(Coding.conversation_id, Coding.outcome, Coding.round, Coding.level):
        codings[conversation_id].append(tuple(coded))  # type: ignore[arg-type]
    adjudications: dict[uuid.UUID, list[tuple[str, str]]] = defaultdict(list)
    adjudicated = rows(Adjudication.conversation_id, Adjudication.outcome, Adjudication.level)
    for conversation_id, *decided in adjudicated:
        adjudications[conversation_id].append(tuple(decided))  # type: ignore[arg-type]
    answers: dict[uuid.UUID, dict[str, str | None]] = defaultdict(dict)
    case_details = (Answer.bank_id == CASE_DETAILS_BANK, Answer.question_id.in_(CASE_QUESTIONS))
    for conversation_id, question_id, value in rows(
        Answer.conversation_id, Answer.question_id, Answer.value, also=case_details
    ):
        answers[conversation_id][question_id] = value
    return [
        summary_values(c, codings[c["id"]], adjudications[c["id"]], answers[c["id"]]) for c in conversations
    ]


def summaries_of(connection: Connection, conversation_ids: Collection[uuid.UUID]) -> list[dict[str, Any]]:
    """These conversations' summaries as they should be now, worked out from the tables."""
    return _summaries(connection, lambda column: column.in_(list(conversation_ids)))


def refresh(connection: Connection, conversation_ids: Collection[uuid.UUID]) -> None:
    """Work out these conversations' summaries again (a deleted conversation loses its own)."""
    ids = sorted(set(conversation_ids), key=str)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        rows = _summaries(connection, lambda column, chunk=chunk: column.in_(chunk))
        connection.execute(delete(SUMMARIES).where(SUMMARIES.c.conversation_id.in_(chunk)))
        if rows:
            connection.execute(insert(SUMMARIES), rows)


def refresh_all(connection: Connection, batch: int = BATCH) -> int:
    """Every conversation's summary again, in batches by id; returns how many there are."""
    connection.execute(
        delete(SUMMARIES).where(SUMMARIES.c.conversation_id.not_in(select(Conversation.id).scalar_subquery()))
    )
    done, last = 0, None
    while True:
        query = select(Conversation.id).order_by(Conversation.id).limit(batch)
        ids = list(connection.scalars(query if last is None else query.where(Conversation.id > last)))
        if not ids:
            return done
        first, last = ids[0], ids[-1]
        rows = _summaries(connection, lambda column, low=first, high=last: column.between(low, high))
        connection.execute(delete(SUMMARIES).where(SUMMARIES.c.conversation_id.between(first, last)))
        connection.execute(insert(SUMMARIES), rows)
        done += len(rows)


# Keeping them in step ----------------------------------------------------------------------------


def _note(session: Session | None, ids: Iterable[Any]) -> None:
    if session is not None:
        session.info.setdefault(PENDING, set()).update(i for i in ids if isinstance(i, uuid.UUID))


def _values(target: Any, name: str) -> set[Any]:
    """An attribute's value now and before this flush, without loading anything."""
    state = inspect(target).attrs[name]
    history = state.history
    return {*history.added, *history.unchanged, *history.deleted, state.loaded_value}


def _changed(target: Any, names: Iterable[str]) -> bool:
    return any(inspect(target).attrs[name].history.has_changes() for name in names)


def _conversation_written(mapper: Mapper[Any], connection: Connection, target: Conversation) -> None:
    _note(object_session(target), [target.id])


def _conversation_updated(mapper: Mapper[Any], connection: Connection, target: Conversation) -> None:
    if _changed(target, CONVERSATION_FIELDS):
        _note(object_session(target), [target.id])


def _child_written(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    if isinstance(target, Answer) and CASE_DETAILS_BANK not in _values(target, "bank_id"):
        return
    _note(object_session(target), _values(target, "conversation_id"))


def _child_updated(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    if _changed(target, CHILD_FIELDS[type(target)]):
        _child_written(mapper, connection, target)


def _after_flush(session: Session, flush_context: Any) -> None:
    pending = session.info.pop(PENDING, None)
    if pending:
        refresh(session.connection(), pending)


def _forget(session: Session, *args: Any) -> None:
    session.info.pop(PENDING, None)


def _statement_columns(statement: Any) -> set[str] | None:
    """The columns an UPDATE sets, by name; None when they cannot be told."""
    values = getattr(statement, "_values", None) or dict(getattr(statement, "_ordered_values", None) or ())
    if not values:
        return None
    return {getattr(key, "key", key) for key in values}


def _bulk(state: ORMExecuteState) -> Any:
    """An UPDATE or DELETE through the session: note the conversations it touches, run it, then
    summarise them again. Bulk INSERTs and updates by primary key are refused: use the ORM."""
    if not (state.is_update or state.is_delete or state.is_insert) or state.bind_mapper is None:
        return None
    entity = state.bind_mapper.class_
    if entity not in (Conversation, *CHILD_FIELDS):
        return None
    statement = state.statement
    if state.is_insert or state.parameters and not isinstance(state.parameters, Mapping):
        raise RuntimeError(
            f"A bulk insert or update of {entity.__name__} by primary key would leave conversation "
            "summaries out of step: add the objects through the session instead."
        )
    if state.is_update:
        fields = CONVERSATION_FIELDS if entity is Conversation else CHILD_FIELDS[entity]
        setting = _statement_columns(statement)
        if setting is not None and not setting & set(fields):
            return None
    column = Conversation.id if entity is Conversation else entity.conversation_id
    found = select(column).distinct()
    if statement.whereclause is not None:
        found = found.where(statement.whereclause)
    ids = set(state.session.scalars(found))
    result = state.invoke_statement()
    refresh(state.session.connection(), ids)
    return result


def install() -> None:
    """Keep summaries in step in every session (once, however many apps are made)."""
    listeners: list[tuple[Any, str, Any]] = [
        (Conversation, "after_insert", _conversation_written),
        (Conversation, "after_delete", _conversation_written),
        (Conversation, "after_update", _conversation_updated),
        (Session, "after_flush", _after_flush),
        (Session, "after_rollback", _forget),
        (Session, "do_orm_execute", _bulk),
    ]
    for child in CHILD_FIELDS:
        listeners += [
            (child, "after_insert", _child_written),
            (child, "after_delete", _child_written),
            (child, "after_update", _child_updated),
        ]
    for target, name, function in listeners:
        if not event.contains(target, name, function):
            event.listen(target, name, function)
