"""Check a rubric file: structure against question_banks/rubric.schema.json, meaning against the vocabulary.

Every problem is a `Problem` (file, line, message), the same as for question banks, so
`flask banks validate` lists both in one `file:line: problem` format.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from feedback_app.question_banks.problems import Problem
from feedback_app.question_banks.schema import line_of
from feedback_app.question_banks.yaml_lines import LineDict, LineList, parse_yaml
from feedback_app.vocabulary import OUTCOME_LEVELS, UNCLEAR, levels_for

KIND = "rubric"
SCHEMA_PATH = Path(__file__).resolve().parents[2] / "question_banks" / "rubric.schema.json"
MIN_EXAMPLES = 3

_TYPES = {"string": "text", "integer": "a whole number", "array": "a list", "object": "a set of 'key: value' lines"}


@cache
def validator() -> Draft202012Validator:
    """The rubric schema validator, built once."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def where(path: Sequence[Any]) -> str:
    """A path as words: "outcome 'feel_safer', level 'safer', example 2, words"."""
    parts: list[str] = []
    steps = list(path)
    names = {"outcomes": "outcome", "levels": "level"}
    index = 0
    while index < len(steps):
        step = steps[index]
        following = steps[index + 1] if index + 1 < len(steps) else None
        if step in names and following is not None and not isinstance(following, int):
            parts.append(f"{names[step]} '{following}'")
            index += 2
        elif step in ("examples", "hedges", "mixed") and isinstance(following, int):
            parts.append(f"{step.rstrip('s') if step != 'mixed' else 'mixed rule'} {following + 1}")
            index += 2
        elif isinstance(step, int):
            parts.append(f"item {step + 1}")
            index += 1
        else:
            parts.append(str(step))
            index += 1
    return ", ".join(parts) or "the rubric"


def _schema_problem(error: ValidationError, data: Any, file: str) -> Iterator[Problem]:
    path = list(error.absolute_path)
    place, line = where(path), line_of(data, path)
    instance, keyword, expected = error.instance, error.validator, error.validator_value
    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = list(error.schema.get("properties", {}))
        for key in instance:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                yield Problem(file, line_of(data, [*path, key]), f"{place}: unknown key '{key}'{hint}")
    elif keyword == "required" and isinstance(instance, dict):
        for key in expected:
            if key not in instance:
                yield Problem(file, line, f"{place}: is missing '{key}'")
    elif keyword == "type":
        yield Problem(file, line, f"{place}: must be {_TYPES.get(expected, expected)}")
    elif keyword == "enum":
        yield Problem(file, line, f"{place}: must be one of {', '.join(map(str, expected))}, not '{instance}'")
    elif keyword == "const":
        yield Problem(file, line, f"{place}: must be '{expected}', not '{instance}'")
    elif keyword in ("minLength", "minItems"):
        yield Problem(file, line, f"{place}: must not be empty")
    elif keyword == "pattern":
        rule = error.schema.get("description", f"match {expected}")
        yield Problem(file, line, f"{place}: '{instance}' must be {rule}")
    else:
        yield Problem(file, line, f"{place}: {error.message}")


def schema_problems(data: Any, file: str) -> list[Problem]:
    """Every structural fault in a parsed rubric."""
    found: set[Problem] = set()
    for error in validator().iter_errors(data):
        found.update(_schema_problem(error, data, file))
    return sorted(found)


class RubricChecker:
    """Walks a parsed rubric, collecting problems of meaning."""

    def __init__(self, data: LineDict, file: str) -> None:
        self.data, self.file = data, file
        self.problems: list[Problem] = []

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def check(self) -> list[Problem]:
        outcomes = self.data.get("outcomes")
        if not isinstance(outcomes, LineDict):
            return self.problems
        for outcome_id in OUTCOME_LEVELS:
            if outcome_id not in outcomes:
                self.add(outcomes.line, f"outcomes: outcome '{outcome_id}' is missing (every outcome needs a rubric)")
        for outcome_id, outcome in outcomes.items():
            line = outcomes.line_of(outcome_id)
            if outcome_id not in OUTCOME_LEVELS:
                close = difflib.get_close_matches(str(outcome_id), list(OUTCOME_LEVELS), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.add(line, f"unknown outcome '{outcome_id}'{hint}")
            elif isinstance(outcome, LineDict):
                self.check_outcome(outcome_id, outcome, line)
        return sorted(set(self.problems))

    def level_ref(self, mapping: LineDict, key: Any, value: Any, outcome_id: str, place: str, allow_unclear: bool) -> None:
        """A level named somewhere in an outcome must be a level of that outcome."""
        allowed = levels_for(outcome_id) if allow_unclear else OUTCOME_LEVELS[outcome_id]
        if isinstance(value, str) and value not in allowed:
            self.add(mapping.line_of(key), f"{place}: '{value}' is not a level of {outcome_id} ({', '.join(allowed)})")

    def check_outcome(self, outcome_id: str, outcome: LineDict, line: int) -> None:
        name = f"outcome '{outcome_id}'"
        levels = outcome.get("levels")
        if isinstance(levels, LineDict):
            for level in OUTCOME_LEVELS[outcome_id]:
                if level not in levels:
                    self.add(levels.line, f"{name}: level '{level}' is missing")
            for level_id, level in levels.items():
                if level_id not in OUTCOME_LEVELS[outcome_id]:
                    why = " (unclear is described by unclear_when)" if level_id == UNCLEAR else ""
                    self.add(levels.line_of(level_id), f"{name}: '{level_id}' is not a level of {outcome_id}{why}")
                elif isinstance(level, LineDict):
                    self.check_level(outcome_id, str(level_id), level, levels.line_of(level_id))
            self.check_phrases_unique(outcome_id, levels)
        for key in ("yes_means", "no_means"):
            self.level_ref(outcome, key, outcome.get(key), outcome_id, f"{name}, {key}", allow_unclear=False)
        hedged = outcome.get("hedged")
        if isinstance(hedged, LineDict):
            for source, target in hedged.items():
                self.level_ref(hedged, source, source, outcome_id, f"{name}, hedged", allow_unclear=False)
                self.level_ref(hedged, source, target, outcome_id, f"{name}, hedged '{source}'", allow_unclear=True)
        mixed = outcome.get("mixed")
        if isinstance(mixed, LineList):
            for index, rule in enumerate(mixed):
                if not isinstance(rule, LineDict):
                    continue
                place = f"{name}, mixed rule {index + 1}"
                rule_levels = rule.get("levels")
                if isinstance(rule_levels, LineList):
                    for item_index, level in enumerate(rule_levels):
                        if isinstance(level, str) and level not in OUTCOME_LEVELS[outcome_id]:
                            self.add(rule_levels.line_of(item_index), f"{place}: '{level}' is not a level of {outcome_id}")
                self.level_ref(rule, "code", rule.get("code"), outcome_id, place, allow_unclear=True)

    def check_level(self, outcome_id: str, level_id: str, level: LineDict, line: int) -> None:
        place = f"outcome '{outcome_id}', level '{level_id}'"
        self.level_ref(level, "negated_means", level.get("negated_means"), outcome_id, f"{place}, negated_means", True)
        examples = level.get("examples")
        count = len(examples) if isinstance(examples, list) else 0
        if count < MIN_EXAMPLES:
            self.add(level.line_of("examples"), f"{place}: needs at least {MIN_EXAMPLES} worked examples (has {count})")
        if isinstance(examples, LineList):
            for index, example in enumerate(examples):
                if isinstance(example, LineDict):
                    self.level_ref(example, "answer", example.get("answer"), outcome_id, f"{place}, example {index + 1}, answer", True)
        to, away = level.get("points_to"), level.get("points_away")
        if isinstance(to, LineList) and isinstance(away, LineList):
            both = {_plain(p) for p in to if isinstance(p, str)}
            for index, phrase in enumerate(away):
                if isinstance(phrase, str) and _plain(phrase) in both:
                    self.add(away.line_of(index), f"{place}: '{phrase}' both points to and away from this level")

    def check_phrases_unique(self, outcome_id: str, levels: LineDict) -> None:
        """A phrase that points to two levels of one outcome cannot help decide between them."""
        first: dict[str, tuple[str, int]] = {}
        for level_id, level in levels.items():
            phrases = level.get("points_to") if isinstance(level, LineDict) else None
            if not isinstance(phrases, LineList):
                continue
            for index, phrase in enumerate(phrases):
                if not isinstance(phrase, str):
                    continue
                key = _plain(phrase)
                if key in first and first[key][0] != level_id:
                    other, other_line = first[key]
                    self.add(
                        phrases.line_of(index),
                        f"outcome '{outcome_id}', level '{level_id}': '{phrase}' also points to '{other}' (line {other_line})",
                    )
                first.setdefault(key, (str(level_id), phrases.line_of(index)))


def _plain(phrase: str) -> str:
    return " ".join(phrase.lower().replace("\u2019", "'").split())


def meaning_problems(data: Any, file: str) -> list[Problem]:
    """Problems of meaning in a parsed rubric; structure is left to the schema."""
    if not isinstance(data, LineDict):
        return []
    return RubricChecker(data, file).check()


def check_data(data: Any, problems: list[Problem], file: str) -> list[Problem]:
    """Every problem in parsed rubric data (parse problems first: then nothing else is checked)."""
    if problems:
        return sorted(set(problems))
    if data is None:
        return [Problem(file, 1, "the file is empty")]
    if not isinstance(data, dict):
        return [Problem(file, 1, "a rubric must be a set of 'key: value' lines")]
    return sorted(set(schema_problems(data, file)) | set(meaning_problems(data, file)))


def check_text(text: str, file: str) -> list[Problem]:
    """Every problem in one rubric's text; never raises, whatever the text."""
    data, problems = parse_yaml(text, file)
    return check_data(data, problems, file)
