"""No state change on GET: every GET route, as every role and signed out, leaves every table as it was
(only the audit trail, which records views, and the browser's own session may change)."""

from __future__ import annotations

import pytest

from tests.security_world import build_world, changed, fill, fingerprint, routes, signed_in

ACTORS = ["a.practitioner", "a.advocate", "a.coordinator", "a.admin", "a.board", "signed out"]


@pytest.fixture
def world(app, make_org, make_user):
    return build_world(make_org, make_user)


def test_every_get_route_as_every_role_changes_nothing(app, world, sign_in):
    get_routes = [rule for rule in routes(app) if "GET" in rule.methods]
    assert len(get_routes) > 40, "the walk found too few routes to be a real check"
    statuses: dict[int, int] = {}
    for actor in ACTORS:
        client = app.test_client() if actor == "signed out" else signed_in(app, sign_in, world.users[actor])
        for rule in get_routes:
            url = fill(rule, world)
            before = fingerprint()
            response = client.get(url)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            assert response.status_code < 500, f"GET {rule.rule} as {actor} gave {response.status_code}"
            assert not changed(before, fingerprint()), (
                f"GET {rule.rule} as {actor} changed {changed(before, fingerprint())}"
            )
    assert statuses.get(200, 0) > 60, f"too few pages opened to show anything: {statuses}"
