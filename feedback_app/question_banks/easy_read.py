"""Easy read checks: in a bank asked of the person, every question and every answer option has a picture.

The schema already says a picture needs its `picture_alt`; these checks say a picture must be there
at all, which only a `person` bank needs (a practitioner bank is never shown in easy read).
"""

from __future__ import annotations

from typing import Any

from feedback_app.question_banks.problems import Problem
from feedback_app.question_banks.yaml_lines import LineDict, LineList

# Answer types whose options a person picks from, so each option needs a picture.
_PICKED = ("choice", "yes_no")
NEEDS_PICTURE = "every option shown to the person in easy read needs a picture and its picture_alt"


def _get(mapping: Any, key: str) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None


def _line(mapping: Any, key: str, default: int) -> int:
    return mapping.line_of(key) if isinstance(mapping, LineDict) else default


def question_problems(question: LineDict, name: str, line: int, file: str) -> list[Problem]:
    """Easy read problems of one question of a person bank: its picture, its options' pictures, a scale."""
    found: list[Problem] = []  # the question's own picture is required by the schema
    easy_read = _get(question, "easy_read")
    answer = _get(question, "answer")
    kind = _get(answer, "type")
    options = _get(answer, "options")
    answer_line = _line(question, "answer", line)
    if kind == "sac_category":
        found.append(
            Problem(
                file,
                _line(answer, "type", answer_line),
                f"{name}: a sac_category answer cannot be asked of the person: its options are the national"
                " return's labels, with no easy read pictures (use a choice answer)",
            )
        )
    if kind == "yes_no":
        given = {_get(option, "value") for option in options or ()}
        for value in ("yes", "no"):
            if value not in given:
                message = f"{name}: needs option '{value}' with an easy read picture ({NEEDS_PICTURE})"
                found.append(Problem(file, _line(answer, "type", answer_line), message))
    if kind in _PICKED and isinstance(options, LineList):
        for index, option in enumerate(options):
            found.extend(_option_problems(option, name, options.line_of(index), file))
    if isinstance(easy_read, LineDict) and easy_read.get("scale") is True and kind not in _PICKED:
        found.append(
            Problem(file, easy_read.line_of("scale"), f"{name}: a picture scale needs a choice or yes_no answer to show")
        )
    return found


def _option_problems(option: Any, name: str, line: int, file: str) -> list[Problem]:
    if not isinstance(option, LineDict):
        return []
    value = _get(option, "value")
    where = f"{name}, option '{value}'" if isinstance(value, str) else name
    easy_read = _get(option, "easy_read")
    if not isinstance(easy_read, LineDict):
        return [Problem(file, line, f"{where}: is missing 'easy_read' with a picture ({NEEDS_PICTURE})")]
    if "picture" not in easy_read:
        return [Problem(file, easy_read.line, f"{where}: easy_read is missing 'picture' ({NEEDS_PICTURE})")]
    return []  # a picture without its picture_alt is reported by the schema
