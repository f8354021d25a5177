"""Who may see what: every route declares its roles, and other organisations' records are a 404."""

from __future__ import annotations

import pytest

from tests.conftest import csrf_from
from tests.conversation_helpers import answer, start

Q = "/after-the-enquiry/questions/asked_what_wanted"


def test_every_route_declares_who_may_use_it(app):
    undeclared = [
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and not hasattr(app.view_functions[rule.endpoint], "allowed_roles")
    ]
    assert undeclared == [], f"routes that do not declare roles: {undeclared}"


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get("/conversations")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


@pytest.fixture
def two_organisations(make_org, make_user):
    council = make_org("Home Council")
    advocacy = make_org("Home Advocacy", kind="advocacy", councils=[council])
    other_council = make_org("Other Council")
    other_advocacy = make_org("Other Advocacy", kind="advocacy", councils=[other_council])
    return {
        "practitioner": make_user("practitioner", council),
        "advocate": make_user("advocate", advocacy),
        "coordinator": make_user("coordinator", council),
        "other_advocate": make_user("advocate", other_advocacy),
        "other_coordinator": make_user("coordinator", other_council),
        "admin": make_user("admin", council),
    }


def _conversation_by(app, sign_in, user) -> str:
    client = app.test_client()
    sign_in(client, user)
    return start(client, method="independent" if user.role == "advocate" else "enquiry_lead")


@pytest.mark.parametrize("intruder", ["other_advocate", "other_coordinator", "admin", "advocate"])
def test_other_organisations_get_404_by_url_and_by_post(app, sign_in, two_organisations, intruder):
    conversation = _conversation_by(app, sign_in, two_organisations["practitioner"])
    client = app.test_client()
    sign_in(client, two_organisations[intruder])
    for path in ("", "/resume", Q, "/after-the-enquiry/check", "/stop", "/new-concern"):
        assert client.get(conversation + path).status_code == 404, f"{intruder} could open {path or 'the overview'}"
    token = csrf_from(client.get("/", follow_redirects=True).get_data(as_text=True))
    for path, data in ((Q, {"answer": "not_asked"}), ("/finish", {}), ("/pause", {}), ("/stop", {"keep_answers": "no"})):
        response = client.post(conversation + path, data=data | {"csrf_token": token})
        assert response.status_code == 404, f"{intruder} could post to {path}"
    assert conversation.split("/")[-1] not in client.get("/conversations?view=all").get_data(as_text=True)


def test_a_coordinator_sees_their_councils_and_its_advocacy_organisations(app, sign_in, two_organisations, get_page):
    by_practitioner = _conversation_by(app, sign_in, two_organisations["practitioner"])
    by_advocate = _conversation_by(app, sign_in, two_organisations["advocate"])
    client = app.test_client()
    sign_in(client, two_organisations["coordinator"])
    rows = get_page(client, "/conversations?view=all").select("tbody tr")
    assert len(rows) == 2, "the coordinator should see the practitioner's and the advocate's conversation"
    for conversation in (by_practitioner, by_advocate):
        assert client.get(conversation).status_code == 200


def test_an_advocate_sees_only_their_own_organisations(app, sign_in, two_organisations):
    by_practitioner = _conversation_by(app, sign_in, two_organisations["practitioner"])
    client = app.test_client()
    sign_in(client, two_organisations["advocate"])
    assert client.get(by_practitioner).status_code == 404


def test_posts_without_a_csrf_token_are_refused(app, sign_in, two_organisations):
    conversation = _conversation_by(app, sign_in, two_organisations["practitioner"])
    client = app.test_client()
    sign_in(client, two_organisations["practitioner"])
    response = client.post(conversation + Q, data={"answer": "not_asked", "action": "continue"})
    assert response.status_code == 400
    assert answer(client, conversation + Q, answer="not_asked").status_code == 302
