"""`flask reports briefing`: a briefing PDF for a council and period, from the command line."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from feedback_app.audit import record
from feedback_app.data import organisations
from feedback_app.periods import parse
from feedback_app.reporting.briefing import AUDIENCES, render_briefing

reports = AppGroup("reports", help="Briefings on the framework return, as PDF.")


@reports.command("briefing")
@click.option("--organisation", "organisation_name", required=True, help="The council, by name.")
@click.option("--period", required=True, help="A financial year, like 2025-26.")
@click.option("--quarter", type=click.IntRange(1, 4), help="One quarter of the year, 1 to 4.")
@click.option("--audience", type=click.Choice(AUDIENCES), required=True, help="Who the briefing is for.")
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The PDF file to write."
)
def briefing(organisation_name: str, period: str, quarter: int | None, audience: str, output: Path) -> None:
    """Write a briefing for one council and period: figures as published, never the real counts."""
    council = organisations.find_by_name(organisation_name)
    if council is None or council.kind != "council":
        raise click.ClickException(f"No council called {organisation_name!r}.")
    try:
        chosen = parse(period, quarter)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--period") from None
    pdf = render_briefing(council, chosen, audience)
    record(f"briefing.{audience}", organisation_id=council.id)
    output.write_bytes(pdf)
    click.echo(f"Wrote {output} ({len(pdf):,} bytes)", err=True)
