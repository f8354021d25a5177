"""The XLSX export of a return: one sheet per block and a Notes sheet, with openpyxl. No Flask.

openpyxl is loaded by the first export, not with the app: it brings numpy, about 25 MB a worker.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from feedback_app.returns.disclosure import ShownBlock, ShownCell, present
from feedback_app.returns.export_text import audience, category_label, notes, spreadsheet_text
from feedback_app.returns.model import Return

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

SHEET_NAME_LIMIT = 31
NOTES = "Notes"
RESERVED = {"history"}  # Excel refuses a sheet with this name


def _put(sheet: Worksheet, row: int, column: int, value: object, bold: bool = False) -> None:
    from openpyxl.styles import Font

    cell = sheet.cell(row=row, column=column, value=spreadsheet_text(value) if isinstance(value, str) else value)
    cell.data_type = "s" if isinstance(value, str) else cell.data_type  # text is never a formula
    if bold:
        cell.font = Font(bold=True)


def sheet_name(block: ShownBlock, taken: set[str], by_measure: bool = False) -> str:
    """A unique name of at most 31 characters without the characters Excel refuses."""
    base = block.measure if by_measure else block.id
    base = re.sub(r"[\[\]:*?/\\']", " ", base).strip() or "block"
    name, number = base[:SHEET_NAME_LIMIT], 1
    while name.lower() in taken or name.lower() in RESERVED:
        number += 1
        suffix = f" ({number})"
        name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
    taken.add(name.lower())
    return name


def _number(text: str, for_publication: bool) -> object:
    """Numbers as numbers for coordinators; for publication only the shown text."""
    if for_publication or not text.replace(".", "", 1).isdigit():
        return text
    return float(text) if "." in text else int(text)


def _block_sheet(
    sheet: Worksheet, block: ShownBlock, organisation: str, period: str, for_publication: bool
) -> None:
    heading = [
        ("Block", block.id),
        ("Measure", block.measure),
        ("Status", block.status),
        ("Organisation", organisation),
        ("Period", period),
        ("Audience", audience(for_publication)),
    ]
    for row, (label, value) in enumerate(heading, start=1):
        _put(sheet, row, 1, label, bold=True)
        _put(sheet, row, 2, value)
    respondents = list(dict.fromkeys(c.respondent for c in (*block.cells, *block.totals)))
    top = len(heading) + 2
    _put(sheet, top, 1, "Category", bold=True)
    for i, respondent in enumerate(respondents):
        _put(sheet, top, 2 + 2 * i, f"{respondent}: count", bold=True)
        _put(sheet, top, 3 + 2 * i, f"{respondent}: percentage", bold=True)
    by_category: dict[str, dict[str, ShownCell]] = {}
    for cell in (*block.cells, *block.totals):
        by_category.setdefault(cell.category, {})[cell.respondent] = cell
    for row, (category, cells) in enumerate(by_category.items(), start=top + 1):
        _put(sheet, row, 1, category_label(block.measure, category))
        for i, respondent in enumerate(respondents):
            if respondent in cells:
                _put(sheet, row, 2 + 2 * i, _number(cells[respondent].shown, for_publication))
                _put(sheet, row, 3 + 2 * i, _number(cells[respondent].percent, for_publication))
    sheet.column_dimensions["A"].width = 50


def to_xlsx(ret: Return, for_publication: bool) -> bytes:
    """A workbook with one sheet per block and a Notes sheet."""
    from openpyxl import Workbook

    shown = present(ret, for_publication)
    book = Workbook()
    notes_sheet = book.active
    notes_sheet.title = NOTES
    taken = {NOTES.lower()}
    lines = notes(shown)
    for row, line in enumerate(lines, start=1):
        _put(notes_sheet, row, 1, line)
    row = len(lines) + 2
    _put(notes_sheet, row, 1, "About the return", bold=True)
    for offset, (name, value) in enumerate(shown.about.items(), start=1):
        _put(notes_sheet, row + offset, 1, name)
        _put(notes_sheet, row + offset, 2, _number(value, for_publication))
    notes_sheet.column_dimensions["A"].width = 100
    ids = [b.id for b in shown.blocks]
    for block in shown.blocks:
        # Blocks sharing an id (one per experience outcome) are named by what they measure.
        sheet = book.create_sheet(sheet_name(block, taken, by_measure=ids.count(block.id) > 1))
        _block_sheet(sheet, block, ret.organisation, ret.period, for_publication)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
