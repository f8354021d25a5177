"""`flask banks validate`: a Flask CLI plugin, so it runs even when a broken bank stops the app."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import click

from feedback_app.question_banks.loader import check_paths
from feedback_app.question_banks.problems import Problem, plural


def default_banks_dir() -> Path:
    """The project's question_banks/ folder, or QUESTION_BANKS_DIR when that is set."""
    configured = os.environ.get("QUESTION_BANKS_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "question_banks"


def _relative(problem: Problem) -> Problem:
    """The problem with its file shown relative to the current directory where possible."""
    try:
        return replace(problem, file=str(Path(problem.file).resolve().relative_to(Path.cwd())))
    except ValueError:
        return problem


@click.group()
def banks() -> None:
    """Question bank commands."""


@banks.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check question banks (default: every bank in question_banks/) and list each problem."""
    report, _ = check_paths(list(paths) or [default_banks_dir()])
    for problem in report.problems:
        click.echo(str(_relative(problem)))
    if report.problems:
        files = {problem.file for problem in report.problems}
        click.echo(f"{plural(len(report.problems), 'problem')} found in {plural(len(files), 'bank')}")
        raise SystemExit(1)
    click.echo(f"{plural(len(report.files), 'bank')} checked, no problems found")
