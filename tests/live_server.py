"""The real app under gunicorn in a process of its own, and a tablet that talks to it over HTTP.

For tests that kill the server (SIGKILL, like a power cut) and start it again. The server uses
the test's own database (SQLite file or PostgreSQL schema) and the test app's keys.
"""

from __future__ import annotations

import http.cookiejar
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from flask import Flask

from feedback_app.config import PROJECT_ROOT

# The test app's settings the server must share to read what the tests write, and the reverse.
SHARED_SETTINGS = ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "BLIND_INDEX_KEY")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveServer:
    """gunicorn with two workers of four threads each, so requests really overlap."""

    def __init__(self, app: Flask, log: Path) -> None:
        self.log = log
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.start_seconds: list[float] = []
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", "/tmp"),
            "APP_ENV": "development",  # plain-HTTP cookies on 127.0.0.1; the keys still come from here
            "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "QUESTION_BANKS_DIR": app.config["QUESTION_BANKS_DIR"],
        }
        for setting in SHARED_SETTINGS:
            if app.config.get(setting):
                self.env[setting] = str(app.config[setting])
        self.config_file = log.with_name("gunicorn-test.conf.py")
        # The app is loaded once and forked (--preload): each worker drops the connections it inherited.
        self.config_file.write_text(
            "def post_fork(server, worker):\n"
            "    import wsgi\n"
            "    from feedback_app.extensions import db\n"
            "    with wsgi.app.app_context():\n"
            "        db.engine.dispose(close=False)\n"
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = [
            sys.executable, "-m", "gunicorn", "--config", str(self.config_file),
            "--preload", "--workers", "2", "--worker-class", "gthread", "--threads", "4", "--timeout", "120",
            "--bind", f"127.0.0.1:{self.port}", "wsgi:app",
        ]
        with self.log.open("ab") as log:
            # A session of its own, so a kill takes the master and its workers at once.
            self.process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        started = time.monotonic()
        deadline = started + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server stopped while starting:\n{self.tail()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        self.start_seconds.append(time.monotonic() - started)
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        raise AssertionError(f"the server did not answer within a minute:\n{self.tail()}")

    def kill(self) -> None:
        """SIGKILL the server and its workers: no clean shutdown, nothing flushed."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=30)
        self.process = None

    def restart(self) -> None:
        self.kill()
        self.start()

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:]) if self.log.exists() else ""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Reply:
    status: int
    location: str
    text: str


class Tablet:
    """One device: its own cookies, no automatic redirects, forms filled from the page as a browser does."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects()
        )

    def request(self, path: str, data: dict[str, str] | None = None, timeout: float = 30) -> Reply:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.server.url + path, data=body, timeout=timeout) as response:
                return Reply(response.status, response.headers.get("Location", ""), response.read().decode())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.headers.get("Location", ""), error.read().decode(errors="replace"))

    def get(self, path: str) -> Reply:
        return self.request(path)

    def form(self, path: str) -> tuple[str, dict[str, str], BeautifulSoup]:
        """The page's main form: where it posts, and its hidden fields (CSRF token, tokens, versions)."""
        reply = self.get(path)
        assert reply.status == 200, f"GET {path} gave {reply.status}"
        page = BeautifulSoup(reply.text, "html.parser")
        wanted = urllib.parse.urlsplit(path).path
        forms = [form for form in page.find_all("form", method="post") if urllib.parse.urlsplit(form["action"]).path == wanted]
        assert forms, f"no form on {path} posts back to it"
        hidden = {field["name"]: field.get("value", "") for field in forms[0].find_all("input", type="hidden")}
        return forms[0]["action"], hidden, page

    def submit(self, path: str, data: dict[str, str], timeout: float = 30) -> Reply:
        action, hidden, _page = self.form(path)
        return self.request(action, hidden | data, timeout=timeout)

    def post_with(self, prepared: tuple[str, dict[str, str]], data: dict[str, str], timeout: float = 30) -> Reply:
        """Post a form fetched earlier, as a tablet that has had the page open for a while."""
        action, hidden = prepared
        return self.request(action, hidden | data, timeout=timeout)

    def sign_in(self, email: str, password: str) -> None:
        reply = self.submit("/sign-in", {"email": email, "password": password})
        assert reply.status == 302 and "/sign-in" not in reply.location, f"sign-in failed: {reply.status} {reply.location}"


def first_choice(page: BeautifulSoup) -> dict[str, str]:
    """An answer for whatever the question page asks: its first option, a date, or some words."""
    radio = page.find("input", {"name": "answer", "type": "radio"})
    if radio is not None:
        return {"answer": str(radio["value"]), "words": "Said with the first option."}
    if page.find("input", {"name": "day"}) is not None:
        return {"day": "3", "month": "4", "year": "2025", "words": ""}
    return {"words": "Some words the person said."}
