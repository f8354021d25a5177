"""Signed-in sessions kept on the server, and the recovery codes for two-step sign-in."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from feedback_app.models.base import Base, utcnow


class SignInSession(Base):
    """One browser's session. The cookie holds a random token; only its SHA-256 is stored here,
    so reading this table does not let anyone use a session. Used when REDIS_URL is not set."""

    __tablename__ = "sign_in_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the cookie token
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    data: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)

    def __repr__(self) -> str:  # never the id: it is as good as a password for a minute's work
        return f"<SignInSession of user {self.user_id}>"


class RecoveryCode(Base):
    """A single-use code for signing in without the authenticator app, stored hashed."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[dt.datetime | None] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())

    def __repr__(self) -> str:
        return f"<RecoveryCode {self.id} of user {self.user_id}>"
