"""Encryption at rest for what a person said and for case references.

Each value is sealed with AES-256-GCM (authenticated: a changed or swapped value fails to open
rather than reading as garbage). The table and column are bound in as associated data, so a value
copied into another column does not open either. Stored form: ``enc1:<key id>:<base64 nonce+ciphertext>``.

Keys come from configuration (FIELD_ENCRYPTION_KEYS, newest first): new values use the newest,
any listed key opens old ones, and `flask keys rotate` moves everything to the newest.

An empty string is stored as an empty string. It says only "nothing was said", which the length
of a ciphertext would show anyway, and it lets retention blank values without holding a key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
from collections.abc import Mapping, Sequence
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Text, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import operators

PREFIX = "enc1"
KEY_BYTES = 32
NONCE_BYTES = 12
CIPHER_EXTENSION = "field_cipher"
INDEX_EXTENSION = "blind_index"


class EncryptionKeyError(RuntimeError):
    """A key is missing or malformed, or a stored value cannot be opened with the keys given."""


def generate_key() -> str:
    """A new random 256-bit key, as the URL-safe base64 text the settings take."""
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode("ascii")


def _decode_key(text: str, setting: str, position: int) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise EncryptionKeyError(
            f"{setting}: key {position} is not a 32-byte key in URL-safe base64. "
            "Make one with `flask --app wsgi keys generate`."
        )
    return key


def parse_keys(text: str | None, setting: str = "FIELD_ENCRYPTION_KEYS") -> list[bytes]:
    """Comma-separated keys, newest first. At least one is required."""
    parts = [part for part in (text or "").split(",") if part.strip()]
    if not parts:
        raise EncryptionKeyError(f"{setting} is not set.")
    return [_decode_key(part, setting, number) for number, part in enumerate(parts, start=1)]


def key_id(key: bytes) -> str:
    """A short public name for a key (an HMAC under the key itself): says which key sealed a value."""
    return hmac.new(key, b"feedback-app field key id", hashlib.sha256).hexdigest()[:8]


class FieldCipher:
    """Seals and opens field values with a list of keys, the first being the one new values use."""

    def __init__(self, keys: Sequence[bytes]) -> None:
        if not keys:
            raise EncryptionKeyError("FIELD_ENCRYPTION_KEYS is not set.")
        self._keys = {key_id(key): AESGCM(key) for key in keys}
        self.newest_id = key_id(keys[0])

    @classmethod
    def from_text(cls, text: str | None) -> FieldCipher:
        return cls(parse_keys(text))

    @property
    def key_ids(self) -> list[str]:
        return list(self._keys)

    def encrypt(self, plaintext: str, context: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._keys[self.newest_id].encrypt(nonce, plaintext.encode("utf-8"), context.encode("utf-8"))
        return f"{PREFIX}:{self.newest_id}:{base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"

    def decrypt(self, stored: str, context: str) -> str:
        parts = stored.split(":")
        if len(parts) != 3 or parts[0] != PREFIX:
            raise EncryptionKeyError(f"A value in {context} is not encrypted data: has `flask db upgrade` been run?")
        _, kid, body = parts
        aead = self._keys.get(kid)
        if aead is None:
            raise EncryptionKeyError(
                f"A value in {context} was encrypted with key {kid}, which is not in FIELD_ENCRYPTION_KEYS "
                f"(keys given: {', '.join(self._keys)}). Add the key it was written with."
            )
        try:
            raw = base64.urlsafe_b64decode(body.encode("ascii"))
            plaintext = aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode("utf-8"))
        except (InvalidTag, binascii.Error, ValueError) as error:
            raise EncryptionKeyError(
                f"A value in {context} could not be decrypted with key {kid}: it has been changed or "
                "belongs to another column."
            ) from error
        return plaintext.decode("utf-8")

    def is_current(self, stored: str) -> bool:
        """True when the value is sealed with the newest key (or is empty)."""
        return stored == "" or stored.startswith(f"{PREFIX}:{self.newest_id}:")


def is_encrypted(stored: str) -> bool:
    return stored.startswith(f"{PREFIX}:")


def normalise_reference(reference: str) -> str:
    """How a case reference is compared: capitals and runs of spaces do not matter."""
    return " ".join(reference.split()).upper()


class BlindIndex:
    """A keyed hash of the normalised case reference: equal references match, nothing can be read back."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    @classmethod
    def from_text(cls, text: str | None) -> BlindIndex:
        return cls(parse_keys(text, "BLIND_INDEX_KEY")[0])

    def __call__(self, reference: str) -> str | None:
        normalised = normalise_reference(reference)
        if not normalised:
            return None
        return hmac.new(self._key, normalised.encode("utf-8"), hashlib.sha256).hexdigest()


def from_config(config: Mapping[str, Any]) -> tuple[FieldCipher, BlindIndex]:
    """The cipher and blind index for an app's settings; a clear error when a key is missing or bad."""
    return FieldCipher.from_text(config.get("FIELD_ENCRYPTION_KEYS")), BlindIndex.from_text(config.get("BLIND_INDEX_KEY"))


def _app_extension(name: str) -> Any:
    from flask import current_app, has_app_context

    if not has_app_context():
        raise EncryptionKeyError("Encrypted values can only be read or written inside the app (no app context).")
    found = current_app.extensions.get(name)
    if found is None:
        raise EncryptionKeyError("The app was set up without encryption keys.")
    return found


def current_cipher() -> FieldCipher:
    return _app_extension(CIPHER_EXTENSION)


def blind_index(reference: str | None) -> str | None:
    """The current app's blind index of a case reference (None for an empty one, with no key needed)."""
    if reference is None or not normalise_reference(reference):
        return None
    index: BlindIndex = _app_extension(INDEX_EXTENSION)
    return index(reference)


# Comparing a sealed column with a value can never match (every seal uses a fresh nonce), so refuse
# it loudly instead of silently finding nothing. Emptiness can be tested: empty is stored as empty.
_EMPTY_TESTS = {operators.eq, operators.ne, operators.is_, operators.is_not}


class EncryptedText(TypeDecorator[str]):
    """Text sealed with the app's FieldCipher; reads and writes are transparent to the ORM."""

    impl = Text
    cache_ok = True

    class Comparator(TypeDecorator.Comparator[str]):
        def operate(self, op: Any, *other: Any, **kwargs: Any) -> Any:
            if op in _EMPTY_TESTS and len(other) == 1 and (other[0] is None or (isinstance(other[0], str) and other[0] == "")):
                return super().operate(op, *other, **kwargs)
            raise TypeError(
                f"{self.expr} is encrypted, so the database cannot compare or sort it; "
                "compare the blind index instead, or only test for an empty value."
            )

    comparator_factory = Comparator

    def __init__(self, context: str) -> None:
        super().__init__()
        self.context = context  # "table.column": bound into every seal

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or value == "":
            return value
        return current_cipher().encrypt(value, self.context)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or value == "":
            return value
        return current_cipher().decrypt(value, self.context)

    def copy(self, **kwargs: Any) -> EncryptedText:
        return EncryptedText(self.context)
