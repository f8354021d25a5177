"""`flask users create` and `flask users list`."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from feedback_app.data import organisations, users
from feedback_app.extensions import db
from feedback_app.models import AuditEvent

PASSWORD = "a long enough password"


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()

    def invoke(*args: str):
        return runner.invoke(args=["users", *args])

    return invoke


def create_args(email: str = "a@b.example", **overrides: str) -> list[str]:
    options = {"--password": PASSWORD, "--role": "admin", "--organisation": "Demo Council"}
    options.update(overrides)
    args = ["create", "--email", email]
    for option, value in options.items():
        args += [option, value]
    return args


def test_creates_the_organisation_and_the_person(app, run):
    result = run(*create_args(**{"--organisation-kind": "council", "--name": "Ada Admin"}))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Created admin a@b.example in Demo Council"
    assert PASSWORD not in result.output
    with app.app_context():
        person = users.find_by_email("a@b.example")
        assert person is not None
        assert (person.name, person.role, person.organisation.name, person.organisation.kind) == (
            "Ada Admin",
            "admin",
            "Demo Council",
            "council",
        )
        assert person.password_hash.startswith("$argon2"), "password must be hashed with argon2"
        events = list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        assert [(event.action, event.user_id) for event in events] == [
            ("admin.organisation.create", None),
            ("admin.user.create", None),
        ]
        assert events[-1].object_id == str(person.id)


def test_adds_a_person_to_an_existing_organisation_without_a_kind(app, run, make_org):
    make_org("Demo Council", "council")
    options = {"--role": "practitioner", "--organisation": "demo COUNCIL"}
    result = run(*create_args(email="Pat@B.example", **options))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "Created practitioner pat@b.example in Demo Council"
    with app.app_context():
        assert len(organisations.list_all()) == 1


def test_a_new_organisation_needs_a_kind(app, run):
    result = run(*create_args())
    assert result.exit_code != 0
    assert "--organisation-kind" in result.output
    with app.app_context():
        assert users.find_by_email("a@b.example") is None
        assert organisations.list_all() == []


def test_refuses_an_email_that_already_exists(app, run):
    assert run(*create_args(**{"--organisation-kind": "council"})).exit_code == 0
    result = run(*create_args(email="A@B.EXAMPLE"))
    assert result.exit_code == 1
    assert "already exists" in result.output
    with app.app_context():
        assert len(users.list_all()) == 1


def test_refuses_a_kind_that_contradicts_the_existing_organisation(run, make_org):
    make_org("Demo Council", "council")
    result = run(*create_args(**{"--organisation-kind": "advocacy"}))
    assert result.exit_code == 1
    assert "already exists as a council" in result.output


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"--role": "superuser"}, "Invalid value for '--role'"),
        ({"--organisation-kind": "charity"}, "Invalid value for '--organisation-kind'"),
        ({"--password": "short"}, "12 characters or more"),
    ],
)
def test_refuses_bad_values(app, run, overrides, message):
    result = run(*create_args(**{"--organisation-kind": "council", **overrides}))
    assert result.exit_code != 0
    assert message in result.output
    with app.app_context():
        assert users.list_all() == []


def test_refuses_an_email_that_is_not_an_email(run):
    result = run(*create_args(email="not-an-email", **{"--organisation-kind": "council"}))
    assert result.exit_code != 0
    assert "email address" in result.output


def test_lists_people_with_role_and_organisation(run):
    assert "No people yet" in run("list").output
    run(*create_args(**{"--organisation-kind": "council"}))
    run(*create_args(email="c@b.example", **{"--role": "coordinator"}))
    lines = [line.split() for line in run("list").output.splitlines()]
    assert lines == [
        ["a@b.example", "admin", "Demo", "Council"],
        ["c@b.example", "coordinator", "Demo", "Council"],
    ]
