"""Password hashing with argon2 (the current OWASP recommendation)."""

from __future__ import annotations

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def use_cheapest_hashing() -> None:
    """For the test suite only: argon2's cheapest profile, so hundreds of sign-ins stay fast."""
    global _hasher
    _hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)

# Verified against when the email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; always does the same work, found or not."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
