"""Worlds built once per module and put back before each test that uses them.

Some worlds take seconds to build through the app's own code (the demo: 58 conversations, their
answers and codings). The shared `app` fixture empties every table after each test, so such a world
is built once per worker and backend, its rows are copied as stored (sealed words stay sealed), and
they are inserted again at the start of each test: every test sees exactly what the builder
committed, and may change it freely.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import Flask

from feedback_app import create_app
from feedback_app.extensions import db
from feedback_app.models import Base
from feedback_app.privacy import audit_guard
from tests.conftest import app_config

Rows = dict[str, list[dict[str, Any]]]


def _as_stored(table: sa.Table) -> sa.Table:
    """The table with its columns' storage types: no decryption on the way out, no sealing on the way in."""
    columns = [
        sa.Column(
            column.name,
            column.type.impl_instance if isinstance(column.type, sa.TypeDecorator) else column.type,
            primary_key=column.primary_key,
            autoincrement=False,
        )
        for column in table.columns
    ]
    return sa.Table(table.name, sa.MetaData(), *columns)


# In insertion order: a table comes after every table it refers to.
STORED_TABLES = [_as_stored(table) for table in Base.metadata.sorted_tables]


def read_rows(connection: sa.Connection) -> Rows:
    return {
        table.name: [
            dict(row._mapping) for row in connection.execute(sa.select(table).order_by(*table.primary_key.columns))
        ]
        for table in STORED_TABLES
    }


def insert_rows(connection: sa.Connection, rows: Rows) -> None:
    for table in STORED_TABLES:
        if rows[table.name]:
            connection.execute(table.insert(), rows[table.name])


def empty_every_table() -> None:
    """As the `app` fixture does after each test (the audit trail is append-only outside tests)."""
    db.session.rollback()
    with audit_guard.lifted(db.session.connection()):
        for table in reversed(Base.metadata.sorted_tables):
            db.session.execute(table.delete())
    db.session.commit()


@dataclass(frozen=True)
class World:
    """A built world's rows, and what its builder gave back (ids, never ORM objects: those belong to
    the builder's session)."""

    rows: Rows
    made: Any

    def put_back(self) -> Any:
        """Insert the world into the current app's empty database; gives back what the builder gave."""
        insert_rows(db.session.connection(), self.rows)
        db.session.commit()
        return self.made


def build_world(database_url: str, build: Callable[[Flask], Any]) -> World:
    """Run build in an app on the (empty) test database, keep the rows it committed, and empty it again.

    The rows are put back once here and read again, so a world that does not come back exactly as
    stored fails here, not as a puzzling difference in some test."""
    app = create_app(app_config(database_url))
    with app.app_context():
        empty_every_table()
        made = build(app)
        db.session.commit()
        rows = read_rows(db.session.connection())
        db.session.commit()
        empty_every_table()
        insert_rows(db.session.connection(), rows)
        assert read_rows(db.session.connection()) == rows, "the world did not come back as it was stored"
        db.session.commit()
        empty_every_table()
        db.session.remove()
        db.engine.dispose()
    return World(rows, made)
