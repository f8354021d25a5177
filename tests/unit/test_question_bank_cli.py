"""Checking bank files and folders, and `flask banks validate` driven through click without an app."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from feedback_app.question_banks import validate_paths
from feedback_app.question_banks.cli import banks
from tests.unit.test_question_bank_validation import VALID, changed


def test_validate_paths_expands_directories_and_checks_a_rubric_by_its_own_rules(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not yaml: [", encoding="utf-8")
    assert validate_paths([tmp_path]) == []
    (tmp_path / "rubric.yaml").write_text("kind: rubric\nanything: goes\n", encoding="utf-8")
    found = [str(problem) for problem in validate_paths([tmp_path])]
    assert found and all(problem.startswith(f"{tmp_path / 'rubric.yaml'}:") for problem in found)


def test_validate_paths_reports_missing_files_and_shared_bank_ids(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(VALID, encoding="utf-8")
    found = [str(problem) for problem in validate_paths([tmp_path, tmp_path / "missing.yaml"])]
    assert found == [
        f"{tmp_path / 'missing.yaml'}: no such file or directory",
        f"{tmp_path / 'b.yaml'}:2: bank id 'test-bank' is also used by {tmp_path / 'a.yaml'}",
    ]


def test_a_named_file_of_an_unknown_kind_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text("kind: shopping-list\n", encoding="utf-8")
    found = [str(problem) for problem in validate_paths([tmp_path / "notes.yaml"])]
    assert found and found[0].startswith(f"{tmp_path / 'notes.yaml'}:1:")


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "latin.yaml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    assert [str(p) for p in validate_paths([tmp_path])] == [f"{tmp_path / 'latin.yaml'}: is not UTF-8 text"]


class TestCommandLine:
    """`flask banks validate`, driven through click without an app, from a folder holding banks/."""

    @pytest.fixture(autouse=True)
    def in_a_folder_of_banks(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.chdir(tmp_path)
        monkeypatch.delenv("QUESTION_BANKS_DIR", raising=False)
        Path("banks").mkdir()
        Path("banks/good.yaml").write_text(VALID, encoding="utf-8")
        bad = changed("      outcome: feel_safer\n", "      outcome: feel_safe\n", changed("id: test-bank", "id: bad"))
        Path("banks/bad.yaml").write_text(bad, encoding="utf-8")

    def run(self, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
        result = CliRunner().invoke(banks, ["validate", *args], env=env)
        return result.exit_code, result.output

    def test_good_bank_passes(self) -> None:
        assert self.run("banks/good.yaml") == (0, "1 bank checked, no problems found\n")

    def test_bad_bank_fails_with_relative_paths_and_a_summary(self, tmp_path: Path) -> None:
        code, output = self.run(str(tmp_path / "banks"))
        assert code == 1
        lines = output.splitlines()
        assert len(lines) == 2
        assert lines[0].startswith("banks/bad.yaml:20: question 'feel_safer': unknown outcome 'feel_safe'")
        assert lines[1] == "1 problem found in 1 bank"

    def test_default_directory_comes_from_the_environment(self) -> None:
        code, output = self.run(env={"QUESTION_BANKS_DIR": "banks"})
        assert code == 1
        assert output.splitlines()[-1] == "1 problem found in 1 bank"

    def test_default_directory_is_the_projects_question_banks(self) -> None:
        assert self.run() == (0, "2 banks checked, no problems found\n")

    def test_problems_in_several_banks_are_counted(self) -> None:
        code, output = self.run("banks/bad.yaml", "banks/missing.yaml")
        assert code == 1
        assert "banks/missing.yaml: no such file or directory" in output.splitlines()
        assert output.splitlines()[-1] == "2 problems found in 2 banks"
