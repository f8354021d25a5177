"""Admin pages: the organisations using the service and the people who sign in."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from feedback_app.admin import teams as team_views
from feedback_app.admin.forms import (
    AddOrganisationForm,
    AddPersonForm,
    EditPersonForm,
    OrganisationDetailsForm,
    kind_choices,
    role_choices,
)
from feedback_app.audit import record
from feedback_app.auth import roles, server_sessions
from feedback_app.data import organisations, users
from feedback_app.models import User

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


@bp.route("/organisations", endpoint="organisations")
@roles("admin")
def organisations_list() -> str:
    """List every organisation, the councils it works for and how many people it has."""
    return render_template(
        "admin/organisations.html",
        organisations=organisations.list_all(),
        people_counts=organisations.people_counts(),
        kind_labels=dict(kind_choices()),
    )


@bp.route("/organisations/add", methods=["GET", "POST"])
@roles("admin")
def add_organisation() -> str | Response:
    """Add a council, advocacy organisation or partner."""
    form = AddOrganisationForm(councils=organisations.councils())
    if form.validate_on_submit():
        organisation = organisations.create(name=form.name.data or "", kind=form.kind.data or "")
        organisations.update_details(
            organisation, councils=form.chosen_councils(), concern_next_step=form.concern_next_step.data or ""
        )
        record(
            "admin.organisation.create",
            object_type="organisation",
            object_id=organisation.id,
            organisation_id=organisation.id,
        )
        return redirect(url_for("admin.organisations", added=1))
    return render_template("admin/add_organisation.html", form=form)


@bp.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
@roles("admin")
def edit_organisation(organisation_id: int) -> str | Response:
    """Change the councils an organisation works for and what staff do after a concern."""
    organisation = organisations.get(organisation_id) or abort(404)
    initial = {
        "councils": [council.id for council in organisation.councils],
        "concern_next_step": organisation.concern_next_step,
        "double_coding_percent": str(organisation.double_coding_percent),
        "staff_may_code": "yes" if organisation.staff_may_code else "no",
        "retention_months": str(organisation.retention_months),
    }
    form = OrganisationDetailsForm(
        data=initial if request.method == "GET" else None,
        kind=organisation.kind,
        councils=organisations.councils(),
    )
    if form.validate_on_submit():
        organisations.update_details(
            organisation,
            councils=form.chosen_councils(),
            concern_next_step=form.concern_next_step.data or "",
            double_coding_percent=form.chosen_percent(),
            staff_may_code=form.staff_may_code.data == "yes",
            retention_months=form.chosen_retention_months(),
        )
        record(
            "admin.organisation.update",
            object_type="organisation",
            object_id=organisation.id,
            organisation_id=organisation.id,
        )
        return redirect(url_for("admin.organisations", changed=1))
    kind_label = dict(kind_choices())[organisation.kind]
    return render_template(
        "admin/edit_organisation.html", form=form, organisation=organisation, kind_label=kind_label
    )


@bp.route("/people")
@roles("admin")
def people() -> str:
    """List everyone who can sign in, or could before they were deactivated."""
    record("admin.user.list", object_type="user")
    return render_template(
        "admin/people.html",
        people=users.list_all(),
        role_labels=dict(role_choices()),
        team_names=organisations.team_names(),
    )


@bp.route("/people/add", methods=["GET", "POST"])
@roles("admin")
def add_person() -> str | Response:
    """Add a person who can sign in, with an initial password."""
    form = AddPersonForm(all_organisations=organisations.list_all())
    if form.validate_on_submit():
        user = users.create(
            email=form.email.data or "",
            password=form.password.data or "",
            role=form.role.data or "",
            organisation=form.chosen_organisation(),
            name=form.name.data or "",
        )
        _record_person("admin.user.create", user)
        return redirect(url_for("admin.people", added=1))
    return render_template("admin/add_person.html", form=form)


@bp.route("/people/<int:user_id>", methods=["GET", "POST"])
@roles("admin")
def edit_person(user_id: int) -> str | Response:
    """Change a person's role, organisation or team, or stop them signing in."""
    person = users.get(user_id) or abort(404)
    initial = {
        "role": person.role,
        "organisation": person.organisation_id,
        "team": str(person.team_id or ""),
        "active": "yes" if person.active else "no",
    }
    form = EditPersonForm(
        data=initial if request.method == "GET" else None,
        all_organisations=organisations.list_all(),
        editing_self=person.id == current_user.id,
        teams=organisations.teams_of(person.organisation),
    )
    if form.validate_on_submit():
        users.update(
            person,
            role=form.role.data or "",
            organisation=form.chosen_organisation(),
            active=form.active.data == "yes",
        )
        organisations.set_team(person, form.chosen_team())
        _record_person("admin.user.update", person)
        if not person.active:  # a deactivated person's sessions end now, wherever they are
            server_sessions.end_sessions_for(person.id)
        return redirect(url_for("admin.people", changed=1))
    if request.method == "GET":
        _record_person("admin.user.view", person)
    return render_template("admin/edit_person.html", form=form, person=person)


def _record_person(action: str, person: User) -> None:
    record(action, object_type="user", object_id=person.id, organisation_id=person.organisation_id)


# An organisation's teams live in their own module; their URLs are registered here.
bp.add_url_rule(
    "/organisations/<int:organisation_id>/teams", view_func=team_views.teams, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/organisations/<int:organisation_id>/teams/<int:team_id>",
    view_func=team_views.rename_team,
    methods=["GET", "POST"],
)
