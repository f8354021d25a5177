"""Where server-side sessions live: a database table, or Redis when REDIS_URL is set.

Both keep one record per browser session, keyed by the SHA-256 of the cookie's token, and can list
and end a person's sessions (sign out, an admin ending one, a deactivated account).

The database store works on its own connection and commits at once, so saving a session never
commits (or waits on) whatever the page itself has in hand.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import bindparam, delete, insert, or_, select, update
from sqlalchemy.engine import Engine

from feedback_app.models.sessions import SignInSession

_TABLE = SignInSession.__table__
# Made once, not per page: SQLAlchemy works out how to cache a statement once per statement object.
_LOAD = select(_TABLE).where(_TABLE.c.id == bindparam("session_id"))


@dataclass
class SessionRecord:
    id: str  # sha256 hex of the cookie token
    user_id: int | None
    data: str  # the session's contents, serialised by the session interface
    created_at: dt.datetime
    last_seen_at: dt.datetime


class SessionStore(Protocol):
    def load(self, session_id: str) -> SessionRecord | None: ...
    def save(self, record: SessionRecord, *, ttl: int) -> None: ...
    def touch(self, session_id: str, when: dt.datetime, *, ttl: int) -> None: ...
    def delete(self, session_id: str) -> None: ...
    def for_user(self, user_id: int) -> list[SessionRecord]: ...
    def delete_for_user(self, user_id: int, *, keep: str | None = None) -> int: ...
    def purge(self, *, idle_before: dt.datetime, created_before: dt.datetime) -> int: ...


class DatabaseStore:
    """Sessions in the sign_in_sessions table (see migration 0007)."""

    def __init__(self, engine: Callable[[], Engine]) -> None:
        self.engine = lambda: engine()  # looked up per call: the app's engine needs an app context

    def load(self, session_id: str) -> SessionRecord | None:
        with self.engine().connect() as connection:
            row = connection.execute(_LOAD, {"session_id": session_id}).mappings().first()
        return _record(row) if row is not None else None

    def save(self, record: SessionRecord, *, ttl: int) -> None:
        values = {
            "user_id": record.user_id,
            "data": record.data,
            "created_at": record.created_at,
            "last_seen_at": record.last_seen_at,
        }
        with self.engine().begin() as connection:
            changed = connection.execute(update(_TABLE).where(_TABLE.c.id == record.id).values(**values)).rowcount
            if not changed:
                connection.execute(insert(_TABLE).values(id=record.id, **values))

    def touch(self, session_id: str, when: dt.datetime, *, ttl: int) -> None:
        with self.engine().begin() as connection:
            connection.execute(update(_TABLE).where(_TABLE.c.id == session_id).values(last_seen_at=when))

    def delete(self, session_id: str) -> None:
        with self.engine().begin() as connection:
            connection.execute(delete(_TABLE).where(_TABLE.c.id == session_id))

    def for_user(self, user_id: int) -> list[SessionRecord]:
        query = select(_TABLE).where(_TABLE.c.user_id == user_id).order_by(_TABLE.c.last_seen_at.desc())
        with self.engine().connect() as connection:
            return [_record(row) for row in connection.execute(query).mappings()]

    def delete_for_user(self, user_id: int, *, keep: str | None = None) -> int:
        condition = _TABLE.c.user_id == user_id
        if keep is not None:
            condition = condition & (_TABLE.c.id != keep)
        with self.engine().begin() as connection:
            return connection.execute(delete(_TABLE).where(condition)).rowcount

    def purge(self, *, idle_before: dt.datetime, created_before: dt.datetime) -> int:
        stale = or_(_TABLE.c.last_seen_at < idle_before, _TABLE.c.created_at < created_before)
        with self.engine().begin() as connection:
            return connection.execute(delete(_TABLE).where(stale)).rowcount


def _record(row: object) -> SessionRecord:
    values = dict(row)  # type: ignore[call-overload]
    return SessionRecord(
        id=values["id"],
        user_id=values["user_id"],
        data=values["data"],
        created_at=values["created_at"],
        last_seen_at=values["last_seen_at"],
    )


class RedisStore:
    """Sessions in Redis: one key per session that expires by itself, and a set per person."""

    def __init__(self, client: object, prefix: str = "feedback:") -> None:
        self.redis = client
        self.prefix = prefix

    def _key(self, session_id: str) -> str:
        return f"{self.prefix}session:{session_id}"

    def _user_key(self, user_id: int) -> str:
        return f"{self.prefix}user-sessions:{user_id}"

    def load(self, session_id: str) -> SessionRecord | None:
        raw = self.redis.get(self._key(session_id))  # type: ignore[attr-defined]
        return _from_json(session_id, raw) if raw is not None else None

    def save(self, record: SessionRecord, *, ttl: int) -> None:
        pipe = self.redis.pipeline()  # type: ignore[attr-defined]
        pipe.set(self._key(record.id), _to_json(record), ex=max(ttl, 1))
        if record.user_id is not None:
            pipe.sadd(self._user_key(record.user_id), record.id)
        pipe.execute()

    def touch(self, session_id: str, when: dt.datetime, *, ttl: int) -> None:
        record = self.load(session_id)
        if record is not None:
            record.last_seen_at = when
            self.save(record, ttl=ttl)

    def delete(self, session_id: str) -> None:
        record = self.load(session_id)
        self.redis.delete(self._key(session_id))  # type: ignore[attr-defined]
        if record is not None and record.user_id is not None:
            self.redis.srem(self._user_key(record.user_id), session_id)  # type: ignore[attr-defined]

    def for_user(self, user_id: int) -> list[SessionRecord]:
        ids = sorted(member.decode() if isinstance(member, bytes) else member for member in self.redis.smembers(self._user_key(user_id)))  # type: ignore[attr-defined]
        records = []
        for session_id in ids:
            record = self.load(session_id)
            if record is None:  # expired by Redis: forget it
                self.redis.srem(self._user_key(user_id), session_id)  # type: ignore[attr-defined]
            else:
                records.append(record)
        return sorted(records, key=lambda record: record.last_seen_at, reverse=True)

    def delete_for_user(self, user_id: int, *, keep: str | None = None) -> int:
        ended = 0
        for record in self.for_user(user_id):
            if record.id != keep:
                self.delete(record.id)
                ended += 1
        return ended

    def purge(self, *, idle_before: dt.datetime, created_before: dt.datetime) -> int:
        return 0  # Redis expires each key by itself


def _to_json(record: SessionRecord) -> str:
    return json.dumps(
        {
            "user_id": record.user_id,
            "data": record.data,
            "created_at": record.created_at.isoformat(),
            "last_seen_at": record.last_seen_at.isoformat(),
        }
    )


def _from_json(session_id: str, raw: bytes | str) -> SessionRecord:
    values = json.loads(raw)
    return SessionRecord(
        id=session_id,
        user_id=values["user_id"],
        data=values["data"],
        created_at=dt.datetime.fromisoformat(values["created_at"]),
        last_seen_at=dt.datetime.fromisoformat(values["last_seen_at"]),
    )
