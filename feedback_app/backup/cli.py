"""`flask backup create FILE` and `flask backup restore FILE`."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from feedback_app.audit import record
from feedback_app.backup import BackupError, Manifest, create, restore
from feedback_app.extensions import db
from feedback_app.models.encrypted import current_cipher
from feedback_app.models import Base

backup = AppGroup("backup", help="Copy every record to a file, and back into an empty database.")


def _summary(manifest: Manifest) -> str:
    counts = manifest.counts()
    shown = ", ".join(f"{counts[name]} {name}" for name in ("conversations", "answers", "codings", "audit_events") if name in counts)
    return f"{sum(counts.values())} rows in {len(counts)} tables ({shown}), schema revision {manifest.revision}"


@backup.command("create")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def create_command(file: Path) -> None:
    """Write a backup of the whole database to FILE (a new file; it holds personal data)."""
    try:
        manifest = create(db.engine, Base.metadata, file)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    record("backup.create", object_type="database")  # a copy of everyone's records left the database
    click.echo(f"Backed up {_summary(manifest)} to {file}")
    keys = ", ".join(sorted(manifest.key_ids())) or "none"
    click.echo(
        "Keep it as safe as the database: it holds personal data. Restoring it needs the same "
        f"encryption keys (key ids used: {keys})."
    )


@backup.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def restore_command(file: Path) -> None:
    """Restore FILE into this database, which must be empty and migrated (`flask db upgrade`)."""
    try:
        manifest = restore(db.engine, Base.metadata, file, known_key_ids=current_cipher().key_ids)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    record("backup.restore", object_type="database")
    click.echo(f"Restored {_summary(manifest)} from {file} (made {manifest.created_at} on {manifest.source})")
