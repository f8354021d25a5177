"""The start page after signing in and the page language switch. The health check is feedback_app/health.py."""

from __future__ import annotations

from flask import Blueprint, redirect, request, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from feedback_app.auth import ALL_ROLES, public, roles
from feedback_app.web import UI_LANGUAGES, safe_next_url

bp = Blueprint("main", __name__)


@bp.route("/")
@public
def home() -> Response:
    """Send each person to where their work starts."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.sign_in"))
    if current_user.role == "admin":
        return redirect(url_for("admin.organisations"))
    if current_user.role == "board":
        return redirect(url_for("reporting.dashboard"))
    return redirect(url_for("conversations.index"))


@bp.route("/language", methods=["POST"])
@roles(*ALL_ROLES)
def set_language() -> Response:
    """Change the language of the practitioner's own pages."""
    language = request.form.get("language", "")
    if language in UI_LANGUAGES:
        session["ui_language"] = language
    return redirect(safe_next_url(request.form.get("next")) or url_for("main.home"))
