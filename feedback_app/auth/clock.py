"""The time sessions and one-time codes are judged by. Tests move it forward instead of sleeping."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from flask import current_app

from feedback_app.models.base import utcnow

EXTENSION = "auth_clock"


def now() -> dt.datetime:
    """The current UTC time, or the app's own clock when one is set (tests)."""
    clock: Callable[[], dt.datetime] = current_app.extensions.get(EXTENSION, utcnow)
    return clock()


def set_clock(app_extensions: dict[str, object], clock: Callable[[], dt.datetime]) -> None:
    """Make `now()` answer from `clock` for this app (tests only)."""
    app_extensions[EXTENSION] = clock
