"""Migration 0008 encrypts what older versions stored in plain text, and its downgrade undoes it."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from feedback_app.data import conversations, organisations, users
from feedback_app.extensions import db
from feedback_app.models import Answer, Conversation
from tests.coding_helpers import ANSWERS, finished_conversation
from tests.conftest import TEST_PASSWORD


def _raw(sql: str) -> list:
    return [row[0] for row in db.session.execute(text(sql))]


def test_existing_plain_text_is_encrypted_on_upgrade_and_found_by_reference(own_database):
    council = organisations.create(name="Migration Council", kind="council")
    user = users.create(email="m@example.org", password=TEST_PASSWORD, role="coordinator", organisation=council, name="M")
    db.session.commit()
    council_id = council.id
    conversation = finished_conversation(user, reference="Mg-0008 / 1")
    conversation_id = conversation.id
    db.session.remove()

    downgrade(revision="0007")
    said = sorted(words for _value, words in ANSWERS.values() if words)
    assert _raw("SELECT case_reference FROM conversations") == ["Mg-0008 / 1"], "downgrade gives plain text back"
    assert sorted(w for w in _raw("SELECT words FROM answers") if w) == said
    db.session.remove()

    upgrade()
    stored = _raw("SELECT words FROM answers") + _raw("SELECT words FROM answer_revisions")
    assert stored and all(value == "" or value.startswith("enc1:") for value in stored)
    assert not any(words in value for words in said for value in stored)
    assert _raw("SELECT case_reference FROM conversations")[0].startswith("enc1:")
    db.session.remove()

    assert sorted(w for w in db.session.scalars(select(Answer.words)) if w) == said
    found = conversations.search({council_id}, case_reference="MG-0008 / 1")
    assert [c.id for c in found] == [conversation_id]
    assert db.session.get(Conversation, conversation_id).case_reference == "Mg-0008 / 1"
