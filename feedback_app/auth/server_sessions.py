"""Sessions kept on the server, so that a cookie stops working the moment its session ends.

The cookie holds only a random token; what the session holds is in the store (the database, or
Redis). A session ends when the person signs out, an admin ends it, their account is deactivated,
nobody has used it for SESSION_IDLE_TIMEOUT seconds, or it is SESSION_ABSOLUTE_TIMEOUT old.
Signing in starts a new session with a new token, so a token planted before sign-in is useless.

Time comes from `clock.now()`, which the tests move forward instead of sleeping.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, Request, current_app, session
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SessionInterface, SessionMixin
from werkzeug.datastructures import CallbackDict
from werkzeug.wrappers import Response

from feedback_app.auth import clock
from feedback_app.auth.session_store import DatabaseStore, RedisStore, SessionRecord, SessionStore

EXPIRED_USER = "_expired_user_id"  # who the session that just ended belonged to
SIGNED_OUT_REASON = "_signed_out_reason"  # "idle" or "absolute", for the sign-in page to explain
_serializer = TaggedJSONSerializer()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ServerSession(CallbackDict[str, Any], SessionMixin):
    """The session for one request. `token` is None until the session is first stored."""

    def __init__(
        self,
        initial: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        created_at: dt.datetime | None = None,
        last_seen_at: dt.datetime | None = None,
    ) -> None:
        def on_update(self: ServerSession) -> None:
            self.modified = True
            self.accessed = True

        super().__init__(initial, on_update)
        self.token = token
        self.created_at = created_at
        self.last_seen_at = last_seen_at
        self.modified = False
        self.accessed = False
        self.rotate = False  # give it a new token when saved (sign-in)
        self.ended = False  # delete it from the store and the browser (sign-out)
        self.drop_cookie = False  # the browser's cookie names a session that no longer exists
        self.force_touch = False  # "Stay signed in": count this request as activity, whatever the interval
        self.skip_touch = False  # asking how long is left is not activity

    @property
    def new(self) -> bool:  # type: ignore[override]
        return self.token is None

    @property
    def session_id(self) -> str | None:
        """The stored id (a hash of the token), or None before the session is stored."""
        return hash_token(self.token) if self.token else None


class ServerSessionInterface(SessionInterface):
    def __init__(self, store: SessionStore) -> None:
        self.store = store

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        if app.static_url_path and request.path.startswith(app.static_url_path + "/"):
            return ServerSession()  # static files never read or change the session
        token = request.cookies.get(self.get_cookie_name(app), "")
        if not token or len(token) > 128:
            return ServerSession()
        record = self.store.load(hash_token(token))
        if record is None:
            fresh = ServerSession()
            fresh.drop_cookie = True
            return fresh
        reason = _expiry_reason(app, record, clock.now())
        if reason is not None:
            self.store.delete(record.id)
            fresh = ServerSession()
            fresh.drop_cookie = True
            if record.user_id is not None:
                fresh.update({EXPIRED_USER: record.user_id, SIGNED_OUT_REASON: reason})
            return fresh
        data = _serializer.loads(record.data) if record.data else {}
        return ServerSession(data, token=token, created_at=record.created_at, last_seen_at=record.last_seen_at)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ServerSession)
        now = clock.now()
        if session.ended:
            if session.token:
                self.store.delete(hash_token(session.token))
            self._delete_cookie(app, response)
            return
        if session.rotate and session.token:
            self.store.delete(hash_token(session.token))
            session.token = None
        if session.token is None:
            if session.modified and len(session):
                self._store_new(app, session, response, now)
            elif session.drop_cookie or session.rotate:
                self._delete_cookie(app, response)
            return
        response.vary.add("Cookie")
        if not len(session):
            self.store.delete(hash_token(session.token))
            self._delete_cookie(app, response)
        elif session.modified:
            last_seen = session.last_seen_at if session.skip_touch and session.last_seen_at else now
            self.store.save(self._record(session, session.created_at or now, last_seen), ttl=_ttl(app, session.created_at or now, now))
        elif _should_touch(app, session, now):
            self.store.touch(hash_token(session.token), now, ttl=_ttl(app, session.created_at or now, now))

    def _store_new(self, app: Flask, session: ServerSession, response: Response, now: dt.datetime) -> None:
        session.token = secrets.token_urlsafe(32)
        session.created_at = session.last_seen_at = now
        self.store.save(self._record(session, now, now), ttl=_ttl(app, now, now))
        response.vary.add("Cookie")
        response.set_cookie(
            self.get_cookie_name(app),
            session.token,
            httponly=self.get_cookie_httponly(app),
            secure=self.get_cookie_secure(app),
            samesite=self.get_cookie_samesite(app),
            path=self.get_cookie_path(app),
            domain=self.get_cookie_domain(app),
        )  # no expiry: the browser forgets it when closed, and the server ends it sooner anyway

    def _delete_cookie(self, app: Flask, response: Response) -> None:
        response.delete_cookie(
            self.get_cookie_name(app),
            path=self.get_cookie_path(app),
            domain=self.get_cookie_domain(app),
            secure=self.get_cookie_secure(app),
            httponly=self.get_cookie_httponly(app),
            samesite=self.get_cookie_samesite(app),
        )

    @staticmethod
    def _record(session: ServerSession, created_at: dt.datetime, last_seen_at: dt.datetime) -> SessionRecord:
        assert session.token is not None
        user_id = str(session.get("_user_id", ""))
        return SessionRecord(
            id=hash_token(session.token),
            user_id=int(user_id) if user_id.isdigit() else None,
            data=_serializer.dumps(dict(session)),
            created_at=created_at,
            last_seen_at=last_seen_at,
        )


def _expiry_reason(app: Flask, record: SessionRecord, now: dt.datetime) -> str | None:
    if now - record.created_at > dt.timedelta(seconds=app.config["SESSION_ABSOLUTE_TIMEOUT"]):
        return "absolute"
    if now - record.last_seen_at > dt.timedelta(seconds=app.config["SESSION_IDLE_TIMEOUT"]):
        return "idle"
    return None


def _should_touch(app: Flask, session: ServerSession, now: dt.datetime) -> bool:
    if session.skip_touch:
        return False
    if session.force_touch or session.last_seen_at is None:
        return True
    return now - session.last_seen_at >= dt.timedelta(seconds=app.config["SESSION_TOUCH_INTERVAL"])


def _ttl(app: Flask, created_at: dt.datetime, now: dt.datetime) -> int:
    """How long Redis keeps a record: until it would expire, whichever limit comes first."""
    absolute_left = app.config["SESSION_ABSOLUTE_TIMEOUT"] - (now - created_at).total_seconds()
    return int(min(app.config["SESSION_IDLE_TIMEOUT"], absolute_left)) + 60


def init_app(app: Flask, engine: Callable[[], Any]) -> None:
    """Store sessions in Redis when REDIS_URL is set, otherwise in the database."""
    store: SessionStore
    if app.config.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(app.config["REDIS_URL"])
        store = RedisStore(client, prefix=app.config.get("SESSION_REDIS_PREFIX", "feedback:"))
    else:
        store = DatabaseStore(engine)
    app.session_interface = ServerSessionInterface(store)


# What views use.


def _store() -> SessionStore:
    interface = current_app.session_interface
    assert isinstance(interface, ServerSessionInterface)
    return interface.store


def _current() -> ServerSession:
    current = session._get_current_object()  # type: ignore[attr-defined]
    assert isinstance(current, ServerSession)
    return current


def regenerate(keep: Iterable[str] = ("ui_language",)) -> None:
    """A new session id (at sign-in and each step of it): only the listed keys carry over."""
    current = _current()
    kept = {key: current[key] for key in keep if key in current}
    current.clear()
    current.update(kept)
    current.rotate = True


def end() -> None:
    """End this session: signing out. The cookie is deleted and no longer works anywhere."""
    current = _current()
    current.clear()
    current.ended = True


def keep_alive() -> None:
    _current().force_touch = True


def do_not_touch() -> None:
    _current().skip_touch = True


def current_session_id() -> str | None:
    return _current().session_id


def seconds_left() -> int:
    """Seconds until this session ends for want of use (after this request counts as use)."""
    app = current_app
    current = _current()
    now = clock.now()
    idle = app.config["SESSION_IDLE_TIMEOUT"]
    if current.last_seen_at is None or current.rotate or _should_touch(app, current, now) or current.modified:
        left = idle
    else:
        left = idle - (now - current.last_seen_at).total_seconds()
    if current.created_at is not None and not current.rotate:
        left = min(left, app.config["SESSION_ABSOLUTE_TIMEOUT"] - (now - current.created_at).total_seconds())
    return max(int(left), 0)


def live_sessions_for(user_id: int) -> list[SessionRecord]:
    """A person's sessions that have not yet run out, most recently used first."""
    now = clock.now()
    return [record for record in _store().for_user(user_id) if _expiry_reason(current_app, record, now) is None]


def end_session(user_id: int, session_id: str) -> bool:
    """End one of a person's sessions (an admin's action). False when it was not theirs or is gone."""
    if not any(record.id == session_id for record in _store().for_user(user_id)):
        return False
    _store().delete(session_id)
    return True


def end_sessions_for(user_id: int, *, except_current: bool = False) -> int:
    """End every session of a person (deactivated, or a new password), but perhaps this one."""
    keep = current_session_id() if except_current else None
    return _store().delete_for_user(user_id, keep=keep)


def purge_stale() -> int:
    """Forget sessions long past their end. They are kept a while first, so that someone signed out
    for want of use can still be recognised when what they typed is handed back to them."""
    now = clock.now()
    grace = dt.timedelta(hours=12)
    return _store().purge(
        idle_before=now - dt.timedelta(seconds=current_app.config["SESSION_IDLE_TIMEOUT"]) - grace,
        created_before=now - dt.timedelta(seconds=current_app.config["SESSION_ABSOLUTE_TIMEOUT"]) - grace,
    )
