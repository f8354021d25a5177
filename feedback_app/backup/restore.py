"""Restore a backup into an empty database at the same migration, in one transaction.

Nothing is written unless the whole file checks out first, and the insert either commits whole
or rolls back whole. Values go in as stored, so encrypted columns need the same keys as before.
"""

from __future__ import annotations

import zipfile
from collections.abc import Collection
from pathlib import Path

import sqlalchemy as sa

from feedback_app.backup.archive import BackupError, Manifest, TableEntry, open_archive, rows, schema_revision, verify
from feedback_app.backup.codec import decode_row, decoder, plain_table

BATCH = 500


def restore(
    engine: sa.Engine, metadata: sa.MetaData, path: Path, known_key_ids: Collection[str] | None = None
) -> Manifest:
    """Check the file, check the database is empty and migrated to the backup's revision, then load it.

    With `known_key_ids` (the app's field encryption keys), a backup whose sealed values need a
    key not among them is refused: restored, they could never be read.
    """
    archive, manifest = open_archive(path)
    with archive:
        _check_tables(manifest, metadata, path)
        verify(archive, manifest, path)
        missing_keys = sorted(manifest.key_ids() - set(known_key_ids)) if known_key_ids is not None else []
        if missing_keys:
            raise BackupError(
                f"{path} holds words encrypted with key {', '.join(missing_keys)}, which FIELD_ENCRYPTION_KEYS "
                "does not have, so nothing was restored. Restore with the keys in use when the backup was made."
            )
        with engine.connect() as connection:
            _check_database(connection, metadata, manifest)
            try:
                with connection.begin():
                    entries = {entry.name: entry for entry in manifest.tables}
                    for table in metadata.sorted_tables:  # parents before the rows that refer to them
                        _load_table(connection, archive, table, entries[table.name], path)
                    if connection.dialect.name == "postgresql":
                        _move_sequences_past_restored_ids(connection, metadata)
            except sa.exc.DBAPIError as error:
                raise BackupError(
                    f"The database refused a row from {path}, so nothing was restored "
                    f"({type(error.orig).__name__ if error.orig else 'database error'})."
                ) from error
    return manifest


def _check_tables(manifest: Manifest, metadata: sa.MetaData, path: Path) -> None:
    """The backup must hold exactly this app's tables and columns."""
    in_backup = {entry.name: entry for entry in manifest.tables}
    missing = sorted(set(metadata.tables) - set(in_backup))
    unknown = sorted(set(in_backup) - set(metadata.tables))
    if missing or unknown:
        raise BackupError(
            f"{path} does not hold this app's tables (missing: {', '.join(missing) or 'none'}; "
            f"unknown: {', '.join(unknown) or 'none'})."
        )
    for entry in manifest.tables:
        expected = {column.name for column in metadata.tables[entry.name].columns}
        if set(entry.columns) != expected or len(entry.columns) != len(expected):
            raise BackupError(f"{path}: the columns of {entry.name} are not the ones this app has.")


def _check_database(connection: sa.Connection, metadata: sa.MetaData, manifest: Manifest) -> None:
    revision = schema_revision(connection)
    connection.rollback()
    if revision is None:
        raise BackupError(
            "The database has not been set up. Run `flask db upgrade` on an empty database, then restore."
        )
    if revision != manifest.revision:
        raise BackupError(
            f"The database is at migration {revision} but the backup was made at {manifest.revision}. "
            "Restore into an empty database with the same version of the app that made the backup, "
            "then run `flask db upgrade`."
        )
    filled = [
        table.name
        for table in metadata.sorted_tables
        if connection.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first() is not None
    ]
    connection.rollback()
    if filled:
        raise BackupError(
            "The database is not empty, so nothing was restored: a restore never mixes with or replaces "
            f"existing records. Tables with rows: {', '.join(filled)}."
        )


def _load_table(
    connection: sa.Connection, archive: zipfile.ZipFile, table: sa.Table, entry: TableEntry, path: Path
) -> None:
    plain = plain_table(table)
    by_name = {column.name: column for column in table.columns}
    decoders = [decoder(by_name[name].type) for name in entry.columns]
    statement = sa.insert(plain)
    batch: list[dict[str, object]] = []
    for number, values in enumerate(rows(archive, entry), start=1):
        try:
            decoded = decode_row(values, decoders)
        except (TypeError, ValueError, AttributeError) as error:
            raise BackupError(f"{path}: {entry.file} line {number} has a value of the wrong kind ({error}).") from error
        batch.append(dict(zip(entry.columns, decoded)))
        if len(batch) >= BATCH:
            connection.execute(statement, batch)
            batch = []
    if batch:
        connection.execute(statement, batch)


def _move_sequences_past_restored_ids(connection: sa.Connection, metadata: sa.MetaData) -> None:
    """PostgreSQL's id sequences do not see inserted ids; move each past the largest restored."""
    for table in metadata.sorted_tables:
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, sa.Integer) or key[0].autoincrement is False:
            continue
        sequence = connection.execute(
            sa.select(sa.func.pg_get_serial_sequence(table.name, key[0].name))
        ).scalar()
        if sequence is None:
            continue
        largest = connection.execute(sa.select(sa.func.max(key[0]))).scalar()
        connection.execute(
            sa.select(sa.func.setval(sequence, largest if largest is not None else 1, largest is not None))
        )
