"""`flask demo load`: demo organisations, people and conversations for trying the app locally."""

from __future__ import annotations

import datetime as dt

import click
from flask import current_app
from flask.cli import AppGroup

from feedback_app.auth import totp
from feedback_app.demo.data import PASSWORD, PEOPLE, DemoDataClash, demo_counts, load_demo
from feedback_app.demo.people import DEMO_TOTP_SECRET, give_demo_codes
from feedback_app.models.base import utcnow

demo = AppGroup("demo", help="Demo data for trying the app on your own machine.")


@demo.command("load")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Load as if today were this date (YYYY-MM-DD), for repeatable demos.",
)
def load(today: dt.datetime | None) -> None:
    """Load the demo data once; running it again changes nothing."""
    # The demo people share one known password: never on a live service.
    if current_app.config.get("APP_ENV") == "production":
        raise click.ClickException(
            "Demo data has a known password, so it is not loaded when APP_ENV is production. "
            "Set APP_ENV=development on your own machine."
        )
    try:
        loaded = load_demo(today.date() if today else None)
    except DemoDataClash as clash:
        raise click.ClickException(str(clash)) from clash
    if loaded:
        counts = demo_counts()
        click.echo(
            f"Loaded demo data: {counts.organisations} organisations, {counts.people} people, "
            f"{counts.conversations} conversations"
        )
    else:
        click.echo("Demo data is already loaded")
    click.echo(f"Sign in with one of these (password {PASSWORD}, for development only):")
    width = max(len(person.email) for person in PEOPLE)
    for person in PEOPLE:
        who = f"({person.name}, {person.organisation})"
        click.echo(f"  {person.role:<13} {person.email:<{width}} / {PASSWORD}   {who}")
    give_demo_codes()
    click.echo(
        "Coordinators and admins also give a 6-digit code. Add this key to an authenticator app: "
        f"{totp.grouped(DEMO_TOTP_SECRET)}\n"
        "or print the current code with: .venv/bin/flask --app wsgi demo code"
    )


@demo.command("code")
def code() -> None:
    """Print the 6-digit code the demo coordinators and admin sign in with now."""
    if current_app.config.get("APP_ENV") == "production":
        raise click.ClickException("Demo codes are for development only, not when APP_ENV is production.")
    now = utcnow()
    left = 30 - int(now.timestamp()) % 30
    click.echo(f"{totp.code_for(DEMO_TOTP_SECRET, now)}  (changes in {left} seconds; each code works once)")
