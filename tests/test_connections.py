"""Pooled database connections: checked before use only after sitting idle, and a dead one is
replaced without the page noticing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from feedback_app import connections


def _engine(database_url: str) -> sa.Engine:
    engine = sa.create_engine(database_url, pool_size=1, max_overflow=0)
    connections.check_when_idle(engine)
    return engine


def _kill_the_pooled_connection(engine: sa.Engine) -> None:
    """Use the pool's one connection, then have the server end it, as a restart would."""
    with engine.connect() as connection:
        backend = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    with sa.create_engine(engine.url, poolclass=sa.pool.NullPool).connect() as other:
        other.exec_driver_sql(f"SELECT pg_terminate_backend({int(backend)})")


@pytest.mark.only_on("postgresql")
def test_a_connection_closed_while_idle_is_replaced_before_use(database_url, monkeypatch):
    monkeypatch.setattr(connections, "IDLE_BEFORE_CHECK_S", 0.0)
    engine = _engine(database_url)
    try:
        _kill_the_pooled_connection(engine)
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT 1").scalar() == 1
    finally:
        engine.dispose()


@pytest.mark.only_on("postgresql")
def test_a_connection_used_a_moment_ago_is_not_checked_again(database_url, monkeypatch):
    # Shown by a connection that died meanwhile: unchecked, its next use fails.
    monkeypatch.setattr(connections, "IDLE_BEFORE_CHECK_S", 3600.0)
    engine = _engine(database_url)
    try:
        _kill_the_pooled_connection(engine)
        with pytest.raises(sa.exc.OperationalError), engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    finally:
        engine.dispose()


@pytest.mark.only_on("sqlite")
def test_sqlite_connections_are_never_checked(database_url):
    engine = _engine(database_url)
    try:
        assert not event.contains(engine, "checkout", connections._note_idle)
        assert not event.contains(engine, "checkin", connections._note_idle)
    finally:
        engine.dispose()
