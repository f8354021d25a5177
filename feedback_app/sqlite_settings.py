"""Settings for the embedded SQLite database, applied to every connection the app opens.

Write-ahead logging lets pages read while another request writes, and a commit costs one sync
of the log instead of the several a rollback journal needs. `synchronous=FULL` keeps every
commit on disk before the page says it is saved, even if the power goes. The busy timeout lets
a request wait its turn to write instead of failing when several save at once.
"""

from __future__ import annotations

import sqlite3

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
