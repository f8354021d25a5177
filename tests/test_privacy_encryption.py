"""Encryption at rest: what the person said and case references are unreadable without the key,
readable with it, and survive a key rotation."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select, text

from feedback_app import create_app
from feedback_app.data import conversations
from feedback_app.extensions import db
from feedback_app.models import Adjudication, Answer, Coding, Concern, Conversation
from feedback_app.models.encrypted import EncryptionKeyError, generate_key, key_id
from feedback_app.privacy.cli import keys
from tests.coding_helpers import ANSWERS, finished_conversation
from tests.conftest import TEST_FIELD_ENCRYPTION_KEY, app_config

REFERENCE = "ZQ-2025-7731"
CONCERN = "Her nephew takes her pension every Friday"
REASON = "She said the locks made her feel safer"
RAW_COLUMNS = {
    "conversations": "case_reference",
    "answers": "words",
    "answer_revisions": "words",
    "concerns": "note",
    "codings": "reason",
    "adjudications": "reason",
}


def _said(make_org, make_user) -> Conversation:
    """A finished conversation with words, a revision, a concern note and coders' reasons."""
    council = make_org("Test Council")
    user = make_user("coordinator", council)
    conversation = finished_conversation(user, reference=REFERENCE)
    conversations.raise_concern(conversation, note=CONCERN, user=user)
    common = {"conversation_id": conversation.id, "outcome": "feel_safer", "level": "safer", "coder_id": user.id}
    db.session.add(Coding(**common, round=1, reason=REASON, rubric_id="r", rubric_version=1, suggestion_use="changed"))
    db.session.add(Adjudication(conversation_id=conversation.id, outcome="feel_safer", level="safer",
                                reason=REASON, adjudicator_id=user.id))
    db.session.commit()
    return conversation


def _everything_said() -> list[str]:
    return [REFERENCE, CONCERN, REASON] + [words for _value, words in ANSWERS.values() if words]


def _raw_values() -> list[str]:
    """Every stored value of the encrypted columns, read with plain SQL (no key, no model types)."""
    values = []
    for table, column in RAW_COLUMNS.items():
        values += [row[0] for row in db.session.execute(text(f"SELECT {column} FROM {table}"))]
    return values


def test_rows_read_without_the_key_show_no_words_or_case_references(app, make_org, make_user):
    _said(make_org, make_user)
    raw = _raw_values()
    assert len(raw) >= len(ANSWERS) * 2 + 4
    leaked = [said for said in _everything_said() if any(said.lower() in value.lower() for value in raw)]
    assert leaked == [], f"plaintext found in the database: {leaked}"
    assert all(value == "" or value.startswith(f"enc1:{key_id(base64.urlsafe_b64decode(TEST_FIELD_ENCRYPTION_KEY))}:")
               for value in raw)
    if db.engine.dialect.name == "sqlite":
        db.session.commit()
        contents = Path(db.engine.url.database).read_bytes()
        found = [said for said in _everything_said() if said.encode() in contents]
        assert found == [], f"plaintext in the database file: {found}"


def test_the_app_reads_everything_back_and_finds_the_reference_by_its_blind_index(app, make_org, make_user):
    conversation = _said(make_org, make_user)
    db.session.expire_all()
    assert db.session.get(Conversation, conversation.id).case_reference == REFERENCE
    assert {a.question_id: a.words for a in db.session.scalars(select(Answer))} == {
        question: words for question, (_value, words) in ANSWERS.items()
    }
    assert db.session.scalar(select(Concern.note)) == CONCERN
    assert db.session.scalar(select(Coding.reason)) == REASON
    found = conversations.search({conversation.organisation_id}, case_reference=" zq-2025-7731 ")
    assert [c.id for c in found] == [conversation.id]
    assert conversations.search({conversation.organisation_id}, case_reference="ZQ-2025") == []


def test_the_database_cannot_be_asked_to_compare_encrypted_text(app):
    with pytest.raises(TypeError, match="is encrypted"):
        select(Conversation).where(Conversation.case_reference == REFERENCE)
    with pytest.raises(TypeError, match="is encrypted"):
        select(Answer).where(Answer.words.ilike("%safe%"))
    with pytest.raises(TypeError, match="is encrypted"):
        select(Conversation).order_by(Conversation.case_reference.desc())
    select(Answer).where(Answer.words != "")  # emptiness can still be tested


def _rotate(other: Flask, *args: str):
    """`flask keys rotate` run by another app (other keys) on the same database."""
    with other.app_context():  # the test's own app context would otherwise be the one used
        try:
            return other.test_cli_runner().invoke(keys, ["rotate", *args])
        finally:
            db.session.remove()


def _app_with_keys(database_url: str, field_keys: str) -> Flask:
    return create_app(app_config(database_url) | {"FIELD_ENCRYPTION_KEYS": field_keys})


def _read_all(other: Flask) -> dict[str, object]:
    with other.app_context():
        try:
            return {
                "reference": db.session.scalar(select(Conversation.case_reference)),
                "words": sorted(db.session.scalars(select(Answer.words))),
                "note": db.session.scalar(select(Concern.note)),
                "reasons": sorted(db.session.scalars(select(Coding.reason)))
                + sorted(db.session.scalars(select(Adjudication.reason))),
            }
        finally:
            db.session.remove()


def test_rotation_moves_every_value_to_the_new_key_and_is_safe_to_run_again(app, database_url, make_org, make_user):
    _said(make_org, make_user)
    before = _read_all(app)
    db.session.commit()
    new_key = generate_key()
    rotating = _app_with_keys(database_url, f"{new_key},{TEST_FIELD_ENCRYPTION_KEY}")
    only_new = _app_with_keys(database_url, new_key)
    only_old = _app_with_keys(database_url, TEST_FIELD_ENCRYPTION_KEY)
    try:
        result = _rotate(rotating, "--batch-size", "3")
        assert result.exit_code == 0, result.output
        new_id = key_id(base64.urlsafe_b64decode(new_key))
        words_said = sum(1 for _value, words in ANSWERS.values() if words)
        assert f"answers.words: {words_said} re-encrypted, 0 already on key {new_id}" in result.output
        assert f"conversations.case_reference: 1 re-encrypted" in result.output
        assert _read_all(only_new) == before, "with only the new key, everything reads as before"
        assert all(value == "" or value.startswith(f"enc1:{new_id}:") for value in _raw_values())

        again = _rotate(rotating)
        assert again.exit_code == 0, again.output
        assert f"answers.words: 0 re-encrypted, {words_said} already on key {new_id}" in again.output
        assert "Done: 0 values re-encrypted" in again.output

        with pytest.raises(EncryptionKeyError, match=f"encrypted with key {new_id}, which is not in FIELD_ENCRYPTION_KEYS"):
            _read_all(only_old)
        wrong = _rotate(only_old)
        assert wrong.exit_code == 1 and "which is not in FIELD_ENCRYPTION_KEYS" in wrong.output
    finally:
        for other in (rotating, only_new, only_old):
            with other.app_context():
                db.engine.dispose()
    db.session.expire_all()


def test_a_new_blind_index_key_takes_effect_with_one_rotation(app, database_url, make_org, make_user):
    conversation = _said(make_org, make_user)
    db.session.commit()
    new_index_key = generate_key()
    changed = create_app(app_config(database_url) | {"BLIND_INDEX_KEY": new_index_key})
    try:
        with changed.app_context():
            assert conversations.search({conversation.organisation_id}, case_reference=REFERENCE) == []
            db.session.remove()
        result = _rotate(changed)
        assert result.exit_code == 0 and "1 search index entries updated" in result.output, result.output
        with changed.app_context():
            assert len(conversations.search({conversation.organisation_id}, case_reference=REFERENCE)) == 1
            db.session.remove()
    finally:
        with changed.app_context():
            db.engine.dispose()


def test_the_app_refuses_to_start_without_a_key_or_with_a_bad_one(database_url):
    with pytest.raises(EncryptionKeyError, match="FIELD_ENCRYPTION_KEYS is not set"):
        create_app(app_config(database_url) | {"FIELD_ENCRYPTION_KEYS": ""})
    with pytest.raises(EncryptionKeyError, match="BLIND_INDEX_KEY: key 1 is not a 32-byte key"):
        create_app(app_config(database_url) | {"BLIND_INDEX_KEY": "too short"})


def test_keys_generate_prints_a_usable_key(app):
    result = app.test_cli_runner().invoke(keys, ["generate"])
    assert result.exit_code == 0 and len(base64.urlsafe_b64decode(result.output.strip())) == 32
