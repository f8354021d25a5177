"""The signed-in person's own account: change password, set up or turn off two-step sign-in,
and new recovery codes."""

from __future__ import annotations

from flask import current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user
from werkzeug.wrappers import Response

from feedback_app.audit import record
from feedback_app.auth import ALL_ROLES, accounts, clock, roles, server_sessions, totp
from feedback_app.auth.forms import ChangePasswordForm, CodeForm
from feedback_app.auth.passwords import verify_password
from feedback_app.messages import MESSAGES
from feedback_app.models.encrypted import EncryptionKeyError, current_cipher

SETUP_SECRET = "_totp_setup_secret"  # the secret being set up, until a code from it is typed


@roles(*ALL_ROLES)
def account() -> str:
    """What the person can change about how they sign in."""
    return render_template(
        "auth/account.html",
        has_totp=accounts.has_totp(current_user),
        totp_required=accounts.totp_required(current_user),
        codes_left=accounts.recovery_codes_left(current_user) if accounts.has_totp(current_user) else 0,
        banner=request.args.get("banner"),
    )


@roles(*ALL_ROLES)
def change_password() -> str | Response:
    """A new password; every other session of this person ends."""
    form = ChangePasswordForm(email=current_user.email)
    if form.validate_on_submit():
        if not verify_password(current_user.password_hash, form.current_password.data or ""):
            form.current_password.errors.append(MESSAGES.current_password_wrong)
        else:
            accounts.set_password(current_user, form.new_password.data or "")
            record("auth.password_changed", object_type="user", object_id=current_user.id)
            server_sessions.end_sessions_for(current_user.id, except_current=True)
            _new_session_for_current_user()
            return redirect(url_for("auth.account", banner="password"))
    return render_template("auth/change_password.html", form=form)


def _new_session_for_current_user() -> None:
    """A new session id after a change to how the person signs in; they stay signed in."""
    user = current_user._get_current_object()  # type: ignore[attr-defined]
    server_sessions.regenerate()
    login_user(user)


@roles(*ALL_ROLES)
def two_step() -> str | Response:
    """Set up an authenticator app: a QR code (or the secret to type), then one code from it."""
    if accounts.has_totp(current_user):
        return redirect(url_for("auth.account"))
    secret = _setup_secret()
    form = CodeForm()
    if form.validate_on_submit():
        step = totp.matching_step(secret, form.code.data or "", clock.now())
        if step is not None:
            codes = accounts.enable_totp(current_user, secret, step)
            session.pop(SETUP_SECRET, None)
            record("auth.two_step_on", object_type="user", object_id=current_user.id)
            server_sessions.end_sessions_for(current_user.id, except_current=True)
            _new_session_for_current_user()
            return render_template("auth/recovery_codes.html", codes=codes, first_time=True)
        form.code.errors.append(MESSAGES.code_wrong)
    uri = totp.provisioning_uri(secret, current_user.email, current_app.config["TOTP_ISSUER"])
    return render_template(
        "auth/two_step.html",
        form=form,
        qr_code=totp.qr_code_data_uri(uri),
        secret=totp.grouped(secret),
        required=accounts.totp_required(current_user),
    )


def _setup_secret() -> str:
    """The secret being set up, kept sealed in the session (sessions are stored on the server)."""
    cipher = current_cipher()
    sealed = session.get(SETUP_SECRET)
    if isinstance(sealed, str):
        try:
            return cipher.decrypt(sealed, SETUP_SECRET)
        except EncryptionKeyError:
            pass  # sealed with a key since retired: start again with a new secret
    secret = totp.new_secret()
    session[SETUP_SECRET] = cipher.encrypt(secret, SETUP_SECRET)
    return secret


@roles(*ALL_ROLES)
def new_recovery_codes() -> str | Response:
    """Ten new recovery codes (the old ones stop working), after a code from the app."""
    if not accounts.has_totp(current_user):
        return redirect(url_for("auth.account"))
    form = CodeForm()
    if form.validate_on_submit():
        if accounts.use_totp_code(current_user, form.code.data or "", clock.now()):
            codes = accounts.replace_recovery_codes(current_user)
            record("auth.recovery_codes_replaced", object_type="user", object_id=current_user.id)
            return render_template("auth/recovery_codes.html", codes=codes, first_time=False)
        record("auth.code_failed", object_type="user", object_id=current_user.id)
        form.code.errors.append(MESSAGES.code_wrong)
    return render_template(
        "auth/confirm_with_code.html",
        form=form,
        title=_("Get new recovery codes"),
        explanation=_("Your old recovery codes will stop working."),
        button=_("Get new recovery codes"),
    )


@roles(*ALL_ROLES)
def turn_off_two_step() -> str | Response:
    """Turn off two-step sign-in (only for roles that do not need it), after a code from the app."""
    if not accounts.has_totp(current_user) or accounts.totp_required(current_user):
        return redirect(url_for("auth.account"))
    form = CodeForm()
    if form.validate_on_submit():
        if accounts.use_totp_code(current_user, form.code.data or "", clock.now()):
            accounts.disable_totp(current_user)
            record("auth.two_step_off", object_type="user", object_id=current_user.id)
            return redirect(url_for("auth.account", banner="two_step_off"))
        record("auth.code_failed", object_type="user", object_id=current_user.id)
        form.code.errors.append(MESSAGES.code_wrong)
    return render_template(
        "auth/confirm_with_code.html",
        form=form,
        title=_("Turn off two-step sign-in"),
        explanation=_("You will sign in with your password only. Your recovery codes will stop working."),
        button=_("Turn off two-step sign-in"),
    )


URLS = [
    ("/account", account, ["GET"]),
    ("/account/password", change_password, ["GET", "POST"]),
    ("/account/two-step", two_step, ["GET", "POST"]),
    ("/account/two-step/recovery-codes", new_recovery_codes, ["GET", "POST"]),
    ("/account/two-step/turn-off", turn_off_two_step, ["GET", "POST"]),
]
