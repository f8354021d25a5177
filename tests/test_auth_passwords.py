"""Passwords: the rules for a new one (everywhere a password is set), argon2id, and rehashing."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, Type
from bs4 import BeautifulSoup

from feedback_app.auth import passwords
from feedback_app.auth.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password_problem
from feedback_app.data import users
from feedback_app.extensions import db
from tests.conftest import TEST_PASSWORD, check_page, csrf_from

GOOD = "plum tractor lantern"


def test_the_common_passwords_list_is_shipped_and_large():
    common = passwords.common_passwords()
    assert 10_000 <= len(common) <= 100_000, f"{len(common)} common passwords"
    for well_known in ("password", "123456789", "qwertyuiop", "iloveyou", "password123"):
        assert well_known in common, f"{well_known!r} is missing from the list"


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("a" * (MIN_PASSWORD_LENGTH - 1), "password_too_short"),
        ("x" * (MAX_PASSWORD_LENGTH + 1), "password_too_long"),
        ("qwerasdfzxcv", "password_too_common"),  # on the list (12 characters)
        ("QwerAsdfZxcv", "password_too_common"),  # capitals do not make it less common
        ("aaaaaaaaaaaaaaaa", "password_too_common"),  # one character again and again
        ("worker.someone", "password_is_email"),
    ],
)
def test_weak_passwords_are_refused_with_a_reason(password, problem):
    assert password_problem(password, email="worker.someone@example.org") == problem


@pytest.mark.parametrize(
    "password",
    [
        GOOD,
        "all lower case words",  # no rules about mixing kinds of character
        ("lantern tractor plum " * 10)[:MAX_PASSWORD_LENGTH],
        "a" * 8 + "b" * 2 + "c" * 2,  # exactly the minimum
        "ÿ€ unicode is fine ✓",
    ],
)
def test_long_unusual_passwords_are_accepted_without_composition_rules(password):
    assert password_problem(password, email="someone@example.org") is None


def test_passwords_are_hashed_with_argon2id(app, make_org):
    user = users.create(email="a@example.org", password=GOOD, role="practitioner", organisation=make_org("C"))
    assert user.password_hash.startswith("$argon2id$")
    assert GOOD not in user.password_hash


def test_an_old_hash_is_upgraded_at_the_next_sign_in(app, client, make_org, make_user, sign_in):
    user = make_user("practitioner", make_org("C"))
    old = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.I).hash(TEST_PASSWORD)
    user.password_hash = old
    db.session.commit()
    assert passwords.needs_rehash(old)

    sign_in(client, user)

    db.session.refresh(user)
    assert user.password_hash != old and user.password_hash.startswith("$argon2id$")
    assert not passwords.needs_rehash(user.password_hash), "the new hash should use today's parameters"
    assert passwords.verify_password(user.password_hash, TEST_PASSWORD)


def _add_person(client, csrf_token, organisation_id, password):
    token = csrf_token(client, "/admin/people/add")
    return client.post(
        "/admin/people/add",
        data={
            "csrf_token": token,
            "name": "New Person",
            "email": "new.person@example.org",
            "role": "practitioner",
            "organisation": str(organisation_id),
            "password": password,
        },
    )


def test_admin_cannot_give_someone_a_common_password(client, make_org, make_user, sign_in, csrf_token):
    council = make_org("Council")
    sign_in(client, make_user("admin", council))

    response = _add_person(client, csrf_token, council.id, "123456qwerty")

    assert response.status_code == 200
    soup = check_page(response.get_data(as_text=True))
    assert "list of common passwords" in soup.select_one(".govuk-error-summary").get_text()
    assert users.find_by_email("new.person@example.org") is None
    assert _add_person(client, csrf_token, council.id, GOOD).status_code == 302
    assert users.find_by_email("new.person@example.org") is not None


def test_the_users_command_refuses_a_common_password(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "--email", "first@example.org", "--password", "qwerty123456",
              "--role", "admin", "--organisation", "New Council", "--organisation-kind", "council"]
    )
    assert result.exit_code != 0
    assert "common passwords" in result.output
    assert users.find_by_email("first@example.org") is None


def test_people_change_their_own_password_and_other_sessions_end(app, make_org, make_user, sign_in, get_page):
    user = make_user("practitioner", make_org("C"))
    here, elsewhere = app.test_client(), app.test_client()
    sign_in(here, user)
    sign_in(elsewhere, user)
    get_page(here, "/account")
    token = csrf_from(get_page(here, "/account/password").decode())

    refused = here.post("/account/password", data={"csrf_token": token, "current_password": "wrong one",
                                                     "new_password": GOOD})
    assert "Your current password is not right" in refused.get_data(as_text=True)
    common = here.post("/account/password", data={"csrf_token": token, "current_password": TEST_PASSWORD,
                                                    "new_password": "1qaz2wsx3edc"})
    assert "list of common passwords" in common.get_data(as_text=True)

    changed = here.post("/account/password", data={"csrf_token": token, "current_password": TEST_PASSWORD,
                                                     "new_password": GOOD})
    assert changed.status_code == 302 and "/account" in changed.headers["Location"]
    db.session.refresh(user)
    assert passwords.verify_password(user.password_hash, GOOD)
    assert here.get("/conversations").status_code == 200, "the person who changed it stays signed in"
    assert elsewhere.get("/conversations").status_code == 302, "their other sessions should end"


def test_the_sign_in_page_never_echoes_the_password(client, make_org, make_user):
    user = make_user("practitioner", make_org("C"))
    token = csrf_from(client.get("/sign-in").get_data(as_text=True))
    page = client.post("/sign-in", data={"email": user.email, "password": "secret-typo-here", "csrf_token": token})
    html = page.get_data(as_text=True)
    assert "secret-typo-here" not in html
    assert BeautifulSoup(html, "html.parser").select_one("#password").get("value") in (None, "")
