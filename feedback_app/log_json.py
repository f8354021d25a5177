"""Structured logs: one JSON object per line in production, readable text in development.

Every request gets an id (the proxy's X-Request-Id when it is a plausible one, otherwise a new one),
echoed in the response, and one log line when it ends: method, path (never the query string),
route, status, duration in milliseconds and the signed-in person's id. Every other record logged
during the request carries the same request id, so a support call quoting the id finds them all.

What is never logged: form values, the person's words, query strings, tokens, cookies, email
addresses or any other free text. The request line is built only from the fields above, and a path
that matched no route (it could be anything someone typed) is logged as "(no route)". Messages are
escaped onto one line before they get here (feedback_app/log.py).

LOG_FORMAT chooses "json" (the default when APP_ENV is production) or "text"; LOG_LEVEL the level.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
import time
import uuid
from typing import Any

from flask import Flask, g, has_request_context, request
from flask_login import AnonymousUserMixin
from sqlalchemy import inspect
from werkzeug.wrappers import Response

REQUEST_ID_HEADER = "X-Request-Id"
# What a proxy or load balancer is likely to send: a UUID, a hex or base64url token, "Root=1-..."
# (AWS). Anything else (too long, spaces, control characters) is replaced by an id of our own.
_PLAUSIBLE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:=+/-]{7,127}")
REQUEST_LOGGER = "feedback_app.request"
_QUIET_PATHS = frozenset({"/healthz"})  # a load balancer asks every few seconds
_request_log = logging.getLogger(REQUEST_LOGGER)
_CHATTY = ("weasyprint.progress",)


def request_id_from(header: str | None) -> str:
    """The incoming id when plausible, else a new random one."""
    if header and _PLAUSIBLE_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    return g.get("request_id") if has_request_context() else None


def _utc_time(record: logging.LogRecord) -> str:
    moment = dt.datetime.fromtimestamp(record.created, tz=dt.timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, request id and, on the request
    line, method, path, route, status, duration_ms and user_id. Tracebacks go in "exception"."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": _utc_time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id()
        if request_id:
            entry["request_id"] = request_id
        entry.update(getattr(record, "http", None) or {})
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, separators=(",", ":"), default=str)


class TextFormatter(logging.Formatter):
    """Readable lines for development: time, level, logger, [request id] message."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(request_tag)s%(message)s")

    def format(self, record: logging.LogRecord) -> str:
        request_id = getattr(record, "request_id", None) or current_request_id()
        record.request_tag = f"[{request_id[:8]}] " if request_id else ""
        return super().format(record)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time (so test capture sees it too)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


_handler: logging.Handler | None = None


def formatter_for(log_format: str) -> logging.Formatter:
    return JsonFormatter() if log_format == "json" else TextFormatter()


def configure_logging(log_format: str, level: str) -> None:
    """Send every record to stderr in the chosen format. Idempotent: one handler, however many apps.

    Under gunicorn with LOG_FORMAT=json (gunicorn.conf.py), gunicorn has already given the root
    logger a JSON handler: then nothing is added, so no line is written twice.
    """
    global _handler
    root = logging.getLogger()
    root.setLevel(level.upper())
    for name in _CHATTY:  # a line per step of every PDF
        logging.getLogger(name).setLevel(max(logging.WARNING, root.level))
    if any(isinstance(h.formatter, JsonFormatter) for h in root.handlers if h is not _handler):
        return
    if _handler is None:
        _handler = _StderrHandler()
    _handler.setFormatter(formatter_for(log_format))
    if _handler not in root.handlers:
        root.addHandler(_handler)


def gunicorn_logconfig(level: str = "info") -> dict[str, Any]:
    """gunicorn's own lines (workers starting, timeouts) as JSON too, for gunicorn.conf.py."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"console": handler, "error_console": handler},
        "root": {"level": level.upper(), "handlers": ["console"]},
        "loggers": {"gunicorn.error": {"level": level.upper(), "handlers": [], "propagate": True}},
    }


def _user_id() -> int | str | None:
    """The signed-in person's id, if the request already knew it: never loads anyone just to log."""
    user = g.get("_login_user")  # where Flask-Login keeps the person it loaded for this request
    if user is None or isinstance(user, AnonymousUserMixin):
        return None
    # The id from the identity map: reading an attribute after the page's commit would load
    # the person again from the database, just to write a log line.
    state = inspect(user, raiseerr=False)
    return state.identity[0] if state is not None and state.identity else None


def _start_request() -> None:
    g.request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
    g.request_started = time.perf_counter()


def _log_request(response: Response) -> Response:
    if "request_id" not in g:  # a request that failed before any hook ran
        _start_request()
    response.headers[REQUEST_ID_HEADER] = g.request_id
    if request.path in _QUIET_PATHS:
        return response
    route = request.url_rule.rule if request.url_rule is not None else None
    duration_ms = round((time.perf_counter() - g.request_started) * 1000, 1)
    path = request.path[:200] if route is not None else "(no route)"
    http = {
        "method": request.method,
        "path": path,
        "route": route,
        "status": response.status_code,
        "duration_ms": duration_ms,
        "user_id": _user_id(),
    }
    level = logging.ERROR if response.status_code >= 500 else logging.INFO
    _request_log.log(level, "%s %s %s %.1fms", request.method, path, response.status_code, duration_ms, extra={"http": http})
    return response


def init_app(app: Flask) -> None:
    """Configure logging from LOG_FORMAT and LOG_LEVEL, and log one line per request."""
    log_format = app.config.get("LOG_FORMAT") or ("json" if app.config.get("APP_ENV") == "production" else "text")
    app.config["LOG_FORMAT"] = log_format
    configure_logging(log_format, str(app.config.get("LOG_LEVEL") or "INFO"))
    # First of all before_request hooks: the time includes theirs (sign-in checks, CSRF).
    app.before_request_funcs.setdefault(None, []).insert(0, _start_request)
    app.after_request(_log_request)
