"""Settings for the embedded SQLite database, applied to every connection the app opens.

Write-ahead logging lets pages read while another request writes, and a commit costs one sync
of the log instead of the several a rollback journal needs. `synchronous=FULL` keeps every
commit on disk before the page says it is saved, even if the power goes. The busy timeout lets
a request wait its turn to write instead of failing when several save at once.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 10_000

_installed = False


def _on_connect(dbapi_connection: object, _record: object) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")  # kept in the file; "memory" for :memory:
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def install() -> None:
    """Apply the settings to every SQLite connection from now on (once per process)."""
    global _installed
    if not _installed:
        event.listen(Engine, "connect", _on_connect)
        _installed = True


# Taking turns to write. SQLite lets one connection write at a time; one that finds the write lock
# taken sleeps and tries again (1, 2, 5 ... 100 ms apart), so under load a save could wait a tenth of
# a second after the lock came free, and a page seconds in all. Connections to the same file take
# turns first with a lock the operating system hands on the moment it is freed: a thread lock
# within a process, then a lock on a file beside the database between processes. SQLite's own lock
# still keeps the data safe; this only decides who goes next, and the busy timeout stays as the
# last word if a turn is held too long.

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
_process_turns: dict[str, threading.Lock] = {}  # setdefault on it is atomic: no lock needed


class TakesTurnsToWrite(sqlite3.Connection):
    """A SQLite connection that waits for its turn before its first write in a transaction."""

    def __init__(self, database: str | os.PathLike[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(database, *args, **kwargs)
        path = os.fspath(database)
        self._turn_path = None if path in ("", ":memory:") or path.startswith("file:") else os.path.abspath(path)
        self._turn_file: int | None = None
        self._holding = False

    def cursor(self, factory: Any = None) -> sqlite3.Cursor:  # type: ignore[override]
        return super().cursor(factory or _TurnCursor)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._end_turn()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._end_turn()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._forget_turns()

    def __del__(self) -> None:  # a connection dropped without a close must not keep its turn
        self._forget_turns()

    def _forget_turns(self) -> None:
        self._end_turn()
        if self._turn_file is not None:
            os.close(self._turn_file)
            self._turn_file = None

    def take_turn(self) -> None:
        if self._holding or self._turn_path is None:
            return
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        in_process = _process_turns.setdefault(self._turn_path, threading.Lock())
        if not in_process.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
            return  # held too long: SQLite's busy timeout decides
        try:
            if self._turn_file is None:
                self._turn_file = os.open(self._turn_path + "-turn", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            pause = 0.0002
            while True:
                try:
                    fcntl.flock(self._turn_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(pause)  # another process is writing: a few hundred microseconds
                    pause = min(pause * 2, 0.002)
        except OSError:  # no turn file (a read-only folder), or held too long: SQLite decides
            in_process.release()
            return
        self._holding = True

    def _end_turn(self) -> None:
        if not self._holding:
            return
        self._holding = False
        if self._turn_file is not None:
            fcntl.flock(self._turn_file, fcntl.LOCK_UN)
        assert self._turn_path is not None
        _process_turns[self._turn_path].release()


class _TurnCursor(sqlite3.Cursor):
    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:  # type: ignore[override]
        _before(self.connection, sql)
        return super().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:  # type: ignore[override]
        _before(self.connection, sql)
        return super().executemany(sql, parameters)


def _before(connection: sqlite3.Connection, sql: str) -> None:
    if isinstance(connection, TakesTurnsToWrite) and sql.lstrip()[:7].upper().startswith(_WRITES):
        connection.take_turn()
