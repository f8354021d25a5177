"""Admin pages for an organisation's teams: list, add and rename. Teams are never deleted, since
conversations keep the team they were started in."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from feedback_app.admin.forms import TeamForm, kind_choices
from feedback_app.audit import record
from feedback_app.auth import roles
from feedback_app.data import organisations


@roles("admin")
def teams(organisation_id: int) -> str | Response:
    """An organisation's teams, with a form to add one."""
    organisation = organisations.get(organisation_id) or abort(404)
    form = TeamForm(organisation=organisation)
    if form.validate_on_submit():
        team = organisations.add_team(organisation, form.name.data or "")
        record("admin.team.create", object_type="team", object_id=team.id, organisation_id=organisation.id)
        return redirect(url_for("admin.teams", organisation_id=organisation.id, added=1))
    return render_template(
        "admin/teams.html",
        form=form,
        organisation=organisation,
        teams=organisations.teams_of(organisation),
        people_counts=organisations.team_counts(organisation),
        kind_label=dict(kind_choices())[organisation.kind],
        banner="added" if request.args.get("added") else "changed" if request.args.get("changed") else "",
    )


@roles("admin")
def rename_team(organisation_id: int, team_id: int) -> str | Response:
    """Rename one of an organisation's teams; another organisation's team is a 404."""
    organisation = organisations.get(organisation_id) or abort(404)
    team = organisations.get_team(organisation, team_id) or abort(404)
    form = TeamForm(data={"name": team.name} if request.method == "GET" else None, organisation=organisation, team=team)
    if form.validate_on_submit():
        organisations.rename_team(team, form.name.data or "")
        record("admin.team.rename", object_type="team", object_id=team.id, organisation_id=organisation.id)
        return redirect(url_for("admin.teams", organisation_id=organisation.id, changed=1))
    return render_template("admin/rename_team.html", form=form, organisation=organisation, team=team)
