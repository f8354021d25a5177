"""Where a conversation has got to in a bank: applied to saved answers, no Flask needed."""

from __future__ import annotations

from feedback_app.models import Answer
from feedback_app.question_banks import routing
from feedback_app.question_banks.model import Bank, Question
from feedback_app.vocabulary import ANSWERED

# Answer types whose answer is a value (an option or a date) rather than only words.
VALUE_TYPES = frozenset({"choice", "yes_no", "sac_category", "date"})


def values(answers: dict[str, Answer]) -> dict[str, str | None]:
    return {question_id: answer.value for question_id, answer in answers.items()}


def needs_answer(question: Question, answer: Answer | None) -> bool:
    """True when a step is missing, or a required question was paused with only part of an answer."""
    if answer is None:
        return True
    return (
        question.required
        and answer.status == ANSWERED
        and answer.value is None
        and question.answer_type in VALUE_TYPES
    )


def first_to_ask(bank: Bank, answers: dict[str, Answer]) -> Question | None:
    """The first applicable question still needing an answer: where Resume goes."""
    return next(
        (q for q in routing.applicable_questions(bank, values(answers)) if needs_answer(q, answers.get(q.id))),
        None,
    )


def counts(bank: Bank, answers: dict[str, Answer]) -> tuple[int, int]:
    """(answered, applicable) for "5 of 11 questions answered"."""
    applicable = routing.applicable_questions(bank, values(answers))
    done = sum(1 for q in applicable if not needs_answer(q, answers.get(q.id)))
    return done, len(applicable)
