"""Forms for managing organisations and people.

Choices come from the database or depend on the language, so each form sets them in `__init__`:
fields declared on the class hold no lists that instances could share.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    Field,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, InputRequired, Length, Optional, Regexp, ValidationError

from feedback_app.auth.forms import NewPassword
from feedback_app.auth.passwords import MIN_PASSWORD_LENGTH  # noqa: F401  (used by admin/cli.py)
from feedback_app.data import organisations, users
from feedback_app.messages import MESSAGES
from feedback_app.models import Organisation, Team
from feedback_app.vocabulary import ORGANISATION_KINDS, ROLES

# Deliberately loose: one @, something either side and a dot in the domain. Delivery is the real test.
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def kind_choices() -> list[tuple[str, Any]]:
    return [(kind, getattr(MESSAGES, f"kind_{kind}")) for kind in ORGANISATION_KINDS]


def role_choices() -> list[tuple[str, Any]]:
    return [(role, getattr(MESSAGES, f"role_{role}")) for role in ROLES]


def _id_or_none(value: object) -> int | None:
    """Coerce a submitted id; anything that is not a whole number becomes None (then fails validation)."""
    if isinstance(value, int):
        return value
    text = str(value or "").strip()
    return int(text) if text.isdecimal() else None


class _CouncilsMixin:
    """The councils an advocacy organisation works for, chosen from checkboxes."""

    def _set_council_choices(self, councils: list[Organisation]) -> None:
        self._councils = {council.id: council for council in councils}
        choices = [(str(council.id), council.name) for council in councils]
        self.councils.choices = choices  # type: ignore[attr-defined]

    def _needs_councils(self) -> bool:
        raise NotImplementedError

    def validate_councils(self, field: Field) -> None:
        if any(value not in self._councils for value in field.data or []):
            raise ValidationError(MESSAGES.select_councils)
        if self._needs_councils() and not field.data:
            raise ValidationError(MESSAGES.select_councils)

    def chosen_councils(self) -> list[Organisation]:
        return [self._councils[value] for value in self.councils.data or []]  # type: ignore[attr-defined]


def _required_text_field(
    label: Any, enter: Any, max_length: int, too_long: Any, description: Any = ""
) -> StringField:
    """A text field that must be filled in, up to `max_length` characters."""
    return StringField(
        label,
        description=description,
        validators=[InputRequired(enter), Length(max=max_length, message=too_long)],
    )


def _whole_number_field(label: Any, description: Any, enter: Any, out_of_range: Any) -> StringField:
    """A number of up to three digits; the form checks its range."""
    return StringField(
        label,
        description=description,
        validators=[InputRequired(enter), Regexp(r"^\s*\d{1,3}\s*$", message=out_of_range)],
    )


def _required_choice_field(label: Any, allowed: Any, select: Any) -> RadioField:
    """Radios where one of `allowed` must be chosen."""
    return RadioField(
        label, validate_choice=False, validators=[InputRequired(select), AnyOf(allowed, message=select)]
    )


def _check_not_blank(field: Field, enter: Any) -> None:
    """Refuse a value of only spaces, which InputRequired lets through."""
    if not (field.data or "").strip():
        raise ValidationError(enter)


def _councils_field() -> SelectMultipleField:
    return SelectMultipleField(MESSAGES.label_councils, coerce=_id_or_none, validate_choice=False)


def _concern_next_step_field() -> TextAreaField:
    return TextAreaField(
        MESSAGES.label_concern_next_step,
        description=MESSAGES.hint_concern_next_step,
        validators=[Optional(), Length(max=2000, message=MESSAGES.concern_next_step_too_long)],
    )


class OrganisationDetailsForm(_CouncilsMixin, FlaskForm):
    """Change what an organisation's staff are told after a concern, and (advocacy) its councils."""

    councils = _councils_field()
    concern_next_step = _concern_next_step_field()
    double_coding_percent = _whole_number_field(
        MESSAGES.label_double_coding_percent,
        MESSAGES.hint_double_coding_percent,
        MESSAGES.enter_double_coding_percent,
        MESSAGES.double_coding_percent_range,
    )
    staff_may_code = RadioField(MESSAGES.label_staff_may_code, validate_choice=False, validators=[Optional()])
    retention_months = _whole_number_field(
        MESSAGES.label_retention_months,
        MESSAGES.hint_retention_months,
        MESSAGES.enter_retention_months,
        MESSAGES.retention_months_range,
    )

    def __init__(self, *args: Any, kind: str, councils: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kind = kind
        self._set_council_choices(councils)
        self.staff_may_code.choices = [("yes", MESSAGES.staff_may_code_yes), ("no", MESSAGES.staff_may_code_no)]
        if kind != "council":
            # Only councils choose a double-coding share; the field is not on their page.
            self.double_coding_percent.validators = [Optional()]
            self.retention_months.validators = [Optional()]

    # These run after the field's own validators even when its Regexp failed: look at the number
    # only when it is one (and only for councils, whose page has the field).
    def validate_double_coding_percent(self, field: StringField) -> None:
        if self._kind == "council" and field.data and not field.errors and int(field.data) > 100:
            raise ValidationError(MESSAGES.double_coding_percent_range)

    def validate_retention_months(self, field: StringField) -> None:
        if self._kind == "council" and field.data and not field.errors and not 1 <= int(field.data) <= 120:
            raise ValidationError(MESSAGES.retention_months_range)

    def chosen_retention_months(self) -> int | None:
        return int(self.retention_months.data) if self._kind == "council" else None

    def chosen_percent(self) -> int | None:
        return int(self.double_coding_percent.data) if self._kind == "council" else None

    def _needs_councils(self) -> bool:
        return self._kind == "advocacy"


class AddOrganisationForm(_CouncilsMixin, FlaskForm):
    name = _required_text_field(
        MESSAGES.label_organisation_name,
        MESSAGES.enter_organisation_name,
        max_length=200,
        too_long=MESSAGES.organisation_name_too_long,
    )
    kind = _required_choice_field(MESSAGES.label_organisation_kind, ORGANISATION_KINDS, MESSAGES.select_kind)
    councils = _councils_field()
    concern_next_step = _concern_next_step_field()

    def __init__(self, *args: Any, councils: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = kind_choices()
        self._set_council_choices(councils)

    def _needs_councils(self) -> bool:
        return self.kind.data == "advocacy"

    def validate_name(self, field: Field) -> None:
        _check_not_blank(field, MESSAGES.enter_organisation_name)
        if organisations.find_by_name(field.data) is not None:
            raise ValidationError(MESSAGES.organisation_taken)


class _PersonFieldsMixin:
    """Role and organisation, shared by adding and changing a person."""

    def _set_person_choices(self, all_organisations: list[Organisation]) -> None:
        self._organisations = {organisation.id: organisation for organisation in all_organisations}
        self.role.choices = role_choices()  # type: ignore[attr-defined]
        self.organisation.choices = [  # type: ignore[attr-defined]
            (str(organisation.id), organisation.name) for organisation in all_organisations
        ]

    def validate_organisation(self, field: Field) -> None:
        if field.data not in self._organisations:
            raise ValidationError(MESSAGES.select_organisation)

    def chosen_organisation(self) -> Organisation:
        return self._organisations[self.organisation.data]  # type: ignore[attr-defined]


def _role_field() -> RadioField:
    return _required_choice_field(MESSAGES.label_role, ROLES, MESSAGES.select_role)


def _organisation_field() -> SelectField:
    return SelectField(
        MESSAGES.label_organisation,
        coerce=_id_or_none,
        validate_choice=False,
        validators=[InputRequired(MESSAGES.select_organisation)],
    )


class AddPersonForm(_PersonFieldsMixin, FlaskForm):
    name = _required_text_field(
        MESSAGES.label_person_name,
        MESSAGES.enter_person_name,
        max_length=200,
        too_long=MESSAGES.person_name_too_long,
    )
    email = EmailField(
        MESSAGES.label_email,
        validators=[
            InputRequired(MESSAGES.enter_person_email),
            Length(max=254, message=MESSAGES.enter_valid_email),
            Regexp(EMAIL_PATTERN, message=MESSAGES.enter_valid_email),
        ],
    )
    role = _role_field()
    organisation = _organisation_field()
    password = PasswordField(
        MESSAGES.label_initial_password,
        description=MESSAGES.hint_initial_password,
        validators=[
            InputRequired(MESSAGES.enter_initial_password),
            NewPassword(email_field="email"),  # length, and not on the common passwords list
        ],
    )

    def __init__(self, *args: Any, all_organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_person_choices(all_organisations)

    def validate_name(self, field: Field) -> None:
        _check_not_blank(field, MESSAGES.enter_person_name)

    def validate_email(self, field: Field) -> None:
        if users.find_by_email(field.data) is not None:
            raise ValidationError(MESSAGES.email_taken)


class EditPersonForm(_PersonFieldsMixin, FlaskForm):
    role = _role_field()
    organisation = _organisation_field()
    team = SelectField(MESSAGES.label_team, description=MESSAGES.hint_team, validate_choice=False)
    active = _required_choice_field(MESSAGES.label_active, ("yes", "no"), MESSAGES.select_active)

    def __init__(
        self,
        *args: Any,
        all_organisations: list[Organisation],
        editing_self: bool,
        teams: list[Team] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._editing_self = editing_self
        self._set_person_choices(all_organisations)
        self.active.choices = [("yes", MESSAGES.status_active), ("no", MESSAGES.status_deactivated)]
        # The person's organisation's teams; a team must belong to the organisation chosen.
        self.team.choices = [("", MESSAGES.no_team)] + [(str(team.id), team.name) for team in teams or []]

    def validate_team(self, field: Field) -> None:
        if field.data and self.chosen_team() is None:
            raise ValidationError(MESSAGES.select_team)

    def chosen_team(self) -> Team | None:
        """The team chosen, if it belongs to the organisation chosen; None for no team."""
        team_id = _id_or_none(self.team.data)
        organisation = self._organisations.get(self.organisation.data)
        if team_id is None or organisation is None:
            return None
        return organisations.get_team(organisation, team_id)

    def validate_active(self, field: Field) -> None:
        if self._editing_self and field.data == "no":
            raise ValidationError(MESSAGES.cannot_deactivate_self)

    def validate_role(self, field: Field) -> None:
        if self._editing_self and field.data != "admin":
            raise ValidationError(MESSAGES.cannot_remove_own_admin_role)


class TeamForm(FlaskForm):
    """Add a team to an organisation, or rename one."""

    name = _required_text_field(
        MESSAGES.label_team_name,
        MESSAGES.enter_team_name,
        max_length=100,
        too_long=MESSAGES.team_name_too_long,
        description=MESSAGES.hint_team_name,
    )

    def __init__(self, *args: Any, organisation: Organisation, team: Team | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._organisation, self._team = organisation, team

    def validate_name(self, field: Field) -> None:
        _check_not_blank(field, MESSAGES.enter_team_name)
        same = organisations.find_team(self._organisation, field.data)
        if same is not None and same is not self._team:
            raise ValidationError(MESSAGES.team_taken)
