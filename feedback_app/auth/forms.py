"""Sign-in, code, password and two-step set-up forms."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import EmailField, Field, PasswordField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from feedback_app.auth.passwords import MAX_PASSWORD_LENGTH, password_problem
from feedback_app.messages import MESSAGES


class NewPassword:
    """Validator for any password being set: length, and not on the common passwords list.

    `email_field` names the form field holding the person's email, if the form has one.
    """

    def __init__(self, email_field: str | None = None, email: str = "") -> None:
        self.email_field = email_field
        self.email = email

    def __call__(self, form: FlaskForm, field: Field) -> None:
        email = self.email or (getattr(form, self.email_field).data or "" if self.email_field else "")
        problem = password_problem(field.data or "", email=email)
        if problem is not None:
            raise ValidationError(getattr(MESSAGES, problem))


class SignInForm(FlaskForm):
    email = EmailField(MESSAGES.label_email, validators=[InputRequired(MESSAGES.enter_email)])
    password = PasswordField(
        MESSAGES.label_password,
        validators=[
            InputRequired(MESSAGES.enter_password),
            # Longer than any password we let people set: checked before any hashing work is done.
            Length(max=MAX_PASSWORD_LENGTH * 8, message=MESSAGES.password_too_long),
        ],
    )


class CodeForm(FlaskForm):
    code = StringField(MESSAGES.label_code, description=MESSAGES.hint_code, validators=[InputRequired(MESSAGES.enter_code)])

    def validate_code(self, field: Field) -> None:
        digits = "".join((field.data or "").split())
        if len(digits) != 6 or not digits.isdigit():
            raise ValidationError(MESSAGES.code_format)


class RecoveryCodeForm(FlaskForm):
    code = StringField(
        MESSAGES.label_recovery_code,
        validators=[InputRequired(MESSAGES.enter_recovery_code), Length(max=40, message=MESSAGES.recovery_code_wrong)],
    )


def _new_password_field(description: Any) -> PasswordField:
    """The password being set, with its hint; _SetsAPasswordForm checks it against the password rules."""
    return PasswordField(
        MESSAGES.label_new_password,
        description=description,
        validators=[InputRequired(MESSAGES.enter_new_password)],
    )


class _SetsAPasswordForm(FlaskForm):
    """A form whose `new_password` becomes the password of the person with `email`."""

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._new_password_rule = NewPassword(email=email)

    def validate_new_password(self, field: Field) -> None:
        self._new_password_rule(self, field)


class ChangePasswordForm(_SetsAPasswordForm):
    current_password = PasswordField(
        MESSAGES.label_current_password,
        validators=[InputRequired(MESSAGES.enter_current_password), Length(max=MAX_PASSWORD_LENGTH * 8)],
    )
    new_password = _new_password_field(MESSAGES.hint_new_password)


class ConfirmForm(FlaskForm):
    """A form with only its CSRF token: a button that changes something."""


class SetPasswordForm(_SetsAPasswordForm):
    """An admin sets a new password for someone who has forgotten theirs."""

    new_password = _new_password_field(MESSAGES.hint_initial_password)
