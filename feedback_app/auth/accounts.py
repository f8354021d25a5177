"""A person's sign-in details: password, two-step codes and recovery codes. Nothing here commits:
the view commits with its audit record."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, or_, select, update

from feedback_app.auth import totp
from feedback_app.auth.passwords import hash_password, needs_rehash
from feedback_app.extensions import db
from feedback_app.models import RecoveryCode, User

# Roles that must use a code from an authenticator app as well as a password: they see every
# conversation of their council, or manage who can sign in.
TOTP_REQUIRED_ROLES: frozenset[str] = frozenset({"coordinator", "admin"})


def totp_required(user: User) -> bool:
    return user.role in TOTP_REQUIRED_ROLES


def has_totp(user: User) -> bool:
    return bool(user.totp_secret)


def needs_totp_setup(user: User) -> bool:
    """A coordinator or admin who has not yet set up an authenticator app."""
    return totp_required(user) and not has_totp(user)


def set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    db.session.flush()


def upgrade_hash(user: User, password: str) -> bool:
    """After a correct password: rehash when the stored hash uses old parameters. True if changed."""
    if not needs_rehash(user.password_hash):
        return False
    set_password(user, password)
    return True


def enable_totp(user: User, secret: str, step: int) -> list[str]:
    """Turn on two-step sign-in with a secret the person has just proved they hold; new recovery codes."""
    user.totp_secret = secret
    user.totp_last_step = step
    return replace_recovery_codes(user)


def disable_totp(user: User) -> None:
    user.totp_secret = None
    user.totp_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.flush()


def use_totp_code(user: User, code: str, now: dt.datetime) -> bool:
    """True when the code is right and its time step has not been used before; then it is used up.

    One conditional UPDATE, so two requests with the same code cannot both succeed.
    """
    if not user.totp_secret:
        return False
    step = totp.matching_step(user.totp_secret, code, now)
    if step is None:
        return False
    used = db.session.execute(
        update(User)
        .where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(user)
    return used == 1


def replace_recovery_codes(user: User) -> list[str]:
    """Throw away any old recovery codes and make ten new ones (returned once, stored hashed)."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = totp.new_recovery_codes()
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=totp.hash_recovery_code(user.id, code)) for code in codes)
    db.session.flush()
    return codes


def use_recovery_code(user: User, code: str, now: dt.datetime) -> bool:
    """True when the code is one of theirs and unused; then it is used up."""
    code_hash = totp.hash_recovery_code(user.id, code)
    used = db.session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.code_hash == code_hash, RecoveryCode.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    return used == 1


def recovery_codes_left(user: User) -> int:
    query = select(func.count()).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    return db.session.scalar(query) or 0
