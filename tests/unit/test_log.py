"""Log records are escaped onto one line, and request lines lose their query strings."""

from __future__ import annotations

import io
import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback_app import log


@pytest.fixture
def captured():
    """A logger writing formatted lines to a buffer, with the app's record factory installed."""
    log.install()
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("tests.log")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, buffer
    logger.removeHandler(handler)


def test_a_newline_in_an_argument_cannot_start_a_new_log_line(captured):
    logger, buffer = captured
    logger.warning("sign-in failed for %s", "someone\nINFO admin signed in\r\n")
    lines = buffer.getvalue().splitlines()
    assert lines == ["WARNING sign-in failed for someone\\nINFO admin signed in\\r\\n"]


def test_control_characters_in_the_message_and_in_objects_are_escaped(captured):
    logger, buffer = captured

    class Sneaky:
        def __str__(self) -> str:
            return "a\u2028b\x1b[2Jc\x00"

    logger.info("value: %s, %d\x07", Sneaky(), 3)
    assert buffer.getvalue() == "INFO value: a\\u2028b\\x1b[2Jc\\x00, 3\\x07\n"


def test_a_backslash_is_doubled_so_an_escape_cannot_be_faked(captured):
    logger, buffer = captured
    logger.info("%s", "typed \\n by hand")
    assert buffer.getvalue() == "INFO typed \\\\n by hand\n"


def test_a_record_is_escaped_once_even_through_the_filter_too(captured):
    logger, buffer = captured
    logger.handlers[0].addFilter(log.SafeLogFilter())
    logger.info("%s", "x\ny")
    assert buffer.getvalue() == "INFO x\\ny\n"


def test_the_request_line_loses_its_query_string_where_a_reference_or_token_would_be():
    record = logging.LogRecord(
        "werkzeug", logging.INFO, __file__, 1,
        '%s - - [%s] "%s" %s -', ("127.0.0.1", "now", "GET /conversations?q=AB-2025-0001 HTTP/1.1", 200), None,
    )
    log.make_safe(record)
    assert record.getMessage() == '127.0.0.1 - - [now] "GET /conversations?[query removed] HTTP/1.1" 200 -'


def test_other_loggers_keep_question_marks():
    record = logging.LogRecord("feedback_app", logging.INFO, __file__, 1, "Ready? %s", ("yes",), None)
    assert log.make_safe(record).getMessage() == "Ready? yes"


def test_a_traceback_keeps_its_lines_but_only_the_record_starts_at_the_margin(captured):
    logger, buffer = captured
    try:
        raise ValueError("bad value\nINFO admin signed in")
    except ValueError:
        logger.exception("saving failed for %s", "x\ny")
    first, *rest = buffer.getvalue().rstrip("\n").split("\n")
    assert first == "ERROR saving failed for x\\ny"
    assert rest and all(line.startswith("  ") for line in rest), rest
    assert "  INFO admin signed in" in rest


@given(st.text())
def test_no_text_can_leave_a_control_character_in_a_log_line(text):
    escaped = log.escape_control_characters(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" for c in escaped)
    assert len(escaped.splitlines()) <= 1
