"""A whole conversation held with the keyboard alone, and one question answered by touch, on a tablet."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import Answer, Conversation
from feedback_app.models.encrypted import blind_index
from tests.browser.conftest import People
from tests.browser.journeys import CHECK, QUESTIONS, assert_no_script_errors, start_conversation

TAB_LIMIT = 40  # more Tab presses than any page needs to reach its controls


def focused(page: Page) -> str:
    """The focused element, as a maintainer would recognise it in a failure message."""
    return page.evaluate(
        "() => { const e = document.activeElement; if (!e) return 'nothing';"
        " return e.outerHTML.slice(0, 160); }"
    )


def is_focused(page: Page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector)


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if is_focused(page, selector):
            return
    raise AssertionError(
        f"{TAB_LIMIT} presses of Tab never reached {selector} on {page.url}; focus is on {focused(page)}"
    )


def next_tab_reaches(page: Page, selector: str) -> None:
    """One press of Tab goes straight to the element: the focus order follows the form."""
    page.keyboard.press("Tab")
    assert is_focused(page, selector), (
        f"Tab from the previous field should reach {selector}, but focus is on {focused(page)}"
    )


def press_and_wait(page: Page, key: str) -> None:
    """Press a key on the focused button and wait for the page it submits to."""
    with page.expect_navigation():
        page.keyboard.press(key)


def assert_focus_on_error_summary(page: Page) -> None:
    """GOV.UK Frontend moves focus to the error summary, so screen readers announce the problem first."""
    page.wait_for_selector(".govuk-error-summary")
    try:
        page.wait_for_function(
            "() => document.activeElement?.classList.contains('govuk-error-summary')",
            timeout=2_000,
        )
    except PlaywrightTimeout as error:
        raise AssertionError(
            f"after a failed submit on {page.url} focus should move to the error summary, "
            f"but it is on {focused(page)}"
        ) from error


def test_a_whole_conversation_with_the_keyboard_alone(page: Page, people: People) -> None:
    # Sign in: a wrong password first, to see focus move to the error summary.
    page.goto("/sign-in")
    tab_to(page, "#email")
    page.keyboard.type(people.practitioner)
    next_tab_reaches(page, "#password")
    page.keyboard.type("not the password")
    next_tab_reaches(page, "form[action^='/sign-in'] button")
    press_and_wait(page, "Enter")
    assert_focus_on_error_summary(page)
    next_tab_reaches(page, ".govuk-error-summary a[href='#email']")
    page.keyboard.press("Enter")
    assert is_focused(page, "#email"), (
        f"the error summary link should focus the email field, not {focused(page)}"
    )
    next_tab_reaches(page, "#password")
    page.keyboard.type(people.password)
    next_tab_reaches(page, "form[action^='/sign-in'] button")
    press_and_wait(page, "Space")
    assert "/sign-in" not in page.url, "signing in with the keyboard did not leave the sign-in page"

    # Start a conversation from the menu, filling the form from the keyboard.
    tab_to(page, "nav a[href='/conversations/start']")
    press_and_wait(page, "Enter")
    concluded = dt.date.today() - dt.timedelta(days=3)
    tab_to(page, "#case_reference")
    page.keyboard.type("KB-0001")
    for part, value in (("day", concluded.day), ("month", concluded.month), ("year", concluded.year)):
        next_tab_reaches(page, f"#concluded_{part}")
        page.keyboard.type(str(value))
    next_tab_reaches(page, "input[name=method]:checked")  # Tab enters a radio group at its chosen radio
    next_tab_reaches(page, "input[name=respondent_type][value=adult]")  # ...or at the first when none is
    page.keyboard.press("ArrowDown")  # arrow keys move within the group and choose
    assert page.is_checked("input[name=respondent_type][value=representative]"), (
        "ArrowDown did not choose 'Someone speaking for them'"
    )
    assert page.is_visible("#conditional-respondent_type-2"), (
        "choosing a representative did not reveal how they know the person"
    )
    next_tab_reaches(page, "input[name=representative_relationship][value=family]")
    page.keyboard.press("Space")
    assert page.is_checked("input[name=representative_relationship][value=family]"), (
        "Space did not choose 'Family member'"
    )
    tab_to(page, "input[name=others_present][value=interpreter]")
    page.keyboard.press("Space")
    assert page.is_checked("input[name=others_present][value=interpreter]"), (
        "Space did not tick 'An interpreter'"
    )
    tab_to(page, "#language")
    next_tab_reaches(page, "input[name=format]:checked")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("input[name=format][value=easy_read]"), "ArrowDown did not choose easy read"
    next_tab_reaches(page, "input[name=agreed][value=yes]")
    page.keyboard.press("Space")
    tab_to(page, "form[action='/conversations/start'] button")
    press_and_wait(page, "Enter")
    assert QUESTIONS in page.url, f"starting the conversation did not reach the first question: {page.url}"

    # The first question, submitted with no answer: focus goes to the error summary, its link to the radios.
    tab_to(page, "button[value=continue]")
    press_and_wait(page, "Enter")
    assert_focus_on_error_summary(page)
    next_tab_reaches(page, ".govuk-error-summary a[href='#answer']")
    page.keyboard.press("Enter")
    assert is_focused(page, "#answer"), (
        f"the error summary link should focus the first option, not {focused(page)}"
    )

    # Every question in turn: Space or an arrow key to choose, words typed, Enter on the focused button.
    for number in range(1, 20):
        if QUESTIONS not in page.url:
            break
        if page.locator("input[name=answer]").count():
            if not is_focused(page, "input[name=answer]"):
                tab_to(page, "input[name=answer]")
            page.keyboard.press("Space" if number % 2 else "ArrowDown")
            chosen = page.locator("input[name=answer]:checked")
            assert chosen.count() == 1 and is_focused(page, "input[name=answer]:checked"), (
                f"the keyboard did not choose the focused option on {page.url}"
            )
        tab_to(page, "#words")
        page.keyboard.type(f"Said with the keyboard {number}")
        tab_to(page, "button[value=continue]")
        press_and_wait(page, "Enter")
    assert page.url.endswith(CHECK), f"answering every question did not reach the read-back page: {page.url}"

    # The read-back, then Finish.
    assert "Said with the keyboard 1" in page.inner_text("main"), (
        "the read-back does not show the words typed"
    )
    tab_to(page, "form[action$='/finish'] button")
    press_and_wait(page, "Space")
    banner = page.locator(".govuk-notification-banner--success")
    assert banner.count() == 1 and "The conversation is finished and saved." in banner.inner_text(), (
        f"finishing did not show the success banner on {page.url}"
    )
    assert_no_script_errors(page, "The keyboard conversation")

    db.session.expire_all()
    conversation = db.session.scalar(select(Conversation).where(Conversation.case_reference_index == blind_index("KB-0001")))
    assert conversation is not None and conversation.status == "finished", (
        "the conversation was not saved as finished"
    )
    assert (conversation.respondent_type, conversation.representative_relationship) == (
        "representative",
        "family",
    )
    assert (conversation.format, conversation.others_present) == ("easy_read", ["interpreter"])
    answers = {
        a.question_id: a
        for a in db.session.scalars(select(Answer).where(Answer.conversation_id == conversation.id))
    }
    assert answers["asked_what_wanted"].value == "asked_expressed"
    assert answers["anything_else"].words and answers["anything_else"].words.startswith(
        "Said with the keyboard"
    )


def test_a_question_answered_by_touch(page: Page, people: People) -> None:
    page.goto("/sign-in")
    page.tap("#email")
    page.keyboard.type(people.practitioner)
    page.tap("#password")
    page.keyboard.type(people.password)
    with page.expect_navigation():
        page.tap("form[action^='/sign-in'] button")
    start_conversation(page)

    page.tap("label[for=answer-3]")
    assert page.is_checked("#answer-3"), "tapping an option's label did not choose it"
    page.tap("label[for=answer]")
    assert page.is_checked("#answer") and not page.is_checked("#answer-3"), (
        "tapping another option did not move the choice"
    )
    page.tap(".govuk-details__summary")
    assert page.locator(".govuk-details").get_attribute("open") is not None, (
        "tapping 'How to ask this' did not open it"
    )
    with page.expect_navigation():
        page.tap("button[value=continue]")
    assert re.search(QUESTIONS + "what_wanted$", page.url), (
        f"tapping Save and continue did not go on: {page.url}"
    )
    assert_no_script_errors(page, "The touch question")
