"""Read the rubric file, check it, and build the Rubric the suggestion engine and coding pages use."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from feedback_app.question_banks.problems import Problem, plural
from feedback_app.question_banks.yaml_lines import parse_yaml
from feedback_app.rubric.model import Example, Hedge, Level, MixedRule, Negations, Outcome, Rubric, frozen
from feedback_app.rubric.validation import check_data

RUBRIC_FILE = "rubric.yaml"


class InvalidRubric(Exception):
    """Raised when the rubric has any problem; str() is a heading then one problem per line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = [f"Invalid rubric: {plural(len(self.problems), 'problem')} found", *map(str, self.problems)]
        super().__init__("\n".join(lines))


def check_file(path: Path | str) -> tuple[Any, list[Problem]]:
    """Parsed data and every problem in one rubric file; never raises."""
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [Problem(file, 0, "is not UTF-8 text")]
    except OSError as error:
        return None, [Problem(file, 0, f"cannot be read: {error.strerror or error}")]
    data, problems = parse_yaml(text, file)
    return data, check_data(data, problems, file)


def load_rubric(path: Path | str) -> Rubric:
    """Load the rubric file (or `rubric.yaml` in a directory), raising InvalidRubric on any problem."""
    path = Path(path)
    if path.is_dir():
        path = path / RUBRIC_FILE
    data, problems = check_file(path)
    if problems:
        raise InvalidRubric(problems)
    return build_rubric(data, str(path))


def _texts(items: Any) -> tuple[str, ...]:
    return tuple(str(item).strip() for item in items or ())


def build_rubric(data: dict[str, Any], file: str = "") -> Rubric:
    """A Rubric from parsed data that has passed every check."""
    negations = data["negations"]
    bare = data.get("bare_answers", {})
    return Rubric(
        id=data["id"],
        version=int(data["version"]),
        title=str(data["title"]).strip(),
        description=str(data.get("description", "")).strip(),
        outcomes=frozen({oid: _outcome(oid, o) for oid, o in data["outcomes"].items()}),  # type: ignore[arg-type]
        hedges=tuple(Hedge(str(h["phrase"]).strip(), h["effect"]) for h in data["hedges"]),
        negations=Negations(
            scope=int(negations["scope"]),
            words=_texts(negations["words"]),
            partial_after=_texts(negations.get("partial_after")),
            boundaries=_texts(negations.get("boundaries")),
        ),
        uncertain=_texts(data.get("uncertain")),
        bare_yes=_texts(bare.get("yes")),
        bare_no=_texts(bare.get("no")),
        path=file,
    )


def _outcome(outcome_id: str, data: dict[str, Any]) -> Outcome:
    return Outcome(
        id=outcome_id,
        principle=data["principle"],
        description=str(data["description"]).strip(),
        unclear_when=str(data["unclear_when"]).strip(),
        conflict_rule=str(data["conflict_rule"]).strip(),
        levels=frozen({lid: _level(lid, level) for lid, level in data["levels"].items()}),  # type: ignore[arg-type]
        hedged=frozen(dict(data.get("hedged", {}))),  # type: ignore[arg-type]
        mixed=tuple(MixedRule(frozenset(rule["levels"]), rule["code"]) for rule in data.get("mixed", ())),
        yes_means=data.get("yes_means"),
        no_means=data.get("no_means"),
    )


def _level(level_id: str, data: dict[str, Any]) -> Level:
    examples = data["examples"]
    return Level(
        id=level_id,
        when=str(data["when"]).strip(),
        points_to=_texts(data["points_to"]),
        points_away=_texts(data["points_away"]),
        negated_means=data.get("negated_means"),
        examples=tuple(
            Example(
                words=str(e["words"]).strip(),
                level=level_id,
                respondent=e["respondent"],
                reason=str(e["reason"]).strip(),
                answer=e.get("answer"),
                line=examples.line_of(index),
            )
            for index, e in enumerate(examples)
        ),
    )
