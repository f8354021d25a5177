"""The demo's teams: three in Demo Council, one in Other Council, and which conversations each holds.

Demo Council's conversations held by the enquiry lead are spread over its teams as if colleagues in
each had held them; those held by Demo Advocacy have no team (its advocate is in none). The spread
uses its own random generator, so adding teams changed none of the other demo data.
"""

from __future__ import annotations

import random

from feedback_app.data import organisations
from feedback_app.demo.people import DEMO_COUNCIL, OTHER_COUNCIL
from feedback_app.demo.plans import Plan
from feedback_app.models import Organisation, Team, User

TEAMS: dict[str, dict[str, int]] = {  # organisation -> team -> share of its conversations
    DEMO_COUNCIL: {"North locality": 45, "South locality": 35, "Hospital team": 20},
    OTHER_COUNCIL: {"North locality": 100},  # the same name as one of Demo Council's, on purpose
}
PERSON_TEAMS = {
    "practitioner@demo.example": "North locality",
    "other.practitioner@demo.example": "North locality",
}
TEAM_SEED = 20260401


def create_teams(orgs: dict[str, Organisation], people: dict[str, User]) -> dict[str, dict[str, Team]]:
    """Make the teams and put the practitioners in theirs (before any conversation is started)."""
    made = {
        organisation: {name: organisations.add_team(orgs[organisation], name) for name in teams}
        for organisation, teams in TEAMS.items()
    }
    for email, team in PERSON_TEAMS.items():
        person = people[email]
        organisations.set_team(person, made[person.organisation.name][team])
    return made


def spread_over_teams(plans: list[Plan], teams: dict[str, dict[str, Team]]) -> None:
    """Give each of Demo Council's enquiry-lead conversations a team, in the shares above."""
    rng = random.Random(TEAM_SEED)
    names = list(TEAMS[DEMO_COUNCIL])
    weights = list(TEAMS[DEMO_COUNCIL].values())
    for plan in plans:
        if plan.council.name == DEMO_COUNCIL and plan.method == "enquiry_lead":
            plan.team = teams[DEMO_COUNCIL][rng.choices(names, weights=weights)[0]]
