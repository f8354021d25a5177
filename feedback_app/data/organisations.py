"""Organisations and which councils an advocacy organisation works for."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from feedback_app.extensions import db
from feedback_app.models import Organisation, User


def get(organisation_id: int) -> Organisation | None:
    return db.session.get(Organisation, organisation_id)


def find_by_name(name: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(func.lower(Organisation.name) == name.strip().lower()))


def list_all() -> list[Organisation]:
    """Every organisation by name, with the councils each works for loaded in one more query."""
    query = select(Organisation).options(selectinload(Organisation.councils)).order_by(Organisation.name)
    return list(db.session.scalars(query))


def councils() -> list[Organisation]:
    return list(
        db.session.scalars(select(Organisation).where(Organisation.kind == "council").order_by(Organisation.name))
    )


def create(*, name: str, kind: str, councils: list[Organisation] | None = None) -> Organisation:
    """Add an organisation (not committed)."""
    organisation = Organisation(name=name.strip(), kind=kind)
    if kind == "advocacy" and councils:
        organisation.councils = list(councils)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def visible_organisation_ids(user: User) -> set[int]:
    """Whose conversations this person may see.

    Practitioners and advocates: their own organisation's. Coordinators in a council: the
    council's and those of the advocacy organisations working for it. Admins manage people,
    not records, so they see none.
    """
    if user.role in ("practitioner", "advocate"):
        return {user.organisation_id}
    if user.role == "coordinator":
        organisation = user.organisation
        ids = {organisation.id}
        if organisation.kind == "council":
            ids.update(advocacy.id for advocacy in organisation.advocacy_organisations)
        return ids
    return set()


def councils_served(organisation: Organisation) -> list[Organisation]:
    """The councils a conversation held by this organisation can be for."""
    if organisation.kind == "council":
        return [organisation]
    return list(organisation.councils)


def people_counts() -> dict[int, int]:
    """How many people belong to each organisation, by organisation id."""
    query = select(User.organisation_id, func.count(User.id)).group_by(User.organisation_id)
    rows = db.session.execute(query)
    return {organisation_id: count for organisation_id, count in rows}


def update_details(
    organisation: Organisation,
    *,
    councils: list[Organisation],
    concern_next_step: str,
    double_coding_percent: int | None = None,
    staff_may_code: bool | None = None,
) -> None:
    """Change councils served (advocacy only), the next step after a concern and coding settings (not committed)."""
    if organisation.kind == "advocacy":
        organisation.councils = list(councils)
    organisation.concern_next_step = concern_next_step.strip()
    if double_coding_percent is not None:
        organisation.double_coding_percent = double_coding_percent
    if staff_may_code is not None:
        organisation.staff_may_code = staff_may_code
    db.session.flush()
