"""Sign-in throttling: guessing is slowed down, but nobody can lock a colleague out for long."""

from __future__ import annotations

import time

import pytest
from bs4 import BeautifulSoup

from feedback_app import create_app
from feedback_app.extensions import db
from tests.conftest import TEST_PASSWORD, SeparateContextClient, app_config, csrf_from

ATTACKER = {"REMOTE_ADDR": "203.0.113.9"}
OFFICE = {"REMOTE_ADDR": "198.51.100.20"}


def attempt(client, email, password, address):
    token = csrf_from(client.get("/sign-in", environ_base=address).get_data(as_text=True))
    return client.post(
        "/sign-in", data={"email": email, "password": password, "csrf_token": token}, environ_base=address
    )


def test_guessing_one_account_gets_429_and_a_plain_message(app, make_org, make_user):
    user = make_user("practitioner", make_org("Council"))
    attacker = app.test_client()
    for number in range(5):
        assert attempt(attacker, user.email, f"guess number {number}", ATTACKER).status_code == 200

    blocked = attempt(attacker, user.email, TEST_PASSWORD, ATTACKER)

    assert blocked.status_code == 429, "the sixth try within 5 minutes must be refused"
    text = " ".join(BeautifulSoup(blocked.data, "html.parser").get_text().split())
    assert "You have tried to sign in too many times. Wait 5 minutes, then try again." in text
    assert 240 <= int(blocked.headers["Retry-After"]) <= 300
    assert attacker.get("/conversations", environ_base=ATTACKER).status_code == 302, "even the right password is refused"


def test_the_person_can_still_sign_in_from_another_address(app, make_org, make_user):
    user = make_user("practitioner", make_org("Council"))
    attacker, person = app.test_client(), app.test_client()
    for number in range(6):
        attempt(attacker, user.email, f"guess number {number}", ATTACKER)

    response = attempt(person, user.email, TEST_PASSWORD, OFFICE)

    assert response.status_code == 302, "an attack from elsewhere must not lock the person out"
    assert person.get("/conversations", environ_base=OFFICE).status_code == 200


def test_successful_sign_ins_do_not_count(app, make_org, make_user):
    user = make_user("practitioner", make_org("Council"))
    for _ in range(8):
        client = app.test_client()
        assert attempt(client, user.email, TEST_PASSWORD, OFFICE).status_code == 302


@pytest.fixture
def short_limits(database_url):
    """An app whose limits last two seconds, to see them lift (the real ones last minutes)."""
    settings = app_config(database_url) | {
        "SIGN_IN_LIMIT_ACCOUNT_ADDRESS": "3 per 2 seconds",
        "SIGN_IN_LIMIT_ACCOUNT": "6 per 2 seconds",
        "SIGN_IN_LIMIT_ADDRESS": "10 per 2 seconds",
    }
    short = create_app(settings)
    short.test_client_class = SeparateContextClient
    return short


def test_the_hold_lifts_after_a_short_window(app, make_org, make_user, short_limits):
    user = make_user("practitioner", make_org("Council"))
    client = short_limits.test_client()
    for number in range(3):
        attempt(client, user.email, f"guess {number}", ATTACKER)
    assert attempt(client, user.email, TEST_PASSWORD, ATTACKER).status_code == 429
    time.sleep(2.2)
    assert attempt(client, user.email, TEST_PASSWORD, ATTACKER).status_code == 302
    with short_limits.app_context():
        db.engine.dispose()


def test_many_addresses_against_one_account_are_slowed_too(app, make_org, make_user, short_limits):
    user = make_user("practitioner", make_org("Council"))
    client = short_limits.test_client()
    for number in range(6):  # a botnet: each address tries once
        address = {"REMOTE_ADDR": f"192.0.2.{number + 1}"}
        assert attempt(client, user.email, "wrong password", address).status_code == 200
    assert attempt(client, user.email, TEST_PASSWORD, {"REMOTE_ADDR": "192.0.2.99"}).status_code == 429
    with short_limits.app_context():
        db.engine.dispose()


def test_one_address_trying_many_accounts_is_slowed(app, make_org, make_user, short_limits):
    council = make_org("Council")
    people = [make_user("practitioner", council) for _ in range(11)]
    client = short_limits.test_client()
    for person in people[:10]:
        assert attempt(client, person.email, "Password123!", ATTACKER).status_code == 200
    assert attempt(client, people[10].email, "Password123!", ATTACKER).status_code == 429
    assert attempt(client, people[10].email, TEST_PASSWORD, OFFICE).status_code == 302
    with short_limits.app_context():
        db.engine.dispose()


def test_guessing_the_six_digit_code_is_limited_too(app, make_org, make_user):
    user = make_user("coordinator", make_org("Council"))
    client = app.test_client()
    assert attempt(client, user.email, TEST_PASSWORD, ATTACKER).status_code == 302
    token = csrf_from(client.get("/sign-in/code", environ_base=ATTACKER).get_data(as_text=True))
    statuses = [
        client.post("/sign-in/code", data={"code": f"{n:06d}", "csrf_token": token}, environ_base=ATTACKER).status_code
        for n in range(6)
    ]
    assert statuses[:5] == [200] * 5 and statuses[5] == 429
