"""Sign in (password, then a code for those who use one), sign out, and the session time-out calls."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from feedback_app.audit import record
from feedback_app.auth import ALL_ROLES, account_views, accounts, admin_views, clock, drafts, public, roles, server_sessions
from feedback_app.auth.forms import CodeForm, RecoveryCodeForm, SignInForm
from feedback_app.auth.passwords import verify_password
from feedback_app.auth.server_sessions import SIGNED_OUT_REASON
from feedback_app.auth.throttle import PENDING_USER, failed, limited
from feedback_app.data import users
from feedback_app.messages import MESSAGES
from feedback_app.models import User
from feedback_app.web import safe_next_url

bp = Blueprint("auth", __name__, template_folder="templates")

PENDING_AT = "_pending_since"
PENDING_NEXT = "_pending_next"
PENDING_SECONDS = 5 * 60  # the code must follow the password within five minutes


@bp.route("/sign-in", methods=["GET", "POST"])
@public
@limited
def sign_in() -> str | Response:
    """Sign in with email and password."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = SignInForm()
    if form.validate_on_submit():
        user = users.find_by_email(form.email.data or "")
        password = form.password.data or ""
        password_ok = verify_password(user.password_hash if user else None, password)
        if user is not None and user.active and password_ok:
            accounts.upgrade_hash(user, password)
            next_url = safe_next_url(request.args.get("next"))
            if accounts.has_totp(user):
                return _ask_for_code(user, next_url)
            return _complete_sign_in(user, next_url)
        failed()
        record("auth.sign_in_failed")
        form.email.errors.append(_("Enter a correct email address and password"))
    return render_template(
        "auth/sign_in.html",
        form=form,
        signed_out_reason=session.get(SIGNED_OUT_REASON),
        draft_kept=drafts.DRAFT in session,
    )


def _ask_for_code(user: User, next_url: str | None) -> Response:
    kept = drafts.carry_over(user.id)
    server_sessions.regenerate()
    session.update(kept)
    session[PENDING_USER] = user.id
    session[PENDING_AT] = clock.now().timestamp()
    if next_url:
        session[PENDING_NEXT] = next_url
    record("auth.password_accepted", user=user)
    return redirect(url_for("auth.sign_in_code"))


def _complete_sign_in(user: User, next_url: str | None) -> Response:
    """A new session for the signed-in person: nothing from before sign-in can be used to ride it."""
    kept = drafts.carry_over(user.id)
    server_sessions.regenerate()
    session.update(kept)
    login_user(user)
    record("auth.sign_in", user=user)
    server_sessions.purge_stale()
    if accounts.needs_totp_setup(user):
        return redirect(url_for("auth.two_step"))
    return redirect(next_url or url_for("main.home"))


def _pending_user() -> User | None:
    """The person who gave their password and now owes a code, if that was recent."""
    user_id, since = session.get(PENDING_USER), session.get(PENDING_AT)
    if not isinstance(user_id, int) or not isinstance(since, float):
        return None
    if clock.now().timestamp() - since > PENDING_SECONDS:
        return None
    user = users.get_active(user_id)
    return user if user is not None and accounts.has_totp(user) else None


@bp.route("/sign-in/code", methods=["GET", "POST"])
@public
@limited
def sign_in_code() -> str | Response:
    """The second step: a code from the authenticator app."""
    user = _pending_user()
    if user is None:
        return redirect(url_for("auth.sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        if accounts.use_totp_code(user, form.code.data or "", clock.now()):
            return _complete_sign_in(user, session.get(PENDING_NEXT))
        failed()
        record("auth.code_failed", user=user)
        form.code.errors.append(MESSAGES.code_wrong)
    return render_template("auth/code.html", form=form)


@bp.route("/sign-in/recovery-code", methods=["GET", "POST"])
@public
@limited
def sign_in_recovery() -> str | Response:
    """The second step without the phone: one of the person's single-use recovery codes."""
    user = _pending_user()
    if user is None:
        return redirect(url_for("auth.sign_in"))
    form = RecoveryCodeForm()
    if form.validate_on_submit():
        if accounts.use_recovery_code(user, form.code.data or "", clock.now()):
            record("auth.recovery_code_used", user=user)
            return _complete_sign_in(user, session.get(PENDING_NEXT))
        failed()
        record("auth.recovery_code_failed", user=user)
        form.code.errors.append(MESSAGES.recovery_code_wrong)
    return render_template("auth/recovery_code.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@roles(*ALL_ROLES)
@login_required
def sign_out() -> Response:
    """Sign out (a POST, so it is CSRF protected). The session ends on the server too."""
    record("auth.sign_out")
    logout_user()
    server_sessions.end()
    return redirect(url_for("auth.sign_in", signed_out=1))


@bp.route("/session/keep-alive", methods=["POST"])
@roles(*ALL_ROLES)
def keep_alive() -> Response:
    """"Stay signed in": counts as activity, so the idle time-out starts again."""
    server_sessions.keep_alive()
    return jsonify(seconds_left=int(current_app.config["SESSION_IDLE_TIMEOUT"]))


@bp.route("/session/status")
@public
def session_status() -> Response:
    """How long this session has left, for the time-out warning. Asking does not count as activity."""
    server_sessions.do_not_touch()
    left = server_sessions.seconds_left() if current_user.is_authenticated else 0
    return jsonify(seconds_left=left)


for rule, view, methods in account_views.URLS + admin_views.URLS:
    bp.add_url_rule(rule, view_func=view, methods=methods)
