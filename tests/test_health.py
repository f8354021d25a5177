"""/healthz: 200 when the database (and Redis) answer, 503 naming the part that did not, and
nothing else: no details, no cookie, no audit entry, no request log line."""

from __future__ import annotations

import logging
import socket

import pytest
from sqlalchemy import func, select

from feedback_app import create_app
from feedback_app.extensions import db
from feedback_app.models import AuditEvent
from tests.conftest import app_config

# Port 1 on this machine: nothing listens there, so connecting fails at once.
UNREACHABLE_DATABASE = "postgresql+psycopg://health_check_user@127.0.0.1:1/nowhere"
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


def redis_is_running() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


def test_healthy_app_answers_ok_without_a_cookie_an_audit_entry_or_a_log_line(app, client, caplog):
    caplog.set_level(logging.DEBUG, logger="feedback_app")
    audited_before = db.session.scalar(select(func.count()).select_from(AuditEvent))

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert "Set-Cookie" not in response.headers, "the health check started a session"
    assert response.headers["Cache-Control"] == "no-store"
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == audited_before, "the health check was audited"
    assert not [r for r in caplog.records if r.name == "feedback_app.request"], "the health check wrote a request log line"


def test_health_check_needs_no_sign_in_and_ignores_a_session(app, client, make_org, make_user, sign_in):
    sign_in(client, make_user("practitioner", make_org("Health Council")))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers


def test_unreachable_database_gives_503_naming_only_the_database(caplog):
    broken = create_app(app_config(UNREACHABLE_DATABASE))
    caplog.set_level(logging.WARNING, logger="feedback_app.health")

    response = broken.test_client().get("/healthz")

    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "failed": ["database"]}
    body = response.get_data(as_text=True)
    for detail in ("127.0.0.1", "health_check_user", "nowhere", "psycopg", "connection"):
        assert detail not in body, f"the 503 gives away {detail!r}"
    assert "Set-Cookie" not in response.headers
    assert any("database did not answer (OperationalError)" in r.getMessage() for r in caplog.records), (
        "the failure is not in the server log"
    )
    assert not any("health_check_user" in r.getMessage() for r in caplog.records), "the log gives away the database user"


def test_unreachable_redis_gives_503_naming_redis(database_url):
    broken = create_app(app_config(database_url) | {"REDIS_URL": UNREACHABLE_REDIS})

    response = broken.test_client().get("/healthz")

    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "failed": ["redis"]}


@pytest.mark.skipif(not redis_is_running(), reason="needs Redis on 127.0.0.1:6379 (.ci/run starts it)")
def test_redis_and_database_both_answering_is_ok(database_url):
    healthy = create_app(app_config(database_url) | {"REDIS_URL": "redis://127.0.0.1:6379/0"})

    response = healthy.test_client().get("/healthz")

    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json() == {"status": "ok"}
