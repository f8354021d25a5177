"""The session time-out warning in Chromium, on a server whose sessions end after 10 idle seconds.

The warning shows 6 seconds before the end: time enough to check the dialog and act on it on a busy
machine, while the tests wait only seconds for the real timers. "Stay signed in" must really extend
the session on the server; when the session has ended, what was typed on a question page is not lost.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from feedback_app import create_app
from tests.browser.conftest import TABLET, served
from tests.browser.journeys import QUESTIONS, assert_accessible, sign_in, start_conversation
from tests.conftest import app_config

IDLE, WARNING = 10, 6
WORDS = "I felt listened to, and they came back when they said they would."


@pytest.fixture(scope="module")
def short_server(database_url: str) -> Iterator[str]:
    app = create_app(
        app_config(database_url)
        | {"SESSION_IDLE_TIMEOUT": IDLE, "SESSION_TIMEOUT_WARNING": WARNING, "SESSION_TOUCH_INTERVAL": 0}
    )
    with served(app) as url:
        yield url


@pytest.fixture
def short_page(browser: Browser, short_server: str) -> Iterator[Page]:
    context = browser.new_context(viewport=TABLET, has_touch=True, base_url=short_server)
    context.set_default_timeout(5_000)
    page = context.new_page()
    page.js_errors = []
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))
    page.on("console", lambda message: page.js_errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()


def seconds_left(page: Page) -> int:
    return page.request.get("/session/status").json()["seconds_left"]


def test_the_warning_can_be_acted_on_and_really_extends_the_session(short_page: Page, people) -> None:
    page = short_page
    sign_in(page, people.practitioner)
    page.goto("/conversations")
    loaded = time.monotonic()

    dialog = page.locator("#timeout-warning")
    expect(dialog).to_be_visible(timeout=(IDLE - WARNING + 3) * 1000)
    assert time.monotonic() - loaded >= IDLE - WARNING - 1, "the warning came too early"
    expect(page.get_by_role("dialog", name="You will be signed out soon")).to_be_visible()
    stay = page.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    assert_accessible(page, "The time-out warning")

    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    clicked = time.monotonic()

    time.sleep(max(0.0, loaded + IDLE + 1 - time.monotonic()))  # past the end the page first had
    assert seconds_left(page) > 0, "Stay signed in must extend the session on the server"
    expect(page.get_by_role("heading", name="You have been signed out")).to_be_visible(
        timeout=(clicked + IDLE + 6 - time.monotonic()) * 1000
    )
    expect(page.get_by_role("button", name="Sign in again")).to_be_focused()
    assert_accessible(page, "The signed-out notice")
    assert seconds_left(page) == 0
    page.reload()
    assert "/sign-in" in page.url


def test_escape_means_stay_signed_in(short_page: Page, people) -> None:
    page = short_page
    sign_in(page, people.practitioner)
    page.goto("/conversations")
    expect(page.locator("#timeout-warning")).to_be_visible(timeout=(IDLE - WARNING + 3) * 1000)
    page.keyboard.press("Escape")
    expect(page.locator("#timeout-warning")).to_be_hidden()
    assert seconds_left(page) > WARNING, "Escape should have extended the session"


def test_what_was_typed_comes_back_after_signing_in_again(short_page: Page, people) -> None:
    page = short_page
    sign_in(page, people.practitioner)
    start_conversation(page)
    assert QUESTIONS in page.url
    question = page.url
    page.fill("#words", WORDS)

    expect(page.get_by_role("heading", name="You have been signed out")).to_be_visible(timeout=(IDLE + 8) * 1000)
    expect(page.get_by_text("What you typed on this page is kept.")).to_be_visible()
    page.get_by_role("button", name="Sign in again").click()

    page.wait_for_url("**/sign-in**")
    expect(page.get_by_text("What you typed is kept")).to_be_visible()
    page.fill("#email", people.practitioner)
    page.fill("#password", people.password)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(question)
    expect(page.locator("#words")).to_have_value(WORDS)
    expect(page.get_by_text("We have put back what you typed")).to_be_visible()
    assert_accessible(page, "A question with an unsaved answer put back")
