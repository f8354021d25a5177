"""SQLite connections take turns to write: a second writer waits for the first to finish, within a
process and between processes, and a turn held too long still ends in SQLite's own "locked" error."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from feedback_app import sqlite_settings
from feedback_app.sqlite_settings import TakesTurnsToWrite


def _database(tmp_path: Path) -> Path:
    path = tmp_path / "turns.db"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE saves (who TEXT)")
    return path


def _connect(path: Path, timeout: float = 10) -> TakesTurnsToWrite:
    connection = sqlite3.connect(path, timeout=timeout, factory=TakesTurnsToWrite, check_same_thread=False)
    assert isinstance(connection, TakesTurnsToWrite)
    return connection


def _first_holds_its_turn(path: Path, second_timeout: float = 10) -> tuple[TakesTurnsToWrite, TakesTurnsToWrite]:
    """Two connections to the database; the first has written and not yet committed."""
    first, second = _connect(path), _connect(path, timeout=second_timeout)
    first.cursor().execute("INSERT INTO saves VALUES ('first')")
    return first, second


def _write_in_background(connection: sqlite3.Connection, who: str) -> tuple[threading.Thread, list[BaseException]]:
    problems: list[BaseException] = []

    def write() -> None:
        try:
            connection.cursor().execute("INSERT INTO saves VALUES (?)", (who,))
            connection.commit()
        except BaseException as problem:  # reported to the test, not lost in the thread
            problems.append(problem)

    thread = threading.Thread(target=write)
    thread.start()
    return thread, problems


def _saved(path: Path) -> list[str]:
    with sqlite3.connect(path) as reader:
        return [row[0] for row in reader.execute("SELECT who FROM saves ORDER BY rowid")]


def test_a_second_writer_waits_for_the_first_to_commit(tmp_path):
    path = _database(tmp_path)
    first, second = _first_holds_its_turn(path)

    thread, problems = _write_in_background(second, "second")
    thread.join(timeout=0.3)
    assert thread.is_alive(), "the second writer went ahead while the first held its turn"

    first.commit()
    thread.join(timeout=10)
    assert not thread.is_alive() and not problems
    assert _saved(path) == ["first", "second"]


@pytest.mark.parametrize("end", ["rollback", "close"])
def test_a_rollback_or_a_close_ends_the_turn(tmp_path, end):
    path = _database(tmp_path)
    first, second = _first_holds_its_turn(path)
    thread, problems = _write_in_background(second, "second")

    getattr(first, end)()
    thread.join(timeout=10)
    assert not thread.is_alive() and not problems
    assert _saved(path) == ["second"]


def test_reading_needs_no_turn(tmp_path):
    path = _database(tmp_path)
    writer, reader = _connect(path), _connect(path)
    writer.cursor().execute("INSERT INTO saves VALUES ('first')")
    assert reader.cursor().execute("SELECT count(*) FROM saves").fetchone() == (0,)
    writer.commit()


def test_a_writer_in_another_process_is_waited_for(tmp_path):
    path = _database(tmp_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sqlite3, sys
            from feedback_app.sqlite_settings import TakesTurnsToWrite
            connection = sqlite3.connect({str(path)!r}, factory=TakesTurnsToWrite)
            connection.cursor().execute("INSERT INTO saves VALUES ('other process')")
            print("holding", flush=True)
            sys.stdin.readline()
            connection.commit()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        thread, problems = _write_in_background(_connect(path), "this process")
        thread.join(timeout=0.3)
        assert thread.is_alive(), "this process wrote while another process held its turn"

        holder.communicate("go\n", timeout=10)
        thread.join(timeout=10)
        assert not thread.is_alive() and not problems
    finally:
        holder.kill()
    assert _saved(path) == ["other process", "this process"]


def test_a_turn_held_too_long_ends_in_sqlites_own_error(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlite_settings, "BUSY_TIMEOUT_MS", 200)
    path = _database(tmp_path)
    first, second = _first_holds_its_turn(path, second_timeout=0.2)

    thread, problems = _write_in_background(second, "second")
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert len(problems) == 1 and isinstance(problems[0], sqlite3.OperationalError)
    assert "locked" in str(problems[0])
    first.commit()
    assert _saved(path) == ["first"]


def test_an_in_memory_database_writes_without_turns():
    connection = sqlite3.connect(":memory:", factory=TakesTurnsToWrite)
    connection.execute("CREATE TABLE saves (who TEXT)")
    connection.cursor().execute("INSERT INTO saves VALUES ('only')")
    connection.commit()
    assert connection.execute("SELECT who FROM saves").fetchall() == [("only",)]


def test_without_a_turn_file_the_write_still_happens_and_no_turn_is_kept(tmp_path, monkeypatch):
    path = _database(tmp_path)

    def refuse(*_args, **_kwargs):
        raise PermissionError("read-only folder")

    with monkeypatch.context() as patched:
        patched.setattr(sqlite_settings.os, "open", refuse)
        first = _connect(path)
        first.cursor().execute("INSERT INTO saves VALUES ('first')")
        first.commit()
    second = _connect(path)
    thread, problems = _write_in_background(second, "second")
    thread.join(timeout=10)
    assert not thread.is_alive() and not problems
    assert _saved(path) == ["first", "second"]
