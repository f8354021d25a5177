"""Loading banks: YAML with lines, Bank objects, directories, and the banks the project ships."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feedback_app.question_banks import (
    Bank,
    InvalidQuestionBanks,
    Option,
    Problem,
    check_text,
    load_bank,
    load_directory,
    validate_paths,
)
from feedback_app.question_banks.yaml_lines import LineDict, LineList, parse_yaml
from feedback_app.vocabulary import OUTCOMES, SAC_CATEGORIES

BANKS_DIR = Path(__file__).resolve().parents[2] / "question_banks"
JARGON = ("s42", "section 42", "perpetrator", "vulnerable adult", "alleged", "safeguarding")


class TestYamlWithLines:
    def test_every_key_and_item_knows_its_line(self) -> None:
        data, problems = parse_yaml("a: 1\nb:\n  - x\n  - {c: 2}\n", "f.yaml")
        assert problems == []
        assert isinstance(data, LineDict) and isinstance(data["b"], LineList)
        assert (data.line_of("a"), data.line_of("b")) == (1, 2)
        assert data["b"].item_lines == [3, 4]
        assert data["b"][1].line_of("c") == 4

    def test_yes_no_on_off_and_dates_stay_text(self) -> None:
        data, _ = parse_yaml("a: yes\nb: no\nc: on\nd: 2024-13-45\ne: true\nf: False\n", "f.yaml")
        assert data == {"a": "yes", "b": "no", "c": "on", "d": "2024-13-45", "e": True, "f": False}

    def test_duplicate_keys_are_problems_but_merge_keys_are_not(self) -> None:
        _, problems = parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n  x: 2\na: 1\na: 2\n", "f.yaml")
        assert problems == [Problem("f.yaml", 6, "duplicate key 'a' (first given on line 5)")]

    def test_syntax_errors_and_bad_tags_come_back_as_problems(self) -> None:
        assert parse_yaml("a: [1\n", "f.yaml")[1][0].line == 2
        assert parse_yaml("a: 1\nb: !!int twelve\n", "f.yaml")[1] == [
            Problem("f.yaml", 2, "YAML value could not be read: invalid literal for int() with base 10: 'twelve'")
        ]
        assert "YAML syntax error" in parse_yaml("? [a]\n: b\n", "f.yaml")[1][0].message
        assert "YAML syntax error" in parse_yaml("a: !!python/object:os.system x\n", "f.yaml")[1][0].message
        assert parse_yaml("a: " + "[" * 5000, "f.yaml")[1] == [Problem("f.yaml", 1, "YAML is nested too deeply to read")]
        assert parse_yaml("a: 1\nb: \x07\n", "f.yaml")[1] == [
            Problem("f.yaml", 2, "YAML syntax error: character U+0007 is not allowed")
        ]


@pytest.fixture(scope="module")
def banks() -> dict[str, Bank]:
    """The banks the project ships."""
    return load_directory(BANKS_DIR)


class TestShippedBanks:
    def test_they_load_with_no_problems(self, banks: dict[str, Bank]) -> None:
        assert validate_paths([BANKS_DIR]) == []
        assert set(banks) == {"after-the-enquiry", "case-details"}

    def test_after_the_enquiry_covers_all_nine_outcomes(self, banks: dict[str, Bank]) -> None:
        bank = banks["after-the-enquiry"]
        covered = {q.outcome for q in bank.questions} | {o for q in bank.questions for o in q.informs}
        assert set(OUTCOMES) - covered == set()
        scored = {q.outcome for q in bank.questions if any(option.level for option in q.options)}
        assert scored >= set(OUTCOMES), "every outcome should have a question whose options map to its levels"

    def test_after_the_enquiry_shape(self, banks: dict[str, Bank]) -> None:
        bank = banks["after-the-enquiry"]
        assert bank.audience == "person" and 10 <= len(bank.questions) <= 12
        assert bank.questions[-1].answer_type == "words"
        assert bank.question("what_wanted").skip_if[0].question_id == "asked_what_wanted"
        for question in bank.questions:
            assert question.guidance, f"{question.id} needs practitioner guidance"
            assert question.picture and question.picture_alt, f"{question.id} needs an easy read picture"
            assert question.wording.adult != question.wording.representative or question.answer_type == "words"
            if question.answer_type == "choice":
                assert all(option.level for option in question.options), question.id
                assert question.required and question.error_message

    def test_case_details_uses_the_exact_sac_labels(self, banks: dict[str, Bank]) -> None:
        bank = banks["case-details"]
        asked = bank.question("asked_outcomes")
        assert asked.outcome == "asked_outcomes"
        assert [(o.value, o.label, o.level) for o in asked.options] == [
            (code, label, None if code == "not_recorded" else code) for code, label in SAC_CATEGORIES["sg4a_asked"].items()
        ]
        risk = bank.question("risk_outcome")
        assert risk.outcome is None and all(option.level is None for option in risk.options)
        assert [o.label for o in risk.options] == ["Risk removed", "Risk reduced", "Risk remained"]
        assert bank.question("risk_action").options == (Option("yes", "Yes", "Yes"), Option("no", "No", "No"))
        assert bank.question("capacity_support").skip_if[0].values == ("no", "dont_know", "not_recorded")
        assert bank.question("lacked_capacity").easy_read == bank.question("lacked_capacity").wording

    @pytest.mark.parametrize(
        "path", sorted(p for p in BANKS_DIR.glob("*.yaml") if p.name not in ("rubric.yaml", "glossary.yaml")), ids=lambda path: path.name
    )
    def test_person_facing_sentences_are_short(self, path: Path) -> None:
        bank = load_bank(path)
        long_sentences = []
        for text, limit in person_facing(bank):
            for sentence in re.split(r"(?<=[.?!])\s+", text):
                if len(sentence.split()) > limit:
                    long_sentences.append(f"{len(sentence.split())} words (limit {limit}): {sentence}")
        assert long_sentences == []

    def test_person_facing_text_has_no_jargon(self, banks: dict[str, Bank]) -> None:
        person_banks = [bank for bank in banks.values() if bank.audience == "person"]
        assert person_banks
        found = [
            (bank.id, word, text)
            for bank in person_banks
            for text, _ in person_facing(bank)
            for word in JARGON
            if word in text.lower()
        ]
        assert found == []


def person_facing(bank: Bank) -> list[tuple[str, int]]:
    """(text, word limit per sentence): 15 for easy read, 25 for standard wording."""
    texts: list[tuple[str, int]] = [(bank.title, 25)]
    for question in bank.questions:
        texts += [(question.wording.adult, 25), (question.wording.representative, 25), (question.error_message, 25)]
        texts += [(question.easy_read.adult, 15), (question.easy_read.representative, 15)]
        texts += [(question.follow_up or "", 25), (question.picture_alt or "", 15)]
        for option in question.options:
            texts += [(option.label, 25), (option.easy_read_label, 15), (option.picture_alt or "", 15)]
    return texts


class TestLoading:
    def test_load_bank_builds_questions_options_and_lines(self) -> None:
        bank = load_bank(BANKS_DIR / "after-the-enquiry.yaml")
        assert (bank.id, bank.version, bank.path) == ("after-the-enquiry", 2, str(BANKS_DIR / "after-the-enquiry.yaml"))
        feel_safer = bank.question("feel_safer")
        text = (BANKS_DIR / "after-the-enquiry.yaml").read_text(encoding="utf-8").splitlines()
        assert text[feel_safer.line - 1] == "  - id: feel_safer"
        assert feel_safer.option("a_bit_safer") == Option(
            "a_bit_safer", "A bit safer", "A bit safer.", "face-bit-happy.svg", "A face with a small smile", "a_bit_safer"
        )
        assert feel_safer.required and feel_safer.error_message == "Select how safe you feel now"
        assert feel_safer.follow_up == "What makes you feel that way?"
        assert not feel_safer.guidance.endswith("\n")

    def test_load_bank_raises_with_every_problem(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.yaml"
        path.write_text("kind: question-bank\nid: Bad Id\nversion: 1\ntitle: T\naudience: person\nquestions: []\n")
        with pytest.raises(InvalidQuestionBanks) as raised:
            load_bank(path)
        lines = str(raised.value).splitlines()
        assert lines[0] == "Invalid question banks: 2 problems found in 1 bank"
        assert lines[1:] == [
            f"{path}:2: id 'Bad Id' must be lower case letters and digits, joined by hyphens",
            f"{path}:6: questions must not be empty",
        ]
        assert len(raised.value.problems) == 2

    def test_load_directory_ignores_other_kinds(self, tmp_path: Path) -> None:
        source = (BANKS_DIR / "case-details.yaml").read_text(encoding="utf-8")
        (tmp_path / "case-details.yaml").write_text(source, encoding="utf-8")
        (tmp_path / "rubric.yaml").write_text("kind: rubric\nid: x\n", encoding="utf-8")
        assert list(load_directory(tmp_path)) == ["case-details"]

    def test_load_directory_refuses_a_broken_bank(self, tmp_path: Path) -> None:
        (tmp_path / "broken.yaml").write_text("kind: question-bank\nid: [\n", encoding="utf-8")
        with pytest.raises(InvalidQuestionBanks, match=r"(?m)^.*broken\.yaml:3: YAML syntax error"):
            load_directory(tmp_path)

    def test_load_directory_of_a_missing_folder(self, tmp_path: Path) -> None:
        with pytest.raises(InvalidQuestionBanks, match="is not a directory of question banks"):
            load_directory(tmp_path / "nowhere")


# Arbitrary input must only ever produce problems, never an exception.
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
KEYS = st.sampled_from(
    ["kind", "id", "version", "questions", "text", "answer", "type", "options", "value", "level", "outcome",
     "skip_if", "question", "answer_in", "informs", "easy_read", "picture", "required", "error", "category"]
) | st.text(max_size=6)
TREES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5), max_leaves=25)
FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SHIPPED = yaml.safe_load((BANKS_DIR / "after-the-enquiry.yaml").read_text(encoding="utf-8"))
SHIPPED["questions"] = SHIPPED["questions"][:4]  # choice, words and skip_if, kept small to stay fast


def only_problems(text: str) -> None:
    found = check_text(text, "fuzz.yaml")
    assert isinstance(found, list) and all(isinstance(problem, Problem) for problem in found)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_only_gives_problems(text: str) -> None:
    only_problems(text)


@settings(max_examples=100, deadline=None)
@given(TREES)
def test_arbitrary_yaml_only_gives_problems(tree: Any) -> None:
    only_problems(yaml.safe_dump(tree))
    only_problems(yaml.safe_dump({"kind": "question-bank", "questions": [tree, tree]}))


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, child in children:
        found += _paths(child, (*prefix, key))
    return found


SHIPPED_PATHS = _paths(SHIPPED)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(SHIPPED_PATHS), TREES | st.just("DELETE")), min_size=1, max_size=4))
def test_damaged_real_bank_only_gives_problems(damage: list[tuple[tuple[Any, ...], Any]]) -> None:
    data = copy.deepcopy(SHIPPED)
    for path, replacement in damage:
        parent = data
        try:
            for step in path[:-1]:
                parent = parent[step]
            if replacement == "DELETE":
                del parent[path[-1]]
            else:
                parent[path[-1]] = replacement
        except (KeyError, IndexError, TypeError):
            continue
    only_problems(yaml.dump(data, Dumper=FAST_DUMPER))
