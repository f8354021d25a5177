"""Who may use which page. Every view declares its roles with `roles` or says it is `public`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort
from flask_login import LoginManager, current_user

from feedback_app.vocabulary import ROLES

View = TypeVar("View", bound=Callable[..., Any])

ALL_ROLES: tuple[str, ...] = ROLES
CONVERSATION_ROLES: tuple[str, ...] = ("practitioner", "advocate", "coordinator")


def roles(*allowed: str) -> Callable[[View], View]:
    """Let signed-in people with one of these roles use the view; anyone else gets a 404."""
    unknown = set(allowed) - set(ROLES)
    if unknown or not allowed:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                from feedback_app.extensions import login_manager

                return login_manager.unauthorized()
            if current_user.role not in allowed:
                abort(404)
            return view(*args, **kwargs)

        wrapped.allowed_roles = allowed  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


def public(view: View) -> View:
    """Mark a view as open to anyone, signed in or not (sign in, health check)."""
    view.allowed_roles = ("public",)  # type: ignore[attr-defined]
    return view


def init_login(login_manager: LoginManager) -> None:
    from feedback_app.data import users

    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = ""
    # "basic", not "strong": a tablet that moves between networks must not be signed out mid-conversation.
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(user_id: str) -> Any:
        return users.get_active(int(user_id)) if user_id.isdigit() else None

    @login_manager.unauthorized_handler
    def unauthorized() -> Any:
        """Not signed in (or no longer): keep any answer being sent, then ask them to sign in."""
        from flask import jsonify, redirect, request, url_for

        from feedback_app.auth import drafts

        if request.blueprint == "auth" and request.endpoint in JSON_ENDPOINTS:
            return jsonify(seconds_left=0), 401
        kept = drafts.keep_unsaved_answer()
        target = request.full_path.rstrip("?") if request.method == "GET" or kept else None
        return redirect(url_for("auth.sign_in", next=target))


# Called by the time-out warning's script; they answer in JSON, never with a sign-in page.
JSON_ENDPOINTS: frozenset[str] = frozenset({"auth.keep_alive", "auth.session_status"})
# What a coordinator or admin who still has to set up two-step sign-in may use meanwhile.
_ALLOWED_BEFORE_TWO_STEP: frozenset[str] = frozenset(
    {"auth.two_step", "auth.sign_out", "static", "health.check", "main.set_language", *JSON_ENDPOINTS}
)


def init_app(app: Any) -> None:
    """Server-side sessions, sign-in throttling, and two-step set-up before anything else."""
    from flask import redirect, request, url_for

    from feedback_app.auth import accounts, server_sessions, throttle
    from feedback_app.extensions import db

    server_sessions.init_app(app, lambda: db.engine)
    throttle.init_app(app)

    @app.context_processor
    def session_time_out() -> dict[str, Any]:
        return {
            "session_seconds_left": server_sessions.seconds_left,
            "session_warning_seconds": app.config["SESSION_TIMEOUT_WARNING"],
        }

    @app.before_request
    def two_step_first() -> Any:
        if (
            current_user.is_authenticated
            and request.endpoint not in _ALLOWED_BEFORE_TWO_STEP
            and accounts.needs_totp_setup(current_user)
        ):
            return redirect(url_for("auth.two_step"))
        return None
