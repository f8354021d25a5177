"""What a coder reads for each outcome: the answers and words that inform it. No Flask.

The words of every question informing an outcome are joined into one text, the same text the
suggestion engine reads, so the evidence offsets it returns point into what the coder sees.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from feedback_app.question_banks.model import Bank, Question
from feedback_app.vocabulary import ANSWERED, OUTCOMES

WORDS_SEPARATOR = "\n"


@dataclass(frozen=True)
class SavedAnswer:
    """The parts of a saved answer coding needs."""

    status: str
    value: str | None
    words: str


@dataclass(frozen=True)
class Said:
    question: Question
    answer: SavedAnswer
    label: str  # the chosen option's words, or "" when none
    level: str | None  # the rubric level the chosen option maps to
    offset: int | None = None  # where this answer's words start in OutcomeMaterial.words


@dataclass(frozen=True)
class OutcomeMaterial:
    outcome: str
    said: tuple[Said, ...]
    answer_level: str | None  # from the question that asks about this outcome directly
    words: str


def informs(question: Question, outcome: str) -> bool:
    return question.outcome == outcome or outcome in question.informs


def gather(bank: Bank, answers: Mapping[str, SavedAnswer]) -> dict[str, OutcomeMaterial]:
    """outcome -> what was said about it, in bank order."""
    material = {}
    for outcome in OUTCOMES:
        said = []
        answer_level = None
        for question in bank.questions:
            saved = answers.get(question.id)
            if saved is None or not informs(question, outcome):
                continue
            option = question.option(saved.value) if saved.value and saved.status == ANSWERED else None
            said.append(Said(question, saved, option.label if option else "", option.level if option else None))
            if question.outcome == outcome and option is not None and option.level is not None:
                answer_level = option.level
        placed, words = _place_words(said)
        material[outcome] = OutcomeMaterial(outcome, placed, answer_level, words)
    return material


def _place_words(said: list[Said]) -> tuple[tuple[Said, ...], str]:
    """Join the words into one text and note where each answer's words start in it."""
    placed, parts, position = [], [], 0
    for item in said:
        if not item.answer.words.strip():
            placed.append(item)
            continue
        if parts:
            position += len(WORDS_SEPARATOR)
        placed.append(replace(item, offset=position))
        parts.append(item.answer.words)
        position += len(item.answer.words)
    return tuple(placed), WORDS_SEPARATOR.join(parts)


def highlight_said(item: Said, spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """One answer's words as highlighted runs, from spans into the joined words."""
    if item.offset is None:
        return []
    return highlight(item.answer.words, [(start - item.offset, end - item.offset) for start, end in spans])


def highlight(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Split text into (piece, highlighted) runs; overlapping or out-of-range spans are merged or cut."""
    marks = [False] * len(text)
    for start, end in spans:
        for index in range(max(start, 0), min(end, len(text))):
            marks[index] = True
    runs: list[tuple[str, bool]] = []
    for character, marked in zip(text, marks, strict=True):
        if runs and runs[-1][1] == marked:
            runs[-1] = (runs[-1][0] + character, marked)
        else:
            runs.append((character, marked))
    return runs
