"""What browser tests do again and again: sign in, start a conversation, answer it, check a page with axe."""

from __future__ import annotations

import re

from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Page
from sqlalchemy import update

from feedback_app.auth import totp
from feedback_app.data import users
from feedback_app.extensions import db
from feedback_app.models import User, utcnow
from tests.conftest import TEST_PASSWORD, csrf_from
from tests.conversation_helpers import START_URL, conversation_path, start_data

# WCAG 2.2 AA, as axe-core tags it: each version's A and AA rules (2.2 added only AA rules axe can test).
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]}
# axe-core ships inside the package and is injected from disk: nothing is fetched from the network.
AXE = Axe()

QUESTIONS = "/after-the-enquiry/questions/"
CHECK = "/after-the-enquiry/check"


def assert_accessible(page: Page, what: str) -> None:
    """No WCAG 2.2 AA failures axe can find on the page as it is now, and no script errors."""
    results = _without_govuk_conditional_reveal(AXE.run(page, options=AXE_OPTIONS))
    assert results.violations_count == 0, (
        f"{what} ({page.url}, {page.viewport_size}) fails WCAG 2.2 AA checks:\n{results.generate_report()}"
    )
    assert_no_script_errors(page, what)


def _without_govuk_conditional_reveal(results: AxeResults) -> AxeResults:
    """Drop one known, deliberate GOV.UK Frontend finding, and only that.

    GOV.UK Frontend's JavaScript puts aria-expanded on a radio or checkbox that reveals a follow-up
    question. ARIA does not allow it on those roles, but screen readers announce it and the Design
    System keeps it on purpose (alphagov/govuk-frontend#979, listed as a known issue). Any other
    disallowed attribute, or aria-expanded anywhere else, still fails.
    """
    violations = []
    for violation in results.response["violations"]:
        if violation["id"] == "aria-allowed-attr":
            violation = violation | {
                "nodes": [n for n in violation["nodes"] if not _is_conditional_reveal(n)]
            }
            if not violation["nodes"]:
                continue
        violations.append(violation)
    return AxeResults(results.response | {"violations": violations})


def _is_conditional_reveal(node: dict) -> bool:
    html = node.get("html", "")
    is_govuk_input = re.search(r'class="govuk-(radios|checkboxes)__input"', html) and "aria-controls=" in html
    attributes = [
        attribute
        for check in node.get("any", []) + node.get("all", [])
        for attribute in check.get("data") or []
    ]
    return (
        bool(is_govuk_input) and bool(attributes) and all(a.startswith("aria-expanded=") for a in attributes)
    )


def assert_reflows(page: Page, what: str) -> None:
    """Nothing scrolls sideways (WCAG 1.4.10 Reflow at 320 CSS pixels), which axe does not check."""
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], (
        f"{what} ({page.url}) scrolls sideways at {widths[1]}px wide: its content is {widths[0]}px wide"
    )


def assert_no_script_errors(page: Page, what: str) -> None:
    errors = getattr(page, "js_errors", [])
    assert not errors, (
        f"{what}: the browser reported errors (JavaScript or Content-Security-Policy): {errors}"
    )


def sign_in(page: Page, email: str, password: str = TEST_PASSWORD) -> None:
    """Sign the page's browser context in over HTTP: quicker than the form, which has tests of its own."""
    form = page.request.get("/sign-in").text()
    response = page.request.post(
        "/sign-in",
        form={"email": email, "password": password, "csrf_token": csrf_from(form)},
        max_redirects=0,
    )
    assert response.status == 302, f"signing in as {email} failed ({response.status})"
    if response.headers.get("location", "").endswith("/sign-in/code"):
        _enter_code(page, email)


def _enter_code(page: Page, email: str) -> None:
    """The second step for coordinators and admins: the code their authenticator app shows now."""
    user = users.find_by_email(email)
    assert user is not None and user.totp_secret, f"{email} has no authenticator app set up"
    # A code works only once, and tests sign people in many times a minute: forget the last one used.
    db.session.execute(update(User).where(User.id == user.id).values(totp_last_step=None))
    db.session.commit()
    form = page.request.get("/sign-in/code").text()
    code = totp.code_for(user.totp_secret, utcnow())
    response = page.request.post("/sign-in/code", form={"code": code, "csrf_token": csrf_from(form)}, max_redirects=0)
    assert response.status == 302, f"the sign-in code for {email} was refused ({response.status})"


def start_conversation(
    page: Page,
    *,
    respondent: str = "adult",
    relationship: str | None = None,
    format: str = "standard",
    language: str = "en",
    case_reference: str = "BR-0001",
) -> str:
    """Start a conversation over HTTP and open its first question; returns the conversation path.

    The start form's own controls are driven in test_keyboard_conversation.py.
    """
    data = start_data(
        page.request.get(START_URL).text(),
        case_reference=case_reference,
        respondent_type=respondent,
        representative_relationship=relationship,
        format=format,
        language=language,
    )
    response = page.request.post(START_URL, form=data)
    assert response.ok and QUESTIONS in response.url, f"starting a conversation failed: {response.url}"
    page.goto(response.url)
    return conversation_path(response.url)


def answer_all(page: Page) -> None:
    """Answer each question with its first option and a few words, over HTTP, then open the read-back."""
    url = page.url
    for _ in range(20):
        if QUESTIONS not in url:
            break
        soup = BeautifulSoup(page.request.get(url).text(), "html.parser")
        data = {"csrf_token": csrf_from(str(soup)), "words": "It went well.", "action": "continue"}
        first_option = soup.find("input", {"name": "answer"})
        if first_option is not None:
            data["answer"] = first_option["value"]
        url = page.request.post(url, form=data).url
    assert url.endswith(CHECK), f"answering every question did not reach the read-back page: {url}"
    page.goto(url)
