"""A Babel extraction method for question bank files, so bank text reaches translators like any other.

Registered as the `question_bank` method (pyproject.toml, `babel.extractors`) and mapped to
`question_banks/*.yaml` in babel.cfg. The bank is built with the loader the app uses, so each
msgid is exactly the string the app looks up with gettext at run time: folded and stripped as the
loader strips it, with the default "Yes"/"No" labels and the national return's category labels
that the loader fills in. Each message carries a comment naming the bank, the question and the
field, and saying who reads it. A bank's `description` is staff-only metadata that no page shows,
so it is not extracted. Files of another kind (the rubric) give no messages; an invalid bank stops
the extraction with its problems, as it stops the app.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from feedback_app.question_banks.loader import KIND, build_bank, check_text
from feedback_app.question_banks.model import Bank, Option, Question
from feedback_app.question_banks.problems import InvalidQuestionBanks
from feedback_app.question_banks.yaml_lines import parse_yaml

FOR_PERSON = "Shown to the person."
FOR_PRACTITIONER = "Shown to the practitioner."
EASY_READ = "Easy read: short sentences of 15 words or fewer, one idea each."


@dataclass(frozen=True)
class BankMessage:
    """One translatable string of a bank, where it is and what it is for."""

    line: int
    text: str
    comment: str
    for_person: bool


def extract_bank(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel's extractor interface: (line, function name, message, translator comments)."""
    text = fileobj.read().decode(str(options.get("encoding") or "utf-8"))
    for message in bank_messages(text, str(getattr(fileobj, "name", "<bank>"))):
        yield message.line, None, message.text, [message.comment]


def bank_messages(text: str, file: str = "<bank>") -> list[BankMessage]:
    """Every string a person or practitioner reads from this bank file, in file order."""
    data, problems = parse_yaml(text, file)
    if problems:
        raise InvalidQuestionBanks(problems)
    if not isinstance(data, dict) or data.get("kind") != KIND:
        return []
    problems = check_text(text, file)
    if problems:
        raise InvalidQuestionBanks(problems)
    bank = build_bank(data, file)
    title = f"Bank {bank.id}: its title. {FOR_PRACTITIONER}"
    found = [BankMessage(_line(data, "title"), bank.title, title, False)]
    for index, question in enumerate(bank.questions):
        found.extend(_question_messages(bank, question, data["questions"][index]))
    return [message for message in found if message.text]


def _line(data: Any, *path: str | int) -> int:
    """The line of the deepest key on `path` that is there; the caller's line otherwise."""
    line = getattr(data, "line", 0)
    for key in path:
        if not hasattr(data, "line_of"):
            break
        if (isinstance(data, dict) and key not in data) or (isinstance(key, int) and key >= len(data)):
            line = data.line_of(key)
            break
        line = data.line_of(key)
        data = data[key]
    return line


def _question_messages(bank: Bank, question: Question, data: Any) -> Iterator[BankMessage]:
    person = bank.audience == "person"
    reader = FOR_PERSON if person else FOR_PRACTITIONER
    where = f"Bank {bank.id}, question {question.id}"
    for respondent in ("adult", "representative"):
        asked = "the adult" if respondent == "adult" else "someone speaking for the adult (their representative)"
        yield BankMessage(
            _line(data, "text", respondent),
            getattr(question.wording, respondent),
            f"{where}: the question, asked of {asked}. {reader}",
            person,
        )
    easy_read = data.get("easy_read", {})
    if "text" in easy_read:
        for respondent in ("adult", "representative"):
            yield BankMessage(
                _line(data, "easy_read", "text", respondent),
                getattr(question.easy_read, respondent),
                f"{where}: the easy read question for the {respondent}. {EASY_READ} {reader}",
                person,
            )
    picture = f"{where}: text alternative for the picture {question.picture}. {reader}"
    yield from _if_given(question.picture_alt, picture, person, data, "easy_read", "picture_alt")
    guidance = f"{where}: guidance on how to ask it. {FOR_PRACTITIONER}"
    yield from _if_given(question.guidance, guidance, False, data, "guidance")
    for index, option in enumerate(question.options):
        yield from _option_messages(where, question, option, data, index, person)
    error = f"{where}: error message when it is not answered. {reader}"
    yield from _if_given(question.error_message, error, person, data, "error")
    follow_up = f"{where}: a follow-up question the practitioner may ask. {reader}"
    yield from _if_given(question.follow_up, follow_up, person, data, "follow_up")


def _if_given(text: str | None, comment: str, person: bool, data: Any, *path: str) -> Iterator[BankMessage]:
    """The message for an optional field when the bank gives it, at the line `path` leads to in `data`."""
    if text:
        yield BankMessage(_line(data, *path), text, comment, person)


def _option_messages(
    where: str, question: Question, option: Option, data: Any, index: int, person: bool
) -> Iterator[BankMessage]:
    reader = FOR_PERSON if person else FOR_PRACTITIONER
    given = data["answer"].get("options", [])
    option_data = given[index] if index < len(given) else None
    line = _line(option_data, "label") if option_data is not None else _line(data, "answer")
    if question.answer_type == "sac_category":
        what = f"answer option '{option.value}', a category of the national return ({question.sac_category})"
    elif option_data is None:
        what = f"answer option '{option.value}' (the standard label)"
    else:
        what = f"answer option '{option.value}'"
    yield BankMessage(line, option.label, f"{where}: {what}. {reader}", person)
    easy_read = option_data.get("easy_read", {}) if option_data is not None else {}
    if "label" in easy_read:
        yield BankMessage(
            _line(option_data, "easy_read", "label"),
            option.easy_read_label,
            f"{where}: easy read label of answer option '{option.value}'. {EASY_READ} {reader}",
            person,
        )
    picture = f"{where}: text alternative for the picture {option.picture} of answer option '{option.value}'"
    yield from _if_given(
        option.picture_alt, f"{picture}. {reader}", person, option_data, "easy_read", "picture_alt"
    )
