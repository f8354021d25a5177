"""What the schema cannot say: the meaning of a bank checked against the project's vocabulary."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from feedback_app.question_banks.easy_read import question_problems as easy_read_problems
from feedback_app.question_banks.problems import Problem
from feedback_app.question_banks.yaml_lines import LineDict, LineList
from feedback_app.vocabulary import OUTCOME_LEVELS, SAC_CATEGORIES, levels_for

IMAGES_DIR = Path(__file__).resolve().parents[2] / "static" / "images" / "easy-read"
YES_NO = ("yes", "no")


def _text(mapping: Any, key: str) -> str | None:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, str) else None


def _mapping(mapping: Any, key: str) -> LineDict | None:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, LineDict) else None


def _items(mapping: Any, key: str) -> Iterator[tuple[int, Any]]:
    """(line, item) for each item of a list, or nothing when the key is absent or not a list."""
    value = mapping.get(key) if isinstance(mapping, dict) else None
    if isinstance(value, LineList):
        yield from ((value.line_of(index), item) for index, item in enumerate(value))


def _line(mapping: Any, key: str, default: int) -> int:
    return mapping.line_of(key) if isinstance(mapping, LineDict) else default


def possible_values(answer: LineDict | None) -> frozenset[str] | None:
    """The values an answer can store (none for words or a date), or None when they cannot be known."""
    kind = _text(answer, "type")
    if kind == "choice":
        values = frozenset(v for _, o in _items(answer, "options") if (v := _text(o, "value")) is not None)
        return values or None  # no options is reported on the question itself
    if kind == "yes_no":
        return frozenset(YES_NO)
    if kind == "sac_category":
        category = _text(answer, "category")
        return frozenset(SAC_CATEGORIES[category]) if category in SAC_CATEGORIES else None
    if kind in ("words", "date"):
        return frozenset()
    return None


class BankChecker:
    """Walks one parsed bank in order, collecting problems of meaning."""

    def __init__(self, data: LineDict, file: str, images_dir: Path) -> None:
        self.data, self.file, self.images_dir = data, file, images_dir
        self.problems: list[Problem] = []
        self.earlier: dict[str, frozenset[str] | None] = {}  # question id -> values it can have
        self.earlier_types: dict[str, str] = {}

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def check(self) -> list[Problem]:
        """Every problem of meaning, in line order."""
        person = self.data.get("audience") == "person"
        first_lines: dict[str, int] = {}
        for index, (line, question) in enumerate(_items(self.data, "questions")):
            if not isinstance(question, LineDict):
                continue
            qid = _text(question, "id")
            name = f"question '{qid}'" if qid else f"question {index + 1}"
            if qid in first_lines:
                self.add(_line(question, "id", line), f"{name}: duplicate question id (first on line {first_lines[qid]})")
            self.check_answer(question, name)
            self.check_skip_if(question, name)
            self.check_informs(question, name)
            self.check_required(question, name)
            self.check_easy_read(question, name, line, person)
            if qid and qid not in first_lines:
                first_lines[qid] = _line(question, "id", line)
                answer = _mapping(question, "answer")
                self.earlier[qid] = possible_values(answer)
                self.earlier_types[qid] = _text(answer, "type") or "unknown"
        return sorted(self.problems)

    def check_answer(self, question: LineDict, name: str) -> None:
        """Outcome, options, levels and SAC category agree with the answer type."""
        answer = _mapping(question, "answer")
        if answer is None:
            return
        kind, outcome = _text(answer, "type"), _text(answer, "outcome")
        answer_line = question.line_of("answer")
        if outcome is not None and outcome not in OUTCOME_LEVELS:
            self.add(answer.line_of("outcome"), f"{name}: unknown outcome '{outcome}' (known: {', '.join(OUTCOME_LEVELS)})")
            outcome = None
        elif outcome is not None and kind in ("words", "date", "sac_category"):
            where = "comes from the SAC category" if kind == "sac_category" else "is for choice and yes_no answers; use informs"
            self.add(answer.line_of("outcome"), f"{name}: a {kind} answer cannot have an outcome (it {where})")
        options = answer.get("options")
        if kind == "choice" and not options:
            self.add(answer.key_lines.get("options", answer_line), f"{name}: a choice answer needs options")
        elif kind in ("words", "date", "sac_category") and "options" in answer:
            reason = " (they come from the SAC category)" if kind == "sac_category" else ""
            self.add(answer.line_of("options"), f"{name}: a {kind} answer cannot have options{reason}")
        self.check_options(answer, name, kind, outcome if kind in ("choice", "yes_no") else None)
        category = _text(answer, "category")
        if kind == "sac_category" and category not in SAC_CATEGORIES:
            known = ", ".join(SAC_CATEGORIES)
            found = f"unknown SAC category '{category}'" if category else "a sac_category answer needs a category"
            self.add(answer.key_lines.get("category", answer_line), f"{name}: {found} (known: {known})")
        elif kind != "sac_category" and "category" in answer:
            self.add(answer.line_of("category"), f"{name}: category is only for sac_category answers")

    def check_options(self, answer: LineDict, name: str, kind: str | None, outcome: str | None) -> None:
        """Option values are unique, yes/no values are yes or no, and levels belong to the outcome."""
        first_lines: dict[str, int] = {}
        for line, option in _items(answer, "options"):
            value = _text(option, "value")
            if value is None:
                continue
            where = f"{name}, option '{value}'"
            if value in first_lines:
                self.add(line, f"{where}: duplicate option value (first on line {first_lines[value]})")
            first_lines.setdefault(value, line)
            if kind == "yes_no" and value not in YES_NO:
                self.add(_line(option, "value", line), f"{where}: a yes_no answer can only have values yes and no")
            level = _text(option, "level")
            if level is not None and outcome is None and "outcome" not in answer:
                self.add(option.line_of("level"), f"{where}: has a level but the answer has no outcome")
            elif level is not None and outcome is not None and level not in levels_for(outcome):
                levels = ", ".join(levels_for(outcome))
                self.add(option.line_of("level"), f"{where}: '{level}' is not a level of {outcome} ({levels})")
            elif level is None and outcome is not None:
                self.add(line, f"{where}: needs a level of {outcome}")
        if kind == "yes_no" and outcome is not None:
            for value in YES_NO:
                if value not in first_lines:
                    self.add(answer.line_of("outcome"), f"{name}: needs option '{value}' with a level of {outcome}")

    def check_skip_if(self, question: LineDict, name: str) -> None:
        """Each condition names an earlier question and values that question can have."""
        for line, condition in _items(question, "skip_if"):
            target = _text(condition, "question")
            if target is None:
                continue
            if target not in self.earlier:
                self.add(_line(condition, "question", line), f"{name}: skip_if names '{target}', which is not an earlier question")
                continue
            possible = self.earlier[target]
            if possible == frozenset():
                kind = self.earlier_types[target]
                self.add(_line(condition, "question", line), f"{name}: skip_if names '{target}', a {kind} question with no values to match")
                continue
            for value_line, value in _items(condition, "answer_in"):
                if isinstance(value, str) and possible is not None and value not in possible:
                    can = ", ".join(sorted(possible))
                    self.add(value_line, f"{name}: skip_if value '{value}' is not an answer '{target}' can have ({can})")

    def check_informs(self, question: LineDict, name: str) -> None:
        """Every outcome a question informs exists."""
        for line, outcome in _items(question, "informs"):
            if isinstance(outcome, str) and outcome not in OUTCOME_LEVELS:
                self.add(line, f"{name}: informs unknown outcome '{outcome}' (known: {', '.join(OUTCOME_LEVELS)})")

    def check_required(self, question: LineDict, name: str) -> None:
        """A required question has its own error message."""
        if question.get("required") is True and _text(question, "error") is None:
            self.add(question.line_of("required"), f"{name}: a required question needs its own 'error' message")

    def check_easy_read(self, question: LineDict, name: str, line: int, person: bool) -> None:
        """Questions asked of the person have easy read, and every picture exists."""
        easy_read = _mapping(question, "easy_read")
        if person and "easy_read" not in question:
            self.add(line, f"{name}: is missing 'easy_read' (every question asked of the person needs it)")
        if person:
            self.problems.extend(easy_read_problems(question, name, line, self.file))
        self.check_picture(easy_read, name)
        for _, option in _items(_mapping(question, "answer"), "options"):
            value = _text(option, "value")
            self.check_picture(_mapping(option, "easy_read"), f"{name}, option '{value}'" if value else name)

    def check_picture(self, easy_read: LineDict | None, name: str) -> None:
        picture = _text(easy_read, "picture")
        if easy_read is None or picture is None or "/" in picture or "\\" in picture or picture.startswith("."):
            return
        if not (self.images_dir / picture).is_file():
            self.add(easy_read.line_of("picture"), f"{name}: picture '{picture}' is not in static/images/easy-read/")


def meaning_problems(data: Any, file: str, images_dir: Path | None = None) -> list[Problem]:
    """Problems of meaning in a parsed bank; structure is left to the schema."""
    if not isinstance(data, LineDict):
        return []
    return BankChecker(data, file, images_dir or IMAGES_DIR).check()
