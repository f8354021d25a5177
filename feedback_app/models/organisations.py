"""Organisations, their teams and the people who sign in."""

from __future__ import annotations

import datetime as dt

from flask_login import UserMixin
from sqlalchemy import BigInteger, Column, ForeignKey, String, Table, Text, UniqueConstraint, false, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from feedback_app.models.base import Base, utcnow
from feedback_app.models.encrypted import EncryptedText

# An advocacy organisation works for one or more councils.
advocacy_councils = Table(
    "advocacy_councils",
    Base.metadata,
    Column("advocacy_id", ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
    Column("council_id", ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
)


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # council | advocacy | partner
    # What a practitioner should do next after raising a new concern (phone number, team).
    concern_next_step: Mapped[str] = mapped_column(Text, default="")
    # Coding: the share of finished conversations a second coder codes blind (councils), and
    # whether practitioners and advocates may code as well as coordinators.
    double_coding_percent: Mapped[int] = mapped_column(default=20, server_default="20")
    staff_may_code: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Councils: months after a conversation before what identifies the person is deleted.
    retention_months: Mapped[int] = mapped_column(default=12, server_default="12")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())

    councils: Mapped[list[Organisation]] = relationship(
        secondary=advocacy_councils,
        primaryjoin=lambda: Organisation.id == advocacy_councils.c.advocacy_id,
        secondaryjoin=lambda: Organisation.id == advocacy_councils.c.council_id,
        back_populates="advocacy_organisations",
        order_by=lambda: Organisation.name,
    )
    advocacy_organisations: Mapped[list[Organisation]] = relationship(
        secondary=advocacy_councils,
        primaryjoin=lambda: Organisation.id == advocacy_councils.c.council_id,
        secondaryjoin=lambda: Organisation.id == advocacy_councils.c.advocacy_id,
        back_populates="councils",
        order_by=lambda: Organisation.name,
    )
    users: Mapped[list[User]] = relationship(back_populates="organisation")
    teams: Mapped[list[Team]] = relationship(back_populates="organisation", order_by=lambda: Team.name)

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.kind}>"


class Team(Base):
    """A part of an organisation ("North locality", "Hospital team"): a dashboard filter."""

    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())

    organisation: Mapped[Organisation] = relationship(back_populates="teams")

    def __repr__(self) -> str:
        return f"<Team {self.id} of {self.organisation_id}>"


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # practitioner | advocate | coordinator | admin
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    # Optional: the team within the organisation (always one of the organisation's own teams).
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now())
    # Two-step sign-in (feedback_app/auth/totp.py): the authenticator app's secret (encrypted at
    # rest like what people said), and the last 30-second time step a code was accepted for, so a
    # code cannot be used twice.
    totp_secret: Mapped[str | None] = mapped_column(EncryptedText("users.totp_secret"))
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)

    organisation: Mapped[Organisation] = relationship(back_populates="users")
    team: Mapped[Team | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses sign-in to inactive users
        return self.active

    def __repr__(self) -> str:  # no email: logs must not carry personal data
        return f"<User {self.id} {self.role}>"
