"""Nothing lost, in-process: the later of two tablets is shown both answers and can keep its own;
the same answer twice is no clash; a change committed between a request's read and its write is
caught by the database; and a save that fails in the database (a real trigger, not a mock)
leaves nothing half saved, while the person sees the error page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from feedback_app.data import conversations
from feedback_app.extensions import db
from feedback_app.models import Answer, AuditEvent, Conversation, utcnow
from tests.conftest import check_page
from tests.conversation_helpers import answer, question_page, start, start_data
from tests.test_crash_safety import Q, _answers, assert_nothing_half_saved


def _hidden(page: Any, url: str) -> dict[str, str]:
    """The hidden fields of the page's form for this question (CSRF token, answer version)."""
    form = page.find("form", action=url)
    return {field["name"]: field.get("value", "") for field in form.find_all("input", type="hidden")}


def _both_tablets_open(
    app: Any, client: Any, make_org: Any, make_user: Any, sign_in: Any, council: str
) -> tuple[str, dict[str, str], dict[str, str], Any]:
    """One practitioner signed in on two tablets, each with the same question open:
    (url, this tablet's hidden fields, the other's, the other tablet)."""
    user = make_user("practitioner", make_org(council))
    sign_in(client, user)
    other = app.test_client()
    sign_in(other, user)
    url = start(client) + Q + "feel_safer"
    mine, theirs = _hidden(question_page(client, url), url), _hidden(question_page(other, url), url)
    return url, mine, theirs, other


def test_the_later_tablet_is_shown_both_answers_and_saving_again_keeps_its_own(app, client, make_org, make_user, sign_in):
    url, mine, theirs, other = _both_tablets_open(app, client, make_org, make_user, sign_in, "Clash Council")
    assert mine["answer_version"] == theirs["answer_version"] == "new"

    assert other.post(url, data=theirs | {"answer": "safer", "words": "I feel safer now."}).status_code == 302
    told = client.post(url, data=mine | {"answer": "less_safe", "words": "Not really."})

    assert told.status_code == 200
    page = check_page(told.get_data(as_text=True))
    assert page.title.get_text().startswith("Error:")
    summary = page.select_one(".govuk-error-summary").get_text()
    assert "This answer was changed on another device while this page was open" in summary
    both = page.select_one("#changed-elsewhere").get_text(" ", strip=True)
    assert "I feel safer now." in both and "Not really." in both, "the page should show both answers"
    assert page.find("input", {"name": "answer", "value": "less_safe"}).has_attr("checked"), "this tablet's answer is kept on the page"
    saved = _answers()["feel_safer"]
    assert (saved.value, saved.words, len(saved.revisions)) == ("safer", "I feel safer now.", 1)

    # Having seen both, the practitioner saves this tablet's answer on purpose.
    assert client.post(url, data=_hidden(page, url) | {"answer": "less_safe", "words": "Not really."}).status_code == 302
    saved = _answers()["feel_safer"]
    assert [revision.value for revision in saved.revisions] == ["safer", "less_safe"], "both answers stay in the history"


def test_the_same_answer_from_two_tablets_is_not_a_clash(app, client, make_org, make_user, sign_in):
    url, mine, theirs, other = _both_tablets_open(app, client, make_org, make_user, sign_in, "Same Council")
    assert other.post(url, data=theirs | {"answer": "safer", "words": "Yes."}).status_code == 302
    assert client.post(url, data=mine | {"answer": "safer", "words": "Yes."}).status_code == 302
    assert len(_answers()["feel_safer"].revisions) == 1


def test_a_change_saved_between_reading_and_writing_is_caught_by_the_database(app, client, make_org, make_user, sign_in):
    """Even without the page's version, a save that read an answer another device then changed fails whole."""
    user = make_user("practitioner", make_org("Race Council"))
    sign_in(client, user)
    conversation_url = start(client)
    assert answer(client, conversation_url + Q + "feel_safer", answer="safer").status_code == 302
    conversation = db.session.scalar(sa.select(Conversation))
    stale = conversations.answers_for(conversation, "after-the-enquiry")["feel_safer"]  # read, as a request does
    with db.engine.begin() as another_device:
        another_device.execute(sa.update(Answer).where(Answer.id == stale.id).values(updated_at=utcnow(), value="less_safe"))
    with pytest.raises(conversations.AnswerChangedElsewhere):
        conversations.save_answer(
            conversation, bank_id="after-the-enquiry", bank_version=1, question_id="feel_safer", status="answered",
            value="no_safer", words="", user=user, respondent_type="adult",
        )
    assert (_answers()["feel_safer"].value, len(_answers()["feel_safer"].revisions)) == ("less_safe", 1)


def test_a_first_answer_saved_meanwhile_by_another_device_stands(app, client, make_org, make_user, sign_in):
    """Two devices both saw no answer: the database's one-answer-per-question rule lets the first stand."""
    user = make_user("practitioner", make_org("First Council"))
    sign_in(client, user)
    start(client)
    conversation = db.session.scalar(sa.select(Conversation))
    assert "feel_safer" not in conversations.answers_for(conversation, "after-the-enquiry")  # read, as a request does
    with db.engine.begin() as another_device:
        another_device.execute(sa.insert(Answer).values(
            conversation_id=conversation.id, bank_id="after-the-enquiry", bank_version=1, question_id="feel_safer",
            status="answered", value="less_safe", words="", respondent_type="adult", answered_by_id=user.id,
            answered_at=utcnow(), updated_at=utcnow(),
        ))
    with pytest.raises(conversations.AnswerChangedElsewhere):
        conversations.save_answer(
            conversation, bank_id="after-the-enquiry", bank_version=1, question_id="feel_safer", status="answered",
            value="safer", words="", user=user, respondent_type="adult",
        )
    assert _answers()["feel_safer"].value == "less_safe"


@pytest.fixture
def failing_inserts(app) -> Iterator[Callable[[str], None]]:
    """A real database failure: a trigger that refuses every insert into a table, until the test ends."""
    tables: list[str] = []
    postgresql = db.engine.dialect.name == "postgresql"

    def fail(table: str) -> None:
        with db.engine.begin() as connection:
            if postgresql:
                connection.exec_driver_sql(
                    "CREATE OR REPLACE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql "
                    "AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$"
                )
                connection.exec_driver_sql(
                    f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_insert()"
                )
            else:
                connection.exec_driver_sql(
                    f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
                )
        tables.append(table)

    app.config["PROPAGATE_EXCEPTIONS"] = False  # the person sees the error page, as in production
    yield fail
    db.session.rollback()
    with db.engine.begin() as connection:
        for table in tables:
            connection.exec_driver_sql(f"DROP TRIGGER refuse_{table}" + (f" ON {table}" if postgresql else ""))


def test_a_failed_save_never_leaves_half_a_conversation(app, client, make_org, make_user, sign_in, failing_inserts):
    user = make_user("practitioner", make_org("Failing Council"))
    sign_in(client, user)
    conversation_url = start(client)
    conversation = db.session.scalar(sa.select(Conversation))
    updated = conversation.updated_at

    failing_inserts("answer_revisions")  # the answer row goes in; its revision fails
    failed = answer(client, conversation_url + Q + "feel_safer", answer="safer", words="Safer now.")
    assert failed.status_code == 500
    assert "Nothing you saved before this has been lost" in failed.get_data(as_text=True)
    assert "feel_safer" not in _answers(), "an answer was saved without its revision"
    db.session.expire_all()
    assert db.session.scalar(sa.select(Conversation)).updated_at == updated
    assert not db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "answer.save")).all()

    failing_inserts("agreements")  # a new conversation without the person's agreement must not exist
    page = client.get("/conversations/start").get_data(as_text=True)
    assert client.post("/conversations/start", data=start_data(page, case_reference="DC-2")).status_code == 500
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Conversation)) == 1
    assert_nothing_half_saved()


def test_an_answer_whose_time_was_written_outside_the_app_can_still_be_changed(app, client, make_org, make_user, sign_in):
    """A time stored in another text form (say by a script or a restore tool) is no clash with itself."""
    user = make_user("practitioner", make_org("Script Council"))
    sign_in(client, user)
    url = start(client) + Q + "feel_safer"
    assert answer(client, url, answer="safer").status_code == 302
    with db.engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("UPDATE answers SET updated_at = '2026-01-02 03:04:05'")
        else:
            connection.exec_driver_sql("UPDATE answers SET updated_at = '2026-01-02 03:04:05+00'")
    assert answer(client, url, answer="less_safe").status_code == 302, "the change was taken for a clash"
    assert [revision.value for revision in _answers()["feel_safer"].revisions] == ["safer", "less_safe"]
