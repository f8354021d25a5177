"""`/healthz` for load balancers: is this app server able to serve pages?

It runs the cheapest query the database has (and pings Redis when REDIS_URL is set), and answers
200 {"status": "ok"} or 503 naming the part that failed ("database", "redis"), never why: an error
message can carry a host name, a user name or a file path. The reason goes to the server's log as
the exception's class name only. Nothing here reads personal data, sets a cookie or is audited, and
the request log leaves these requests out (a load balancer asks every few seconds).
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, current_app, jsonify
from sqlalchemy import text
from werkzeug.wrappers import Response

from feedback_app.auth import public
from feedback_app.extensions import db

bp = Blueprint("health", __name__)
logger = logging.getLogger(__name__)
PATH = "/healthz"
_REDIS_CLIENT = "health_redis"
TIMEOUT_SECONDS = 2  # a load balancer waits a few seconds at most: answer before it gives up


def _database() -> None:
    with db.engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def _redis_client() -> Any:
    """One client per app, kept: each check reuses its connection pool."""
    client = current_app.extensions.get(_REDIS_CLIENT)
    if client is None:
        import redis

        client = redis.Redis.from_url(
            current_app.config["REDIS_URL"], socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS
        )
        current_app.extensions[_REDIS_CLIENT] = client
    return client


def _redis() -> None:
    _redis_client().ping()


def failed_parts() -> list[str]:
    """The parts that did not answer: "database", "redis" (when REDIS_URL is set)."""
    checks = [("database", _database)]
    if current_app.config.get("REDIS_URL"):
        checks.append(("redis", _redis))
    failed = []
    for name, check in checks:
        try:
            check()
        except Exception as error:  # noqa: BLE001 - any failure means "not healthy"; the class is logged
            logger.warning("health check: %s did not answer (%s)", name, type(error).__name__)
            failed.append(name)
    return failed


@bp.route(PATH)
@public
def check() -> tuple[Response, int]:
    """200 when the database (and Redis) answer, else 503 with the parts that did not."""
    failed = failed_parts()
    if failed:
        return jsonify(status="unavailable", failed=failed), 503
    return jsonify(status="ok"), 200
