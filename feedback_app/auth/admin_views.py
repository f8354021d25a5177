"""Admins and another person's sign-in: their sessions (end one or all), a reset of two-step
sign-in after a lost phone, and a new password when they have forgotten theirs."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from feedback_app.audit import record
from feedback_app.auth import accounts, roles, server_sessions
from feedback_app.auth.forms import ConfirmForm, SetPasswordForm
from feedback_app.data import users
from feedback_app.models import User


def _person(user_id: int) -> User:
    return users.get(user_id) or abort(404)


def _record(action: str, person: User) -> None:
    record(action, object_type="user", object_id=person.id, organisation_id=person.organisation_id)


@roles("admin")
def person_sign_in(user_id: int) -> str:
    """A person's signed-in sessions and two-step sign-in, with what an admin can do about them."""
    person = _person(user_id)
    _record("admin.sessions.view", person)
    return render_template(
        "auth/person_sign_in.html",
        person=person,
        sessions=server_sessions.live_sessions_for(person.id),
        current_session_id=server_sessions.current_session_id(),
        has_totp=accounts.has_totp(person),
        banner=request.args.get("banner"),
    )


@roles("admin")
def end_session(user_id: int, session_id: str) -> Response:
    """End one of a person's sessions: that browser is signed out at its next click."""
    person = _person(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not server_sessions.end_session(person.id, session_id):
        abort(404)
    _record("admin.session.end", person)
    return redirect(url_for("auth.person_sign_in", user_id=person.id, banner="ended"))


@roles("admin")
def end_all_sessions(user_id: int) -> Response:
    """Sign a person out everywhere (not the admin's own session, if it is theirs)."""
    person = _person(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    server_sessions.end_sessions_for(person.id, except_current=True)
    _record("admin.session.end_all", person)
    return redirect(url_for("auth.person_sign_in", user_id=person.id, banner="ended_all"))


@roles("admin")
def reset_two_step(user_id: int) -> Response:
    """After a lost phone: two-step sign-in is turned off and they are signed out everywhere.
    Coordinators and admins must set it up again when they next sign in."""
    person = _person(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    accounts.disable_totp(person)
    _record("admin.two_step.reset", person)
    server_sessions.end_sessions_for(person.id, except_current=True)
    return redirect(url_for("auth.person_sign_in", user_id=person.id, banner="two_step_reset"))


@roles("admin")
def set_password(user_id: int) -> str | Response:
    """Give a person a new password (they are signed out everywhere)."""
    person = _person(user_id)
    form = SetPasswordForm(email=person.email)
    if form.validate_on_submit():
        accounts.set_password(person, form.new_password.data or "")
        _record("admin.password.set", person)
        server_sessions.end_sessions_for(person.id, except_current=True)
        return redirect(url_for("auth.person_sign_in", user_id=person.id, banner="password"))
    return render_template("auth/set_password.html", form=form, person=person)


_PERSON = "/admin/people/<int:user_id>/sign-in"
URLS = [
    (_PERSON, person_sign_in, ["GET"]),
    (_PERSON + "/sessions/<session_id>/end", end_session, ["POST"]),
    (_PERSON + "/sessions/end-all", end_all_sessions, ["POST"]),
    (_PERSON + "/reset-two-step", reset_two_step, ["POST"]),
    (_PERSON + "/password", set_password, ["GET", "POST"]),
]
