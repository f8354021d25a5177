"""Sign in and sign out."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from feedback_app.audit import record
from feedback_app.auth import ALL_ROLES, public, roles
from feedback_app.auth.forms import SignInForm
from feedback_app.auth.passwords import verify_password
from feedback_app.data import users
from feedback_app.web import safe_next_url

bp = Blueprint("auth", __name__, template_folder="templates")


@bp.route("/sign-in", methods=["GET", "POST"])
@public
def sign_in() -> str | Response:
    """Sign in with email and password."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = SignInForm()
    if form.validate_on_submit():
        user = users.find_by_email(form.email.data or "")
        password_ok = verify_password(user.password_hash if user else None, form.password.data or "")
        if user is not None and user.active and password_ok:
            login_user(user)
            record("auth.sign_in", user=user)
            return redirect(safe_next_url(request.args.get("next")) or url_for("main.home"))
        record("auth.sign_in_failed")
        form.email.errors.append(_("Enter a correct email address and password"))
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@roles(*ALL_ROLES)
@login_required
def sign_out() -> Response:
    """Sign out (a POST, so it is CSRF protected)."""
    record("auth.sign_out")
    logout_user()
    return redirect(url_for("auth.sign_in", signed_out=1))
