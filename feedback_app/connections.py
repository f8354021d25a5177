"""Database connections are checked before use only when they have sat idle.

SQLAlchemy's `pool_pre_ping` asks the database server `SELECT 1` before every use of a pooled
connection: one more round trip on every page. A connection that finished a request a moment ago
is as good as checked. One left idle longer may have been closed meanwhile (the database server
restarted, or a firewall dropped it), so it is checked first and, if dead, replaced without the
page noticing. SQLite needs neither: its file cannot go away between two requests.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Flask
from sqlalchemy import event, exc
from sqlalchemy.engine import Engine

IDLE_BEFORE_CHECK_S = 10.0
_IDLE_SINCE = "idle_since"


def init_app(app: Flask) -> None:
    """Check the app's database connections when they have sat idle (db.init_app has run)."""
    from feedback_app.extensions import db

    with app.app_context():
        for engine in db.engines.values():
            check_when_idle(engine)


def check_when_idle(engine: Engine) -> None:
    """Check each connection of `engine` before use if it has been idle for IDLE_BEFORE_CHECK_S."""
    if engine.dialect.name == "sqlite" or event.contains(engine, "checkin", _note_idle):
        return
    dialect = engine.dialect

    def check_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get(_IDLE_SINCE)
        if idle_since is None or time.monotonic() - idle_since < IDLE_BEFORE_CHECK_S:
            return  # just made, or used a moment ago
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:
            # The pool throws this connection away and tries again with a new one.
            raise exc.DisconnectionError("the database closed this idle connection") from error

    event.listen(engine, "checkin", _note_idle)
    event.listen(engine, "checkout", check_if_idle)


def _note_idle(_dbapi_connection: Any, record: Any) -> None:
    record.info[_IDLE_SINCE] = time.monotonic()
