"""Every kind of page in Welsh, and a conversation in Urdu and Welsh in both formats: axe finds no
WCAG 2.2 AA failures, and nothing scrolls sideways at 320 pixels wide."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import User
from feedback_app.periods import financial_year_of
from tests.browser.conftest import SMALL_PHONE, TABLET, People
from tests.browser.journeys import answer_all, assert_accessible, assert_reflows, sign_in, start_conversation
from tests.coding_helpers import finished_conversation


def in_welsh(page: Page) -> None:
    """Switch the practitioner's pages to Welsh with the header's own control, as a person would."""
    page.goto("/conversations")
    page.get_by_role("button", name="Cymraeg").click()
    assert page.evaluate("document.documentElement.lang") == "cy", "the pages did not switch to Welsh"


def check(page: Page, url: str, what: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, f"{url} gave {response and response.status}"
    assert page.evaluate("document.documentElement.lang") == "cy", f"{what} is not in Welsh"
    assert_accessible(page, f"{what}, in Welsh")


def test_every_kind_of_page_in_welsh(new_page, people: People) -> None:
    coordinator = db.session.scalar(select(User).where(User.email == people.coordinator))
    label = financial_year_of(finished_conversation(coordinator).enquiry_concluded_on).label
    page = new_page(TABLET)
    sign_in(page, people.coordinator)
    in_welsh(page)
    pages = {
        "/conversations": "The conversation list",
        "/conversations/start": "The start form",
        "/coding": "The coding queue",
        f"/returns/{label}": "The return page",
        f"/returns/dashboard?year={label}": "The dashboard",
        "/banks": "The question banks",
        "/glossary": "The plain words page",
    }
    for url, what in pages.items():
        check(page, url, what)
    check(page, "/no-such-page", "The page-not-found page", status=404)
    page.goto("/conversations/start")
    with page.expect_navigation():
        page.locator("form[action$='/start'] button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Gwall:"), "a failed submit's title does not begin with the Welsh for Error"
    assert_accessible(page, "The start form with errors, in Welsh")
    admin = new_page(SMALL_PHONE)
    sign_in(admin, people.admin)
    in_welsh(admin)
    for url, what in {"/admin/people": "The admin people page", "/admin/organisations": "The admin organisations page"}.items():
        check(admin, url, what)
        assert_reflows(admin, what)


@pytest.mark.parametrize("language", ["cy", "ur"])
@pytest.mark.parametrize("format", ["standard", "easy_read"])
def test_a_conversation_in_the_persons_language(new_page, people: People, language: str, format: str) -> None:
    page = new_page(TABLET)
    sign_in(page, people.practitioner)
    start_conversation(page, language=language, format=format)
    what = f"A {format} question in {language}"
    assert page.locator(f"[lang={language}] h1").count() == 1, f"{what}: the question is not in the person's language"
    assert_accessible(page, what)
    page.locator("button[value=continue]").click()
    assert_accessible(page, f"{what}, after an empty submit")
    page.set_viewport_size(SMALL_PHONE)
    assert_reflows(page, f"{what} at 320 pixels")
    page.set_viewport_size(TABLET)
    answer_all(page)
    assert_accessible(page, f"The read-back of a {format} conversation in {language}")
