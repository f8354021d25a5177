"""`flask coding suggest` and `flask coding evaluate`, driven through click inside the app."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from flask import Flask

from feedback_app.coding.cli import coding

HELDOUT = Path(__file__).resolve().parents[1] / "bench" / "coding-heldout.csv"


def run(app: Flask, *args: str) -> Result:
    with app.app_context():
        return CliRunner().invoke(coding, list(args))


def test_suggest_writes_a_row_per_good_row_and_names_bad_rows_on_stderr(app: Flask, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "id,outcome,answer,words\n"
        'a1,listened_to,,"Nobody listened, they ignored me."\n'
        "a2,feel_safe,,I feel safer\n"
        "a3,feel_safer,yes,I feel safer\n"
        "a4,respected\n"
        "a5,feel_safer,safer,\n",
        encoding="utf-8",
    )
    result = run(app, "suggest", str(source))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["outcome"], r["level"]) for r in rows] == [("a1", "listened_to", "no"), ("a5", "feel_safer", "safer")]
    assert rows[0]["evidence"] == "Nobody listened; ignored"
    assert 0 < float(rows[0]["confidence"]) <= 1
    assert result.stderr.splitlines() == [
        f"{source}:3: unknown outcome 'feel_safe'",
        f"{source}:4: answer 'yes' is not a level of feel_safer (safer, a_bit_safer, no_safer, less_safe, unclear)",
        f"{source}:5: has a missing column (too few or too many values)",
    ]


def test_suggest_stops_with_exit_1_when_a_column_is_missing(app: Flask, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,outcome,words\n1,listened_to,yes\n", encoding="utf-8")
    result = run(app, "suggest", str(source))
    assert result.exit_code == 1
    assert f"{source}:1: missing column answer" in result.stderr


def test_suggest_stops_with_exit_1_when_the_file_cannot_be_read(app: Flask, tmp_path: Path) -> None:
    result = run(app, "suggest", str(tmp_path / "missing.csv"))
    assert result.exit_code == 1
    assert "missing.csv: cannot be read" in result.stderr


def test_evaluate_prints_the_figures_and_a_confusion_matrix(app: Flask) -> None:
    result = run(app, "evaluate", str(HELDOUT))
    assert result.exit_code == 0, result.output
    figures = dict(line.split(":", 1) for line in result.stdout.splitlines()[:5])
    assert float(figures["Kappa"]) >= 0.75
    assert float(figures["Precision"].split("%")[0]) >= 90
    assert "feel_safer" in result.stdout and "a_bit_safer" in result.stdout


def test_evaluate_needs_a_gold_column(app: Flask, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,outcome,answer,words\n1,listened_to,,yes\n", encoding="utf-8")
    result = run(app, "evaluate", str(source))
    assert result.exit_code == 1
    assert f"{source}:1: missing column gold" in result.stderr


@pytest.mark.parametrize("gold", ["maybe", ""])
def test_evaluate_names_rows_with_a_bad_gold_level(app: Flask, tmp_path: Path, gold: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text(f"id,outcome,answer,words,gold\n1,listened_to,,yes,{gold}\n2,listened_to,,yes,yes\n", encoding="utf-8")
    result = run(app, "evaluate", str(source))
    assert result.exit_code == 0
    assert f"{source}:2: gold '{gold}' is not a level of listened_to" in result.stderr
    assert "Items:      1" in result.stdout
