"""What the running app logs: one line per record, and never what the person said."""

from __future__ import annotations

import logging

from flask import current_app

from feedback_app.extensions import db
from tests.conftest import csrf_from
from tests.conversation_helpers import answer, start

WORDS = "Marmalade Tuesday, and the blue door he kicked in"
REFERENCE = "LOG-4242-X"
NOTE = "Cousin Ferdinand takes her bank card"


def test_a_newline_in_a_log_argument_stays_on_one_line(app, caplog):
    with caplog.at_level(logging.INFO):
        current_app.logger.warning("request for %s", "/x\nINFO admin@example.org signed in")
    assert caplog.records[-1].getMessage() == "request for /x\\nINFO admin@example.org signed in"
    assert len(caplog.text.strip().splitlines()) == 1


def test_a_conversation_never_puts_words_references_or_notes_in_the_log(app, client, make_org, make_user, sign_in, caplog):
    caplog.set_level(logging.DEBUG)  # everything, SQL (with its values) included
    caplog.set_level(logging.DEBUG, logger="sqlalchemy.engine")
    sign_in(client, make_user("practitioner", make_org("Test Council")))
    conversation = start(client, case_reference=REFERENCE)
    answer(client, conversation + "/after-the-enquiry/questions/asked_what_wanted", answer="asked_expressed", words=WORDS)
    token = csrf_from(client.get(conversation + "/concern").get_data(as_text=True))
    client.post(conversation + "/concern", data={"csrf_token": token, "note": NOTE})
    client.get(f"/conversations?view=all&q={REFERENCE}")
    db.session.commit()

    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "INSERT INTO answers" in logged and "Row " in logged, "SQL was not logged: this test would prove nothing"
    for secret in (WORDS, "Marmalade", REFERENCE, NOTE, "Ferdinand"):
        assert secret not in logged and secret not in caplog.text, f"{secret!r} was logged"
