"""The form for one question, built per request from the bank's definition of that question."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from feedback_app.dates import any_part_given, parse_date_parts
from feedback_app.messages import MESSAGES
from feedback_app.question_banks.model import Question
from feedback_app.vocabulary import ANSWERED, RATHER_NOT_SAY, SKIPPED

CHOICE_TYPES = frozenset({"choice", "yes_no", "sac_category"})
WORDS_LIMIT = 5000

# The buttons on a question page, by the value of their name="action".
CONTINUE, SKIP, RATHER_NOT, PAUSE = "continue", "skip", "rather_not_say", "pause"


@dataclass(frozen=True)
class Step:
    """What one submitted question page means: the status, value and words to save."""

    status: str
    value: str | None
    words: str


def option_choices(question: Question) -> list[tuple[str, str]]:
    if question.options:
        return [(option.value, option.label) for option in question.options]
    if question.answer_type == "yes_no":
        return [("yes", _("Yes")), ("no", _("No"))]
    return []


class _WordsForm(FlaskForm):
    words = TextAreaField(validators=[Optional(), Length(max=WORDS_LIMIT, message=MESSAGES.words_too_long)])


class _ChoiceForm(_WordsForm):
    answer = RadioField(validators=[Optional()])


class _DateForm(_WordsForm):
    day = StringField()
    month = StringField()
    year = StringField()


def build_form(question: Question, **kwargs: Any) -> FlaskForm:
    """A new form for this question. The classes hold no answers: each request has its own form."""
    if question.answer_type in CHOICE_TYPES:
        form = _ChoiceForm(**kwargs)
        form.answer.choices = option_choices(question)
        return form
    if question.answer_type == "date":
        return _DateForm(**kwargs)
    return _WordsForm(**kwargs)


def read_step(form: FlaskForm, question: Question, action: str) -> Step | None:
    """Check the submitted page and say what to save, or None with errors added to the form.

    Text in the words box is kept whatever the button: "Skip" and "They would rather not say"
    record the choice but never throw away what was typed.
    """
    if not form.validate():
        return None
    words = (form.words.data or "").strip()
    if action in (SKIP, RATHER_NOT) and not (action == SKIP and question.required):
        return Step(SKIPPED if action == SKIP else RATHER_NOT_SAY, None, words)

    value = _submitted_value(form, question)
    if value is _INVALID:
        return None
    if action == PAUSE:
        # Pausing keeps whatever was given, even a part answer; the read-back asks for the rest.
        return Step(ANSWERED, value, words) if value or words else None
    if value is None and not (question.answer_type == "words" and words):
        if question.required:
            _add_required_error(form, question)
            return None
        return Step(SKIPPED, None, words) if not words else Step(ANSWERED, None, words)
    return Step(ANSWERED, value, words)


_INVALID = object()


def _submitted_value(form: FlaskForm, question: Question) -> Any:
    if question.answer_type in CHOICE_TYPES:
        return form.answer.data or None
    if question.answer_type == "date":
        parts = (form.day.data, form.month.data, form.year.data)
        if not any_part_given(*parts):
            return None
        date = parse_date_parts(*parts)
        if date is None:
            form.day.errors = [*form.day.errors, MESSAGES.date_real]
            return _INVALID
        return date.isoformat()
    return None


def _add_required_error(form: FlaskForm, question: Question) -> None:
    message = question.error_message or (
        MESSAGES.enter_words if question.answer_type == "words" else MESSAGES.select_answer
    )
    target = {"words": "words", "date": "day"}.get(question.answer_type, "answer")
    field = getattr(form, target)
    field.errors = [*field.errors, _(message) if isinstance(message, str) else message]


def fill_form(form: FlaskForm, question: Question, value: str | None, words: str) -> None:
    """Put a saved answer back into an unsubmitted form (for Back and Change)."""
    form.words.data = words
    if question.answer_type in CHOICE_TYPES:
        form.answer.data = value
    elif question.answer_type == "date" and value:
        year, month, day = value.split("-")
        form.day.data, form.month.data, form.year.data = day.lstrip("0"), month.lstrip("0"), year
