"""Which questions apply, and where a conversation goes next.

Skip conditions look back only: a question may be skipped because of an answer given earlier.
So walking the bank in order, with the answers given so far, settles every question. A question
that was answered and later became skipped (because an earlier answer changed on the read-back)
keeps its stored answer but is no longer applicable, so it is neither shown nor counted.
"""

from __future__ import annotations

from collections.abc import Mapping

from feedback_app.question_banks.model import Bank, Question

# question id -> the stored answer value ("yes", a choice value, a SAC code...), or None when
# the question was skipped, the person would rather not say, or only words were given.
AnswerValues = Mapping[str, str | None]


def is_skipped(question: Question, values: AnswerValues) -> bool:
    """True when any of the question's skip conditions matches an earlier answer."""
    return any(values.get(condition.question_id) in condition.values for condition in question.skip_if)


def applicable_questions(bank: Bank, values: AnswerValues) -> list[Question]:
    """The questions to ask, in order, given the answers so far."""
    return [question for question in bank.questions if not is_skipped(question, values)]


def first_unanswered(bank: Bank, values: AnswerValues, answered: set[str]) -> Question | None:
    """The first applicable question with no saved step, or None when all are done."""
    return next(
        (q for q in applicable_questions(bank, values) if q.id not in answered),
        None,
    )


def next_question(bank: Bank, values: AnswerValues, current_id: str) -> Question | None:
    """The applicable question after `current_id`, or None at the end of the bank."""
    questions = applicable_questions(bank, values)
    ids = [q.id for q in questions]
    if current_id in ids:
        following = questions[ids.index(current_id) + 1 :]
    else:
        start = bank.index(current_id) + 1
        following = [q for q in questions if bank.index(q.id) >= start]
    return following[0] if following else None


def previous_question(bank: Bank, values: AnswerValues, current_id: str) -> Question | None:
    """The applicable question before `current_id`, or None at the start."""
    start = bank.index(current_id)
    earlier = [q for q in applicable_questions(bank, values) if bank.index(q.id) < start]
    return earlier[-1] if earlier else None


def position(bank: Bank, values: AnswerValues, current_id: str) -> tuple[int, int]:
    """(number, total) for "Question 3 of 9", counting applicable questions only."""
    ids = [q.id for q in applicable_questions(bank, values)]
    number = ids.index(current_id) + 1 if current_id in ids else len(ids)
    return number, len(ids)
