"""Browser fixtures: the real app on a live server per worker, driven by the system Chromium.

Every test here is marked `browser`. `make test` installs /usr/bin/chromium first (`make
browser-deps`), so a missing Chromium fails these tests instead of quietly skipping them. Rows are
cleaned after each test by the shared `app` fixture, so browser tests and page tests can share a
worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
from werkzeug.serving import WSGIRequestHandler, make_server

from feedback_app import create_app
from feedback_app.extensions import db
from tests.conftest import TEST_PASSWORD, app_config, migrated

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TABLET = {"width": 768, "height": 1024}
SMALL_PHONE = {"width": 320, "height": 640}
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark everything in this folder `browser`."""
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: object, **kwargs: object) -> None:
        """Keep the test output free of one access-log line per request."""


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Browser tests check pages, not the database, so they run on SQLite only: half the CI time.

    Every database test outside this folder still runs on SQLite and on PostgreSQL.
    """
    return migrated(f"sqlite:///{tmp_path_factory.mktemp('browser-db') / 'test.db'}")


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """The app served over HTTP in a background thread, at the URL given, until the block ends."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(database_url: str) -> Iterator[str]:
    """The app served over HTTP, one per worker."""
    with served(create_app(app_config(database_url))) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), f"{CHROMIUM} not found: run `make browser-deps`"
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@dataclass(frozen=True)
class People:
    """Who can sign in during one test (all share TEST_PASSWORD)."""

    practitioner: str
    coordinator: str
    admin: str
    password: str = TEST_PASSWORD


@pytest.fixture
def people(app: Flask, make_org: Callable, make_user: Callable) -> People:
    """A council with a practitioner, a coordinator and an admin, committed for the live server to see.

    Depends on the shared `app` fixture, which deletes every row after the test.
    """
    council = make_org("Browser Test Council")
    return People(
        practitioner=make_user("practitioner", council, email="practitioner@browser.example").email,
        coordinator=make_user("coordinator", council, email="coordinator@browser.example").email,
        admin=make_user("admin", council, email="admin@browser.example").email,
    )


@pytest.fixture
def new_page(browser: Browser, live_server: str) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh browser context (own cookies) at a given viewport, with touch."""
    contexts = []

    def open_page(viewport: dict[str, int] = TABLET) -> Page:
        context = browser.new_context(viewport=viewport, has_touch=True, base_url=live_server)
        context.set_default_timeout(5_000)
        contexts.append(context)
        page = context.new_page()
        page.js_errors = []  # read by assert_no_script_errors
        page.on("pageerror", lambda error: page.js_errors.append(str(error)))
        page.on("console", lambda message: _record_console_error(page, message))
        return page

    yield open_page
    for context in contexts:
        context.close()


def _record_console_error(page: Page, message: ConsoleMessage) -> None:
    if message.type != "error":
        return
    # The browser logs the 404 page's own status as an error; that is the page working as meant.
    if message.location.get("url") == page.url and "404" in message.text:
        return
    page.js_errors.append(message.text)


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A tablet-sized page (768x1024, touch), as practitioners use in a person's home."""
    return new_page(TABLET)
