"""Two gunicorn servers, one PostgreSQL and one Redis: a conversation moves between them.

As behind a load balancer: the same browser (one cookie jar) signs in on server A, answers the
questions alternating between A and B (each page read from one server, its answer sent to the
other, so the CSRF token of one is checked by the other), and finishes on B. Every answer must be
in the database as sent, the session must work on both, and signing out on A must make the
cookie useless on B. Sessions live in Redis, under a key prefix of this test's own.

Needs TEST_DATABASE_URL (.ci/run sets it) and Redis on 127.0.0.1:6379 (.ci/run starts it).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import psycopg
import pytest
from bs4 import BeautifulSoup
from flask_migrate import upgrade
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from feedback_app import create_app
from feedback_app.config import PROJECT_ROOT
from feedback_app.data import organisations, users
from feedback_app.extensions import db
from feedback_app.models import Answer, Conversation
from feedback_app.models.sessions import SignInSession
from tests.conftest import TEST_BLIND_INDEX_KEY, TEST_FIELD_ENCRYPTION_KEY, TEST_PASSWORD, app_config
from tests.conversation_helpers import start_form

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_DATABASE_URL"),
    reason="needs PostgreSQL: set TEST_DATABASE_URL (.ci/run does)",
)
REDIS_URL = "redis://127.0.0.1:6379/0"
EMAIL = "two.servers@example.org"
SESSION_COOKIE = "__Host-session"  # production's name


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def redis_client() -> Iterator[object]:
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail("Redis is not running on 127.0.0.1:6379 (.ci/run starts it): the two-server test needs it")
    yield client
    client.close()


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    """A PostgreSQL schema of this test's own, migrated, with one practitioner."""
    base = make_url(os.environ["TEST_DATABASE_URL"]).set(drivername="postgresql")
    schema = f"two_servers_{os.getpid()}"
    admin_url = base.render_as_string(hide_password=False)
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        connection.execute(f'CREATE SCHEMA "{schema}"')
    url = base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    app = create_app(app_config(url))
    with app.app_context():
        upgrade()
        council = organisations.create(name="Two Servers Council", kind="council")
        users.create(email=EMAIL, password=TEST_PASSWORD, role="practitioner", organisation=council, name="Pat")
        db.session.commit()
        db.engine.dispose()
    yield url
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@dataclass
class Server:
    name: str
    port: int
    log: Path
    settings: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-30:])


@pytest.fixture(scope="module")
def servers(database, redis_client, tmp_path_factory) -> Iterator[tuple[Server, Server, str]]:
    """Servers A and B: gunicorn with gunicorn.conf.py and production settings, on two ports; A
    with its default one-request-at-a-time workers, B with threaded workers."""
    prefix = f"test-two-servers-{os.getpid()}:"
    env = {key: value for key, value in os.environ.items() if not key.startswith(("TEST_", "PYTEST"))}
    env.update(
        APP_ENV="production", SECRET_KEY=secrets.token_hex(32), DATABASE_URL=database, REDIS_URL=REDIS_URL,
        REDIS_KEY_PREFIX=prefix, FIELD_ENCRYPTION_KEYS=TEST_FIELD_ENCRYPTION_KEY, BLIND_INDEX_KEY=TEST_BLIND_INDEX_KEY,
        WEB_CONCURRENCY="2", LOG_FORMAT="json", PYTHONPATH=str(PROJECT_ROOT),
    )
    folder = tmp_path_factory.mktemp("servers")
    pair = [Server("A", free_port(), folder / "A.log"), Server("B", free_port(), folder / "B.log", {"GUNICORN_THREADS": "2"})]
    try:
        for server in pair:
            with server.log.open("wb") as log:
                server.process = subprocess.Popen(
                    [sys.executable, "-m", "gunicorn", "-c", str(PROJECT_ROOT / "gunicorn.conf.py"),
                     "--bind", f"127.0.0.1:{server.port}", "wsgi:app"],
                    cwd=PROJECT_ROOT, env=env | {"BIND": f"127.0.0.1:{server.port}"} | server.settings, stdout=log, stderr=subprocess.STDOUT,
                )
        for server in pair:
            wait_until_healthy(server)
        yield pair[0], pair[1], prefix
    finally:
        for server in pair:
            if server.process is not None and server.process.poll() is None:
                server.process.terminate()
                try:
                    server.process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    server.process.kill()
        for key in redis_client.scan_iter(match=f"*{prefix}*"):
            redis_client.delete(key)


def wait_until_healthy(server: Server) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.process is not None
        if server.process.poll() is not None:
            pytest.fail(f"server {server.name} stopped while starting:\n{server.tail()}")
        try:
            with urllib.request.urlopen(server.url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"server {server.name} did not become healthy within a minute:\n{server.tail()}")


@dataclass
class Browser:
    """One browser: one cookie jar, sending to whichever server it is told."""

    http: aiohttp.ClientSession
    sent: dict[str, tuple[str | None, str]] = field(default_factory=dict)  # question id -> (value, words)

    async def get(self, server: Server, path: str) -> tuple[int, str, str]:
        async with self.http.get(server.url + path, allow_redirects=False) as response:
            return response.status, await response.text(), _path(response.headers.get("Location", ""))

    async def post(self, server: Server, path: str, data: dict[str, str]) -> tuple[int, str, str]:
        async with self.http.post(server.url + path, data=data, allow_redirects=False) as response:
            return response.status, await response.text(), _path(response.headers.get("Location", ""))


def in_own_loop(coroutine):
    """Run the clients in a thread with its own event loop: the browser tests' Playwright may have
    left a loop running in this worker's main thread, where asyncio.run() refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _path(location: str) -> str:
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _form(html: str, wanted: str) -> BeautifulSoup:
    """The POST form whose action ends with `wanted`, or that has a Continue button."""
    soup = BeautifulSoup(html, "html.parser")
    for form in soup.find_all("form", method="post"):
        if (wanted and form["action"].split("?")[0].endswith(wanted)) or (
            not wanted and form.find("button", attrs={"value": "continue"})
        ):
            return form
    raise AssertionError(f"no form for {wanted or 'an answer'} on the page: {soup.title}")


def _hidden(form: BeautifulSoup) -> dict[str, str]:
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input", type="hidden") if i.get("name")}
    assert "csrf_token" in fields, "the form has no CSRF token"
    return fields


def _answer(form: BeautifulSoup, question_id: str, sent: dict[str, tuple[str | None, str]]) -> dict[str, str]:
    """The first option of each choice, and words naming the question, so each can be found later."""
    data = _hidden(form) | {"action": "continue"}
    value = None
    for radio in form.find_all("input", type=["radio", "checkbox"]):
        data.setdefault(radio["name"], radio["value"])
        value = value or data[radio["name"]]
    for select in form.find_all("select"):
        options = [o.get("value", "") for o in select.find_all("option") if o.get("value")]
        data[select["name"]] = options[0]
    today = dt.date.today() - dt.timedelta(days=10)
    for text in form.find_all("input", type=["text", "number", None]):
        if text.get("name") and text["name"] not in data:
            part = text["name"].rsplit("-", 1)[-1].rsplit("_", 1)[-1]
            data[text["name"]] = {"day": str(today.day), "month": str(today.month), "year": str(today.year)}.get(part, "12")
    words = ""
    for area in form.find_all("textarea"):
        words = f"Words for {question_id}, sent across two servers"
        data[area["name"]] = words
    sent[question_id] = (value, words)
    return data


async def hold_conversation(a: Server, b: Server) -> tuple[str, dict[str, tuple[str | None, str]], list[str]]:
    """Sign in on A, answer alternating A and B, finish on B. Returns the conversation path,
    what was sent, and the session cookie's value."""
    jar = aiohttp.CookieJar(unsafe=True, treat_as_secure_origin=[a.url, b.url])
    async with aiohttp.ClientSession(cookie_jar=jar, timeout=aiohttp.ClientTimeout(total=30)) as http:
        browser = Browser(http)
        _, page, _ = await browser.get(a, "/sign-in")
        status, _, _ = await browser.post(b, "/sign-in", _hidden(_form(page, "/sign-in")) | {"email": EMAIL, "password": "not " + TEST_PASSWORD})
        assert status == 200, "a wrong password was not refused"
        status, _, location = await browser.post(a, "/sign-in", _hidden(_form(page, "/sign-in")) | {"email": EMAIL, "password": TEST_PASSWORD})
        assert status == 302 and "/sign-in" not in location, f"sign-in on A failed: {status} {location}"
        cookie = [c.value for c in jar if c.key == SESSION_COOKIE]
        assert cookie, f"no {SESSION_COOKIE} cookie after signing in"

        _, page, _ = await browser.get(b, "/conversations/start")
        soup = BeautifulSoup(page, "html.parser")
        start = _form(page, "/start")
        data = start_form(case_reference="TWO-SERVERS-1") | _hidden(start) | {"start_token": soup.find("input", {"name": "start_token"})["value"]}
        status, _, location = await browser.post(a, start["action"], data)
        assert status == 302, f"starting on A failed: {status}"
        conversation = "/".join(location.split("/")[:3])

        servers, turn, seen = (a, b), 0, 0
        while True:
            reader, writer = servers[turn % 2], servers[(turn + 1) % 2]
            status, page, redirect = await browser.get(reader, location)
            assert status in (200, 302), f"GET {location} on {reader.name} gave {status}"
            if status == 302:
                location = redirect
                continue
            if location.split("?")[0].endswith("/check"):
                break
            question_id = location.split("?")[0].rsplit("/", 1)[-1]
            form = _form(page, "")
            status, body, location = await browser.post(writer, form["action"] or location, _answer(form, question_id, browser.sent))
            assert status == 302, f"answer to {question_id} on {writer.name} was not saved ({status}): {BeautifulSoup(body, 'html.parser').title}"
            turn += 1
            seen += 1
            assert seen < 60, "the conversation never reached the read-back page"
        assert seen >= 4, f"only {seen} questions: not much of a conversation"

        finish = _form(page, "/finish")
        status, _, location = await browser.post(b, finish["action"], _hidden(finish))
        assert status == 302 and location.startswith(conversation), f"finishing on B failed: {status} {location}"

        for server in (a, b):
            status, _, location = await browser.get(server, "/conversations")
            assert status == 200, f"after finishing, the session does not work on {server.name}: {status} {location}"
        return conversation, browser.sent, cookie


async def sign_out_on_a(a: Server, b: Server, cookie: str) -> tuple[int, str, int, str]:
    """Sign out on A with the cookie; then send the same cookie to B."""
    async with aiohttp.ClientSession(headers={"Cookie": f"{SESSION_COOKIE}={cookie}"}) as http:
        async with http.get(a.url + "/conversations", allow_redirects=False) as response:
            page = await response.text()
        form = _form(page, "/sign-out")
        async with http.post(a.url + form["action"], data=_hidden(form), allow_redirects=False) as response:
            signed_out = response.status, response.headers.get("Location", "")
        async with http.get(b.url + "/conversations", allow_redirects=False) as response:
            return (*signed_out, response.status, response.headers.get("Location", ""))


def test_server_a_takes_one_request_at_a_time_per_worker_and_b_uses_threads(servers):
    a, b, _ = servers
    assert '"Using worker: sync"' in a.log.read_text()
    assert '"Using worker: gthread"' in b.log.read_text()


def test_a_conversation_moves_between_two_servers_without_losing_an_answer_or_the_session(servers, database, redis_client):
    a, b, prefix = servers
    conversation, sent, (cookie,) = in_own_loop(hold_conversation(a, b))

    app = create_app(app_config(database))
    with app.app_context():
        saved = db.session.scalar(select(Conversation).where(Conversation.id == conversation.rsplit("/", 1)[-1]))
        assert saved is not None and saved.status == "finished", "the conversation did not finish"
        answers = {answer.question_id: (answer.value, answer.words) for answer in db.session.scalars(select(Answer).where(Answer.conversation_id == saved.id))}
        assert db.session.scalar(select(func.count()).select_from(SignInSession)) == 0, "sessions went to the database, not Redis"
        db.engine.dispose()
    lost = {question: what for question, what in sent.items() if answers.get(question, (None, ""))[1] != what[1]}
    assert not lost, f"answers lost or changed between the servers: {sorted(lost)}"
    assert {q for q, (value, _) in sent.items() if value} <= {q for q, (value, _) in answers.items() if value}

    session_keys = list(redis_client.scan_iter(match=f"{prefix}session:*"))
    assert len(session_keys) == 1, f"expected one session in Redis under {prefix!r}, found {len(session_keys)}"
    assert list(redis_client.scan_iter(match=f"*{prefix}limits*")), "the failed sign-in was not counted in Redis"

    signed_out, to, status_on_b, location_on_b = in_own_loop(sign_out_on_a(a, b, cookie))
    assert signed_out == 302, f"signing out on A gave {signed_out}"
    assert status_on_b == 302 and "/sign-in" in location_on_b, f"after signing out on A, the cookie still works on B ({status_on_b})"
    assert not list(redis_client.scan_iter(match=f"{prefix}session:*")), "the session is still in Redis after signing out"

    for server in (a, b):  # production logs: JSON lines only, gunicorn's own included
        lines = [line for line in server.log.read_text().splitlines() if line.strip()]
        assert any('"logger":"feedback_app.request"' in line for line in lines), f"server {server.name} logged no requests"
        for line in lines:
            try:
                json.loads(line)
            except ValueError:
                pytest.fail(f"server {server.name} wrote a line that is not JSON: {line[:200]!r}")
        assert "Words for" not in server.log.read_text(), f"server {server.name} logged what was said"
