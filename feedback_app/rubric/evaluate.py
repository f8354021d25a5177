"""Score suggestions against expert levels: kappa, accuracy, coverage, precision and a confusion matrix.

Rows come from a CSV with columns id, outcome, answer, words (and gold, to evaluate). Bad rows are
returned as problems naming their line, never raised, so one bad row does not stop the rest.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from feedback_app.rubric.agreement import cohen_kappa, confusion_matrix, percent_agreement
from feedback_app.rubric.model import Rubric
from feedback_app.rubric.suggest import Suggestion, suggest
from feedback_app.vocabulary import OUTCOME_LEVELS, UNCLEAR, levels_for

INPUT_COLUMNS: tuple[str, ...] = ("id", "outcome", "answer", "words")


class MissingColumns(ValueError):
    """The CSV header lacks columns every row needs."""


@dataclass(frozen=True)
class Row:
    id: str
    outcome: str
    answer: str | None
    words: str
    line: int
    gold: str | None = None


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str


def read_rows(text: str, need_gold: bool = False) -> Iterator[Row | RowProblem]:
    """Rows of a coding CSV, checked; a bad row comes back as a RowProblem with its line."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    needed = INPUT_COLUMNS + (("gold",) if need_gold else ())
    missing = [column for column in needed if column not in (reader.fieldnames or ())]
    if missing:
        raise MissingColumns(f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    for record in reader:
        line = reader.line_num
        if None in record or any(record.get(column) is None for column in needed):
            yield RowProblem(line, "has a missing column (too few or too many values)")
            continue
        outcome = record["outcome"].strip()
        answer = record["answer"].strip() or None
        gold = (record.get("gold") or "").strip() or None
        if outcome not in OUTCOME_LEVELS:
            yield RowProblem(line, f"unknown outcome '{outcome}'")
        elif answer is not None and answer not in levels_for(outcome):
            yield RowProblem(line, f"answer '{answer}' is not a level of {outcome} ({', '.join(levels_for(outcome))})")
        elif need_gold and gold not in levels_for(outcome):
            yield RowProblem(line, f"gold '{gold or ''}' is not a level of {outcome} ({', '.join(levels_for(outcome))})")
        else:
            yield Row(record["id"].strip(), outcome, answer, record["words"], line, gold)


def suggest_rows(rubric: Rubric, rows: Iterable[Row]) -> list[tuple[Row, Suggestion]]:
    """A suggestion for each row."""
    return [(row, suggest(rubric, row.outcome, row.answer, row.words)) for row in rows]


@dataclass
class Figures:
    """How far the suggestions agree with the expert (gold) levels."""

    items: int
    kappa: float | None
    accuracy: float | None  # share of all items where the suggestion equals gold (0 to 1)
    coverage: float | None  # share of items not suggested as unclear
    precision: float | None  # accuracy over the items where a level was committed to
    committed: int
    labels: list[str] = field(default_factory=list)
    matrix: dict[str, dict[str, int]] = field(default_factory=dict)  # gold row -> suggested column
    by_outcome: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)  # the matrix per outcome


def figures(pairs: Sequence[tuple[str, str]], outcomes: Sequence[str] | None = None) -> Figures:
    """Figures for (gold, suggested) pairs; unclear is a category like any other for kappa and accuracy.

    With the outcome of each pair, the confusion matrix is also given per outcome, over its levels.
    """
    gold = [g for g, _ in pairs]
    suggested = [s for _, s in pairs]
    n = len(pairs)
    committed = [(g, s) for g, s in pairs if s != UNCLEAR]
    agreement = percent_agreement(gold, suggested)
    precision = percent_agreement([g for g, _ in committed], [s for _, s in committed])
    order = [level for levels in OUTCOME_LEVELS.values() for level in levels] + [UNCLEAR]
    labels = sorted(set(gold) | set(suggested), key=lambda level: order.index(level) if level in order else len(order))
    return Figures(
        items=n,
        kappa=cohen_kappa(gold, suggested),
        accuracy=None if agreement is None else agreement / 100,
        coverage=len(committed) / n if n else None,
        precision=None if precision is None else precision / 100,
        committed=len(committed),
        labels=labels,
        matrix=confusion_matrix(gold, suggested, labels),
        by_outcome=_per_outcome(pairs, outcomes) if outcomes is not None else {},
    )


def _per_outcome(pairs: Sequence[tuple[str, str]], outcomes: Sequence[str]) -> dict[str, dict[str, dict[str, int]]]:
    matrices = {}
    for outcome in dict.fromkeys(outcomes):
        chosen = [pair for pair, of in zip(pairs, outcomes, strict=True) if of == outcome]
        labels = list(levels_for(outcome)) if outcome in OUTCOME_LEVELS else sorted({x for p in chosen for x in p})
        matrices[outcome] = confusion_matrix([g for g, _ in chosen], [s for _, s in chosen], labels)
    return matrices


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def report(result: Figures) -> str:
    """The figures and the confusion matrix (rows: expert level, columns: suggested) as plain text."""
    kappa = "n/a" if result.kappa is None else f"{result.kappa:.3f}"
    lines = [
        f"Items:      {result.items}",
        f"Kappa:      {kappa}",
        f"Accuracy:   {_percent(result.accuracy)}",
        f"Coverage:   {_percent(result.coverage)} ({result.committed} of {result.items} not unclear)",
        f"Precision:  {_percent(result.precision)} (correct where a level was committed to)",
    ]
    matrices = result.by_outcome or {"all outcomes": result.matrix}
    lines += ["", "Confusion matrices (rows: expert level, columns: suggested level)"]
    for outcome, matrix in matrices.items():
        lines += ["", *_table(outcome, matrix)]
    return "\n".join(lines)


def _table(title: str, matrix: dict[str, dict[str, int]]) -> list[str]:
    labels = list(matrix)
    first = max(len(title), *(len(label) for label in labels)) + 2
    widths = [max(len(label), 3) + 2 for label in labels]
    rows = [title.ljust(first) + "".join(label.rjust(w) for label, w in zip(labels, widths, strict=True))]
    for row in labels:
        cells = "".join(str(matrix[row][col]).rjust(w) for col, w in zip(labels, widths, strict=True))
        rows.append(row.ljust(first) + cells)
    return rows
