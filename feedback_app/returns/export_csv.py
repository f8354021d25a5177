"""CSV exports of a return: long form, and shaped like the SAC SG4a and SG2e tables. No Flask."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from feedback_app.returns.disclosure import NOT_AVAILABLE, SUPPRESSED, TOTAL, ShownBlock, percent, present
from feedback_app.returns.export_text import audience, escape_cell
from feedback_app.returns.model import ALL, NOT_COLLECTED, NOT_RECORDED, Return
from feedback_app.vocabulary import SAC_CATEGORIES

LONG_COLUMNS = (
    "period",
    "organisation",
    "block",
    "measure",
    "category",
    "respondent",
    "count",
    "shown_value",
)

# The SAC tables in the SAC-shaped CSV: (measure, block id, heading).
SAC_TABLES: tuple[tuple[str, str, str], ...] = (
    ("sg4a_asked", "asked_outcomes", "SG4a: asked about desired outcomes (concluded section 42 enquiries)"),
    ("sg4a_achieved", "outcomes_achieved", "SG4a: desired outcomes achieved (where outcomes were expressed)"),
    ("sg2e_risk", "risk", "SG2e: risk outcome (where a risk was identified and action taken)"),
)
# Categories a block may add to a SAC table so that its rows add up to its total.
EXTRA_LABELS: dict[str, str] = {NOT_RECORDED: SAC_CATEGORIES["sg4a_asked"][NOT_RECORDED]}
SAC_COLUMNS = ("Category", "Count", "Percentage of table total")


def _write(rows: Iterable[Iterable[object]]) -> str:
    """CSV text with every text cell escaped; numbers stay numbers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([escape_cell(v) if isinstance(v, str) else v for v in row])
    return out.getvalue()


def to_long_csv(ret: Return, for_publication: bool) -> str:
    """One row per block, category and respondent, plus the block totals (category "total").

    The count column is empty for publication: publishing never carries the real small counts.
    """
    shown = present(ret, for_publication)
    rows: list[list[object]] = [list(LONG_COLUMNS)]
    for block in shown.blocks:
        entries = (*block.cells, *block.totals)
        if not entries:  # a block with nothing in it still says it was not collected
            rows.append(
                [ret.period, ret.organisation, block.id, block.measure, TOTAL, ALL, "", NOT_AVAILABLE]
            )
        for c in entries:
            count = "" if for_publication or c.shown == NOT_AVAILABLE else c.count
            rows.append(
                [
                    ret.period,
                    ret.organisation,
                    block.id,
                    block.measure,
                    c.category,
                    c.respondent,
                    count,
                    c.shown,
                ]
            )
    return _write(rows)


def _sac_block(blocks: tuple[ShownBlock, ...], measure: str, block_id: str) -> ShownBlock | None:
    return next((b for b in blocks if b.measure == measure), None) or next(
        (b for b in blocks if b.id == block_id), None
    )


def to_sac_csv(ret: Return, for_publication: bool) -> str:
    """Sections shaped like the SAC SG4a and SG2e tables, with their exact category labels."""
    shown = present(ret, for_publication)
    rows: list[list[object]] = [
        ["Organisation", ret.organisation],
        ["Period", ret.period],
        ["Audience", audience(for_publication)],
    ]
    for measure, block_id, heading in SAC_TABLES:
        block = _sac_block(shown.blocks, measure, block_id)
        cells = {c.category: c for c in block.cells if c.respondent == ALL} if block else {}
        total = next((t for t in block.totals if t.respondent == ALL), None) if block else None
        missing = block is None or block.status == NOT_COLLECTED
        rows += [[], [heading], list(SAC_COLUMNS)]
        labels = SAC_CATEGORIES[measure]
        codes = [
            *labels,
            *(code for code in cells if code not in labels),
        ]  # e.g. not_recorded, kept so rows add up
        for code in codes:
            label = labels.get(code) or EXTRA_LABELS.get(code, code)
            cell = cells.get(code)
            if missing or cell is None:
                rows.append([label, NOT_AVAILABLE, NOT_AVAILABLE])
            else:
                rows.append([label, cell.shown, cell.percent])
        if missing or total is None:
            rows.append(["Total", NOT_AVAILABLE, NOT_AVAILABLE])
        else:
            hidden = total.shown == SUPPRESSED
            rows.append(
                [
                    "Total",
                    total.shown,
                    percent(total.count, total.count, for_publication=for_publication, suppressed=hidden),
                ]
            )
    return _write(rows)
