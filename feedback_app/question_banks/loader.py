"""Read bank files, check them, and build the Bank objects the conversation runner uses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from feedback_app.question_banks.model import Bank, Option, Question, SkipCondition, Wording
from feedback_app.question_banks.problems import InvalidQuestionBanks, Problem
from feedback_app.question_banks.schema import schema_problems
from feedback_app.question_banks.validation import YES_NO, meaning_problems
from feedback_app.question_banks.yaml_lines import parse_yaml
from feedback_app.vocabulary import OUTCOME_LEVELS, SAC_CATEGORIES, SAC_CATEGORY_OUTCOME

KIND = "question-bank"
RUBRIC_KIND = "rubric"


@dataclass
class CheckedFile:
    """One file read and checked. `is_bank` is False for YAML of another kind, e.g. a rubric."""

    file: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    is_bank: bool = True
    is_rubric: bool = False


@dataclass
class Report:
    """The outcome of checking some bank files: which were checked, and every problem found."""

    files: list[str]
    problems: list[Problem]


def check_text(text: str, file: str, images_dir: Path | None = None) -> list[Problem]:
    """Every problem in one bank's text; never raises, whatever the text."""
    data, problems = parse_yaml(text, file)
    return _check_data(data, problems, file, images_dir)


def _check_data(data: Any, problems: list[Problem], file: str, images_dir: Path | None) -> list[Problem]:
    if problems:
        return sorted(set(problems))
    if data is None:
        return [Problem(file, 1, "the file is empty")]
    found = set(schema_problems(data, file)) | set(meaning_problems(data, file, images_dir))
    return sorted(found)


def check_file(path: Path, images_dir: Path | None = None, only_banks: bool = False) -> CheckedFile:
    """Read and check one file. With `only_banks`, YAML with another `kind` is passed over."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return CheckedFile(file, problems=[Problem(file, 0, "is not UTF-8 text")])
    except OSError as error:
        return CheckedFile(file, problems=[Problem(file, 0, f"cannot be read: {error.strerror or error}")])
    data, problems = parse_yaml(text, file)
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind == RUBRIC_KIND:
        from feedback_app.rubric.validation import check_data  # the rubric is checked by its own rules

        return CheckedFile(file, data, check_data(data, problems, file), is_bank=False, is_rubric=True)
    if only_banks and not problems and isinstance(kind, str) and kind != KIND:
        return CheckedFile(file, data, is_bank=False)
    return CheckedFile(file, data, _check_data(data, problems, file, images_dir))


def _expand(paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """(file, only_banks): directories expand to their *.yaml files, where other kinds are skipped."""
    for path in paths:
        if path.is_dir():
            yield from ((file, True) for file in sorted(path.glob("*.yaml")))
        else:
            yield path, False


def check_paths(
    paths: Iterable[Path], images_dir: Path | None = None, rubrics: bool = True
) -> tuple[Report, list[CheckedFile]]:
    """Check files and directories of banks (and rubrics, unless `rubrics` is False), and that no two banks share an id."""
    checked: list[CheckedFile] = []
    problems: list[Problem] = []
    for path, only_banks in _expand(paths):
        if not path.exists():
            problems.append(Problem(str(path), 0, "no such file or directory"))
            continue
        result = check_file(path, images_dir, only_banks)
        if result.is_rubric and rubrics:
            problems.extend(result.problems)
        if result.is_bank:
            checked.append(result)
            problems.extend(result.problems)
    first_files: dict[str, str] = {}
    for result in checked:
        bank_id = result.data.get("id") if isinstance(result.data, dict) else None
        if isinstance(bank_id, str) and bank_id in first_files and first_files[bank_id] != result.file:
            line = result.data.line_of("id")
            problems.append(Problem(result.file, line, f"bank id '{bank_id}' is also used by {first_files[bank_id]}"))
        elif isinstance(bank_id, str):
            first_files[bank_id] = result.file
    return Report([result.file for result in checked], problems), checked


def validate_paths(paths: list[Path], images_dir: Path | None = None) -> list[Problem]:
    """Every problem in the given bank files and directories (directories expand to *.yaml)."""
    return check_paths(paths, images_dir)[0].problems


def load_bank(path: Path | str, images_dir: Path | None = None) -> Bank:
    """Load one bank file, raising InvalidQuestionBanks if it has any problem."""
    result = check_file(Path(path), images_dir)
    if result.is_rubric:
        line = result.data.line_of("kind") if hasattr(result.data, "line_of") else 1
        raise InvalidQuestionBanks([Problem(result.file, line, f"kind must be '{KIND}', not '{RUBRIC_KIND}'")])
    if result.problems:
        raise InvalidQuestionBanks(result.problems)
    return build_bank(result.data, result.file)


def load_directory(directory: Path | str, images_dir: Path | None = None) -> dict[str, Bank]:
    """Every question bank in a directory by id; other kinds of YAML there are ignored."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InvalidQuestionBanks([Problem(str(directory), 0, "is not a directory of question banks")])
    report, checked = check_paths([directory], images_dir, rubrics=False)
    if report.problems:
        raise InvalidQuestionBanks(report.problems)
    banks = (build_bank(result.data, result.file) for result in checked)
    return {bank.id: bank for bank in banks}


def build_bank(data: dict[str, Any], file: str = "") -> Bank:
    """A Bank from parsed data that has passed every check."""
    questions = data["questions"]
    return Bank(
        id=data["id"],
        version=int(data["version"]),
        title=data["title"].strip(),
        audience=data["audience"],
        description=str(data.get("description", "")).strip(),
        questions=tuple(_question(item, questions.line_of(index)) for index, item in enumerate(questions)),
        path=file,
    )


def _wording(data: dict[str, str]) -> Wording:
    return Wording(adult=data["adult"].strip(), representative=data["representative"].strip())


def _optional(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else None


def _question(data: dict[str, Any], line: int) -> Question:
    answer = data["answer"]
    easy_read = data.get("easy_read", {})
    category = answer.get("category")
    outcome = answer.get("outcome") or SAC_CATEGORY_OUTCOME.get(category or "")
    wording = _wording(data["text"])
    return Question(
        id=data["id"],
        wording=wording,
        easy_read=_wording(easy_read["text"]) if "text" in easy_read else wording,
        answer_type=answer["type"],
        picture=easy_read.get("picture"),
        picture_alt=_optional(easy_read, "picture_alt"),
        picture_scale=easy_read.get("scale") is True,
        guidance=str(data.get("guidance", "")).strip(),
        options=_options(answer, outcome),
        outcome=outcome,
        sac_category=category,
        required=bool(data.get("required", False)),
        error_message=str(data.get("error", "")).strip(),
        follow_up=_optional(data, "follow_up"),
        skip_if=tuple(SkipCondition(c["question"], tuple(c["answer_in"])) for c in data.get("skip_if", ())),
        informs=tuple(data.get("informs", ())),
        line=line,
    )


def _option(data: dict[str, Any]) -> Option:
    easy_read = data.get("easy_read", {})
    label = data["label"].strip()
    return Option(
        value=data["value"],
        label=label,
        easy_read_label=_optional(easy_read, "label") or label,
        picture=easy_read.get("picture"),
        picture_alt=_optional(easy_read, "picture_alt"),
        level=data.get("level"),
    )


def _options(answer: dict[str, Any], outcome: str | None) -> tuple[Option, ...]:
    """Options as written; yes/no fills in whichever of yes and no is not given; SAC from vocabulary."""
    given = [_option(item) for item in answer.get("options", ())]
    if answer["type"] == "yes_no":
        by_value = {option.value: option for option in given}
        return tuple(by_value.get(value) or Option(value, value.capitalize(), value.capitalize()) for value in YES_NO)
    if answer["type"] == "sac_category":
        levels = OUTCOME_LEVELS.get(outcome or "", ())
        return tuple(
            Option(code, label, label, level=code if code in levels else None)
            for code, label in SAC_CATEGORIES[answer["category"]].items()
        )
    return tuple(given)
