"""Database triggers that keep the audit trail append-only, on SQLite and PostgreSQL.

The app never updates or deletes an audit event (the model refuses it too); these triggers make
the database refuse it as well, so a bug or a stray query cannot rewrite history. Someone who can
drop the triggers can still do so: that is for database permissions to stop, not the app.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection

MESSAGE = "audit_events is append-only: events cannot be changed or deleted"

_SQLITE_CREATE = [
    f"CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
_SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_events_no_update",
    "DROP TRIGGER IF EXISTS audit_events_no_delete",
]
_POSTGRESQL_CREATE = [
    "CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$",
    "CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events "
    "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()",
    "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()",
]
_POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS audit_events_no_change ON audit_events",
    "DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events",
    "DROP FUNCTION IF EXISTS audit_events_append_only()",
]


def _statements(connection: Connection, create: bool) -> list[str]:
    dialect = connection.dialect.name
    if dialect == "sqlite":
        return _SQLITE_CREATE if create else _SQLITE_DROP
    if dialect == "postgresql":
        return _POSTGRESQL_CREATE if create else _POSTGRESQL_DROP
    return []  # other databases: the model-level guard still applies


def protect(connection: Connection) -> None:
    """Add the triggers that refuse UPDATE and DELETE (and TRUNCATE) on audit_events."""
    for statement in _statements(connection, create=True):
        connection.execute(text(statement))


def unprotect(connection: Connection) -> None:
    for statement in _statements(connection, create=False):
        connection.execute(text(statement))


@contextmanager
def lifted(connection: Connection) -> Iterator[None]:
    """Lift the guard inside one transaction, for clearing a test database between tests.

    DDL is transactional on SQLite and PostgreSQL: if the work fails, the rollback brings the
    triggers back with everything else.
    """
    unprotect(connection)
    yield
    protect(connection)
