"""Question text as the person sees it: their wording, format and language."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import force_locale

from feedback_app.conversations.question_form import option_choices
from feedback_app.models import Conversation
from feedback_app.question_banks.model import Bank, Question
from feedback_app.web import bank_text


@dataclass(frozen=True)
class ShownOption:
    value: str
    label: str
    picture: str | None
    picture_alt: str | None


@dataclass(frozen=True)
class ShownQuestion:
    """Everything person-facing about one question, already translated."""

    question: Question
    text: str
    picture: str | None
    picture_alt: str | None
    options: tuple[ShownOption, ...]
    follow_up: str
    language: str
    easy_read: bool
    picture_scale: bool = False  # easy read: the options as a row of pictures, a feelings scale


def show_question(question: Question, *, respondent_type: str, format: str, language: str) -> ShownQuestion:
    """Translate the question for the person, in the conversation's language."""
    easy_read = format == "easy_read"
    wording = question.easy_read if easy_read else question.wording
    with force_locale(language):
        if question.options:
            options = tuple(
                ShownOption(
                    value=option.value,
                    label=bank_text(option.easy_read_label if easy_read else option.label),
                    picture=option.picture if easy_read else None,
                    picture_alt=bank_text(option.picture_alt) if easy_read else None,
                )
                for option in question.options
            )
        else:
            options = tuple(ShownOption(value, label, None, None) for value, label in option_choices(question))
        return ShownQuestion(
            question=question,
            text=bank_text(wording.for_respondent(respondent_type)),
            picture=question.picture if easy_read else None,
            picture_alt=bank_text(question.picture_alt) if easy_read else None,
            options=options,
            follow_up=bank_text(question.follow_up),
            language=language,
            easy_read=easy_read,
            picture_scale=easy_read and question.picture_scale,
        )


def show_in_conversation(conversation: Conversation, bank: Bank, question: Question) -> ShownQuestion:
    """The question as this conversation shows it: a practitioner bank is always standard English."""
    for_person = bank.audience == "person"
    return show_question(
        question,
        respondent_type=conversation.respondent_type,
        format=conversation.format if for_person else "standard",
        language=conversation.language if for_person else "en",
    )


def answer_label(shown: ShownQuestion, value: str | None) -> str:
    """The words of the chosen option, or the value itself (a date) when there are no options."""
    if value is None:
        return ""
    option = next((option for option in shown.options if option.value == value), None)
    return option.label if option else value
