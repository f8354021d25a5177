"""The plain-language checker: every text of every bank, in every language it can judge.

What it checks, in words meant for the person (a `person` bank's questions, answers, easy read,
pictures' text, error messages and follow-ups):
- no word from the glossary of old or jargon safeguarding words (in English, and in a translation
  where the glossary lists that language's words);
- sentences of 15 words or fewer in easy read and picture text, 25 or fewer elsewhere;
- one idea per easy read sentence (no "and", "but" or ";" joining two), in English;
- a Flesch reading ease of 60 or more for each standard question with its answers, 70 or more in
  easy read, in English.
The practitioner's guidance is held to 25 words a sentence, and to the glossary where it is not
quoting a word as an example ("people rarely talk about "desired outcomes""). A practitioner bank
(about the case, in the national return's own words) is held to 25 words a sentence only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po

from feedback_app.question_banks.glossary import Glossary
from feedback_app.question_banks.readability import flesch_reading_ease, hard_words, sentences, words
from feedback_app.question_banks.yaml_lines import LineDict, LineList, parse_yaml

STANDARD, EASY_READ, PICTURE, GUIDANCE, PRACTITIONER = "standard", "easy_read", "picture_alt", "guidance", "practitioner"
WORD_LIMITS = {STANDARD: 25, EASY_READ: 15, PICTURE: 15, GUIDANCE: 25, PRACTITIONER: 25}
READING_EASE_MINIMUM = {STANDARD: 60.0, EASY_READ: 70.0}
# Words a language takes for one English word, measured over this app's bank translations (221
# texts). Urdu writes postpositions and helping verbs as words of their own ("محسوس کرتے ہیں" is
# "feel"), so an Urdu sentence as short as the English counts more words. A sentence limit in
# another language is the English limit times this (never less), rounded up.
WORDS_PER_ENGLISH_WORD = {"cy": 1.15, "pl": 0.91, "ur": 1.35}
_JOINED = re.compile(r";|\b(?:and|but)\b", re.IGNORECASE)
RESPONDENTS = ("adult", "representative")


@dataclass(frozen=True)
class BankText:
    """One text of a bank: where it is, which field, and what kind of reader it is for."""

    file: str
    line: int
    question: str  # the question id, or "" for the bank's own title
    field: str  # e.g. "easy_read.text.adult" or "options[feel_safer].label"
    text: str
    kind: str
    respondent: str = ""

    @property
    def where(self) -> str:
        return f"question '{self.question}', {self.field}" if self.question else self.field


@dataclass(frozen=True, order=True)
class Fault:
    """One plain-language fault: file and line, what and where it is, and the plainer words to try."""

    file: str
    line: int
    where: str
    language: str
    problem: str
    suggestion: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.where} [{self.language}]: {self.problem}. Try: {self.suggestion}"


@dataclass
class LintReport:
    """Every fault found, the banks and languages checked, and each bank's English reading ease."""

    files: list[str] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    languages: dict[str, str] = field(default_factory=dict)  # language -> what could be judged in it
    reading_ease: dict[str, dict[str, float]] = field(default_factory=dict)  # bank file -> format -> lowest score


def bank_texts(data: Any, file: str) -> list[BankText]:
    """Every text in a parsed bank that someone reads, with its line, field and kind."""
    if not isinstance(data, LineDict):
        return []
    person = data.get("audience") == "person"
    found = list(_text(file, data, "title", "", "title", STANDARD if person else PRACTITIONER))
    questions = data.get("questions")
    for index, question in enumerate(questions if isinstance(questions, LineList) else []):
        if isinstance(question, LineDict):
            found.extend(_question_texts(file, question, str(question.get("id") or f"#{index + 1}"), person))
    return found


def _text(file: str, mapping: Any, key: str, question: str, name: str, kind: str, respondent: str = "") -> Iterator[BankText]:
    value = mapping.get(key) if isinstance(mapping, LineDict) else None
    if isinstance(value, str) and value.strip():
        yield BankText(file, mapping.line_of(key), question, name, " ".join(value.split()), kind, respondent)


def _question_texts(file: str, question: LineDict, qid: str, person: bool) -> Iterator[BankText]:
    said = STANDARD if person else PRACTITIONER
    for respondent in RESPONDENTS:
        yield from _text(file, question.get("text"), respondent, qid, f"text.{respondent}", said, respondent)
    easy_read = question.get("easy_read")
    if person and isinstance(easy_read, LineDict):
        for respondent in RESPONDENTS:
            yield from _text(file, easy_read.get("text"), respondent, qid, f"easy_read.text.{respondent}", EASY_READ, respondent)
        yield from _text(file, easy_read, "picture_alt", qid, "easy_read.picture_alt", PICTURE)
    yield from _text(file, question, "guidance", qid, "guidance", GUIDANCE if person else PRACTITIONER)
    yield from _text(file, question, "error", qid, "error", said)
    yield from _text(file, question, "follow_up", qid, "follow_up", said)
    answer = question.get("answer")
    options = answer.get("options") if isinstance(answer, LineDict) else None
    for option in options if isinstance(options, LineList) else []:
        if not isinstance(option, LineDict):
            continue
        name = f"option '{option.get('value')}'"
        yield from _text(file, option, "label", qid, f"{name} label", said)
        if person:
            option_easy = option.get("easy_read")
            yield from _text(file, option_easy, "label", qid, f"{name} easy_read.label", EASY_READ)
            yield from _text(file, option_easy, "picture_alt", qid, f"{name} easy_read.picture_alt", PICTURE)


def text_faults(
    text: BankText, glossary: Glossary, *, language: str = "en", words_in: str | None = None,
    file: str | None = None, line: int | None = None, where: str | None = None,
) -> list[Fault]:
    """The faults in one text, or in its translation `words_in` when a language other than English is given."""
    written = text.text if words_in is None else words_in
    place = (file or text.file, line or text.line, where or text.where, language)
    faults: list[Fault] = []
    if text.kind != PRACTITIONER:
        for found in glossary.find(written, language):
            if text.kind == GUIDANCE and found.quoted:
                continue  # guidance may quote an old word to tell the practitioner to listen past it
            problem = f'uses "{found.words}", an old or jargon word: {found.term.why.rstrip(".")}'
            faults.append(Fault(*place, problem, _plain(found.term.plain, language)))
    limit = word_limit(text.kind, language)
    if words_in is not None and len(sentences(written)) < len(sentences(text.text)):
        problem = f"{len(sentences(written))} sentences where the English has {len(sentences(text.text))}"
        faults.append(Fault(*place, problem, "keep each English sentence a sentence of its own"))
    for sentence in sentences(written):
        count = len(words(sentence))
        if count > limit:
            rule = "easy read" if text.kind in (EASY_READ, PICTURE) else "this text"
            allows = f"{rule} allows {limit}" + ("" if language == "en" else f" in {language}")
            problem = f'a sentence of {count} words ({allows}): "{sentence}"'
            faults.append(Fault(*place, problem, "split it into shorter sentences, one idea each"))
        if text.kind == EASY_READ and language == "en" and (joined := _JOINED.search(sentence)):
            problem = f'more than one idea in one easy read sentence ("{joined.group(0)}"): "{sentence}"'
            faults.append(Fault(*place, problem, f'split it at "{joined.group(0)}" into two sentences'))
    return faults


def word_limit(kind: str, language: str = "en") -> int:
    """The most words a sentence of this kind may have in this language."""
    return math.ceil(WORD_LIMITS[kind] * max(1.0, WORDS_PER_ENGLISH_WORD.get(language, 1.0)))


def _plain(plain: str, language: str) -> str:
    if language == "en":
        return f'"{plain}"'
    return f'everyday words in this language, as the English says: "{plain}"'


def reading_ease_faults(texts: Iterable[BankText]) -> tuple[list[Fault], dict[str, float]]:
    """Faults for questions (with their answers) that read too hard, and the lowest score per format."""
    groups: dict[tuple[str, str, str], list[BankText]] = {}
    for text in texts:
        if text.kind in READING_EASE_MINIMUM and text.question:
            for respondent in ([text.respondent] if text.respondent else list(RESPONDENTS)):
                groups.setdefault((text.question, text.kind, respondent), []).append(text)
    faults: list[Fault] = []
    lowest: dict[str, float] = {}
    for (question, kind, respondent), members in groups.items():
        combined = " ".join(_as_sentence(member.text) for member in members if member.field != "error")
        score = flesch_reading_ease(combined)
        if score is None:
            continue
        lowest[kind] = min(score, lowest.get(kind, score))
        if score < READING_EASE_MINIMUM[kind]:
            first = next(member for member in members if member.respondent == respondent)
            hard = ", ".join(hard_words(combined)[:6]) or "none"
            faults.append(
                Fault(
                    first.file, first.line, f"question '{question}', {first.field} and its answers", "en",
                    f"reads too hard: Flesch reading ease {score:.0f}, below {READING_EASE_MINIMUM[kind]:.0f}",
                    f"shorter sentences and shorter words (long words here: {hard})",
                )
            )
    return faults, lowest


def _as_sentence(text: str) -> str:
    return text if re.search(r"[.?!]$", text) else f"{text}."


def translation_faults(texts: list[BankText], glossary: Glossary, po_file: Path, language: str) -> list[Fault]:
    """The faults in one language's translations of the banks' texts (fuzzy guesses are not used)."""
    with po_file.open("rb") as handle:
        catalogue = read_po(handle, locale=None)
    faults: list[Fault] = []
    for text in texts:
        message = catalogue.get(text.text)
        if message is None or message.fuzzy or not isinstance(message.string, str) or not message.string.strip():
            continue
        where = f"{Path(text.file).name}, {text.where}"
        faults.extend(
            text_faults(text, glossary, language=language, words_in=" ".join(message.string.split()),
                        file=str(po_file), line=message.lineno, where=where)
        )
    return faults


def lint_banks(bank_files: Iterable[Path], glossary: Glossary, translations_dir: Path | None = None) -> LintReport:
    """Check every text of every bank file, in English and in each language with a .po catalogue."""
    report = LintReport()
    texts: list[BankText] = []
    for path in bank_files:
        data, problems = parse_yaml(path.read_text(encoding="utf-8"), str(path))
        if problems or not isinstance(data, LineDict) or data.get("kind") != "question-bank":
            continue  # not a bank (a rubric, the glossary), or one `banks validate` reports
        report.files.append(str(path))
        found = bank_texts(data, str(path))
        texts.extend(found)
        report.faults.extend(fault for text in found for fault in text_faults(text, glossary))
        ease_faults, lowest = reading_ease_faults(found)
        report.faults.extend(ease_faults)
        report.reading_ease[str(path)] = lowest
    report.languages["en"] = "glossary, sentence length, one idea per easy read sentence, reading ease"
    for po_file in sorted(translations_dir.glob("*/LC_MESSAGES/messages.po")) if translations_dir else []:
        language = po_file.parent.parent.name
        if language == "en":
            continue
        report.faults.extend(translation_faults(texts, glossary, po_file, language))
        words_known = sum(len(term.forms(language)) for term in glossary.terms)
        report.languages[language] = (
            f"glossary ({words_known} word{'' if words_known == 1 else 's'}), sentence length" if words_known
            else "sentence length (the glossary has no words in this language yet)"
        )
    report.faults.sort()
    return report


def bank_files(paths: Iterable[Path]) -> list[Path]:
    """Files and folders of banks as files: a folder gives its *.yaml files."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return files
