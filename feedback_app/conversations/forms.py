"""Forms for starting, stopping and raising a concern. The question form is in question_form.py."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from feedback_app.conversations import labels
from feedback_app.dates import any_part_given, parse_date_parts
from feedback_app.messages import MESSAGES
from feedback_app.vocabulary import LANGUAGES

CASE_REFERENCE = re.compile(r"^[A-Za-z0-9 /\-]+$")


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class StartForm(FlaskForm):
    """Everything recorded before the first question, including the person's agreement."""

    start_token = HiddenField()
    late_confirmed = HiddenField()
    council = SelectField(_l("Which council ran the enquiry?"), coerce=str, validators=[Optional()])
    case_reference = StringField(
        _l("Case reference"),
        validators=[
            InputRequired(MESSAGES.enter_case_reference),
            Length(max=60, message=MESSAGES.case_reference_too_long),
        ],
    )
    concluded_day = StringField(_l("Day"))
    concluded_month = StringField(_l("Month"))
    concluded_year = StringField(_l("Year"))
    method = RadioField(_l("Who is holding this conversation?"), validators=[InputRequired(MESSAGES.select_method)])
    respondent_type = RadioField(_l("Who is answering?"), validators=[InputRequired(MESSAGES.select_respondent)])
    representative_relationship = RadioField(_l("How do they know the person?"), validators=[Optional()])
    others_present = MultiCheckboxField(_l("Who else is there? (optional)"), validators=[Optional()])
    language = SelectField(_l("Language for the questions"), validators=[InputRequired(MESSAGES.select_language)])
    format = RadioField(_l("How should the questions look?"), validators=[InputRequired(MESSAGES.select_format)])
    agreed = RadioField(
        _l("Does the person agree to take part?"), validators=[InputRequired(MESSAGES.select_agreement)]
    )

    def __init__(self, *args: Any, councils: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Choices are set per instance: WTForms fields must not share mutable state between forms.
        self.council.choices = councils
        self.method.choices = list(labels.METHOD_LABELS.items())
        self.respondent_type.choices = list(labels.RESPONDENT_LABELS.items())
        self.representative_relationship.choices = list(labels.RELATIONSHIP_LABELS.items())
        self.others_present.choices = list(labels.OTHERS_PRESENT_LABELS.items())
        self.language.choices = [(code, labels.LANGUAGE_LABELS[code]) for code in LANGUAGES]
        self.format.choices = list(labels.FORMAT_LABELS.items())
        self.agreed.choices = [
            ("yes", _l("Yes, they agree to take part")),
            ("no", _l("No, they do not want to take part")),
        ]
        self.concluded_on: dt.date | None = None

    def validate_council(self, field: SelectField) -> None:
        if len(self.council.choices) > 1 and field.data not in {value for value, _ in self.council.choices}:
            raise ValidationError(MESSAGES.select_council)

    def validate_case_reference(self, field: StringField) -> None:
        if field.data and not CASE_REFERENCE.match(field.data.strip()):
            raise ValidationError(MESSAGES.case_reference_characters)

    def validate_concluded_day(self, field: StringField) -> None:
        parts = (self.concluded_day.data, self.concluded_month.data, self.concluded_year.data)
        if not any_part_given(*parts):
            raise ValidationError(MESSAGES.enter_concluded_date)
        date = parse_date_parts(*parts)
        if date is None:
            raise ValidationError(MESSAGES.concluded_date_real)
        if date > dt.date.today():
            raise ValidationError(MESSAGES.concluded_date_past)
        self.concluded_on = date

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        # Needed only for a representative, so it cannot be a plain field validator.
        if self.respondent_type.data == "representative" and not self.representative_relationship.data:
            self.representative_relationship.errors = [MESSAGES.select_relationship]
            valid = False
        return valid


class StopForm(FlaskForm):
    """The person stops: do they want to keep what they said so far?"""

    keep_answers = RadioField(
        _l("Do they want us to keep what they have said so far?"),
        validators=[InputRequired(MESSAGES.select_keep_answers)],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keep_answers.choices = [("yes", _l("Yes, keep what they said")), ("no", _l("No, delete what they said"))]


class ConcernForm(FlaskForm):
    note = TextAreaField(
        _l("Short note about the concern"),
        validators=[
            InputRequired(MESSAGES.enter_concern_note),
            Length(max=1000, message=MESSAGES.concern_note_too_long),
        ],
    )


class ActionForm(FlaskForm):
    """A form with only a CSRF token, for buttons that change state (finish, pause, hand over)."""
