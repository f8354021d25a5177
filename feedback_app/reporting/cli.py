"""`flask returns export`: a council's return from the command line, audited like a download.
`flask returns refresh-summaries`: every conversation summary worked out again."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from flask.cli import AppGroup

from feedback_app.audit import record
from feedback_app.data import organisations, summaries
from feedback_app.extensions import db
from feedback_app.periods import parse
from feedback_app.reporting.service import council_return
from feedback_app.returns import export

returns = AppGroup("returns", help="The Making Safeguarding Personal framework return.")

WRITERS = {"csv": export.to_long_csv, "sac-csv": export.to_sac_csv, "xlsx": export.to_xlsx, "json": export.to_json}


@returns.command("export")
@click.option("--organisation", "organisation_name", required=True, help="The council, by name.")
@click.option("--period", required=True, help="A financial year, like 2025-26.")
@click.option("--quarter", type=click.IntRange(1, 4), help="One quarter of the year, 1 to 4.")
@click.option("--format", "fmt", type=click.Choice(sorted(WRITERS)), required=True)
@click.option("--for-publication", is_flag=True, help="Suppress and round small numbers for publishing.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write; standard output if left out.")
def export_return(
    organisation_name: str, period: str, quarter: int | None, fmt: str, for_publication: bool, output: Path | None
) -> None:
    """Write the return for one council and period."""
    council = organisations.find_by_name(organisation_name)
    if council is None or council.kind != "council":
        raise click.ClickException(f"No council called {organisation_name!r}.")
    try:
        chosen = parse(period, quarter)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--period") from None
    body = WRITERS[fmt](council_return(council, chosen), for_publication)
    record(f"return.export.{fmt}", organisation_id=council.id)
    data = body if isinstance(body, bytes) else body.encode("utf-8")
    if output is None:
        if fmt == "xlsx" and sys.stdout.isatty():
            raise click.ClickException("An XLSX workbook needs --output FILE.")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        output.write_bytes(data)
        click.echo(f"Wrote {output} ({export.export_filename(council.name, chosen.label, fmt, for_publication)} as named for download)", err=True)


@returns.command("refresh-summaries")
def refresh_summaries() -> None:
    """Work out every conversation's summary again from its codings and case details (after an
    upgrade, or as a repair); running it twice changes nothing."""
    started = time.perf_counter()
    count = summaries.refresh_all(db.session.connection())
    db.session.commit()
    click.echo(f"Summarised {count} conversations in {time.perf_counter() - started:.1f} s.", err=True)
