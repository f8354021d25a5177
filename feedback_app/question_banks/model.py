"""The shape of a loaded question bank: plain, immutable data with no Flask in sight."""

from __future__ import annotations

from dataclasses import dataclass, field

ANSWER_TYPES: tuple[str, ...] = ("choice", "words", "yes_no", "date", "sac_category")


@dataclass(frozen=True)
class Wording:
    """Text for each respondent type; easy read has its own."""

    adult: str
    representative: str

    def for_respondent(self, respondent_type: str) -> str:
        return self.representative if respondent_type == "representative" else self.adult


@dataclass(frozen=True)
class Option:
    """One answer option. `level` is the rubric level of the question's outcome it maps to."""

    value: str
    label: str
    easy_read_label: str
    picture: str | None = None
    picture_alt: str | None = None
    level: str | None = None


@dataclass(frozen=True)
class SkipCondition:
    """Skip the question when an earlier question's answer value is one of `values`."""

    question_id: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    id: str
    wording: Wording
    easy_read: Wording
    answer_type: str
    picture: str | None = None
    picture_alt: str | None = None
    picture_scale: bool = False  # easy read shows the options as a row of pictures, a feelings scale
    guidance: str = ""
    options: tuple[Option, ...] = ()
    outcome: str | None = None  # the outcome that choice options map to
    sac_category: str | None = None  # for answer_type "sac_category"
    required: bool = False
    error_message: str = ""
    follow_up: str | None = None
    skip_if: tuple[SkipCondition, ...] = ()
    informs: tuple[str, ...] = ()
    line: int = 0

    def option(self, value: str) -> Option | None:
        return next((option for option in self.options if option.value == value), None)


@dataclass(frozen=True)
class Bank:
    id: str
    version: int
    title: str
    audience: str  # "person" (asked in the conversation) or "practitioner" (recorded about the case)
    description: str
    questions: tuple[Question, ...]
    path: str = ""
    extra: dict[str, object] = field(default_factory=dict, compare=False)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def index(self, question_id: str) -> int:
        return [q.id for q in self.questions].index(question_id)
