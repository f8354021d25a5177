"""Error pages in plain words. Nothing from the request is shown; a refusal is logged by route and user id only."""

from __future__ import annotations

import logging

from flask import Flask, abort, current_app, redirect, render_template, request, url_for
from flask_login import current_user
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.wrappers import Response

from feedback_app.auth import drafts
from feedback_app.extensions import db

refusals = logging.getLogger("feedback_app.access")


def log_refusal(status: int, reason: str) -> None:
    """One line for each request refused: route pattern, method and user id, never the path or content."""
    rule = request.url_rule.rule if request.url_rule is not None else _rule_for_wrong_method()
    user_id = current_user.get_id() if current_user and current_user.is_authenticated else None
    refusals.warning("refused %s %s %s user=%s status=%s", reason, request.method, rule, user_id, status)


def _rule_for_wrong_method() -> str:
    """The route a request named with a method it does not take (a POST to a page), if any."""
    wrong = request.routing_exception
    if not isinstance(wrong, MethodNotAllowed) or not wrong.valid_methods:
        return "(no route)"
    try:
        rule, _arguments = current_app.create_url_adapter(request).match(method=wrong.valid_methods[0], return_rule=True)
    except HTTPException:
        return "(no route)"
    return str(rule.rule)


def _holds_nul(values: MultiDict[str, str]) -> bool:
    # A multipart part that is neither text nor a file can come through as None.
    return any("\x00" in (key or "") or "\x00" in (value or "") for key, value in values.items(multi=True))


def init_app(app: Flask) -> None:
    @app.before_request
    def refuse_nul_characters() -> None:
        """Nobody types a NUL character, and PostgreSQL cannot store one: refuse it plainly, not with a 500."""
        if _holds_nul(request.args) or (request.method == "POST" and _holds_nul(request.form)):
            abort(400)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> tuple[str, int] | Response:
        log_refusal(400, "csrf")
        # An answer sent after the session ended: keep what was typed, and bring them back to it.
        kept = drafts.keep_unsaved_answer()
        if not current_user.is_authenticated and (kept or drafts.session_timed_out()):
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?") if kept else None))
        if kept:
            back = request.full_path.rstrip("?")
            return (
                render_template(
                    "error.html",
                    title=_("Sorry, we could not save that"),
                    message=_("You signed in again in another tab, so this page was out of date. What you typed is kept."),
                    link=(back, _("Go back to the question to check it and save it")),
                ),
                400,
            )
        return (
            render_template(
                "error.html",
                title=_("Sorry, we could not save that"),
                message=_(
                    "The page was open too long or you signed out in another tab. "
                    "Go back, reload the page and try again."
                ),
            ),
            400,
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        code = error.code or 500
        if code in (403, 404, 405):  # the app answers 404 to whatever a person may not see
            log_refusal(code, "not-found-or-forbidden")
        titles = {
            400: _("Sorry, there is a problem with that request"),
            403: _("Page not found"),
            404: _("Page not found"),
            405: _("Page not found"),
            413: _("That is too much text to save"),
        }
        messages = {
            404: _("If you typed the web address, check it is correct. If you followed a link, it may be for a record you cannot see."),
            413: _("Go back and shorten what you typed, then try again."),
        }
        return (
            render_template(
                "error.html",
                title=titles.get(code, _("Sorry, there is a problem with the service")),
                message=messages.get(code, _("Try again later.")),
            ),
            404 if code in (403, 405) else code,
        )

    @app.errorhandler(500)
    def server_error(error: Exception) -> tuple[str, int]:
        # A failed save leaves the session needing a rollback, and the page itself reads the
        # signed-in person: without this the error page fails too and a bare 500 is shown.
        db.session.rollback()
        return (
            render_template(
                "error.html",
                title=_("Sorry, there is a problem with the service"),
                message=_("Nothing you saved before this has been lost. Try again later."),
            ),
            500,
        )
