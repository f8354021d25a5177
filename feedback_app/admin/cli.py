"""`flask users`: add the first people (and their organisations) from the command line."""

from __future__ import annotations

import re

import click
from flask.cli import AppGroup

from feedback_app.admin.forms import EMAIL_PATTERN
from feedback_app.auth.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password_problem
from feedback_app.audit import record
from feedback_app.data import organisations, users as people
from feedback_app.models import Organisation
from feedback_app.vocabulary import ORGANISATION_KINDS, ROLES

users = AppGroup("users", help="Manage the people who sign in.")


def _check_password(ctx: click.Context, param: click.Parameter, value: str) -> str:
    problem = password_problem(value, email=ctx.params.get("email") or "")
    if problem == "password_too_short":
        raise click.BadParameter(f"must be {MIN_PASSWORD_LENGTH} characters or more")
    if problem == "password_too_long":
        raise click.BadParameter(f"must be {MAX_PASSWORD_LENGTH} characters or fewer")
    if problem == "password_too_common":
        raise click.BadParameter("is on a list of common passwords: choose one that is harder to guess")
    if problem == "password_is_email":
        raise click.BadParameter("must not be the email address")
    return value


def _check_email(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if not re.match(EMAIL_PATTERN, value.strip()):
        raise click.BadParameter("must be an email address, like name@example.com")
    return value.strip()


def _find_or_create_organisation(name: str, kind: str | None) -> tuple[Organisation, bool]:
    """The named organisation, made with `kind` if it does not exist yet. True when it was made."""
    organisation = organisations.find_by_name(name)
    if organisation is not None:
        if kind is not None and kind != organisation.kind:
            raise click.ClickException(
                f'Organisation "{organisation.name}" already exists as a {organisation.kind}, not {kind}.'
            )
        return organisation, False
    if kind is None:
        raise click.UsageError(
            f'There is no organisation called "{name.strip()}". '
            "Add --organisation-kind council|advocacy|partner to create it."
        )
    return organisations.create(name=name, kind=kind), True


@users.command("create")
@click.option("--email", required=True, callback=_check_email, help="They sign in with this email address.")
@click.option(
    "--password",
    required=True,
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    callback=_check_password,
    help=f"Initial password, {MIN_PASSWORD_LENGTH} characters or more. Asked for when left out.",
)
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--organisation", "organisation_name", required=True, help="Name of their organisation.")
@click.option(
    "--organisation-kind",
    type=click.Choice(ORGANISATION_KINDS),
    help="Needed when the organisation does not exist yet: it is created with this kind.",
)
@click.option("--name", default="", help="The name shown to others, for example their full name.")
def create(
    email: str, password: str, role: str, organisation_name: str, organisation_kind: str | None, name: str
) -> None:
    """Add a person who can sign in, and their organisation if it is new."""
    if not organisation_name.strip():
        raise click.BadParameter("must not be blank", param_hint="--organisation")
    if people.find_by_email(email) is not None:
        raise click.ClickException(f"A person with the email address {email} already exists.")
    organisation, organisation_is_new = _find_or_create_organisation(organisation_name, organisation_kind)
    user = people.create(email=email, password=password, role=role, organisation=organisation, name=name)
    if organisation_is_new:
        record(
            "admin.organisation.create",
            object_type="organisation",
            object_id=organisation.id,
            organisation_id=organisation.id,
        )
    record("admin.user.create", object_type="user", object_id=user.id, organisation_id=organisation.id)
    click.echo(f"Created {user.role} {user.email} in {organisation.name}")


@users.command("list")
def list_people() -> None:
    """List everyone who can sign in: email, role and organisation."""
    everyone = people.list_all()
    if not everyone:
        click.echo("No people yet. Add one with: flask users create --help")
        return
    width = max(len(person.email) for person in everyone)
    for person in everyone:
        status = "" if person.active else "  (deactivated)"
        click.echo(f"{person.email:<{width}}  {person.role:<12}  {person.organisation.name}{status}")
