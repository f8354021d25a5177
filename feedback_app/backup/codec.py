"""Values as the database stores them, to and from JSON, the same way for SQLite and PostgreSQL.

Columns are read and written through their underlying database types, not through the app's
TypeDecorators: a backup carries exactly what is stored (ciphertext stays ciphertext), and a
restore puts it back unchanged. Datetimes are kept in UTC; a naive one in a timezone-aware
column is UTC by the app's convention (see models/base.py UTCDateTime).
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import uuid
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeEngine

from feedback_app.models.encrypted import PREFIX, EncryptedText


def stored_type(column_type: TypeEngine[Any]) -> TypeEngine[Any]:
    """The type the database really holds, under any TypeDecorator (encryption, UTC datetimes)."""
    while isinstance(column_type, sa.TypeDecorator):
        column_type = column_type.impl_instance
    return column_type


def is_sealed(column: sa.Column[Any]) -> bool:
    """Whether the app seals this column's values with its field encryption keys."""
    return isinstance(column.type, EncryptedText)


def sealed_key_id(value: Any) -> str | None:
    """The id of the key a sealed value ("enc1:<key id>:<data>") was written with, else None."""
    if isinstance(value, str) and value.startswith(PREFIX + ":"):
        return value.split(":", 2)[1]
    return None


def plain_table(table: sa.Table) -> sa.TableClause:
    """The table with its stored column types only, so nothing is converted on the way in or out."""
    return sa.table(
        table.name,
        *(sa.column(column.name, stored_type(column.type)) for column in table.columns),
        schema=table.schema,
    )


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.timezone.utc) if value.tzinfo is not None else value


def encoder(column_type: TypeEngine[Any]) -> Callable[[Any], Any]:
    """A function from a stored value to something JSON can hold."""
    kind = stored_type(column_type)
    if isinstance(kind, sa.DateTime):
        # The same text whichever database it came from: SQLite hands back naive UTC.
        aware = bool(kind.timezone)
        return lambda value: _datetime(_utc(value).isoformat(), aware).isoformat()
    if isinstance(kind, (sa.Date, sa.Time)):
        return lambda value: value.isoformat()
    if isinstance(kind, sa.Uuid):
        return lambda value: str(value)
    if isinstance(kind, sa.LargeBinary):
        return lambda value: base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(kind, sa.Numeric) and not isinstance(kind, sa.Float):
        return lambda value: str(value)
    if isinstance(kind, sa.Interval):
        return lambda value: value.total_seconds()
    return lambda value: value


def decoder(column_type: TypeEngine[Any]) -> Callable[[Any], Any]:
    """The inverse of `encoder`: a JSON value back to what the column stores."""
    kind = stored_type(column_type)
    if isinstance(kind, sa.DateTime):
        aware = bool(kind.timezone)
        return lambda value: _datetime(value, aware)
    if isinstance(kind, sa.Date):
        return dt.date.fromisoformat
    if isinstance(kind, sa.Time):
        return dt.time.fromisoformat
    if isinstance(kind, sa.Uuid):
        return (lambda value: uuid.UUID(value)) if kind.as_uuid else str
    if isinstance(kind, sa.LargeBinary):
        return lambda value: base64.b64decode(value.encode("ascii"), validate=True)
    if isinstance(kind, sa.Numeric) and not isinstance(kind, sa.Float):
        return decimal.Decimal if kind.asdecimal else float
    if isinstance(kind, sa.Interval):
        return lambda value: dt.timedelta(seconds=value)
    if isinstance(kind, sa.Boolean):
        return _boolean
    return lambda value: value


def _datetime(text: str, aware: bool) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    if aware and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    if not aware and value.tzinfo is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1):  # SQLite may hand back 0 and 1
        return bool(value)
    raise ValueError(f"not a true/false value: {value!r}")


def encode_row(row: Any, encoders: list[Callable[[Any], Any]]) -> list[Any]:
    return [None if value is None else encode(value) for value, encode in zip(row, encoders)]


def decode_row(values: list[Any], decoders: list[Callable[[Any], Any]]) -> list[Any]:
    return [None if value is None else decode(value) for value, decode in zip(values, decoders)]
