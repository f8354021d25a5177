"""The rubric file: it loads, validates, and a broken rubric names the file, line and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from feedback_app.question_banks import validate_paths
from feedback_app.rubric.loader import InvalidRubric, load_rubric
from feedback_app.rubric.validation import check_text
from feedback_app.vocabulary import OUTCOME_LEVELS

BANKS = Path(__file__).resolve().parents[2] / "question_banks"
RUBRIC = BANKS / "rubric.yaml"
TEXT = RUBRIC.read_text(encoding="utf-8")


def changed(old: str, new: str, text: str = TEXT) -> str:
    assert old in text, f"the rubric no longer contains {old!r}"
    return text.replace(old, new, 1)


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_the_rubric_has_no_problems() -> None:
    assert check_text(TEXT, "rubric.yaml") == []


def test_the_rubric_covers_every_outcome_and_level_with_three_examples() -> None:
    rubric = load_rubric(BANKS)
    assert list(rubric.outcomes) == list(OUTCOME_LEVELS)
    for outcome_id, levels in OUTCOME_LEVELS.items():
        outcome = rubric.outcome(outcome_id)
        assert outcome.level_ids == levels, f"{outcome_id} levels are out of order or missing"
        for level in outcome.levels.values():
            assert len(level.examples) >= 3, f"{outcome_id}/{level.id} has too few worked examples"
            assert level.points_to and level.points_away
    assert any(e.respondent == "representative" for _, e in rubric.examples())


def test_banks_validate_checks_the_rubric_but_the_bank_loader_ignores_it(tmp_path: Path) -> None:
    broken = changed("    principle: Partnership", "    principle: Teamwork")
    (tmp_path / "rubric.yaml").write_text(broken, encoding="utf-8")
    found = [str(problem) for problem in validate_paths([tmp_path])]
    line = line_of(broken, "principle: Teamwork")
    assert found == [
        f"{tmp_path / 'rubric.yaml'}:{line}: outcome 'worked_together', principle: must be one of "
        "Empowerment, Prevention, Proportionality, Protection, Partnership, Accountability, not 'Teamwork'"
    ]


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        (
            "  asked_outcomes:\n", "  asked_outcome:\n", "asked_outcome:",
            "unknown outcome 'asked_outcome' (did you mean 'asked_outcomes'?)",
        ),
        (
            "          - words: Much safer, yes.\n            answer: safer\n            respondent: adult\n"
            "            reason: Words and button agree.\n", "", "examples:\n          - words: I feel loads",
            "outcome 'feel_safer', level 'safer': needs at least 3 worked examples (has 2)",
        ),
        (
            "            answer: asked_expressed\n            respondent: adult\n            reason: Words and button agree.",
            "            answer: yes\n            respondent: adult\n            reason: Words and button agree.",
            "answer: yes\n            respondent: adult\n            reason: Words and button agree.",
            "outcome 'asked_outcomes', level 'asked_expressed', example 3, answer: 'yes' is not a level of "
            "asked_outcomes (asked_expressed, asked_none_expressed, not_asked, dont_know, unclear)",
        ),
        (
            "        when: They feel clearly safer, or safe now.\n",
            "        when: They feel clearly safer, or safe now.\n        colour: green\n",
            "colour: green", "outcome 'feel_safer', level 'safer': unknown key 'colour'",
        ),
        (
            "      no_safer:\n        when:", "      not_safer:\n        when:", "not_safer:",
            "outcome 'feel_safer': 'not_safer' is not a level of feel_safer",
        ),
        (
            "    hedged: {safer: a_bit_safer}", "    hedged: {safer: bit_safer}", "hedged: {safer: bit_safer}",
            "outcome 'feel_safer', hedged 'safer': 'bit_safer' is not a level of feel_safer "
            "(safer, a_bit_safer, no_safer, less_safe, unclear)",
        ),
    ],
)
def test_a_broken_rubric_names_the_line_and_the_problem(old: str, new: str, at: str, message: str) -> None:
    broken = changed(old, new)
    problems = [str(problem) for problem in check_text(broken, "rubric.yaml")]
    assert f"rubric.yaml:{line_of(broken, at)}: {message}" in problems, problems


def test_a_missing_outcome_and_a_missing_level_are_named() -> None:
    broken = changed("principle: Proportionality\n", "principle: Proportionality\n", TEXT)
    start = broken.index("  proportionate:\n")
    problems = [str(p) for p in check_text(broken[:start], "rubric.yaml")]
    assert any("outcome 'proportionate' is missing" in p for p in problems), problems


def test_load_rubric_raises_with_every_problem(tmp_path: Path) -> None:
    (tmp_path / "rubric.yaml").write_text("kind: rubric\nid: x\n", encoding="utf-8")
    with pytest.raises(InvalidRubric) as caught:
        load_rubric(tmp_path)
    assert f"{tmp_path / 'rubric.yaml'}:1: the rubric: is missing 'version'" in str(caught.value)


def test_yaml_that_cannot_be_read_is_a_problem_not_a_crash() -> None:
    assert [str(p) for p in check_text("kind: rubric\noutcomes: [\n", "r.yaml")][0].startswith("r.yaml:")
