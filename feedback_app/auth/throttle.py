"""Sign-in throttling with Flask-Limiter: only failed attempts count.

Three limits apply to each failed password or code (set in config.py):
- one account from one address: short (5 in 5 minutes), so guessing from one place is slow and
  the person themself waits at most a few minutes;
- one account from anywhere: looser (20 in 15 minutes), so guessing from many addresses is slow
  too, and nobody can keep an account locked without failing again and again;
- one address across all accounts: loosest (100 in 15 minutes, as a whole office may share one
  address), against trying one common password on many accounts.
A different address can sign in to the same account while the first is held back.

Counts live in Redis when REDIS_URL is set (shared by every app server), otherwise in memory.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, g, render_template, request, session
from flask_babel import ngettext
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from werkzeug.wrappers import Response

from feedback_app.extensions import limiter

PENDING_USER = "_pending_user_id"  # password given, code still to come (set by the sign-in views)
_SIGN_IN_STEP = "sign_in_limited"  # set on the views `limited` wraps


def _address() -> str:
    return get_remote_address() or "unknown"


def _account() -> str:
    """The account being tried: the email typed, or the person whose code is being asked for."""
    if PENDING_USER in session:
        return f"user:{session[PENDING_USER]}"
    return "email:" + (request.form.get("email") or "").strip().lower()[:254]


def failed() -> None:
    """Count this request against the limits (a wrong password or code)."""
    g.sign_in_failed = True


def _counts(response: Response) -> bool:
    return bool(g.get("sign_in_failed"))


def _setting(name: str) -> Callable[[], str]:
    return lambda: current_app.config[name]


def limited(view: Callable[..., Any]) -> Callable[..., Any]:
    """Apply the three sign-in limits to a view's POSTs."""
    limits = (
        ("SIGN_IN_LIMIT_ACCOUNT_ADDRESS", lambda: f"{_account()}|{_address()}", "sign-in-account-address"),
        ("SIGN_IN_LIMIT_ACCOUNT", _account, "sign-in-account"),
        ("SIGN_IN_LIMIT_ADDRESS", _address, "sign-in-address"),
    )
    for setting, key, scope in limits:
        view = limiter.limit(
            _setting(setting), key_func=key, methods=["POST"], deduct_when=_counts, scope=scope
        )(view)
    setattr(view, _SIGN_IN_STEP, True)
    return view


@limiter.request_filter
def _not_a_sign_in_step() -> bool:
    """Every other page skips Flask-Limiter's look for limits (a fraction of a millisecond a page)."""
    view = current_app.view_functions.get(request.endpoint or "")
    return not getattr(view, _SIGN_IN_STEP, False)


def minutes_to_wait() -> int:
    """Whole minutes until the limit that was hit lets another attempt through (at least 1)."""
    current = limiter.current_limit
    if current is None:
        return 1
    # reset_at is rounded up a second by Flask-Limiter: take it off, or 5 minutes reads as 6.
    return max(1, math.ceil((current.reset_at - 1 - time.time()) / 60))


def init_app(app: Flask) -> None:
    limiter.init_app(app)

    @app.errorhandler(RateLimitExceeded)
    def too_many_attempts(error: RateLimitExceeded) -> tuple[str, int, dict[str, str]]:
        minutes = minutes_to_wait()
        message = ngettext(
            "You have tried to sign in too many times. Wait %(num)s minute, then try again.",
            "You have tried to sign in too many times. Wait %(num)s minutes, then try again.",
            minutes,
        )
        page = render_template("auth/too_many_attempts.html", title=_("Too many tries"), message=message)
        return page, 429, {"Retry-After": str(minutes * 60)}
