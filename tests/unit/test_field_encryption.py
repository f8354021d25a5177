"""Field encryption and the case reference blind index, without an app."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback_app.models.encrypted import (
    BlindIndex,
    EncryptionKeyError,
    FieldCipher,
    generate_key,
    key_id,
    normalise_reference,
    parse_keys,
)

OLD, NEW = base64.urlsafe_b64decode(generate_key()), base64.urlsafe_b64decode(generate_key())


def test_a_sealed_value_reads_back_and_shows_nothing_of_the_words():
    cipher = FieldCipher([NEW])
    sealed = cipher.encrypt("They listened to me", "answers.words")
    assert "listened" not in sealed and sealed.startswith(f"enc1:{key_id(NEW)}:")
    assert cipher.decrypt(sealed, "answers.words") == "They listened to me"
    assert cipher.encrypt("same", "answers.words") != cipher.encrypt("same", "answers.words"), "a fresh nonce each time"


@given(st.text())
def test_any_text_round_trips(text):
    cipher = FieldCipher([NEW])
    assert cipher.decrypt(cipher.encrypt(text, "concerns.note"), "concerns.note") == text


def test_the_wrong_key_is_a_clear_error_not_garbage():
    sealed = FieldCipher([OLD]).encrypt("words", "answers.words")
    with pytest.raises(EncryptionKeyError, match=f"encrypted with key {key_id(OLD)}, which is not in FIELD_ENCRYPTION_KEYS"):
        FieldCipher([NEW]).decrypt(sealed, "answers.words")


def test_a_changed_value_or_one_moved_to_another_column_does_not_open():
    cipher = FieldCipher([NEW])
    sealed = cipher.encrypt("words", "answers.words")
    prefix, kid, body = sealed.split(":")
    raw = bytearray(base64.urlsafe_b64decode(body))
    raw[-1] ^= 1
    tampered = f"{prefix}:{kid}:{base64.urlsafe_b64encode(bytes(raw)).decode()}"
    with pytest.raises(EncryptionKeyError, match="has been changed or belongs to another column"):
        cipher.decrypt(tampered, "answers.words")
    with pytest.raises(EncryptionKeyError, match="has been changed or belongs to another column"):
        cipher.decrypt(sealed, "concerns.note")


def test_plaintext_where_a_sealed_value_should_be_is_refused():
    with pytest.raises(EncryptionKeyError, match="is not encrypted data"):
        FieldCipher([NEW]).decrypt("plain words", "answers.words")


def test_old_keys_still_open_values_and_new_values_use_the_first_key():
    old_value = FieldCipher([OLD]).encrypt("before", "answers.words")
    both = FieldCipher([NEW, OLD])
    assert both.decrypt(old_value, "answers.words") == "before"
    assert not both.is_current(old_value)
    assert both.is_current(both.encrypt("after", "answers.words"))


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("", "FIELD_ENCRYPTION_KEYS is not set"),
        (" , ", "FIELD_ENCRYPTION_KEYS is not set"),
        ("not-a-key", "key 1 is not a 32-byte key"),
        (base64.urlsafe_b64encode(bytes(32)).decode() + "," + base64.urlsafe_b64encode(b"short").decode(),
         "key 2 is not a 32-byte key"),
    ],
    ids=["empty", "only commas", "not base64", "second too short"],
)
def test_bad_key_settings_are_named(setting, message):
    with pytest.raises(EncryptionKeyError, match=message):
        parse_keys(setting)


def test_keys_are_read_newest_first():
    assert parse_keys(f" {base64.urlsafe_b64encode(NEW).decode()} ,{base64.urlsafe_b64encode(OLD).decode()}") == [NEW, OLD]


def test_the_blind_index_ignores_capitals_and_spaces_but_not_other_characters():
    index = BlindIndex(NEW)
    assert normalise_reference("  ab-2025   0001 ") == "AB-2025 0001"
    assert index("ab-2025 0001") == index(" AB-2025  0001") != index("AB-2025-0001")
    assert index("AB-1") != BlindIndex(OLD)("AB-1"), "the index depends on its key"
    assert index("   ") is None
    assert len(index("AB-1") or "") == 64 and "AB" not in (index("AB-1") or "")
