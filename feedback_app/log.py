"""Log lines that cannot be forged and carry no query strings.

Every log record made in the process has its message rendered once and escaped: CR, LF and other
control characters become visible escapes (``\\n``, ``\\x1b``), so text from a request can never start
a new, fake log line. Tracebacks keep their lines but every one is indented, so only a real record
starts at the left margin. Request lines logged by the web server lose their query string, where a
search or a token would otherwise land in the log.

What must never be logged at all (the person's words, form data, tokens) is kept out by the code
itself: nothing in the app logs them, and a test posts words and looks for them in the log.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

# C0 controls, DEL, C1 controls, and Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_COLOUR = re.compile("\x1b\\[[0-9;]*m")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# "GET /conversations?q=AB-123 HTTP/1.1" -> "GET /conversations?[query removed] HTTP/1.1" (and referrers)
_QUERY = re.compile(r"\?[^\s\"]*")
_REQUEST_LOGGERS = ("werkzeug", "gunicorn.access")


def _escape(found: re.Match[str]) -> str:
    character = found.group()
    if character in _NAMED:
        return _NAMED[character]
    return f"\\x{ord(character):02x}" if ord(character) < 0x100 else f"\\u{ord(character):04x}"


def escape_control_characters(text: str) -> str:
    """The text on one line: control characters shown as escapes, backslashes doubled first.

    Terminal colour codes (which the development server adds) are dropped rather than escaped.
    """
    text = _COLOUR.sub("", text).replace("\\", "\\\\")
    return _CONTROL.sub(_escape, text)


def without_query_strings(text: str) -> str:
    return _QUERY.sub("?[query removed]", text)


def _indented(text: str) -> str:
    """A traceback kept readable on several lines, each indented and escaped, so that a line at the
    left margin is always the start of a real record, even if an exception message held a newline."""
    return "\n".join(f"  {escape_control_characters(line)}" for line in text.rstrip("\n").split("\n"))


def make_safe(record: logging.LogRecord) -> logging.LogRecord:
    """Render the message with its arguments, then escape it, so no argument can add a line."""
    if getattr(record, "_escaped", False):
        return record
    try:
        message = record.getMessage()
    except (TypeError, ValueError):  # a bad format string: keep both halves, escaped
        message = f"{record.msg!s} {record.args!r}"
    if record.name.startswith(_REQUEST_LOGGERS):
        message = without_query_strings(message)
    elif record.name.startswith("sqlalchemy.engine") and message.startswith("Row "):
        # Result rows hold decrypted words; SQL parameters are hidden by the engine (hide_parameters).
        message = "Row [values hidden]"
    record.msg, record.args = escape_control_characters(message), None
    if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
        record.exc_text = _indented("".join(traceback.format_exception(*record.exc_info)))
    if record.stack_info:
        record.stack_info = _indented(record.stack_info)
    record._escaped = True  # type: ignore[attr-defined]
    return record


class SafeLogFilter(logging.Filter):
    """The same escaping as a filter, for handlers set up by hand (gunicorn, logging config files)."""

    def filter(self, record: logging.LogRecord) -> bool:
        make_safe(record)
        return True


_installed = False


def install() -> None:
    """Make every log record in this process safe as it is created. Idempotent."""
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        return make_safe(previous(*args, **kwargs))

    logging.setLogRecordFactory(factory)
    _installed = True
