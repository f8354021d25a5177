"""`flask banks validate`: a Flask CLI plugin, so it runs even when a broken bank stops the app."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import click

from feedback_app.question_banks.glossary import GLOSSARY_FILE, load_glossary
from feedback_app.question_banks.lint import Fault, LintReport, bank_files, lint_banks
from feedback_app.question_banks.loader import check_paths
from feedback_app.question_banks.problems import InvalidQuestionBanks, Problem, plural

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def default_banks_dir() -> Path:
    """The project's question_banks/ folder, or QUESTION_BANKS_DIR when that is set."""
    configured = os.environ.get("QUESTION_BANKS_DIR")
    return Path(configured) if configured else PROJECT_ROOT / "question_banks"


def _relative(problem: Problem | Fault) -> Problem | Fault:
    """The problem with its file shown relative to the current directory where possible."""
    return replace(problem, file=_shown(problem.file))


def _shown(file: str) -> str:
    try:
        return str(Path(file).resolve().relative_to(Path.cwd()))
    except ValueError:
        return file


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


@banks.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--glossary", "glossary_path", type=click.Path(path_type=Path), help="Default: glossary.yaml beside the banks.")
@click.option(
    "--translations",
    "translations_dir",
    type=click.Path(path_type=Path),
    default=PROJECT_ROOT / "translations",
    show_default="translations/",
    help="Where the .po catalogues are.",
)
@click.option("--english-only", is_flag=True, help="Do not check the translations.")
def lint(paths: tuple[Path, ...], glossary_path: Path | None, translations_dir: Path, english_only: bool) -> None:
    """Check that every bank's words are plain: no jargon, short sentences, easy to read; exit 1 on any fault."""
    folders = list(paths) or [default_banks_dir()]
    if glossary_path is None:
        beside = next((folder / GLOSSARY_FILE for folder in folders if (folder / GLOSSARY_FILE).is_file()), None)
        glossary_path = beside or default_banks_dir() / GLOSSARY_FILE
    try:
        glossary = load_glossary(glossary_path)
    except InvalidQuestionBanks as error:
        for problem in error.problems:
            click.echo(str(_relative(problem)))
        click.echo("The glossary has problems: fix them first")
        raise SystemExit(1) from None
    missing = [str(path) for path in folders if not path.exists()]
    if missing:
        click.echo(f"No such file or directory: {', '.join(missing)}")
        raise SystemExit(1)
    report = lint_banks(bank_files(folders), glossary, None if english_only else translations_dir)
    for fault in report.faults:
        click.echo(str(_relative(fault)))
    _summary(report)
    if report.faults:
        raise SystemExit(1)


def _summary(report: LintReport) -> None:
    click.echo(f"{plural(len(report.files), 'bank')} checked in {', '.join(report.languages)}:")
    for language, judged in report.languages.items():
        click.echo(f"  {language}: {judged}")
    for file, lowest in report.reading_ease.items():
        if lowest:
            scores = ", ".join(f"{kind.replace('_', ' ')} {score:.0f}" for kind, score in sorted(lowest.items()))
            click.echo(f"  {_shown(file)}: lowest reading ease (Flesch, English): {scores}")
    if report.faults:
        files = {fault.file for fault in report.faults}
        click.echo(f"{plural(len(report.faults), 'fault')} found in {plural(len(files), 'file')}")
    else:
        click.echo("no faults found")
