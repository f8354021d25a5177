"""`flask keys` (generate, rotate) and `flask retention purge`.

`keys` is a Flask CLI plugin (see pyproject.toml) so that `keys generate` works before any key is
set, when the app itself refuses to start.
"""

from __future__ import annotations

import datetime as dt

import click
from flask import current_app
from flask.cli import with_appcontext

from feedback_app.models.encrypted import CIPHER_EXTENSION, INDEX_EXTENSION, EncryptionKeyError, generate_key


@click.group()
def keys() -> None:
    """Encryption keys for the person's words and case references."""


@keys.command("generate")
def generate() -> None:
    """Print a new random key (for FIELD_ENCRYPTION_KEYS or BLIND_INDEX_KEY). Nothing is stored."""
    click.echo(generate_key())


@keys.command("rotate")
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(1, 100_000))
@with_appcontext
def rotate(batch_size: int) -> None:
    """Re-encrypt every encrypted value with the newest key in FIELD_ENCRYPTION_KEYS.

    Put the new key first and keep the old ones after it, run this, then remove the old keys.
    Safe to stop and run again: values already on the newest key are skipped.
    """
    from feedback_app.audit import record
    from feedback_app.extensions import db
    from feedback_app.models import Base
    from feedback_app.privacy.keys import rotate as rotate_all

    cipher, index = current_app.extensions[CIPHER_EXTENSION], current_app.extensions[INDEX_EXTENSION]
    try:
        report = rotate_all(db.engine, Base.metadata, cipher, index, batch_size=batch_size)
    except EncryptionKeyError as error:
        raise click.ClickException(f"{error} Values re-encrypted before this one stay re-encrypted.") from error
    for column in report.columns:
        click.echo(
            f"{column.context}: {column.resealed} re-encrypted, {column.current} already on key {report.key_id}"
            + (f", {column.reindexed} search index entries updated" if column.reindexed else "")
        )
    click.echo(f"Done: {report.resealed} values re-encrypted with key {report.key_id}.")
    record("keys.rotate", object_type="key", object_id=report.key_id)


@click.group()
def retention() -> None:
    """Delete what identifies a person once their council's retention period has passed."""


def _parse_day(context: click.Context, parameter: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return dt.datetime.now(dt.timezone.utc).date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter("use the form YYYY-MM-DD") from error


@retention.command("purge")
@click.option("--dry-run", is_flag=True, help="Say what would be deleted; change nothing.")
@click.option("--today", callback=_parse_day, help="Count from this day instead of today (YYYY-MM-DD).")
@with_appcontext
def purge(dry_run: bool, today: dt.date) -> None:
    """Delete words, case references, concern notes and coders' reasons past retention. Levels stay."""
    from feedback_app.extensions import db
    from feedback_app.privacy.retention import purge as purge_all

    report = purge_all(db.session, today=today, dry_run=dry_run)
    verb = "would be deleted" if dry_run else "deleted"
    for item in report.organisations:
        click.echo(
            f"{item.organisation_name} (keeps {item.retention_months} months; conversations started before "
            f"{item.cutoff.isoformat()}): {item.conversations} conversations, {item.answers} answers with words, "
            f"{item.revisions} earlier versions with words, {item.concerns} concern notes, "
            f"{item.coding_reasons} coding reasons {verb}"
        )
    click.echo(f"{'Dry run: nothing changed. ' if dry_run else ''}{report.conversations} conversations in all.")
