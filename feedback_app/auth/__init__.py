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
