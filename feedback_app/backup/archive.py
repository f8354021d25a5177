"""The backup file: a zip holding one JSON-lines file per table and a manifest written last.

    manifest.json          format, version, when, the schema revision, and for each table
                           its file, columns, row count and SHA-256
    tables/NN-<name>.jsonl one JSON array per row, columns in the manifest's order

Tables are written in dependency order (parents first), so a restore can insert them in the
order they appear. The zip's own checksums and the manifest's SHA-256 per table both have to
match before a restore writes anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.migration import MigrationContext

from feedback_app.backup.codec import encode_row, encoder, is_sealed, plain_table, sealed_key_id

FORMAT = "msp-feedback-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup could not be made or restored; the message says why in plain words."""


@dataclass(frozen=True)
class TableEntry:
    name: str
    file: str
    columns: list[str]
    rows: int
    sha256: str
    key_ids: list[str] = field(default_factory=list)  # encryption keys its sealed values need


@dataclass(frozen=True)
class Manifest:
    revision: str
    created_at: str
    source: str
    tables: list[TableEntry]

    def counts(self) -> dict[str, int]:
        return {table.name: table.rows for table in self.tables}

    def key_ids(self) -> set[str]:
        """Every encryption key the backup's sealed values were written with."""
        return {key for table in self.tables for key in table.key_ids}


def schema_revision(connection: sa.Connection) -> str | None:
    """The Alembic revision the database is at, or None when it was never migrated."""
    return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def _snapshot(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A connection whose reads all see the database at one moment, while the app keeps running.

    PostgreSQL: one REPEATABLE READ, READ ONLY transaction. SQLite: the file is first copied with
    SQLite's own online backup (a read lock for as long as the copy takes, milliseconds), and the
    copy is read at leisure, so a long backup never holds up the app's saves.
    """
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection:
            connection.exec_driver_sql("SET TRANSACTION READ ONLY")
            yield connection
            connection.rollback()
        return
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:":
        with engine.connect() as connection:
            yield connection
            connection.rollback()
        return
    with tempfile.TemporaryDirectory(prefix="backup-") as folder:  # only its owner can read it
        copy = Path(folder) / "snapshot.db"
        source, target = sqlite3.connect(database), sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        snapshot = sa.create_engine(f"sqlite:///{copy}")
        try:
            with snapshot.connect() as connection:
                yield connection
        finally:
            snapshot.dispose()


def create(engine: sa.Engine, metadata: sa.MetaData, path: Path) -> Manifest:
    """Write every table to a new backup file at `path`; never overwrites an existing file."""
    if path.exists():
        raise BackupError(f"{path} already exists. Choose a new file name, so no backup is overwritten.")
    partial = path.with_name(path.name + ".partial")
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # personal data
    except FileExistsError as error:
        raise BackupError(
            f"{partial} exists: a backup to this name is running, or one was interrupted. "
            "If none is running, delete it and try again."
        ) from error
    except OSError as error:
        raise BackupError(f"Cannot write {path}: {error.strerror or error}.") from error
    try:
        with os.fdopen(descriptor, "wb") as raw, _snapshot(engine) as connection:
            revision = schema_revision(connection)
            if revision is None:
                raise BackupError("The database has no tables from this app yet: run `flask db upgrade` first.")
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
                entries = [
                    _write_table(connection, archive, table, number)
                    for number, table in enumerate(metadata.sorted_tables, start=1)
                ]
                manifest = Manifest(
                    revision=revision,
                    created_at=dt.datetime.now(dt.timezone.utc).isoformat(),
                    source=engine.dialect.name,
                    tables=entries,
                )
                archive.writestr(MANIFEST, json.dumps(_manifest_json(manifest), indent=2))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, path)  # the file appears whole or not at all
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def _write_table(connection: sa.Connection, archive: zipfile.ZipFile, table: sa.Table, number: int) -> TableEntry:
    plain = plain_table(table)
    columns = [column.name for column in table.columns]
    encoders = [encoder(column.type) for column in table.columns]
    order = list(table.primary_key.columns) or list(table.columns)
    query = sa.select(*plain.columns).order_by(*(plain.c[column.name] for column in order))
    name = f"tables/{number:02d}-{table.name}.jsonl"
    sealed = [index for index, column in enumerate(table.columns) if is_sealed(column)]
    key_ids: set[str] = set()
    digest = hashlib.sha256()
    rows = 0
    with archive.open(name, "w", force_zip64=True) as member:
        for row in connection.execution_options(yield_per=1000).execute(query):
            line = (json.dumps(encode_row(row, encoders), ensure_ascii=False, separators=(",", ":")) + "\n").encode()
            digest.update(line)
            member.write(line)
            rows += 1
            key_ids.update(filter(None, (sealed_key_id(row[index]) for index in sealed)))
    return TableEntry(
        name=table.name, file=name, columns=columns, rows=rows, sha256=digest.hexdigest(), key_ids=sorted(key_ids)
    )


def _manifest_json(manifest: Manifest) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": manifest.created_at,
        "schema_revision": manifest.revision,
        "source_database": manifest.source,
        "tables": [table.__dict__ for table in manifest.tables],
    }


def open_archive(path: Path) -> tuple[zipfile.ZipFile, Manifest]:
    """Open a backup and read its manifest, or say plainly what is wrong with the file."""
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupError(f"{path} is not a whole backup file: it is damaged or was cut short ({error}).") from error
    try:
        manifest = _read_manifest(archive, path)
    except BaseException:
        archive.close()
        raise
    return archive, manifest


def _read_manifest(archive: zipfile.ZipFile, path: Path) -> Manifest:
    try:
        data = json.loads(archive.read(MANIFEST))
    except KeyError as error:
        raise BackupError(f"{path} has no manifest, so it is not a backup made by this app.") from error
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise BackupError(f"{path} has a damaged manifest ({error}).") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"{path} is not a backup made by this app.")
    if data.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} is a version {data.get('format_version')} backup; this app reads version {FORMAT_VERSION}."
        )
    try:
        tables = [
            TableEntry(
                name=str(t["name"]), file=str(t["file"]), columns=[str(c) for c in t["columns"]],
                rows=int(t["rows"]), sha256=str(t["sha256"]), key_ids=[str(k) for k in t.get("key_ids", [])],
            )
            for t in data["tables"]
        ]
        return Manifest(
            revision=str(data["schema_revision"]), created_at=str(data["created_at"]),
            source=str(data["source_database"]), tables=tables,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise BackupError(f"{path} has a manifest with missing or wrong entries ({error}).") from error


def rows(archive: zipfile.ZipFile, table: TableEntry) -> Iterator[list[Any]]:
    """Each row of one table, as JSON values; checks the zip's CRC as it reads."""
    with archive.open(table.file) as member:
        for line in member:
            yield json.loads(line)


def verify(archive: zipfile.ZipFile, manifest: Manifest, path: Path) -> None:
    """Read the whole file once and check every table's row count and SHA-256 against the manifest."""
    for table in manifest.tables:
        digest = hashlib.sha256()
        count = 0
        try:
            with archive.open(table.file) as member:
                for number, line in enumerate(member, start=1):
                    digest.update(line)
                    count += 1
                    values = json.loads(line)
                    if not isinstance(values, list) or len(values) != len(table.columns):
                        raise BackupError(f"{path}: {table.file} line {number} does not have {len(table.columns)} values.")
        except KeyError as error:
            raise BackupError(f"{path} is missing {table.file}, which the manifest lists.") from error
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise BackupError(f"{path}: {table.file} is damaged ({error}).") from error
        if count != table.rows or digest.hexdigest() != table.sha256:
            raise BackupError(
                f"{path}: {table.file} does not match its checksum in the manifest, so the file was changed or damaged."
            )
