from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import InputRequired

from feedback_app.messages import MESSAGES


class SignInForm(FlaskForm):
    email = EmailField(
        MESSAGES.label_email, validators=[InputRequired(MESSAGES.enter_email)]
    )
    password = PasswordField(
        MESSAGES.label_password, validators=[InputRequired(MESSAGES.enter_password)]
    )
