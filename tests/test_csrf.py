"""CSRF: every state-changing route (every POST in the URL map) refuses a request with a missing,
wrong or another session's token, and the database is exactly as it was afterwards. Each is then
sent with its own page's token, to show the same request would have changed something."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_PASSWORD
from tests.security_world import (
    World, actor_role, any_csrf_token, build_world, changed, client_as, fill, fingerprint, form_for, new_target,
    routes, signed_in,
)

# Each of these must change the database when sent properly: the positive control for the test.
MUST_CHANGE = {
    "conversations.start", "conversations.question", "conversations.finish", "conversations.pause",
    "conversations.stop", "conversations.concern", "coding.code", "coding.adjudicate", "coding.calibration_start",
    "reporting.mark", "reporting.compare_remove", "admin.add_organisation", "admin.add_person",
    "auth.sign_in", "auth.sign_out", "auth.end_all_sessions", "auth.end_session", "auth.reset_two_step",
    "auth.set_password", "auth.change_password", "admin.edit_organisation", "admin.edit_person", "admin.teams",
    "admin.rename_team",
}
# What a person would type where a form cannot be filled from the page alone.
TYPED = {
    "auth.change_password": {"current_password": TEST_PASSWORD, "new_password": "a quite different passphrase 7"},
    "admin.rename_team": {"name": "Team Renamed"},
}


@pytest.fixture
def world(app, make_org, make_user) -> World:
    return build_world(make_org, make_user)


def test_every_post_route_refuses_a_missing_or_wrong_token_and_changes_nothing(app, world, sign_in, make_user):
    post_routes = [rule for rule in routes(app) if "POST" in rule.methods]
    assert len(post_routes) > 25, "the walk found too few POST routes to be a real check"
    stranger = signed_in(app, sign_in, world.users["b.coordinator"])
    strangers_token = any_csrf_token(stranger)
    did_change: set[str] = set()
    for rule in post_routes:
        if "user_id" in rule.arguments:
            new_target(app, sign_in, make_user, world)
        role = actor_role(app, rule)
        client = client_as(app, sign_in, make_user, world, role)
        url = fill(rule, world, fresh_conversation=True)
        data = form_for(client, url, world)
        if rule.endpoint == "auth.sign_in":
            data |= {"email": world.users["a.practitioner"].email, "password": TEST_PASSWORD}
        data |= TYPED.get(rule.endpoint, {})
        token = data.pop("csrf_token", None) or any_csrf_token(client)
        for name, sent in (("no token", data), ("a wrong token", data | {"csrf_token": "forged" + token[6:]}),
                           ("another session's token", data | {"csrf_token": strangers_token})):
            before = fingerprint()
            response = client.post(url, data=sent)
            assert response.status_code == 400, f"POST {rule.rule} with {name} gave {response.status_code}, not 400"
            after = fingerprint()
            assert not changed(before, after), f"POST {rule.rule} with {name} changed {changed(before, after)}"
        before = fingerprint()
        response = client.post(url, data=data | {"csrf_token": token})
        assert response.status_code < 500, f"POST {rule.rule} with its token gave {response.status_code}"
        if changed(before, fingerprint()):
            did_change.add(rule.endpoint)
    missing = sorted(MUST_CHANGE - did_change)
    assert not missing, f"sent properly, these changed nothing, so the test proves nothing for them: {missing}"
