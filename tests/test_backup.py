"""Backups: every record comes back in an empty database, on SQLite and PostgreSQL and across them;
a damaged file, a filled database or a row the database refuses restores nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from feedback_app import backup
from feedback_app.audit import record
from feedback_app.data import conversations
from feedback_app.demo.data import load_demo
from feedback_app.extensions import db
from feedback_app.models import AuditEvent, Base, Conversation
from feedback_app import create_app
from tests.conftest import _postgres_url, app_config, migrated
from tests.worlds import World, build_world

TARGETS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


class EmptyDatabases:
    """Fresh migrated databases to restore into: SQLite files, or PostgreSQL schemas of their own."""

    def __init__(self, tmp_path: Path, worker_id: str) -> None:
        self.tmp_path, self.worker_id = tmp_path, worker_id
        self.engines: list[sa.Engine] = []
        self.schemas: list[str] = []

    def make(self, kind: str, *, migrate: bool = True) -> sa.Engine:
        number = len(self.engines) + 1
        if kind == "sqlite":
            url = f"sqlite:///{self.tmp_path / f'restore-{number}.db'}"
        else:
            url = _postgres_url(f"{self.worker_id}_restore{number}")
            self.schemas.append(f"test_{self.worker_id}_restore{number}")
        engine = sa.create_engine(migrated(url) if migrate else url)
        self.engines.append(engine)
        return engine

    def close(self) -> None:
        for engine in self.engines:
            engine.dispose()
        if self.schemas:
            base = make_url(os.environ["TEST_DATABASE_URL"]).set(drivername="postgresql")
            with psycopg.connect(base.render_as_string(hide_password=False), autocommit=True) as conn:
                for schema in self.schemas:
                    conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def empty_databases(tmp_path: Path, worker_id: str) -> Iterator[EmptyDatabases]:
    databases = EmptyDatabases(tmp_path, worker_id)
    yield databases
    databases.close()


@pytest.fixture(scope="module")
def demo_world(database_url: str) -> World:
    """Built once per worker and backend: loading the demo takes seconds."""
    return build_world(database_url, lambda app: _demo_with_more())


@pytest.fixture
def demo_data(app: Any, demo_world: World) -> None:
    """The demo (58 conversations, codings, adjudications), plus a concern and words in other scripts."""
    demo_world.put_back()


def _demo_with_more() -> None:
    assert load_demo(dt.date(2026, 2, 14))
    conversation = db.session.scalars(sa.select(Conversation).order_by(Conversation.id)).first()
    assert conversation is not None
    user = conversation.created_by
    conversations.raise_concern(conversation, note="Ffoniwch y tîm — اردو 🙂", user=user)
    conversations.save_answer(
        conversation, bank_id=conversation.bank_id, bank_version=conversation.bank_version,
        question_id="anything_else", status="answered", value=None,
        words="Line one\nline two, \"quoted\", tab\there — ŵ ŷ ą ę ń", user=user,
        respondent_type=conversation.respondent_type,
    )
    record("conversation.view", object_type="conversation", object_id=conversation.id, user=user)


def everything(engine: sa.Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table as the app reads it (through the models, so through any decryption)."""
    seen: dict[str, list[dict[str, Any]]] = {}
    with Session(engine) as session:
        for mapper in Base.registry.mappers:
            query = sa.select(mapper.class_).order_by(*mapper.primary_key)
            seen[mapper.local_table.name] = [
                {attribute.key: getattr(obj, attribute.key) for attribute in mapper.column_attrs}
                for obj in session.scalars(query)
            ]
        for table in Base.metadata.sorted_tables:
            if table.name not in seen:  # association tables without a model
                seen[table.name] = [dict(row._mapping) for row in session.execute(sa.select(table).order_by(*table.primary_key))]
    return seen


def counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def assert_same(restored: dict[str, list[dict[str, Any]]], original: dict[str, list[dict[str, Any]]]) -> None:
    for table in ("conversations", "answers", "answer_revisions", "codings", "adjudications", "audit_events"):
        assert len(restored[table]) == len(original[table]), f"{table}: {len(restored[table])} rows came back, not {len(original[table])}"
    for table, rows in original.items():
        for before, after in zip(rows, restored[table]):
            assert after == before, f"a row of {table} came back different"
        assert len(restored[table]) == len(rows), f"{table} lost rows"


@pytest.mark.parametrize("target", TARGETS)
def test_a_restore_into_an_empty_database_brings_back_every_record(app, demo_data, empty_databases, tmp_path, target):
    original = everything(db.engine)
    assert len(original["conversations"]) == 58 and len(original["codings"]) > 100
    file = tmp_path / "backup.zip"

    manifest = backup.create(db.engine, Base.metadata, file)

    assert oct(file.stat().st_mode & 0o777) == "0o600", "a backup holds personal data: only its owner may read it"
    assert manifest.counts() == counts(db.engine)
    target_engine = empty_databases.make(target)
    backup.restore(target_engine, Base.metadata, file)
    assert_same(everything(target_engine), original)
    # New records get new ids after a restore (PostgreSQL sequences moved past the restored ids).
    with Session(target_engine) as session:
        session.add(AuditEvent(action="backup.restore", object_type="database"))
        session.commit()


def test_the_same_file_goes_from_one_database_kind_to_the_other_and_back(app, demo_data, empty_databases, tmp_path):
    """SQLite to PostgreSQL and back when PostgreSQL is there; SQLite to SQLite to SQLite otherwise."""
    original = everything(db.engine)
    source_kind = db.engine.dialect.name
    other_kind = "sqlite" if source_kind == "postgresql" else ("postgresql" if "postgresql" in TARGETS else "sqlite")
    backup.create(db.engine, Base.metadata, tmp_path / "first.zip")
    middle = empty_databases.make(other_kind)
    backup.restore(middle, Base.metadata, tmp_path / "first.zip")
    backup.create(middle, Base.metadata, tmp_path / "second.zip")
    last = empty_databases.make(source_kind)
    backup.restore(last, Base.metadata, tmp_path / "second.zip")
    assert_same(everything(last), original)
    assert _table_files(tmp_path / "first.zip") == _table_files(tmp_path / "second.zip"), (
        "a backup of the restored database should hold the same rows, byte for byte"
    )


def _table_files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.startswith("tables/")}


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One backup of the demo, made once, for the tests that only need a good file to spoil."""
    folder = tmp_path_factory.mktemp("demo-backup")
    source = create_app(app_config(migrated(f"sqlite:///{folder / 'demo.db'}")))
    with source.app_context():
        assert load_demo(dt.date(2026, 2, 14))
        backup.create(db.engine, Base.metadata, folder / "backup.zip")
        db.session.remove()
        db.engine.dispose()
    return folder / "backup.zip"


@pytest.fixture
def made_backup(demo_backup: Path, tmp_path: Path) -> Path:
    file = tmp_path / "backup.zip"
    shutil.copyfile(demo_backup, file)
    return file


def _assert_refused(engine: sa.Engine, file: Path, words: str) -> None:
    with pytest.raises(backup.BackupError) as refused:
        backup.restore(engine, Base.metadata, file)
    assert words in str(refused.value), f"unexpected message: {refused.value}"
    assert set(counts(engine).values()) == {0}, "a refused restore wrote rows"


def test_a_truncated_backup_is_refused_and_writes_nothing(made_backup, empty_databases, tmp_path):
    cut = tmp_path / "cut.zip"
    data = made_backup.read_bytes()
    for size in (0, 100, len(data) // 2, len(data) - 30):
        cut.write_bytes(data[:size])
        _assert_refused(empty_databases.make("sqlite"), cut, "damaged or was cut short")


def test_a_damaged_byte_is_found_before_anything_is_written(made_backup, empty_databases, tmp_path):
    data = bytearray(made_backup.read_bytes())
    with zipfile.ZipFile(made_backup) as archive:
        answers = next(info for info in archive.infolist() if info.filename.endswith("-answers.jsonl"))
    # A byte inside the compressed answers, past the member's own header.
    data[answers.header_offset + 30 + len(answers.filename) + answers.compress_size // 2] ^= 0xFF
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    _assert_refused(empty_databases.make("sqlite"), damaged, "damaged")


def _rewrite(source: Path, target: Path, change: Any, *, fix_manifest: bool) -> None:
    """Copy a backup, changing the answers' lines, with or without making the manifest agree."""
    import hashlib

    with zipfile.ZipFile(source) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(files["manifest.json"])
    entry = next(table for table in manifest["tables"] if table["name"] == "answers")
    lines = files[entry["file"]].decode().splitlines(keepends=True)
    files[entry["file"]] = "".join(change(lines)).encode()
    if fix_manifest:
        entry["rows"] = len(change(lines))
        entry["sha256"] = hashlib.sha256(files[entry["file"]]).hexdigest()
        files["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)


def test_a_changed_table_does_not_match_its_checksum(made_backup, empty_databases, tmp_path):
    changed = tmp_path / "changed.zip"
    _rewrite(made_backup, changed, lambda lines: lines[:-1], fix_manifest=False)
    _assert_refused(empty_databases.make("sqlite"), changed, "does not match its checksum")


def test_a_row_the_database_refuses_rolls_back_every_table(made_backup, empty_databases, tmp_path):
    """The answers come late in the file; a repeated answer id fails there, after earlier tables went in."""
    refused = tmp_path / "refused.zip"
    _rewrite(made_backup, refused, lambda lines: [*lines, lines[0]], fix_manifest=True)
    _assert_refused(empty_databases.make("sqlite"), refused, "nothing was restored")


def test_a_filled_or_unmigrated_database_is_refused(made_backup, empty_databases):
    filled = empty_databases.make("sqlite")
    backup.restore(filled, Base.metadata, made_backup)
    before = counts(filled)
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.restore(filled, Base.metadata, made_backup)
    assert counts(filled) == before, "a refused restore added rows to the filled database"
    bare = empty_databases.make("sqlite", migrate=False)
    with pytest.raises(backup.BackupError, match="flask db upgrade"):
        backup.restore(bare, Base.metadata, made_backup)
    assert sa.inspect(bare).get_table_names() == [], "a refused restore made tables"


def test_an_existing_file_is_never_overwritten(app, made_backup, tmp_path):
    before = made_backup.read_bytes()
    with pytest.raises(backup.BackupError, match="already exists"):
        backup.create(db.engine, Base.metadata, made_backup)
    assert made_backup.read_bytes() == before
    # Another backup writing to the same name (its .partial file) is left alone too.
    (tmp_path / "nightly.zip.partial").write_bytes(b"half written by another run")
    with pytest.raises(backup.BackupError, match="a backup to this name is running, or one was interrupted"):
        backup.create(db.engine, Base.metadata, tmp_path / "nightly.zip")
    assert (tmp_path / "nightly.zip.partial").read_bytes() == b"half written by another run"
    assert not (tmp_path / "nightly.zip").exists()


def test_the_commands_back_up_and_refuse_in_plain_words(app, demo_data, tmp_path):
    runner = app.test_cli_runner()
    file = tmp_path / "nightly.zip"
    made = runner.invoke(args=["backup", "create", str(file)])
    assert made.exit_code == 0, made.output
    assert "58 conversations" in made.output and file.exists()
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "backup.create")) is not None

    refused = runner.invoke(args=["backup", "restore", str(file)])
    assert refused.exit_code == 1 and "not empty" in refused.output

    (tmp_path / "junk.zip").write_text("not a backup")
    junk = runner.invoke(args=["backup", "restore", str(tmp_path / "junk.zip")])
    assert junk.exit_code == 1 and "damaged or was cut short" in junk.output
    assert "Traceback" not in junk.output


def test_the_restore_command_fills_an_empty_database_and_records_it(app, demo_data, tmp_path, worker_id):
    file = tmp_path / "for-the-command.zip"
    backup.create(db.engine, Base.metadata, file)
    if db.engine.dialect.name == "sqlite":
        empty_url = migrated(f"sqlite:///{tmp_path / 'command.db'}")
    else:
        empty_url = migrated(_postgres_url(f"{worker_id}_command"))
    other = create_app(app_config(empty_url))
    try:
        with other.app_context():  # the command runs in whichever app's context is current
            restored = other.test_cli_runner().invoke(args=["backup", "restore", str(file)])
            assert restored.exit_code == 0, restored.output
            assert "58 conversations" in restored.output
            assert db.session.scalar(sa.select(sa.func.count()).select_from(Conversation)) == 58
            actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id)).all()
            assert actions[-1] == "backup.restore", "the restore itself goes in the audit trail"
            db.engine.dispose()
    finally:
        if db.engine.dialect.name == "postgresql":
            base = make_url(os.environ["TEST_DATABASE_URL"]).set(drivername="postgresql")
            with psycopg.connect(base.render_as_string(hide_password=False), autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "test_{worker_id}_command" CASCADE')


def test_a_backup_needing_an_encryption_key_this_app_lacks_is_refused(made_backup, empty_databases):
    with zipfile.ZipFile(made_backup) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    used = {key for table in manifest["tables"] for key in table["key_ids"]}
    assert used, "the demo's words are sealed, so the manifest names the key they need"
    target = empty_databases.make("sqlite")
    with pytest.raises(backup.BackupError, match="FIELD_ENCRYPTION_KEYS does not have"):
        backup.restore(target, Base.metadata, made_backup, known_key_ids=["0badc0de"])
    assert set(counts(target).values()) == {0}
    backup.restore(target, Base.metadata, made_backup, known_key_ids=sorted(used))
    assert counts(target)["answers"] > 0
