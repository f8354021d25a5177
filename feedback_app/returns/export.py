"""Exports of a return: long CSV, SAC-shaped CSV, XLSX and JSON, with server-chosen names. No Flask.

Every export takes a Return and `for_publication`. For publication every figure goes through
disclosure control (`disclosure.present`) and no export carries the real counts; coordinators'
exports carry the real counts as well. Every text cell of a CSV or XLSX passes through
`escape_cell`, so a hostile organisation name can never be evaluated as a spreadsheet formula.

JSON structure (version 1), for other systems; values are not spreadsheet-escaped:
    {"format": "msp-return", "version": 1, "period": str, "organisation": str,
     "for_publication": bool,
     "blocks": [{"id": str, "measure": str, "status": "complete" | "partial" | "not_collected",
                 "cells": [{"category": str, "respondent": "all" | "adult" | "representative",
                            "value": str, "percentage": str, "count": int (coordinators only)}],
                 "totals": [{"respondent": str, "value": str, "count": int (coordinators only)}]}],
     "about": {name: str},
     "symbols": {"[c]": ..., "[x]": ..., "[z]": ...}}
"value" is always the shown value: a whole number, "[c]", or "[x]".
"""

from __future__ import annotations

import json
import re
import unicodedata

from feedback_app.returns.disclosure import NOT_APPLICABLE, NOT_AVAILABLE, SUPPRESSED, present
from feedback_app.returns.export_csv import to_long_csv, to_sac_csv
from feedback_app.returns.export_text import escape_cell
from feedback_app.returns.export_xlsx import to_xlsx
from feedback_app.returns.model import Return

__all__ = ["SYMBOLS", "briefing_filename", "escape_cell", "export_filename", "to_json", "to_long_csv", "to_sac_csv", "to_xlsx"]

SYMBOLS: dict[str, str] = {
    SUPPRESSED: "Suppressed: a count of 0 to 4, or a count hidden so a suppressed one cannot be worked out",
    NOT_AVAILABLE: "Not available: this part of the return was not collected",
    NOT_APPLICABLE: "Not applicable: there is nothing to take a percentage of",
}

# Format -> file name ending. The server chooses it; nothing from the request reaches the name.
FORMATS: dict[str, str] = {"csv": ".csv", "sac-csv": "-sac.csv", "xlsx": ".xlsx", "json": ".json"}


def to_json(ret: Return, for_publication: bool) -> str:
    """The return as stable, documented JSON (see the module docstring)."""
    shown = present(ret, for_publication)

    def counted(entry: dict, count: int) -> dict:
        return entry if for_publication else {**entry, "count": count}

    document = {
        "format": "msp-return",
        "version": 1,
        "period": ret.period,
        "organisation": ret.organisation,
        "for_publication": for_publication,
        "blocks": [
            {
                "id": block.id,
                "measure": block.measure,
                "status": block.status,
                "cells": [
                    counted(
                        {
                            "category": c.category,
                            "respondent": c.respondent,
                            "value": c.shown,
                            "percentage": c.percent,
                        },
                        c.count,
                    )
                    for c in block.cells
                ],
                "totals": [
                    counted({"respondent": t.respondent, "value": t.shown}, t.count) for t in block.totals
                ],
            }
            for block in shown.blocks
        ],
        "about": shown.about,
        "symbols": SYMBOLS,
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by hyphens ("Ynys Môn" -> "ynys-mon")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")


def export_filename(organisation: str, period: str, fmt: str, for_publication: bool, what: str = "msp-return") -> str:
    """A safe file name chosen by the server, e.g. msp-return-demo-council-2025-26-publication.csv."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    audience = "publication" if for_publication else "not-for-publication"
    parts = [what, _slug(organisation) or "organisation", _slug(period) or "period", audience]
    return "-".join(parts) + FORMATS[fmt]


def briefing_filename(organisation: str, period: str, audience: str) -> str:
    """A safe file name for a briefing PDF, e.g. msp-briefing-board-demo-council-2025-26.pdf."""
    parts = ["msp-briefing", _slug(audience), _slug(organisation) or "organisation", _slug(period) or "period"]
    return "-".join(parts) + ".pdf"
