"""Return blocks written by hand for the disclosure and export tests."""

from __future__ import annotations

from feedback_app.returns.model import ADULT, ALL, COMPLETE, REPRESENTATIVE, Block, Cell


def split_block(
    block_id: str, measure: str, counts: dict[str, tuple[int, int]], status: str = COMPLETE
) -> Block:
    """A block split by respondent from category -> (adult, representative) counts; `all` is their sum."""
    cells = []
    for category, (adult, representative) in counts.items():
        cells += [
            Cell(category, ALL, adult + representative),
            Cell(category, ADULT, adult),
            Cell(category, REPRESENTATIVE, representative),
        ]
    return Block(block_id, measure, status, tuple(cells))


def all_only_block(block_id: str, measure: str, counts: dict[str, int], status: str = COMPLETE) -> Block:
    return Block(block_id, measure, status, tuple(Cell(c, ALL, n) for c, n in counts.items()))
