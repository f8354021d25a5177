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
@pytest.mark.parametrize(
    ("idle_before_check", "checked"),
    [(0.0, True), (3600.0, False)],
    ids=["idle-so-checked-and-replaced", "used-a-moment-ago-so-not-checked"],
)
def test_only_a_connection_that_sat_idle_is_checked_and_a_dead_one_replaced(database_url, monkeypatch, idle_before_check, checked):
    monkeypatch.setattr(connections, "IDLE_BEFORE_CHECK_S", idle_before_check)
    engine = _engine(database_url)
    try:
        _kill_the_pooled_connection(engine)
        with engine.connect() as connection:
            if checked:
                assert connection.exec_driver_sql("SELECT 1").scalar() == 1
            else:  # unchecked, the dead connection's next use fails: the check is what saves a page
                with pytest.raises(sa.exc.OperationalError):
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
