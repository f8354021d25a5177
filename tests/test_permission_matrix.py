"""The permission matrix: every role of two councils (and their advocacy organisations) against every
route that names a record of the first council (conversation, answer, concern, coding, adjudication,
calibration, comparison, organisation, team, person, session), by GET and by POST with a valid form
and the person's own valid CSRF token. Every forbidden attempt is refused (404 or 403), changes
nothing in the database, and is logged with the route and the person's id.
"""

from __future__ import annotations

import logging

import pytest
from werkzeug.routing import Rule

from tests.security_world import (
    RECORD_PARAMS, World, allowed_roles, any_csrf_token, build_world, changed, fill, fingerprint, form_for,
    routes, signed_in,
)

ACTORS = [f"{side}.{role}" for side in ("a", "b") for role in ("practitioner", "advocate", "coordinator", "admin", "board")]
CONVERSATION_RECORDS = {"conversation_id", "concern_id"}


@pytest.fixture
def world(app, make_org, make_user) -> World:
    return build_world(make_org, make_user)


def _owner(app, rule: Rule) -> str:
    """Who in council A may use the route on A's record: the one whose form the attacker copies."""
    allowed = allowed_roles(app, rule)
    if allowed == ("admin",):
        return "a.admin"
    if rule.endpoint.startswith(("coding.", "reporting.")):
        return "a.coordinator"
    return "a.practitioner"


def forbidden(app, rule: Rule, actor: str, world: World) -> bool:
    """Whether the actor must be refused: a role the route does not allow, another council's record,
    an advocacy organisation's reach into the council's own conversations, another coder's calibration."""
    role = world.users[actor].role
    allowed = allowed_roles(app, rule)
    if role not in allowed:
        return True
    if allowed == ("admin",):
        return False  # admins look after every organisation on the service
    if actor.startswith("b."):
        return True
    if actor == "a.advocate" and CONVERSATION_RECORDS & set(rule.arguments):
        return True  # the advocacy organisation did not hold these conversations
    if "attempt_id" in rule.arguments and actor != "a.coordinator":
        return True
    return False


def test_every_forbidden_attempt_on_a_record_is_refused_changes_nothing_and_is_logged(app, world, sign_in, caplog):
    record_routes = [rule for rule in routes(app) if RECORD_PARAMS & set(rule.arguments)]
    assert len(record_routes) > 20, "the walk found too few record routes to be a real check"
    owners = {key: signed_in(app, sign_in, world.users[key]) for key in {_owner(app, rule) for rule in record_routes}}
    forms = {rule.rule: form_for(owners[_owner(app, rule)], fill(rule, world), world) for rule in record_routes}
    for rule in record_routes:  # the matrix means something only if the owner does get in
        if "GET" in rule.methods:
            status = owners[_owner(app, rule)].get(fill(rule, world)).status_code
            assert status in (200, 302), f"{_owner(app, rule)} could not open {rule.rule} ({status})"

    refused = 0
    for actor in ACTORS:
        client = signed_in(app, sign_in, world.users[actor])
        token = any_csrf_token(client)
        for rule in record_routes:
            if not forbidden(app, rule, actor, world):
                continue
            url = fill(rule, world)
            for method in ("GET", "POST"):
                data = {key: value for key, value in forms[rule.rule].items() if key != "csrf_token"} | {"csrf_token": token}
                before = fingerprint()
                caplog.clear()
                with caplog.at_level(logging.WARNING, logger="feedback_app.access"):
                    response = client.get(url) if method == "GET" else client.post(url, data=data)
                assert response.status_code in (403, 404), (
                    f"{actor} ({world.users[actor].role}) got {response.status_code} for {method} {rule.rule}"
                )
                after = fingerprint()
                assert not changed(before, after), f"{actor}'s refused {method} {rule.rule} changed {changed(before, after)}"
                lines = [record.getMessage() for record in caplog.records if record.name == "feedback_app.access"]
                assert any(f"user={world.users[actor].id} " in line and rule.rule in line for line in lines), (
                    f"{actor}'s refused {method} {rule.rule} was not logged: {lines}"
                )
                assert not any(str(world.open.id) in line or "A-OPEN" in line for line in lines), "a record id or reference was logged"
                refused += 1
    assert refused > 300, f"only {refused} refusals were tried"


def test_every_route_refuses_the_roles_it_does_not_name_and_logs_it(app, world, sign_in, caplog):
    """Returns, exports, briefings, agreement figures, admin lists: a role a route does not name is
    refused by GET and by POST (with a valid token), changes nothing and is logged."""
    plain_routes = [
        rule for rule in routes(app)
        if not RECORD_PARAMS & set(rule.arguments) and "public" not in allowed_roles(app, rule)
    ]
    refused = 0
    for actor in ("a.practitioner", "a.advocate", "a.coordinator", "a.admin", "a.board"):
        user = world.users[actor]
        client = signed_in(app, sign_in, user)
        token = any_csrf_token(client)
        for rule in plain_routes:
            if user.role in allowed_roles(app, rule):
                continue
            url = fill(rule, world)
            for method in ("GET", "POST"):
                before = fingerprint() if method == "POST" else None
                caplog.clear()
                with caplog.at_level(logging.WARNING, logger="feedback_app.access"):
                    response = client.get(url) if method == "GET" else client.post(url, data={"csrf_token": token})
                assert response.status_code in (403, 404), f"{user.role} got {response.status_code} for {method} {rule.rule}"
                if before is not None:
                    assert not changed(before, fingerprint()), f"{user.role}'s refused POST {rule.rule} changed something"
                assert any(
                    f"user={user.id} " in record.getMessage() and rule.rule in record.getMessage()
                    for record in caplog.records if record.name == "feedback_app.access"
                ), f"{user.role}'s refused {method} {rule.rule} was not logged"
                refused += 1
    assert refused > 100, f"only {refused} refusals were tried"
