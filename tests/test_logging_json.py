"""Structured logs: one JSON line per request with its id, method, path, status, time and user id,
and nothing anyone typed."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient

from feedback_app import create_app
from feedback_app.config import ConfigError, from_environment
from feedback_app.extensions import db
from feedback_app.log_json import JsonFormatter, TextFormatter, configure_logging, request_id_from
from tests.conftest import TEST_PASSWORD, SeparateContextClient, app_config, csrf_from
from tests.conversation_helpers import answer, start

WORDS = "Gooseberry Thursday, the man from number nine"
REFERENCE = "JSONLOG-7731-Q"
REQUEST_FIELDS = {"time", "level", "logger", "message", "request_id", "method", "path", "route", "status", "duration_ms", "user_id"}


@pytest.fixture
def json_client(app, database_url) -> Iterator[FlaskClient]:
    """A second app on the test database, configured for JSON logs as in production."""
    json_app = create_app(app_config(database_url) | {"LOG_FORMAT": "json"})
    json_app.test_client_class = SeparateContextClient
    yield json_app.test_client()
    configure_logging("text", "INFO")  # as every other test's app has it
    with json_app.app_context():
        db.engine.dispose()


def json_lines(text: str) -> list[dict]:
    """Every line written, each of which must be one JSON object."""
    lines = [line for line in text.splitlines() if line.strip()]
    parsed = []
    for line in lines:
        try:
            parsed.append(json.loads(line))
        except ValueError:
            pytest.fail(f"a log line is not JSON: {line[:200]!r}")
    return parsed


def request_lines(entries: list[dict]) -> list[dict]:
    return [entry for entry in entries if entry["logger"] == "feedback_app.request"]


def test_production_logs_json_and_development_logs_text():
    keys = {"SECRET_KEY": "x", "FIELD_ENCRYPTION_KEYS": "k", "BLIND_INDEX_KEY": "k"}
    assert from_environment({"APP_ENV": "production", **keys})["LOG_FORMAT"] == "json"
    assert from_environment({"APP_ENV": "development", **keys})["LOG_FORMAT"] == "text"
    assert from_environment({"APP_ENV": "production", "LOG_FORMAT": "TEXT", **keys})["LOG_FORMAT"] == "text"
    with pytest.raises(ConfigError, match="LOG_FORMAT"):
        from_environment({"APP_ENV": "production", "LOG_FORMAT": "xml", **keys})


def test_an_answer_gives_exactly_one_json_line_with_the_request_fields_and_none_of_the_words(
    json_client, make_org, make_user, sign_in, capsys
):
    user = make_user("practitioner", make_org("Log Council"))
    sign_in(json_client, user)
    conversation = start(json_client, case_reference=REFERENCE)
    url = conversation + "/after-the-enquiry/questions/asked_what_wanted"
    token = csrf_from(json_client.get(url).get_data(as_text=True))
    capsys.readouterr()  # only what this one request writes

    response = json_client.post(url + "?from=summary", data={"answer": "asked_expressed", "words": WORDS, "action": "continue", "csrf_token": token})

    written = capsys.readouterr().err
    assert response.status_code == 302
    lines = request_lines(json_lines(written))
    assert len(lines) == 1, f"expected one request line, got {len(lines)}: {written[:500]}"
    line = lines[0]
    assert REQUEST_FIELDS <= set(line), f"missing {REQUEST_FIELDS - set(line)}"
    assert line["method"] == "POST"
    assert line["path"] == url, "the path is not the request's, or it kept its query string"
    assert line["route"] == "/conversations/<uuid:conversation_id>/<bank_id>/questions/<question_id>"
    assert line["status"] == 302
    assert line["user_id"] == user.id
    assert line["level"] == "INFO"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["request_id"] == response.headers["X-Request-Id"]
    assert line["time"].endswith("Z")
    for secret in (WORDS, "Gooseberry", REFERENCE, user.email, token, "from=summary", TEST_PASSWORD):
        assert secret not in written, f"{secret!r} was logged"


def test_signing_in_logs_neither_the_email_nor_the_password(json_client, make_org, make_user, capsys):
    user = make_user("practitioner", make_org("Log Council"))
    token = csrf_from(json_client.get("/sign-in").get_data(as_text=True))
    capsys.readouterr()
    json_client.post("/sign-in", data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": token})
    json_client.post("/sign-in", data={"email": user.email, "password": "wrong " + TEST_PASSWORD, "csrf_token": token})
    written = capsys.readouterr().err
    assert len(request_lines(json_lines(written))) == 2
    for secret in (user.email, user.email.split("@")[0], TEST_PASSWORD, token):
        assert secret not in written, f"{secret!r} was logged"


def test_a_plausible_request_id_from_the_proxy_is_kept_and_anything_else_replaced(json_client, capsys):
    kept = json_client.get("/sign-in", headers={"X-Request-Id": "3f2a9c1e-77aa-4bd0-9d3e-0b1c2d3e4f50"})
    assert kept.headers["X-Request-Id"] == "3f2a9c1e-77aa-4bd0-9d3e-0b1c2d3e4f50"

    for bad in ("short", "has spaces in it, oh no", "x" * 200, "ok-id-but\tforged line\x1b[31m", "<script>alert(1)</script>"):
        replaced = json_client.get("/sign-in", headers={"X-Request-Id": bad})
        assert replaced.headers["X-Request-Id"] != bad
        assert len(replaced.headers["X-Request-Id"]) == 32

    fresh = json_client.get("/sign-in")
    assert fresh.headers["X-Request-Id"] != replaced.headers["X-Request-Id"], "request ids repeat"
    assert "forged line" not in capsys.readouterr().err


def test_other_lines_in_a_request_carry_its_id_and_unknown_paths_are_not_logged(json_client, make_org, make_user, sign_in, capsys):
    sign_in(json_client, make_user("practitioner", make_org("Log Council")))
    capsys.readouterr()
    response = json_client.get("/conversations/00000000-0000-0000-0000-000000000000")
    lost = json_client.get("/search/jane.doe@example.org/her-address")
    entries = json_lines(capsys.readouterr().err)

    refusal = [e for e in entries if e["logger"] == "feedback_app.access"]
    assert response.status_code == 404 and refusal, "the refusal was not logged"
    assert refusal[0]["request_id"] == response.headers["X-Request-Id"]
    unknown = [e for e in request_lines(entries) if e["request_id"] == lost.headers["X-Request-Id"]]
    assert unknown and unknown[0]["path"] == "(no route)" and unknown[0]["route"] is None
    assert "jane.doe" not in json.dumps(entries)


def test_json_lines_stay_one_line_with_newlines_and_tracebacks():
    formatter = JsonFormatter()
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        record = logging.getLogger("feedback_app.test").makeRecord(
            "feedback_app.test", logging.ERROR, __file__, 1, "first\nsecond %s", ("third\r\nfourth",), sys.exc_info()
        )
    line = formatter.format(record)
    assert "\n" not in line and "\r" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and "ValueError" in entry["exception"]
    assert "first" in entry["message"] and "fourth" in entry["message"]


def test_text_format_is_readable_and_names_the_request():
    record = logging.getLogger("feedback_app.test").makeRecord("feedback_app.test", logging.INFO, __file__, 1, "hello", (), None)
    record.request_id = "abcdef1234567890"
    assert TextFormatter().format(record).endswith("INFO feedback_app.test [abcdef12] hello")


def test_request_ids_are_checked():
    assert request_id_from("Root=1-67891233-abcdef012345678912345678") == "Root=1-67891233-abcdef012345678912345678"
    assert request_id_from(None) != request_id_from(None)
    assert request_id_from("a\nb" * 10) != "a\nb" * 10
