"""Disclosure control: what a return shows to coordinators and what it shows for publication. No Flask.

Coordinators see the real counts. For publication (exports, briefings, board dashboards) a count
of 0 to 4 is suppressed as "[c]" (primary suppression), every other count is rounded to the nearest
5, percentages come from the unrounded counts, and a block that was not collected is "[x]".

Secondary suppression. A published table carries sums: within a block each respondent group's
categories add up to its total, `all` = `adult` + `representative` for every category and for the
total, and some figures repeat across blocks (the outcomes-achieved total is the "asked and
expressed" count, every block over finished conversations has the same total, held = held by the
enquiry lead + held independently). Treating every shown figure as exact (percentages from unrounded
counts can give the exact counts away), a suppressed cell must not be the only unknown that these
sums pin down. So, while linear algebra over the shown figures still determines a suppressed entry,
we also suppress the smallest shown cell in a sum that gives it away (a category before a total).
Every cell suppressed this way is listed in `ShownReturn.secondary`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from feedback_app.returns.model import ADULT, ALL, NOT_COLLECTED, REPRESENTATIVE, Block, Return

SUPPRESSED, NOT_AVAILABLE, NOT_APPLICABLE = "[c]", "[x]", "[z]"
TOTAL = "total"  # the category under which a block's totals are shown
ABOUT = "about"  # the about-the-return block: its figures overlap, so it has no total
SMALLEST_SHOWN = 5
FINISHED_BLOCKS = ("asked_outcomes", "capacity", "experience")  # each counts every finished conversation

Entry = tuple[str, str, str, str]  # (block id, measure, category, respondent)
Equation = dict[Entry, int]  # coefficients: sum of coefficient * count is zero


def shown_value(count: int, *, for_publication: bool) -> str:
    """A count as shown: exact for coordinators; for publication "[c]" for 0 to 4, else nearest 5."""
    if count < 0:
        raise ValueError(f"A count cannot be negative: {count}.")
    if not for_publication:
        return str(count)
    if count < SMALLEST_SHOWN:
        return SUPPRESSED
    return str((2 * count + 5) // 10 * 5)  # half up, in whole numbers: 12 -> 10, 13 -> 15


def percent(part: int, whole: int, *, for_publication: bool = True, suppressed: bool = False) -> str:
    """Part as a percentage of whole, from unrounded counts, to one decimal place.

    "[c]" for publication when the part or the whole is suppressed or the whole is under 5;
    "[z]" when there is nothing to take a percentage of.
    """
    if for_publication and (suppressed or part < SMALLEST_SHOWN or whole < SMALLEST_SHOWN):
        return SUPPRESSED
    if whole == 0:
        return NOT_APPLICABLE
    return f"{100 * part / whole:.1f}"


@dataclass(frozen=True)
class ShownCell:
    category: str  # TOTAL for a block total
    respondent: str
    count: int
    shown: str
    percent: str  # of the respondent group's total; "" for totals and the about block


@dataclass(frozen=True)
class ShownBlock:
    id: str
    measure: str
    status: str
    cells: tuple[ShownCell, ...]
    totals: tuple[ShownCell, ...]  # one per respondent group; none for the about block


@dataclass(frozen=True)
class ShownReturn:
    organisation: str
    period: str
    for_publication: bool
    blocks: tuple[ShownBlock, ...]
    about: dict[str, str]  # the about figures as shown
    secondary: frozenset[Entry]  # cells suppressed only to protect other cells

    def values(self) -> dict[Entry, tuple[int, str, str]]:
        """Every (block id, measure, category, respondent) -> (count, shown value, percent shown)."""
        return {
            (b.id, b.measure, c.category, c.respondent): (c.count, c.shown, c.percent)
            for b in self.blocks
            for c in (*b.cells, *b.totals)
        }


# The table behind a block ------------------------------------------------------------------------


def _respondents(block: Block) -> list[str]:
    found = {cell.respondent for cell in block.cells}
    return [r for r in (ALL, ADULT, REPRESENTATIVE) if r in found] + sorted(
        found - {ALL, ADULT, REPRESENTATIVE}
    )


def _counts(block: Block) -> dict[Entry, int]:
    """Every category x respondent (a missing cell is 0), then the totals, in a stable order."""
    categories = list(dict.fromkeys(cell.category for cell in block.cells))
    given = {(cell.category, cell.respondent): cell.count for cell in block.cells}
    counts = {
        (block.id, block.measure, c, r): given.get((c, r), 0) for c in categories for r in _respondents(block)
    }
    if block.id != ABOUT:
        for r in _respondents(block):
            counts[(block.id, block.measure, TOTAL, r)] = sum(given.get((c, r), 0) for c in categories)
    return counts


def _block_equations(block: Block) -> list[Equation]:
    key = (block.id, block.measure)
    categories = list(dict.fromkeys(cell.category for cell in block.cells))
    respondents = _respondents(block)
    if block.id == ABOUT:
        return [
            {
                (*key, "held", ALL): 1,
                (*key, "held_enquiry_lead", ALL): -1,
                (*key, "held_independent", ALL): -1,
            }
        ]
    equations = [{**{(*key, c, r): 1 for c in categories}, (*key, TOTAL, r): -1} for r in respondents]
    if {ALL, ADULT, REPRESENTATIVE} <= set(respondents):
        equations += [
            {(*key, c, ALL): 1, (*key, c, ADULT): -1, (*key, c, REPRESENTATIVE): -1}
            for c in (*categories, TOTAL)
        ]
    return equations


def _links(blocks: Iterable[Block]) -> list[Equation]:
    """Figures that repeat across blocks, by what the blocks count."""
    respondents = {}
    for b in blocks:
        respondents.setdefault((b.id, b.measure), set(_respondents(b)))
    one = {key[0]: key for key in reversed(list(respondents))}  # the first block with each id
    links: list[Equation] = []
    for r in (ALL, ADULT, REPRESENTATIVE):
        if "asked_outcomes" in one and "outcomes_achieved" in one:
            asked, achieved = one["asked_outcomes"], one["outcomes_achieved"]
            links.append({(*achieved, TOTAL, r): 1, (*asked, "asked_expressed", r): -1})
        # Every block over all finished conversations has the same total.
        same = [k for k, found in respondents.items() if k[0] in FINISHED_BLOCKS and r in found]
        links += [{(*a, TOTAL, r): 1, (*b, TOTAL, r): -1} for a, b in itertools.pairwise(same)]
    finished = [k for k in respondents if k[0] in FINISHED_BLOCKS]
    if "capacity_support" in one and "capacity" in one:
        links.append({(*one["capacity_support"], TOTAL, ALL): 1, (*one["capacity"], "yes", ALL): -1})
    if ABOUT in one and finished:
        links.append({(*one[ABOUT], "held", ALL): 1, (*finished[0], TOTAL, ALL): -1})
    return links


def _holding(equations: Iterable[Equation], counts: Mapping[Entry, int]) -> list[Equation]:
    """Only equations whose entries all exist and which hold: we never assume a sum that is not true."""
    return [
        e for e in equations if all(k in counts for k in e) and sum(c * counts[k] for k, c in e.items()) == 0
    ]


# Finding what the shown figures give away --------------------------------------------------------


def determined(equations: Iterable[Equation], unknown: set[Entry]) -> set[Entry]:
    """The unknown entries that the equations pin down once every other entry is known.

    Exact Gauss-Jordan elimination over the unknowns: an unknown is pinned down exactly when a
    reduced row has it alone.
    """
    pivots: dict[Entry, dict[Entry, Fraction]] = {}
    for equation in equations:
        row = {k: Fraction(c) for k, c in equation.items() if k in unknown}
        for pivot, pivot_row in pivots.items():
            if pivot in row:
                _subtract(row, pivot_row, row[pivot])
        if not row:
            continue
        pivot = next(iter(row))
        row = {k: v / row[pivot] for k, v in row.items()}
        for other in pivots.values():  # keep the new pivot's column clear in every other row
            if pivot in other:
                _subtract(other, row, other[pivot])
        pivots[pivot] = row
    return {pivot for pivot, row in pivots.items() if len(row) == 1}


def _subtract(row: dict[Entry, Fraction], other: Mapping[Entry, Fraction], factor: Fraction) -> None:
    for k, v in other.items():
        row[k] = row.get(k, Fraction(0)) - factor * v
        if not row[k]:
            del row[k]


def _suppress(
    counts: dict[Entry, int], equations: list[Equation], not_collected: set[Entry]
) -> tuple[set[Entry], set[Entry]]:
    """(primary, secondary) suppressions for publication."""
    order = {k: i for i, k in enumerate(counts)}
    primary = {k for k, v in counts.items() if v < SMALLEST_SHOWN and k not in not_collected}
    secondary: set[Entry] = set()
    unknown = primary | not_collected
    given_up: set[Entry] = set()
    while exposed := sorted(
        (determined(equations, unknown) & (primary | secondary)) - given_up, key=order.get
    ):
        target = exposed[0]
        chosen = _cover(target, equations, unknown, counts, order)
        if chosen is None:  # fixed by the structure itself, whatever is shown: nothing more can help
            given_up.add(target)
            continue
        secondary.add(chosen)
        unknown.add(chosen)
    return primary, secondary


def _cover(
    target: Entry,
    equations: list[Equation],
    unknown: set[Entry],
    counts: Mapping[Entry, int],
    order: Mapping[Entry, int],
) -> Entry | None:
    """The shown entry to suppress so the target is no longer pinned down: a category before a total,
    the smallest first, and one that frees the target on its own where there is one."""
    candidates = sorted(
        {k for e in equations if target in e for k in e if k not in unknown},
        key=lambda k: (k[2] == TOTAL, counts[k], order[k]),
    )
    for k in candidates:
        if target not in determined(equations, unknown | {k}):
            return k
    return candidates[0] if candidates else None


def _shown(
    blocks: tuple[Block, ...], for_publication: bool
) -> tuple[dict[Entry, str], dict[Entry, int], set[Entry]]:
    counts: dict[Entry, int] = {}
    for block in blocks:
        counts.update(_counts(block))
    not_collected = {k for b in blocks if b.status == NOT_COLLECTED for k in _counts(b)}
    if not for_publication:
        return {k: NOT_AVAILABLE if k in not_collected else str(v) for k, v in counts.items()}, counts, set()
    equations = _holding([e for b in blocks for e in _block_equations(b)] + _links(blocks), counts)
    primary, secondary = _suppress(counts, equations, not_collected)
    shown = {
        k: NOT_AVAILABLE
        if k in not_collected
        else SUPPRESSED
        if k in primary | secondary
        else shown_value(v, for_publication=True)
        for k, v in counts.items()
    }
    return shown, counts, secondary


def protect(block: Block, *, for_publication: bool = True) -> dict[tuple[str, str], str]:
    """(category, respondent) -> shown value for one block, totals under category "total"."""
    shown, _, _ = _shown((block,), for_publication)
    return {(k[2], k[3]): v for k, v in shown.items()}


def present(ret: Return, for_publication: bool) -> ShownReturn:
    """The whole return as shown to its audience, protected across blocks as well as within them."""
    shown, counts, secondary = _shown(ret.blocks, for_publication)
    blocks = []
    for block in ret.blocks:
        keys = list(_counts(block))
        cells, totals = [], []
        for k in keys:
            whole = (k[0], k[1], TOTAL, k[3])
            if k[2] == TOTAL or block.id == ABOUT:
                pct = ""
            elif block.status == NOT_COLLECTED:
                pct = NOT_AVAILABLE
            else:
                hidden = SUPPRESSED in (shown[k], shown[whole])
                pct = percent(counts[k], counts[whole], for_publication=for_publication, suppressed=hidden)
            (totals if k[2] == TOTAL else cells).append(ShownCell(k[2], k[3], counts[k], shown[k], pct))
        blocks.append(ShownBlock(block.id, block.measure, block.status, tuple(cells), tuple(totals)))
    about_shown = {k[2]: v for k, v in shown.items() if k[0] == ABOUT and k[3] == ALL}
    held = ret.about.get("held")
    about = {
        name: _about_value(name, value, about_shown, for_publication, held)
        for name, value in ret.about.items()
    }
    return ShownReturn(
        ret.organisation, ret.period, for_publication, tuple(blocks), about, frozenset(secondary)
    )


def _about_value(name: str, value, about_shown: Mapping[str, str], for_publication: bool, held) -> str:
    """An about figure: counts as in the about block; statistics suppressed when under 5 were held."""
    if value is None:
        return NOT_AVAILABLE
    if name in about_shown:
        return about_shown[name]
    if isinstance(value, int) and not isinstance(value, bool):
        return shown_value(value, for_publication=for_publication)
    if for_publication and isinstance(held, int) and held < SMALLEST_SHOWN:
        return SUPPRESSED
    return f"{value:.2f}".rstrip("0").rstrip(".")
