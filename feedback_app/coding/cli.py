"""`flask coding suggest` and `flask coding evaluate`: the suggestion engine on CSV files."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from feedback_app.rubric.evaluate import MissingColumns, Row, RowProblem, figures, read_rows, report, suggest_rows
from feedback_app.rubric.loader import InvalidRubric, load_rubric
from feedback_app.rubric.model import Rubric

coding = AppGroup("coding", help="Suggest and evaluate rubric levels for what people said.")


def _rubric() -> Rubric:
    """The rubric in the app's question banks folder; a broken rubric stops the command."""
    try:
        return load_rubric(Path(current_app.config["QUESTION_BANKS_DIR"]))
    except InvalidRubric as error:
        raise click.ClickException(str(error)) from error


def _read(path: Path, need_gold: bool) -> tuple[list[Row], list[RowProblem]]:
    """Good rows and bad ones; a file that cannot be read, or lacks a column, stops the command."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise click.ClickException(f"{path}: cannot be read: {getattr(error, 'strerror', None) or error}") from error
    try:
        found = list(read_rows(text, need_gold=need_gold))
    except MissingColumns as error:
        raise click.ClickException(f"{path}:1: {error}") from error
    except csv.Error as error:
        raise click.ClickException(f"{path}: is not a readable CSV file: {error}") from error
    rows = [item for item in found if isinstance(item, Row)]
    problems = [item for item in found if isinstance(item, RowProblem)]
    for problem in problems:
        click.echo(f"{path}:{problem.line}: {problem.message}", err=True)
    return rows, problems


@coding.command("suggest")
@click.argument("input_csv", metavar="INPUT.csv", type=click.Path(path_type=Path, dir_okay=False))
def suggest_command(input_csv: Path) -> None:
    """Suggest a level for each row (id,outcome,answer,words); CSV to standard output, bad rows to standard error."""
    rubric = _rubric()
    rows, _ = _read(input_csv, need_gold=False)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["id", "outcome", "level", "confidence", "evidence"])
    for row, suggestion in suggest_rows(rubric, rows):
        phrases = dict.fromkeys(evidence.text for evidence in suggestion.evidence)
        writer.writerow([row.id, row.outcome, suggestion.level, f"{suggestion.confidence:.2f}", "; ".join(phrases)])


@coding.command("evaluate")
@click.argument("file_csv", metavar="FILE.csv", type=click.Path(path_type=Path, dir_okay=False))
def evaluate_command(file_csv: Path) -> None:
    """Compare suggestions with the expert levels in the gold column: kappa, accuracy, coverage, precision."""
    rubric = _rubric()
    rows, problems = _read(file_csv, need_gold=True)
    results = suggest_rows(rubric, rows)
    click.echo(report(figures([(row.gold or "", suggestion.level) for row, suggestion in results],
                              [row.outcome for row, _ in results])))
    if problems:
        click.echo(f"{len(problems)} row{'s' if len(problems) != 1 else ''} left out: see the messages above.")
