"""Passwords: the rules for choosing one, and argon2id hashing (the current OWASP recommendation).

The rules follow NIST SP 800-63B and OWASP ASVS 5.0: a minimum length, a generous maximum, no
rules about mixing kinds of character, and no password found on a list of common ones.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from argon2 import PasswordHasher, Type, profiles
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128  # long passphrases welcome; a cap stops a megabyte "password" tying up a worker
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")

# argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane; Password Storage Cheat
# Sheet). RFC 9106's 64 MiB option cost 155 ms of CPU and 64 MiB per sign-in: a team signing in
# at 9 o'clock queued every page behind it, and 20 threads signing in at once held 1.3 GB. This
# costs 20 ms and 19 MiB, and a stolen hash still costs an attacker the same per guess as a
# 19 MiB memory-hard function demands. Changing these makes every stored hash "need rehash", and
# each is upgraded at the person's next sign-in.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, type=Type.ID)


def use_cheapest_hashing() -> None:
    """For the test suite only: argon2id's cheapest profile, so hundreds of sign-ins stay fast."""
    global _hasher
    _hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)


def current_hasher() -> PasswordHasher:
    return _hasher


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


def needs_rehash(password_hash: str) -> bool:
    """True when a hash is not argon2id with today's parameters (checked after a correct password)."""
    try:
        return _hasher.check_needs_rehash(password_hash) or not password_hash.startswith("$argon2id$")
    except InvalidHashError:
        return True


@cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords (see the head of common_passwords.txt for its source)."""
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def password_problem(password: str, *, email: str = "") -> str | None:
    """Why a new password cannot be used, as a key of MESSAGES, or None when it is fine."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return "password_too_short"
    if len(password) > MAX_PASSWORD_LENGTH:
        return "password_too_long"
    folded = password.casefold()
    if folded in common_passwords() or " ".join(folded.split()) in common_passwords():
        return "password_too_common"
    if email and folded.strip() in {email.casefold().strip(), email.casefold().split("@")[0]}:
        return "password_is_email"
    if len(set(folded)) < 3:  # "aaaaaaaaaaaa", "abababababab"
        return "password_too_common"
    return None

