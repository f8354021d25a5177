"""Re-sealing encrypted columns: key rotation, and encrypting plaintext left by older versions.

Works on the raw stored text (never through the ORM), one batch of rows per transaction when given
an engine, so a rotation can be stopped and run again: rows already on the newest key are skipped.
Flask-free: the caller passes the cipher, the blind index and the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

from sqlalchemy import Column, MetaData, Table, Text, column, select, table, update
from sqlalchemy.engine import Connection, Engine

from feedback_app.models.encrypted import BlindIndex, EncryptedText, FieldCipher, is_encrypted

# A case reference's blind index lives beside it: re-sealing the reference refreshes the index too,
# so a new BLIND_INDEX_KEY takes effect with one rotation.
INDEXED: dict[str, str] = {"conversations.case_reference": "case_reference_index"}


@dataclass(frozen=True)
class EncryptedColumn:
    table: str
    primary_key: Column  # type: ignore[type-arg]
    name: str

    @property
    def context(self) -> str:
        return f"{self.table}.{self.name}"


@dataclass
class ColumnResult:
    context: str
    resealed: int = 0  # re-encrypted with the newest key (or encrypted for the first time)
    current: int = 0  # already on the newest key
    reindexed: int = 0  # blind index brought up to date


@dataclass
class RotationReport:
    key_id: str
    columns: list[ColumnResult] = field(default_factory=list)

    @property
    def resealed(self) -> int:
        return sum(result.resealed for result in self.columns)


def encrypted_columns(metadata: MetaData) -> list[EncryptedColumn]:
    """Every column the models declare as EncryptedText, with its table's primary key."""
    found = []
    for model_table in metadata.sorted_tables:
        for model_column in model_table.columns:
            if isinstance(model_column.type, EncryptedText):
                (primary_key,) = model_table.primary_key.columns
                found.append(EncryptedColumn(model_table.name, primary_key, model_column.name))
    return found


def _raw_table(target: EncryptedColumn) -> Table:
    """The table seen as plain text, so values are read and written exactly as stored."""
    columns = [column(target.primary_key.name, target.primary_key.type), column(target.name, Text())]
    if target.context in INDEXED:
        columns.append(column(INDEXED[target.context], Text()))
    return table(target.table, *columns)


def _transaction(bind: Engine | Connection) -> AbstractContextManager[Connection]:
    return bind.begin() if isinstance(bind, Engine) else nullcontext(bind)


def _batches(bind: Engine | Connection, raw: Table, target: EncryptedColumn, size: int) -> Iterator[list]:  # type: ignore[type-arg]
    key, value = raw.c[target.primary_key.name], raw.c[target.name]
    extra = [raw.c[INDEXED[target.context]]] if target.context in INDEXED else []
    last = None
    while True:
        query = select(key, value, *extra).where(value.is_not(None), value != "").order_by(key).limit(size)
        if last is not None:
            query = query.where(key > last)
        with _transaction(bind) as connection:
            rows = list(connection.execute(query))
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def reseal_column(
    bind: Engine | Connection,
    target: EncryptedColumn,
    transform: Callable[[str], str | None],
    *,
    index: BlindIndex | None = None,
    plaintext_of: Callable[[str], str] | None = None,
    batch_size: int = 500,
) -> ColumnResult:
    """Apply `transform` (stored -> new stored, or None to leave it) to every non-empty value.

    For an indexed column, `plaintext_of` (stored -> plaintext) lets the blind index be refreshed.
    """
    raw = _raw_table(target)
    key, value = raw.c[target.primary_key.name], raw.c[target.name]
    result = ColumnResult(target.context)
    for rows in _batches(bind, raw, target, batch_size):
        with _transaction(bind) as connection:
            for row in rows:
                changes: dict[str, object] = {}
                sealed = transform(row[1])
                if sealed is None:
                    result.current += 1
                else:
                    changes[target.name] = sealed
                    result.resealed += 1
                if index is not None and plaintext_of is not None and target.context in INDEXED:
                    wanted = index(plaintext_of(row[1]))
                    if wanted != row[2]:
                        changes[INDEXED[target.context]] = wanted
                        result.reindexed += 1
                if changes:
                    # Only if unchanged since read: a value the app rewrote meanwhile is already current.
                    connection.execute(update(raw).where(key == row[0], value == row[1]).values(**changes))
    return result


def rotate(
    bind: Engine | Connection, metadata: MetaData, cipher: FieldCipher, index: BlindIndex, *, batch_size: int = 500
) -> RotationReport:
    """Re-encrypt every encrypted value with the newest key; refresh the case reference index.

    A value that no listed key can open stops the rotation with EncryptionKeyError, before that
    batch is written: nothing is ever re-sealed from garbage.
    """
    report = RotationReport(cipher.newest_id)
    for target in encrypted_columns(metadata):
        context = target.context

        def reseal(stored: str, context: str = context) -> str | None:
            if cipher.is_current(stored):
                cipher.decrypt(stored, context)  # proves it opens; raises if not
                return None
            return cipher.encrypt(cipher.decrypt(stored, context), context)

        report.columns.append(
            reseal_column(
                bind,
                target,
                reseal,
                index=index,
                plaintext_of=lambda stored, context=context: cipher.decrypt(stored, context),
                batch_size=batch_size,
            )
        )
    return report


def encrypt_plaintext(
    bind: Engine | Connection, target: EncryptedColumn, cipher: FieldCipher, index: BlindIndex, *, batch_size: int = 500
) -> ColumnResult:
    """Encrypt values stored before encryption at rest (the 0008 migration); sealed values are left."""
    context = target.context

    def seal(stored: str) -> str | None:
        return None if is_encrypted(stored) else cipher.encrypt(stored, context)

    def plaintext_of(stored: str) -> str:
        return cipher.decrypt(stored, context) if is_encrypted(stored) else stored

    return reseal_column(bind, target, seal, index=index, plaintext_of=plaintext_of, batch_size=batch_size)


def decrypt_to_plaintext(
    bind: Engine | Connection, target: EncryptedColumn, cipher: FieldCipher, *, batch_size: int = 500
) -> ColumnResult:
    """The reverse, for downgrading the 0008 migration."""
    context = target.context
    return reseal_column(
        bind,
        target,
        lambda stored: cipher.decrypt(stored, context) if is_encrypted(stored) else None,
        batch_size=batch_size,
    )
