"""Check a parsed bank against question_banks/schema.json, naming the line of each fault."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from feedback_app.question_banks.problems import Problem
from feedback_app.question_banks.yaml_lines import LineDict, LineList

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "question_banks" / "schema.json"

# Lists whose items are named by one of their keys in messages: "question 'feel_safer'".
_NAMED_LISTS = {"questions": ("question", "id"), "options": ("option", "value"), "skip_if": ("skip_if", "question")}

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a set of 'key: value' lines",
}


@cache
def validator() -> Draft202012Validator:
    """The schema validator, built once."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def line_of(data: Any, path: Sequence[Any]) -> int:
    """The line of the key or item that `path` leads to (or of the nearest one that exists)."""
    node, line = data, getattr(data, "line", 1)
    for step in path:
        if isinstance(node, LineDict) and _has_key(node, step):
            line, node = node.line_of(step), node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and 0 <= step < len(node):
            line, node = node.line_of(step), node[step]
        else:
            break
    return line


def _has_key(mapping: dict[Any, Any], key: Any) -> bool:
    try:
        return key in mapping
    except TypeError:
        return False


def describe(data: Any, path: Sequence[Any]) -> tuple[str, str]:
    """Split a path into the thing it is in ("question 'q1', option 'yes'") and the field ("level")."""
    things: list[str] = []
    fields: list[str] = []
    node = data
    steps = list(path)
    index = 0
    while index < len(steps):
        step = steps[index]
        child = _child(node, step)
        following = steps[index + 1] if index + 1 < len(steps) else None
        if step in _NAMED_LISTS and isinstance(following, int):
            noun, name_key = _NAMED_LISTS[step]
            item = _child(child, following)
            name = item.get(name_key) if isinstance(item, dict) else None
            things.append(f"{noun} '{name}'" if isinstance(name, str) else f"{noun} {following + 1}")
            fields = []
            node = item
            index += 2
            continue
        fields.append(str(step) if not isinstance(step, int) else f"item {step + 1}")
        node = child
        index += 1
    return ", ".join(things), ".".join(fields)


def _child(node: Any, step: Any) -> Any:
    if isinstance(node, dict) and _has_key(node, step):
        return node[step]
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return node[step]
    return None


def sentence(thing: str, field: str, detail: str) -> str:
    """Join a location and a detail: "question 'q1': level must be text"."""
    subject = field or ("" if thing else "the bank")
    body = f"{subject} {detail}" if subject else detail
    return f"{thing}: {body}" if thing else body


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    return type(value).__name__


def _problems_for(error: ValidationError, data: Any, file: str) -> Iterator[Problem]:
    path = list(error.absolute_path)
    thing, field = describe(data, path)
    line = line_of(data, path)
    instance, keyword, expected = error.instance, error.validator, error.validator_value
    if keyword == "additionalProperties" and isinstance(instance, dict):
        known = list(error.schema.get("properties", {}))
        for key in instance:
            if key not in known:
                close = difflib.get_close_matches(str(key), known, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                yield Problem(file, line_of(data, [*path, key]), sentence(thing, field, f"has unknown key '{key}'{hint}"))
    elif keyword == "required" and isinstance(instance, dict):
        for key in expected:
            if key not in instance:
                yield Problem(file, line, sentence(thing, field, f"is missing '{key}'"))
    elif keyword == "dependentRequired" and isinstance(instance, dict):
        for key, needed in expected.items():
            for other in needed:
                if key in instance and other not in instance:
                    yield Problem(file, line, sentence(thing, field, f"is missing '{other}', needed with '{key}'"))
    elif keyword == "type":
        words = _TYPE_WORDS.get(expected, str(expected))
        yield Problem(file, line, sentence(thing, field, f"must be {words}, not {_kind_of(instance)}"))
    elif keyword == "enum":
        choices = ", ".join(str(choice) for choice in expected)
        yield Problem(file, line, sentence(thing, field, f"must be one of {choices}, not '{instance}'"))
    elif keyword == "const":
        yield Problem(file, line, sentence(thing, field, f"must be '{expected}', not '{instance}'"))
    elif keyword in ("minLength", "minItems"):
        yield Problem(file, line, sentence(thing, field, "must not be empty"))
    elif keyword == "minimum":
        yield Problem(file, line, sentence(thing, field, f"must be {expected} or more"))
    elif keyword == "pattern":
        rule = error.schema.get("description", f"match {expected}")
        yield Problem(file, line, sentence(thing, field, f"'{instance}' must be {rule}"))
    else:
        yield Problem(file, line, sentence(thing, field, error.message))


def schema_problems(data: Any, file: str) -> list[Problem]:
    """Every structural fault in a parsed bank, one problem per fault, in line order."""
    problems: set[Problem] = set()
    for error in validator().iter_errors(data):
        problems.update(_problems_for(error, data, file))
    return sorted(problems)
