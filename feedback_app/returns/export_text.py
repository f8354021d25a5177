"""Text shared by the export writers: spreadsheet escaping, labels and notes. No Flask."""

from __future__ import annotations

import re

from feedback_app.returns.disclosure import ShownReturn
from feedback_app.returns.model import NOT_COLLECTED, PARTIAL
from feedback_app.vocabulary import SAC_CATEGORIES

# A spreadsheet evaluates a cell that starts with one of these (CSV/formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters an XLSX file (XML) cannot hold; the same set openpyxl refuses.
XML_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def escape_cell(value: str) -> str:
    """The text with a single quote in front when a spreadsheet would otherwise evaluate it."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def spreadsheet_text(value: str) -> str:
    """Escaped against formulas, without the control characters a spreadsheet cannot hold
    (a hostile name must not break the file)."""
    return escape_cell(XML_ILLEGAL.sub("", value))


def category_label(measure: str, category: str) -> str:
    """The exact SAC label when the measure is a SAC table and the category one of its codes."""
    return SAC_CATEGORIES.get(measure, {}).get(category, category)


def audience(for_publication: bool) -> str:
    if for_publication:
        return "For publication: counts of 0 to 4 suppressed, other counts rounded to the nearest 5"
    return "Not for publication: real counts, for coordinators only"


def notes(shown: ShownReturn) -> list[str]:
    """The notes that go with an export: who it is for, the symbols, and what the return covers."""
    lines = [
        f"Organisation: {shown.organisation}",
        (
            f"Period: {shown.period} (financial year 1 April to 31 March; conversations count in the period "
            "in which the enquiry concluded)"
        ),
        audience(shown.for_publication),
    ]
    if shown.for_publication:
        lines += [
            (
                "[c]: suppressed. A count of 0 to 4 is never published. Where a suppressed count could be "
                "worked out from a total or from adult + representative = all, another cell is suppressed too "
                f"({len(shown.secondary)} cell(s) in this return)."
            ),
            (
                "Every other count is rounded to the nearest 5 (halves rounded up), so rounded figures may not "
                "add up to the rounded total."
            ),
            (
                "Percentages are worked out from the unrounded counts, and are suppressed where the count or "
                "the total is."
            ),
        ]
    else:
        lines.append(
            "Counts are exact. Do not share this export outside the team: use the publication export."
        )
    lines += [
        "[x]: not available. This part of the return was not collected; it is not a zero.",
        "[z]: not applicable, there is nothing to take a percentage of.",
    ]
    partial = [f"{b.id} ({b.measure})" for b in shown.blocks if b.status == PARTIAL]
    missing = [f"{b.id} ({b.measure})" for b in shown.blocks if b.status == NOT_COLLECTED]
    lines.append(
        "Partial blocks (some conversations not coded yet; partial returns are welcome): "
        + (", ".join(partial) or "none")
    )
    lines.append("Blocks not collected: " + (", ".join(missing) or "none"))
    return lines
