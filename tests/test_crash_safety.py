"""Nothing lost: the server killed (SIGKILL) between and during steps keeps every answer it confirmed;
two tablets on one conversation never silently overwrite each other; Finish pressed twice finishes
once. (What the later tablet is shown, and failed saves: tests/test_crash_safety_saves.py.)

The kill tests run the real app under gunicorn on the test's database (SQLite, and PostgreSQL
when TEST_DATABASE_URL is set) and talk to it over HTTP, as a tablet does.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from feedback_app import create_app
from feedback_app.extensions import db
from feedback_app.models import Agreement, Answer, AnswerRevision, AuditEvent, Conversation
from tests.conftest import TEST_PASSWORD, app_config, csrf_from
from tests.conversation_helpers import conversation_path, start_form
from tests.live_server import LiveServer, Reply, Tablet, first_choice

Q = "/after-the-enquiry/questions/"


@pytest.fixture(scope="module")
def live(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server for the module, on the worker's test database; tests that kill it start it again."""
    server = LiveServer(create_app(app_config(database_url)), tmp_path_factory.mktemp("live") / "server.log")
    yield server
    server.kill()


@pytest.fixture
def server(app, live: LiveServer) -> LiveServer:
    if live.process is None or live.process.poll() is not None:
        live.start()
    return live


@pytest.fixture
def practitioner(make_org, make_user):
    return make_user("practitioner", make_org("Crash Council"))


def _tablet(server: LiveServer, user: Any) -> Tablet:
    tablet = Tablet(server)
    tablet.sign_in(user.email, TEST_PASSWORD)
    return tablet


def _start(tablet: Tablet) -> str:
    reply = tablet.submit("/conversations/start", start_form())
    assert reply.status == 302, f"start gave {reply.status}"
    return conversation_path(reply.location)


def _path(location: str) -> str:
    """The path and query of a redirect location, absolute or not."""
    if "://" in location:
        location = "/" + location.split("://", 1)[1].split("/", 1)[1]
    return location


def _answers() -> dict[str, Answer]:
    db.session.expire_all()
    return {answer.question_id: answer for answer in db.session.scalars(sa.select(Answer))}


def assert_nothing_half_saved() -> None:
    """Every answer has its history, ending in what the answer says; every conversation its agreement."""
    db.session.expire_all()
    for answer in db.session.scalars(sa.select(Answer)):
        assert answer.revisions, f"answer to {answer.question_id} was saved without its revision"
        last = answer.revisions[-1]
        assert (last.status, last.value, last.words) == (answer.status, answer.value, answer.words), (
            f"answer to {answer.question_id} does not match its last revision"
        )
    orphans = db.session.scalars(sa.select(AnswerRevision).where(~AnswerRevision.answer.has())).all()
    assert not orphans, "revisions without their answer"
    for conversation in db.session.scalars(sa.select(Conversation)):
        assert db.session.scalar(sa.select(Agreement).where(Agreement.conversation_id == conversation.id)), (
            "a conversation was saved without the person's agreement"
        )


def test_a_kill_between_steps_keeps_every_answer_and_the_conversation_carries_on(server, practitioner):
    tablet = _tablet(server, practitioner)
    conversation = _start(tablet)
    confirmed: dict[str, dict[str, str]] = {}
    for _step in range(2):
        question = _path(tablet.get(conversation + "/resume").location)
        _action, _hidden, page = tablet.form(question)
        data = first_choice(page)
        reply = tablet.submit(question, data)
        assert reply.status == 302, f"saving {question} gave {reply.status}"
        confirmed[question.rsplit("/", 1)[-1]] = data
        server.restart()  # killed just after the answer was confirmed, then started again

    saved = _answers()
    for question_id, data in confirmed.items():
        assert question_id in saved, f"the confirmed answer to {question_id} was lost in the kill"
        assert saved[question_id].value == data.get("answer", saved[question_id].value)
        assert saved[question_id].words == data["words"]
    assert_nothing_half_saved()
    # The same tablet carries on after the restarts, still signed in, at the next question.
    assert _path(tablet.get(conversation + "/resume").location).rsplit("/", 1)[-1] not in confirmed


def test_kills_while_answers_are_being_saved_lose_nothing_that_was_confirmed(server, practitioner):
    """Each step is posted and the server killed a few milliseconds later, at a different moment each time."""
    tablet = _tablet(server, practitioner)
    conversation = _start(tablet)
    rng = random.Random(6)
    confirmed: dict[str, str] = {}
    outcomes = []
    for step in range(4):
        question = _path(tablet.get(conversation + "/resume").location)
        if "/questions/" not in question:
            break  # every question answered
        action, hidden, page = tablet.form(question)
        data = first_choice(page) | {"words": f"Step {step} in the person's words"}
        replies: list[Reply | Exception] = []
        sender = threading.Thread(target=lambda: replies.append(_post_or_error(tablet, action, hidden | data)))
        sender.start()
        time.sleep(rng.uniform(0.0, 0.25))
        server.kill()
        sender.join(timeout=30)
        reply = replies[0] if replies else None
        if isinstance(reply, Reply) and reply.status == 302:
            confirmed[question.rsplit("/", 1)[-1]] = data["words"]
        outcomes.append("confirmed" if isinstance(reply, Reply) else "cut off")
        server.start()
        saved = _answers()
        for question_id, words in confirmed.items():
            assert question_id in saved and saved[question_id].words == words, (
                f"step {step}: the confirmed answer to {question_id} was lost ({outcomes})"
            )
        assert_nothing_half_saved()
    print("kills while saving:", outcomes, "server starts (s):", [round(t, 1) for t in server.start_seconds])


def _post_or_error(tablet: Tablet, action: str, data: dict[str, str]) -> Reply | Exception:
    try:
        return tablet.request(action, data, timeout=20)
    except Exception as error:  # the connection dies with the server: the tablet shows an error
        return error


def _hold_the_database(app: Any) -> Callable[[], None]:
    """Make the server's save wait part-way through its transaction; give back the way to let go.

    PostgreSQL: the test locks the audit table, which the server writes last, after the answer
    and its revision. SQLite: the test holds a read lock, so the server, having written its
    changes to the journal, waits to commit (in WAL mode it waits to write at all).
    """
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "postgresql":
        connection = sa.create_engine(url).connect()
        connection.exec_driver_sql("LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE")

        def release_postgresql() -> None:
            connection.rollback()
            connection.close()
            connection.engine.dispose()

        return release_postgresql
    raw = sqlite3.connect(url.database, isolation_level=None)
    wal = raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.execute("BEGIN IMMEDIATE" if wal else "BEGIN")
    raw.execute("SELECT count(*) FROM answers").fetchall()

    def release_sqlite() -> None:
        raw.execute("ROLLBACK")
        raw.close()

    return release_sqlite


def _server_is_waiting(app: Any) -> bool:
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "postgresql":
        with sa.create_engine(url).connect() as connection:
            return bool(connection.exec_driver_sql("SELECT count(*) FROM pg_locks WHERE NOT granted").scalar())
    return Path(url.database + "-journal").exists() or Path(url.database + "-wal").exists()


def test_a_kill_part_way_through_a_save_leaves_no_half_saved_answer(app, server, practitioner):
    tablet = _tablet(server, practitioner)
    conversation = _start(tablet)
    question = conversation + Q + "asked_what_wanted"
    action, hidden, _page = tablet.form(question)
    release = _hold_the_database(app)
    try:
        replies: list[Reply | Exception] = []
        sender = threading.Thread(
            target=lambda: replies.append(_post_or_error(tablet, action, hidden | {"answer": "asked_expressed", "words": "Kept?"}))
        )
        sender.start()
        deadline = time.monotonic() + 10
        while not _server_is_waiting(app) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        assert not replies, "the save finished although the database was held"
        server.kill()
        sender.join(timeout=30)
    finally:
        release()
    assert replies and not isinstance(replies[0], Reply), "the tablet got an answer from a killed server"
    server.start()
    assert "asked_what_wanted" not in _answers(), "an answer the server never confirmed was half saved"
    assert_nothing_half_saved()
    # The tablet sends it again and it is saved whole.
    assert tablet.submit(question, {"answer": "asked_expressed", "words": "Kept?"}).status == 302
    assert _answers()["asked_what_wanted"].words == "Kept?"
    assert_nothing_half_saved()


def _together(*calls: Callable[[], Reply]) -> list[Reply]:
    """Run the calls at the same moment, each in its own thread."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Reply]) -> None:
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_tablets_saving_one_answer_at_the_same_moment_the_later_is_told(server, practitioner, make_user):
    """New answers and changes to a saved one: one tablet's answer is saved, the other is told."""
    colleague = make_user("practitioner", practitioner.organisation)
    first, second = _tablet(server, practitioner), _tablet(server, colleague)
    conversation = _start(first)
    for round_number, question_id in enumerate(("asked_what_wanted", "feel_safer", "asked_what_wanted", "feel_safer")):
        question = conversation + Q + question_id
        forms = [(tablet, tablet.form(question)) for tablet in (first, second)]
        before = _answers().get(question_id)
        revisions = 1 if before is None else len(before.revisions) + 1
        options = [
            str(radio["value"])
            for radio in forms[0][1][2].find_all("input", {"name": "answer", "type": "radio"})
            if before is None or radio["value"] != before.value
        ]
        replies = _together(
            *(
                (lambda tablet=tablet, form=form, option=option: tablet.post_with(form[:2], {"answer": option, "words": option}))
                for (tablet, form), option in zip(forms, options[:2])
            )
        )
        statuses = sorted(reply.status for reply in replies)
        assert statuses == [200, 302], f"round {round_number}: expected one save and one tablet told, got {statuses}"
        told = next(reply for reply in replies if reply.status == 200)
        assert "changed on another device" in told.text
        saved = _answers()[question_id]
        winner = options[[reply.status for reply in replies].index(302)]
        assert (saved.value, len(saved.revisions)) == (winner, revisions), (
            f"round {round_number}: the later tablet overwrote the answer to {question_id}"
        )
    assert_nothing_half_saved()


def _answer_every_question(tablet: Tablet, conversation: str) -> None:
    for _step in range(40):
        location = _path(tablet.get(conversation + "/resume").location)
        if "/questions/" not in location:
            return
        _action, _hidden, page = tablet.form(location)
        assert tablet.submit(location, first_choice(page)).status == 302
    raise AssertionError("the conversation never reached the read-back")


def test_finish_pressed_on_two_tablets_at_once_finishes_one_conversation_once(app, server, practitioner):
    first, second = _tablet(server, practitioner), _tablet(server, practitioner)
    conversation = _start(first)
    _answer_every_question(first, conversation)
    check = conversation + "/after-the-enquiry/check"
    tokens = [csrf_from(tablet.get(check).text) for tablet in (first, second)]
    replies = _together(
        lambda: first.request(conversation + "/finish", {"csrf_token": tokens[0]}),
        lambda: second.request(conversation + "/finish", {"csrf_token": tokens[1]}),
    )
    assert [reply.status for reply in replies] == [302, 302]
    assert sum("banner=finished" in reply.location for reply in replies) == 1, "both presses said they finished it"
    db.session.expire_all()
    assert db.session.scalars(sa.select(Conversation.status)).all() == ["finished"]
    finishes = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "conversation.finish")).all()
    assert len(finishes) == 1, f"finished {len(finishes)} times"
