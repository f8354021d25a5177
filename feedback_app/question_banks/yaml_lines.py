"""Read YAML with the line of every mapping key and sequence item, refusing duplicate keys.

Two changes from PyYAML's SafeLoader keep bank authors out of trouble: only `true` and `false`
are booleans (so an option value `yes` or `no` stays text, as YAML 1.2 has it), and dates stay
text (a bank never needs a date object, and a bad one would otherwise crash the reader).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, SequenceNode

from feedback_app.question_banks.problems import Problem

_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class LineDict(dict[Any, Any]):
    """A mapping that knows its own line and the line of each key."""

    line: int = 1

    def __init__(self) -> None:
        super().__init__()
        self.key_lines: dict[Any, int] = {}

    def line_of(self, key: Any) -> int:
        """The line of `key`, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence that knows its own line and the line of each item."""

    line: int = 1

    def __init__(self) -> None:
        super().__init__()
        self.item_lines: list[int] = []

    def line_of(self, index: int) -> int:
        """The line of item `index`, or of the sequence itself when out of range."""
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class LineLoader(yaml.SafeLoader):
    """SafeLoader that builds LineDict/LineList and collects duplicate-key problems."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL_TAG, _TIMESTAMP_TAG)]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str, file: str) -> None:
        super().__init__(stream)
        self.file = file
        self.problems: list[Problem] = []
        self.last_line = 1

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        """Remember the line being built, so a value that fails to construct can be placed."""
        self.last_line = node.start_mark.line + 1
        return super().construct_object(node, deep=deep)

    def check_duplicate_keys(self, node: MappingNode) -> None:
        """Record a problem for each key given twice in one mapping (merged keys excepted)."""
        first_lines: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                seen = first_lines.get(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text, not a list or mapping", key_node.start_mark
                ) from None
            if seen is not None:
                self.problems.append(Problem(self.file, line, f"duplicate key '{key}' (first given on line {seen})"))
            else:
                first_lines[key] = line


LineLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_map(loader: LineLoader, node: MappingNode) -> Any:
    data = LineDict()
    data.line = node.start_mark.line + 1
    yield data
    loader.check_duplicate_keys(node)
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=False)
        data[key] = loader.construct_object(value_node, deep=False)
        data.key_lines[key] = key_node.start_mark.line + 1


def _construct_seq(loader: LineLoader, node: SequenceNode) -> Any:
    data = LineList()
    data.line = node.start_mark.line + 1
    yield data
    data.extend(loader.construct_object(child, deep=False) for child in node.value)
    data.item_lines.extend(child.start_mark.line + 1 for child in node.value)


LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)


def _unreadable(error: yaml.reader.ReaderError, text: str, file: str) -> Problem:
    line = text[: error.position].count("\n") + 1
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "\0")
    return Problem(file, line, f"YAML syntax error: character U+{code:04X} is not allowed")


def parse_yaml(text: str, file: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document; syntax errors come back as problems, never as exceptions."""
    try:
        loader = LineLoader(text, file)
    except yaml.reader.ReaderError as error:  # the reader checks the first characters straight away
        return None, [_unreadable(error, text, file)]
    try:
        data = loader.get_single_data()
    except yaml.reader.ReaderError as error:
        return None, [_unreadable(error, text, file)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        reason = error.problem or error.context or "not valid YAML"
        return None, [*loader.problems, Problem(file, line, f"YAML syntax error: {reason}")]
    except yaml.YAMLError as error:
        return None, [*loader.problems, Problem(file, 1, f"YAML syntax error: {error}")]
    except RecursionError:
        return None, [Problem(file, 1, "YAML is nested too deeply to read")]
    except (ValueError, TypeError, OverflowError) as error:
        # An explicit tag such as `!!int abc` or `!!timestamp 2024-13-45`.
        return None, [Problem(file, loader.last_line, f"YAML value could not be read: {error}")]
    finally:
        loader.dispose()
    return data, loader.problems
