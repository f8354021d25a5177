"""Read another council's published return (the long CSV) to compare with this council's. No Flask.

Only publication files are accepted: every value must be as published ("[c]", "[x]" or a whole
number that is a multiple of 5) and the count column must be empty, so an imported file can never
bring another council's real small counts into this app. Each problem names the line it is on.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping

from feedback_app.returns.disclosure import NOT_AVAILABLE, SUPPRESSED
from feedback_app.returns.export_csv import LONG_COLUMNS
from feedback_app.returns.export_text import FORMULA_STARTS

Key = tuple[str, str, str, str]  # (block, measure, category, respondent)
Imported = dict[tuple[str, str], dict[Key, str]]  # (organisation, period) -> key -> shown value

NAME_COLUMNS = ("period", "organisation", "block", "measure", "category", "respondent")
_WHOLE = re.compile(r"[0-9]+")


class PublicationFileError(ValueError):
    """The file cannot be imported; `problems` lists each one, naming its line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems[0] if problems else "The file cannot be imported.")
        self.problems = problems


def _unescape(text: str) -> str:
    """Undo the export's formula escaping: "'=Council" was written for "=Council"."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def _is_published(value: str) -> bool:
    return value in (SUPPRESSED, NOT_AVAILABLE) or (_WHOLE.fullmatch(value) is not None and int(value) % 5 == 0)


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PublicationFileError(["The file must be a CSV saved as UTF-8 text."]) from error


def _check_header(header: list[str] | None) -> dict[str, int]:
    if not header or not any(cell.strip() for cell in header):
        raise PublicationFileError(["The file is empty: it must start with a header row."])
    names = [cell.strip().lower() for cell in header]
    missing = [column for column in LONG_COLUMNS if column not in names]
    if missing:
        raise PublicationFileError(
            [f"Line 1: the header has no {', '.join(missing)} column" + ("s" if len(missing) > 1 else "")
             + f" (expected {', '.join(LONG_COLUMNS)})."]
        )
    return {column: names.index(column) for column in LONG_COLUMNS}


def parse_publication(data: bytes | str) -> Imported:
    """Every published value in a long publication CSV, by (organisation, period).

    Raises PublicationFileError listing every problem found (line numbers count the header as 1).
    """
    reader = csv.reader(io.StringIO(_decode(data), newline=""))
    try:
        columns = _check_header(next(reader, None))
    except csv.Error as error:
        raise PublicationFileError([f"Line 1: this is not a readable CSV row ({error})."]) from error
    problems: list[str] = []
    imported: Imported = {}
    periods: dict[str, int] = {}  # period -> first line it is on
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(f"Line {reader.line_num}: this is not a readable CSV row ({error}).")
            break
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue  # blank lines are harmless
        if len(row) < len(columns):
            problems.append(f"Line {line}: has {len(row)} values but the header has {len(columns)} columns.")
            continue
        cells = {column: row[index].strip() for column, index in columns.items()}
        empty = [column for column in NAME_COLUMNS if not cells[column]]
        if empty:
            problems.append(f"Line {line}: the {', '.join(empty)} " + ("is" if len(empty) == 1 else "are") + " empty.")
            continue
        if cells["count"]:
            problems.append(
                f"Line {line}: has a count ({cells['count']}). Import the publication file: "
                "it must not carry real counts."
            )
            continue
        value = cells["shown_value"]
        if not _is_published(value):
            problems.append(
                f"Line {line}: the shown value {value!r} is not as published: it must be [c], [x] "
                "or a whole number that is a multiple of 5."
            )
            continue
        period = cells["period"]
        periods.setdefault(period, line)
        if len(periods) > 1:
            first = next(iter(periods))
            problems.append(
                f"Line {line}: the period {period} differs from {first} on line {periods[first]}: "
                "import one period at a time."
            )
            periods.pop(period)
            continue
        key: Key = (cells["block"], cells["measure"], cells["category"], cells["respondent"])
        values = imported.setdefault((_unescape(cells["organisation"]), period), {})
        if key in values:
            problems.append(f"Line {line}: {' / '.join(key)} appears more than once for {_unescape(cells['organisation'])}.")
            continue
        values[key] = value
    if problems:
        raise PublicationFileError(problems)
    if not imported:
        raise PublicationFileError(["The file has a header but no rows of figures."])
    return imported


def to_rows(values: Mapping[Key, str]) -> list[list[str]]:
    """Values as JSON-friendly rows [block, measure, category, respondent, shown value], in file order."""
    return [[*key, value] for key, value in values.items()]


def from_rows(rows: list[list[str]]) -> dict[Key, str]:
    """The inverse of `to_rows`."""
    return {(r[0], r[1], r[2], r[3]): r[4] for r in rows}


def side_by_side(ours: Mapping[Key, str], others: list[Mapping[Key, str]]) -> list[tuple[str, str, list[tuple[str, str, list[str]]]]]:
    """Tables per block: (block, measure, [(category, respondent, [ours, *others])]); "" where a file has no value.

    Rows follow this council's return, then any rows only another file has, so nothing is dropped.
    """
    keys = list(dict.fromkeys([*ours, *(key for other in others for key in other)]))
    blocks: dict[tuple[str, str], list[tuple[str, str, list[str]]]] = {}
    for key in keys:
        values = [ours.get(key, ""), *(other.get(key, "") for other in others)]
        blocks.setdefault((key[0], key[1]), []).append((key[2], key[3], values))
    return [(block, measure, rows) for (block, measure), rows in blocks.items()]
