"""Teams: admins add and rename an organisation's teams and put people in them; a conversation
keeps the team its practitioner had when it started; other organisations' teams are out of reach."""

from __future__ import annotations

import uuid

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from feedback_app.data import organisations, users
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, Conversation, Team
from tests.conversation_helpers import start


@pytest.fixture
def setting(make_org, make_user, sign_in, client):
    council = make_org("Test Council")
    other = make_org("Other Council")
    admin = make_user("admin", council)
    sign_in(client, admin)
    return {"council": council, "other": other, "admin": admin, "client": client}


def _post(client, csrf_token, url: str, data: dict[str, str]):
    return client.post(url, data={"csrf_token": csrf_token(client, url), **data})


def _errors(response) -> dict[str, str]:
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    summary = soup.select_one(".govuk-error-summary")
    assert summary is not None, "expected an error summary"
    return {a["href"]: a.get_text(strip=True) for a in summary.select("a")}


def _teams(organisation) -> list[str]:
    return [team.name for team in organisations.teams_of(organisation)]


def test_an_admin_adds_and_renames_teams(setting, csrf_token, get_page):
    client, council = setting["client"], setting["council"]
    url = f"/admin/organisations/{council.id}/teams"
    assert "There are no teams yet" in get_page(client, url).get_text()
    for name in ("North locality", "  Hospital team "):
        response = _post(client, csrf_token, url, {"name": name})
        assert response.status_code == 302 and "added=1" in response.headers["Location"]
    assert _teams(council) == ["Hospital team", "North locality"]
    page = get_page(client, url + "?added=1")
    assert "Team added" in page.get_text()
    assert [th.get_text(strip=True) for th in page.select("tbody th")] == ["Hospital team", "North locality"]

    north = organisations.find_team(council, "north locality")
    rename = f"{url}/{north.id}"
    assert get_page(client, rename).select_one("input[name=name]")["value"] == "North locality"
    assert _post(client, csrf_token, rename, {"name": "North and West locality"}).status_code == 302
    assert _teams(council) == ["Hospital team", "North and West locality"]
    # Renaming to its own name (in other capitals) is not a clash with itself.
    assert _post(client, csrf_token, rename, {"name": "north and west locality"}).status_code == 302

    actions = list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("admin.team.%"))))
    assert actions == ["admin.team.create", "admin.team.create", "admin.team.rename", "admin.team.rename"]
    assert "Teams in Test Council" in get_page(client, f"/admin/organisations/{council.id}").get_text()


@pytest.mark.parametrize(
    "name, message",
    [
        ("", "Enter the name of the team"),
        ("   ", "Enter the name of the team"),
        ("HOSPITAL TEAM", "This organisation already has a team with this name"),
        ("x" * 101, "Team name must be 100 characters or fewer"),
    ],
)
def test_team_names_are_needed_short_and_unique_in_the_organisation(setting, csrf_token, name, message):
    client, council = setting["client"], setting["council"]
    organisations.add_team(council, "Hospital team")
    db.session.commit()
    response = _post(client, csrf_token, f"/admin/organisations/{council.id}/teams", {"name": name})
    assert response.status_code == 200
    assert _errors(response) == {"#name": message}
    assert _teams(council) == ["Hospital team"]


def test_two_organisations_may_have_teams_of_the_same_name(setting, csrf_token):
    client = setting["client"]
    for organisation in (setting["council"], setting["other"]):
        url = f"/admin/organisations/{organisation.id}/teams"
        assert _post(client, csrf_token, url, {"name": "North locality"}).status_code == 302
    assert _teams(setting["council"]) == _teams(setting["other"]) == ["North locality"]


def test_another_organisations_team_is_not_found_under_this_one(setting, csrf_token):
    client, council, other = setting["client"], setting["council"], setting["other"]
    theirs = organisations.add_team(other, "Their team")
    db.session.commit()
    url = f"/admin/organisations/{council.id}/teams/{theirs.id}"
    assert client.get(url).status_code == 404
    token = csrf_token(client, f"/admin/organisations/{council.id}/teams")
    assert client.post(url, data={"name": "Taken over", "csrf_token": token}).status_code == 404
    assert client.get(f"/admin/organisations/{other.id + council.id + 99}/teams").status_code == 404
    assert _teams(other) == ["Their team"]


def test_an_admin_puts_a_person_in_a_team_and_the_people_list_shows_it(setting, csrf_token, get_page, make_user):
    client, council = setting["client"], setting["council"]
    north = organisations.add_team(council, "North locality")
    person = make_user("practitioner", council)
    url = f"/admin/people/{person.id}"
    options = [o.get_text(strip=True) for o in get_page(client, url).select("#team option")]
    assert options == ["No team", "North locality"]
    data = {"role": "practitioner", "organisation": str(council.id), "active": "yes", "team": str(north.id)}
    assert _post(client, csrf_token, url, data).status_code == 302
    assert users.get(person.id).team_id == north.id
    row = next(r for r in get_page(client, "/admin/people").select("tbody tr") if person.email in r.get_text())
    assert "North locality" in row.get_text()
    assert get_page(client, url).select_one("#team option[selected]").get_text(strip=True) == "North locality"
    # And out of it again.
    assert _post(client, csrf_token, url, data | {"team": ""}).status_code == 302
    assert users.get(person.id).team_id is None


def test_a_team_must_belong_to_the_persons_organisation(setting, csrf_token, make_user):
    client, council, other = setting["client"], setting["council"], setting["other"]
    north = organisations.add_team(council, "North locality")
    theirs = organisations.add_team(other, "Their team")
    person = make_user("practitioner", council)
    url = f"/admin/people/{person.id}"
    base = {"role": "practitioner", "organisation": str(council.id), "active": "yes"}
    for attempt in (base | {"team": str(theirs.id)}, base | {"team": "not-a-team"},
                    base | {"organisation": str(other.id), "team": str(north.id)}):
        response = _post(client, csrf_token, url, attempt)
        assert response.status_code == 200, f"saved {attempt}"
        assert _errors(response) == {"#team": "Select one of the organisation's teams, or no team"}
    assert users.get(person.id).team_id is None and users.get(person.id).organisation_id == council.id


def test_a_conversation_keeps_the_team_its_practitioner_had_when_it_started(app, setting, sign_in, make_user):
    council = setting["council"]
    north, south = organisations.add_team(council, "North"), organisations.add_team(council, "South")
    practitioner = make_user("practitioner", council)
    organisations.set_team(practitioner, north)
    db.session.commit()
    client = app.test_client()
    sign_in(client, practitioner)
    first = start(client)
    organisations.set_team(users.get(practitioner.id), south)
    db.session.commit()
    second = start(client, case_reference="DC-2025-0002")
    organisations.set_team(users.get(practitioner.id), None)
    db.session.commit()
    third = start(client, case_reference="DC-2025-0003")
    teams = [db.session.get(Conversation, uuid.UUID(path.split("/")[-1])).team_id for path in (first, second, third)]
    assert teams == [north.id, south.id, None]


def test_a_person_cannot_be_put_in_another_organisations_team_through_the_data_layer(setting, make_user):
    theirs = organisations.add_team(setting["other"], "Their team")
    person = make_user("practitioner", setting["council"])
    with pytest.raises(ValueError, match="own organisation"):
        organisations.set_team(person, theirs)


@pytest.mark.parametrize("role", ["practitioner", "coordinator", "board"])
def test_only_admins_manage_teams(app, client, sign_in, make_org, make_user, role):
    council = make_org("Test Council")
    team = organisations.add_team(council, "North")
    db.session.commit()
    sign_in(client, make_user(role, council))
    for url in (f"/admin/organisations/{council.id}/teams", f"/admin/organisations/{council.id}/teams/{team.id}"):
        assert client.get(url).status_code == 404, f"a {role} could open {url}"
    assert db.session.scalar(select(Team.name)) == "North"


def test_board_member_is_a_role_an_admin_can_give(setting, get_page):
    page = get_page(setting["client"], "/admin/people/add")
    labels = [label.get_text(strip=True) for label in page.select("input[name=role] + label")]
    assert "Safeguarding Adults Board member" in labels
