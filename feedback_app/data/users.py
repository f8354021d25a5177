"""People who sign in."""

from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import joinedload, selectinload

from feedback_app.auth.passwords import hash_password
from feedback_app.extensions import db
from feedback_app.models import Organisation, User


def normalise_email(email: str) -> str:
    return email.strip().lower()


# Made once, not per page: SQLAlchemy works out how to cache a statement once per statement object.
_WITH_ORGANISATION = select(User).options(joinedload(User.organisation)).where(User.id == bindparam("user_id"))


def get_active(user_id: int) -> User | None:
    """The person signed in, with their organisation: every page's menu asks about it."""
    user = db.session.scalar(_WITH_ORGANISATION, {"user_id": user_id})
    return user if user is not None and user.active else None


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))


def list_all() -> list[User]:
    """Everyone by email, with their organisations loaded in one more query."""
    query = select(User).options(selectinload(User.organisation)).order_by(User.email)
    return list(db.session.scalars(query))


def create(*, email: str, password: str, role: str, organisation: Organisation, name: str = "") -> User:
    """Add a person (not committed: the caller commits with its audit record)."""
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        password_hash=hash_password(password),
        role=role,
        organisation=organisation,
    )
    db.session.add(user)
    db.session.flush()
    return user


def get(user_id: int) -> User | None:
    return db.session.get(User, user_id)


def update(user: User, *, role: str, organisation: Organisation, active: bool) -> None:
    """Change a person's role, organisation and whether they can sign in (not committed)."""
    user.role = role
    user.organisation = organisation
    user.active = active
    db.session.flush()


def get_many(user_ids: set[int]) -> list[User]:
    if not user_ids:
        return []
    return list(db.session.scalars(select(User).where(User.id.in_(user_ids)).order_by(User.name, User.email)))
