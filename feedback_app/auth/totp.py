"""Time-based one-time codes (RFC 6238) and recovery codes. Knows nothing of Flask or the database.

A code is accepted for the current 30-second step or the one either side (a phone clock a little
out). The caller stores the step it matched and refuses any step at or before it, so a code seen
over someone's shoulder cannot be used again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

import pyotp
import segno

RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to read back and type
_RECOVERY_LENGTH = 10  # about 49 bits each: random enough that a fast hash is safe
CODE_DIGITS = 6


def new_secret() -> str:
    """A random 160-bit secret in base32, as authenticator apps take it."""
    return pyotp.random_base32(32)


def grouped(secret: str) -> str:
    """The secret in groups of four, for typing into an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def qr_code_data_uri(uri: str) -> str:
    """The address as a QR code, drawn on the server as SVG (a data: URI for an img element)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=4, dark="#0b0c0c", light="#ffffff")


def normalise_code(code: str) -> str:
    return "".join(code.split())


def matching_step(secret: str, code: str, now: dt.datetime) -> int | None:
    """The time step the code belongs to (now, just before or just after), or None."""
    code = normalise_code(code)
    if len(code) != CODE_DIGITS or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in (current, current - 1, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def code_for(secret: str, now: dt.datetime) -> str:
    """The code an authenticator app would show at `now` (for the demo command and tests)."""
    return pyotp.TOTP(secret).at(now)


def new_recovery_codes() -> list[str]:
    """Ten fresh recovery codes, shown once as "abcde-fghjk"."""
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(_RECOVERY_LENGTH))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


def hash_recovery_code(user_id: int, code: str) -> str:
    """SHA-256 of the person's id and the code without spaces, hyphens or capitals."""
    normalised = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(f"{user_id}:{normalised}".encode()).hexdigest()
