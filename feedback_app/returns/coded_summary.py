"""The coded summary: one row per coded conversation, with final levels and what the person said.

Not for publication: it holds people's own words, so it is for coordinators only. Every text cell
is escaped, so words like "=HYPERLINK(...)" typed by a person can never run as a formula. No Flask.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from feedback_app.returns.export_text import escape_cell, spreadsheet_text
from feedback_app.vocabulary import OUTCOMES


@dataclass(frozen=True)
class SummaryRow:
    case_reference: str
    enquiry_concluded_on: str  # ISO date
    method: str
    respondent_type: str
    final_levels: Mapping[str, str]  # outcome -> final level; missing when not final yet
    words: Mapping[str, str]  # outcome -> what the person said about it


HEADER: tuple[str, ...] = (
    "case_reference",
    "enquiry_concluded_on",
    "method",
    "respondent",
    *(f"{outcome}_level" for outcome in OUTCOMES),
    *(f"{outcome}_words" for outcome in OUTCOMES),
)


def _cells(row: SummaryRow) -> list[str]:
    return [
        row.case_reference,
        row.enquiry_concluded_on,
        row.method,
        row.respondent_type,
        *(row.final_levels.get(outcome, "not_recorded") for outcome in OUTCOMES),
        *(row.words.get(outcome, "") for outcome in OUTCOMES),
    ]


def to_csv(rows: Iterable[SummaryRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([escape_cell(value) for value in _cells(row)])
    return out.getvalue()


def to_xlsx(rows: Iterable[SummaryRow]) -> bytes:
    from openpyxl import Workbook  # loaded by the first export, not with the app (see export_xlsx.py)
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Coded summary"
    sheet.append(list(HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([spreadsheet_text(value) for value in _cells(row)])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.data_type = "s"  # text, never a formula
    notes = workbook.create_sheet("Notes")
    notes.append(["Not for publication: this holds what people said. Keep it to coordinators."])
    notes.append(["A level of not_recorded means the conversation has no final level for that outcome yet."])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
