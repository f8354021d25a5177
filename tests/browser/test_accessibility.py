"""axe-core finds no WCAG 2.2 AA failures on the pages people use, on a tablet and on a small phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import SMALL_PHONE, TABLET, People
from tests.browser.journeys import (
    CHECK,
    QUESTIONS,
    answer_all,
    assert_accessible,
    assert_reflows,
    sign_in,
    start_conversation,
)

SIZES = pytest.mark.parametrize("viewport", [TABLET, SMALL_PHONE], ids=["tablet", "small-phone"])


@SIZES
def test_sign_in(new_page, viewport) -> None:
    page = new_page(viewport)
    page.goto("/sign-in")
    assert_accessible(page, "The sign-in page")
    assert_reflows(page, "The sign-in page")


def test_sign_in_with_errors(page: Page, people: People) -> None:
    page.goto("/sign-in")
    page.fill("#email", people.practitioner)
    page.fill("#password", "not the password")
    page.click("button:has-text('Sign in')")
    page.wait_for_selector(".govuk-error-summary")
    assert_accessible(page, "The sign-in page after a wrong password")


def test_conversation_list(page: Page, people: People) -> None:
    sign_in(page, people.practitioner)
    start_conversation(page)
    page.goto("/conversations")
    assert page.locator("table.govuk-table").count() == 1, "the list shows no table of conversations"
    assert_accessible(page, "The conversation list")


def test_start_form(page: Page, people: People) -> None:
    sign_in(page, people.practitioner)
    page.goto("/conversations/start")
    page.check("input[name=respondent_type][value=representative]")  # reveals the relationship question
    assert_accessible(page, "The start form, with the representative's relationship showing")


def test_start_form_with_errors(page: Page, people: People) -> None:
    sign_in(page, people.practitioner)
    page.goto("/conversations/start")
    page.click("button:has-text('Start')")
    page.wait_for_selector(".govuk-error-summary")
    assert_accessible(page, "The start form with errors")


@pytest.mark.parametrize(
    ("respondent", "relationship", "format"),
    [
        ("adult", None, "standard"),
        ("adult", None, "easy_read"),
        ("representative", "family", "standard"),
        ("representative", "carer", "easy_read"),
    ],
    ids=["adult-standard", "adult-easy-read", "representative-standard", "representative-easy-read"],
)
def test_choice_question(page: Page, people: People, respondent, relationship, format) -> None:
    sign_in(page, people.practitioner)
    start_conversation(page, respondent=respondent, relationship=relationship, format=format)
    assert page.locator("input[name=answer]").count() > 1, "the first question should offer choices"
    assert_accessible(page, f"A choice question ({respondent}, {format})")


def test_question_on_a_small_phone(new_page, people: People) -> None:
    page = new_page(SMALL_PHONE)
    sign_in(page, people.practitioner)
    start_conversation(page, format="easy_read")
    assert_accessible(page, "An easy read choice question on a 320px wide screen")
    assert_reflows(page, "An easy read choice question")


def test_a_question_in_a_right_to_left_language(page: Page, people: People) -> None:
    sign_in(page, people.practitioner)
    start_conversation(page, language="ur", format="easy_read")
    assert page.locator("[lang=ur][dir=rtl] h1").count() == 1, (
        "the Urdu question is not marked as Urdu, right to left"
    )
    assert_accessible(page, "A question asked in Urdu")


def test_a_question_with_the_tablet_handed_over(page: Page, people: People) -> None:
    sign_in(page, people.practitioner)
    start_conversation(page)
    with page.expect_navigation():
        page.click("button:has-text('Hand the tablet over')")
    assert page.locator("body.app-handover").count() == 1, "handing the tablet over did not change the page"
    assert_accessible(page, "A question with the tablet handed to the person")


def test_words_question(page: Page, people: People) -> None:
    sign_in(page, people.practitioner)
    start_conversation(page)
    page.check("input[name=answer][value=asked_expressed]")
    page.click("button[value=continue]")
    page.wait_for_url(f"**{QUESTIONS}what_wanted")
    assert page.locator("input[name=answer]").count() == 0, "a words question should have no choices"
    assert_accessible(page, "A words question")


def test_question_with_an_error(page: Page, people: People) -> None:
    sign_in(page, people.practitioner)
    start_conversation(page)
    page.fill("#words", "Something they said")
    page.click("button[value=continue]")
    page.wait_for_selector(".govuk-error-summary")
    assert_accessible(page, "A choice question submitted without a choice")


def test_read_back_and_the_finished_conversation(new_page, people: People) -> None:
    page = new_page(TABLET)
    sign_in(page, people.practitioner)
    start_conversation(page)
    answer_all(page)
    assert_accessible(page, "The read-back page")
    page.set_viewport_size(SMALL_PHONE)
    page.reload()
    assert_accessible(page, "The read-back page")
    assert_reflows(page, "The read-back page")
    page.set_viewport_size(TABLET)
    page.click("button:has-text('Yes, it is right. Finish')")
    page.wait_for_selector(".govuk-notification-banner--success")
    assert_accessible(page, "A finished conversation's page")


def test_read_back_with_a_missing_answer(page: Page, people: People) -> None:
    sign_in(page, people.practitioner)
    conversation = start_conversation(page)
    page.goto(conversation + CHECK)
    page.click("button:has-text('Yes, it is right. Finish')")
    page.wait_for_selector(".govuk-error-summary")
    assert_accessible(page, "The read-back page refusing to finish")


def test_overview(page: Page, people: People) -> None:
    sign_in(page, people.practitioner)
    conversation = start_conversation(page)
    page.goto(conversation)
    assert_accessible(page, "An open conversation's page")


@pytest.mark.parametrize("with_error", [False, True], ids=["empty", "with-error"])
def test_new_concern(page: Page, people: People, with_error: bool) -> None:
    sign_in(page, people.practitioner)
    conversation = start_conversation(page)
    page.goto(conversation + "/new-concern")
    if with_error:
        page.click("button:has-text('Record the concern')")
        page.wait_for_selector(".govuk-error-summary")
    assert_accessible(page, "The new concern page")


@pytest.mark.parametrize(
    "url",
    [
        "/banks",
        "/banks/after-the-enquiry",
        "/banks/after-the-enquiry?respondent=representative&format=easy_read",
    ],
)
def test_bank_preview(page: Page, people: People, url: str) -> None:
    sign_in(page, people.coordinator)
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} gave {response and response.status}"
    assert_accessible(page, "Question bank preview")


@pytest.mark.parametrize(
    "url", ["/admin/organisations", "/admin/organisations/add", "/admin/people", "/admin/people/add"]
)
def test_admin_pages(page: Page, people: People, url: str) -> None:
    sign_in(page, people.admin)
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} gave {response and response.status}"
    assert_accessible(page, "Admin page")


def test_page_not_found(page: Page) -> None:
    response = page.goto("/no-such-page")
    assert response is not None and response.status == 404
    assert_accessible(page, "The page not found page")
