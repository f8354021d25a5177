"""Organisations, their teams, and which councils an advocacy organisation works for."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from feedback_app.extensions import db
from feedback_app.models import Organisation, Team, User


def get(organisation_id: int) -> Organisation | None:
    return db.session.get(Organisation, organisation_id)


def find_by_name(name: str) -> Organisation | None:
    """The organisation with this name, ignoring case in any alphabet (SQLite's lower() knows only
    ASCII) and spaces at either end. There are tens of organisations, not thousands."""
    wanted = name.strip().casefold()
    return next((found for found in db.session.scalars(select(Organisation)) if found.name.casefold() == wanted), None)


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
    retention_months: int | None = None,
) -> None:
    """Change councils served (advocacy only), the next step after a concern and coding settings (not committed)."""
    if organisation.kind == "advocacy":
        organisation.councils = list(councils)
    organisation.concern_next_step = concern_next_step.strip()
    if double_coding_percent is not None:
        organisation.double_coding_percent = double_coding_percent
    if staff_may_code is not None:
        organisation.staff_may_code = staff_may_code
    if retention_months is not None:
        organisation.retention_months = retention_months
    db.session.flush()


# Teams ---------------------------------------------------------------------------------------------


def teams_of(organisation: Organisation) -> list[Team]:
    """The organisation's teams by name."""
    query = select(Team).where(Team.organisation_id == organisation.id).order_by(Team.name, Team.id)
    return list(db.session.scalars(query))


def get_team(organisation: Organisation, team_id: int) -> Team | None:
    """The team, only if it belongs to this organisation."""
    return db.session.scalar(select(Team).where(Team.id == team_id, Team.organisation_id == organisation.id))


def find_team(organisation: Organisation, name: str) -> Team | None:
    """The organisation's team with this name, ignoring case and spaces at either end.

    Compared in Python: SQLite's lower() knows only ASCII, so "ÉQUIPE" and "équipe" looked
    different there and the second was refused by the unique constraint instead of the form.
    """
    wanted = name.strip().casefold()
    return next((team for team in teams_of(organisation) if team.name.casefold() == wanted), None)


def add_team(organisation: Organisation, name: str) -> Team:
    """Add a team to an organisation (not committed)."""
    team = Team(organisation_id=organisation.id, name=name.strip())
    db.session.add(team)
    db.session.flush()
    return team


def rename_team(team: Team, name: str) -> None:
    """Rename a team (not committed). Its conversations keep it: they hold the team's id."""
    team.name = name.strip()
    db.session.flush()


def set_team(user: User, team: Team | None) -> None:
    """Put a person in one of their organisation's teams, or in none (not committed).

    Conversations they already started keep the team they had then.
    """
    if team is not None and team.organisation_id != user.organisation_id:
        raise ValueError("A person's team must belong to their own organisation.")
    user.team_id = team.id if team is not None else None
    db.session.flush()


def teams_for_council(council: Organisation) -> list[tuple[Team, Organisation]]:
    """The teams whose conversations can count in a council's return: its own, then its advocacy
    organisations' (by organisation name, then team name)."""
    organisations = [council, *council.advocacy_organisations]
    by_id = {organisation.id: organisation for organisation in organisations}
    teams = list(db.session.scalars(select(Team).where(Team.organisation_id.in_(by_id))))
    teams.sort(key=lambda team: (team.organisation_id != council.id, by_id[team.organisation_id].name, team.name))
    return [(team, by_id[team.organisation_id]) for team in teams]


def team_counts(organisation: Organisation) -> dict[int, int]:
    """How many people are in each of the organisation's teams, by team id."""
    query = (
        select(User.team_id, func.count(User.id))
        .where(User.organisation_id == organisation.id, User.team_id.is_not(None))
        .group_by(User.team_id)
    )
    return {team_id: count for team_id, count in db.session.execute(query)}


def team_names() -> dict[int, str]:
    """Every team's name by id, for lists of people (one query, not one per person)."""
    return {team_id: name for team_id, name in db.session.execute(select(Team.id, Team.name))}
