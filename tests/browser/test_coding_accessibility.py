"""axe-core finds no WCAG 2.2 AA failures on the coding pages, and a coder can code with the keyboard alone.

Signed in as a coordinator, who may code, decide where coders differ and see who has calibrated.
Codings made by other people are saved straight through the data layer, as test_coding_agreement.py does.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from sqlalchemy import select

from feedback_app.data import coding
from feedback_app.extensions import db
from feedback_app.models import Coding, Conversation, User
from feedback_app.periods import financial_year_of
from feedback_app.vocabulary import OUTCOME_LEVELS, OUTCOMES
from tests.browser.conftest import SMALL_PHONE, TABLET, People
from tests.browser.journeys import assert_accessible, assert_no_script_errors, assert_reflows, sign_in
from tests.browser.test_keyboard_conversation import focused, press_and_wait, tab_to
from tests.coding_helpers import finished_conversation

TABS = ["to_code", "awaiting_second", "awaiting_adjudication", "final"]


@pytest.fixture
def coordinator(people: People) -> User:
    """The `people` fixture's coordinator, as a User, to code and finish conversations as."""
    return db.session.scalar(select(User).where(User.email == people.coordinator))


@pytest.fixture
def other_coordinator(coordinator: User, make_user) -> User:
    """A second coder in the same council, for blind double coding."""
    return make_user("coordinator", coordinator.organisation, email="second-coordinator@browser.example")


def _code(conversation: Conversation, coder: User, round_: int, change: dict[str, str] | None = None) -> None:
    """Save one coder's level for every outcome, as if they had coded on the page."""
    for outcome in OUTCOMES:
        coding.save_coding(
            conversation,
            outcome=outcome,
            round_=round_,
            level=(change or {}).get(outcome, OUTCOME_LEVELS[outcome][0]),
            reason="Read from what they said.",
            coder=coder,
            rubric=("msp-rubric", 1),
            suggestion=None,
            suggestion_use="not_shown",
        )
    db.session.commit()


def _disagreed(first: User, second: User, reference: str = "DIS-1") -> Conversation:
    """A double-coded conversation where the two coders differ on feel_safer: it waits for a decision."""
    conversation = finished_conversation(first, double_coded=True, reference=reference)
    _code(conversation, first, 1)
    _code(conversation, second, 2, {"feel_safer": "no_safer"})
    return conversation


def _open(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} gave {response and response.status}"


def _check_tablet_and_small_phone(page: Page, what: str) -> None:
    """axe on a tablet, then again at 320 pixels wide, where nothing may scroll sideways."""
    assert_accessible(page, what)
    page.set_viewport_size(SMALL_PHONE)
    page.reload()
    assert_accessible(page, what)
    assert_reflows(page, what)
    page.set_viewport_size(TABLET)


@pytest.mark.parametrize("tab", TABS)
def test_queue_tabs(page: Page, people: People, coordinator: User, other_coordinator: User, tab: str) -> None:
    finished_conversation(coordinator, reference="TO-CODE-1")
    waiting = finished_conversation(coordinator, double_coded=True, reference="SECOND-1")
    _code(waiting, other_coordinator, 1)  # so the signed-in coordinator may code it second
    _disagreed(coordinator, other_coordinator, reference="DECIDE-1")
    _code(finished_conversation(coordinator, reference="FINAL-1"), coordinator, 1)

    sign_in(page, people.coordinator)
    _open(page, f"/coding?tab={tab}")
    assert page.locator("a[aria-current=page]").count() == 1, "the open tab is not marked as current"
    assert page.locator("table.govuk-table tbody tr").count() == 1, f"the {tab} tab lists no conversation"
    _check_tablet_and_small_phone(page, f"The coding queue's {tab} tab")


def test_queue_with_nothing_to_code_and_the_saved_banner(page: Page, people: People) -> None:
    sign_in(page, people.coordinator)
    _open(page, "/coding?banner=saved")
    assert page.locator(".govuk-notification-banner--success").count() == 1
    assert_accessible(page, "The empty coding queue with the saved banner")


def test_first_coding_with_suggestions(page: Page, people: People, coordinator: User) -> None:
    conversation = finished_conversation(coordinator)
    sign_in(page, people.coordinator)
    _open(page, f"/coding/{conversation.id}/code")
    assert page.get_by_text("Suggested:").count() > 0, "the first coder should see suggestions"
    assert page.locator("blockquote mark").count() > 0, "the evidence for a suggestion should be highlighted"
    _check_tablet_and_small_phone(page, "The coding page with suggestions")


def test_first_coding_with_an_error(page: Page, people: People, coordinator: User) -> None:
    conversation = finished_conversation(coordinator)
    sign_in(page, people.coordinator)
    _open(page, f"/coding/{conversation.id}/code")
    # A level the page does not offer, as a tampered or stale form would send: level-feel_safer=bogus.
    page.eval_on_selector("#level-feel_safer", "radio => { radio.value = 'bogus'; radio.checked = true; }")
    with page.expect_navigation():
        page.click("button[value=save]")
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error:"), f"the page title should say there is an error: {page.title()}"
    assert_accessible(page, "The coding page with an error")


def test_blind_second_coding(
    page: Page, people: People, coordinator: User, other_coordinator: User
) -> None:
    conversation = finished_conversation(other_coordinator, double_coded=True)
    _code(conversation, other_coordinator, 1)
    sign_in(page, people.coordinator)
    _open(page, f"/coding/{conversation.id}/code")
    assert page.get_by_text("Second coding, blind").count() == 1, "this should be the blind second coding"
    assert page.get_by_text("Suggested:").count() == 0, "the blind coder should see no suggestions"
    _check_tablet_and_small_phone(page, "The blind second coding page")


def test_deciding_where_coders_differ(
    page: Page, people: People, coordinator: User, other_coordinator: User
) -> None:
    conversation = _disagreed(coordinator, other_coordinator)
    sign_in(page, people.coordinator)
    _open(page, f"/coding/{conversation.id}/decide")
    assert page.locator("section h2").count() == 1, "only feel_safer should wait for a decision"
    _check_tablet_and_small_phone(page, "The page to decide where coders differ")


@pytest.mark.parametrize("state", ["blind", "coders-differ", "coded"])
def test_coding_summary(
    page: Page, people: People, coordinator: User, other_coordinator: User, state: str
) -> None:
    if state == "blind":  # coded once by someone else: the levels are hidden from the next coder
        conversation = finished_conversation(other_coordinator, double_coded=True)
        _code(conversation, other_coordinator, 1)
    elif state == "coders-differ":
        conversation = _disagreed(coordinator, other_coordinator)
    else:
        conversation = finished_conversation(coordinator)
        _code(conversation, coordinator, 1)
    sign_in(page, people.coordinator)
    _open(page, f"/coding/{conversation.id}")
    _check_tablet_and_small_phone(page, f"A conversation's coding summary ({state})")


def test_agreement(page: Page, people: People, coordinator: User, other_coordinator: User) -> None:
    conversation = _disagreed(coordinator, other_coordinator)
    period = financial_year_of(conversation.enquiry_concluded_on).label
    sign_in(page, people.coordinator)
    _open(page, f"/coding/agreement?period={period}")
    assert page.get_by_text("Waiting for a decision").count() > 0, "the difference should be listed"
    _check_tablet_and_small_phone(page, "How far coders agree")


def test_calibration_from_start_to_results(page: Page, people: People, other_coordinator: User) -> None:
    sign_in(page, people.coordinator)
    _open(page, "/coding/calibration")
    _check_tablet_and_small_phone(page, "The calibration page before any attempt")

    with page.expect_navigation():
        page.click("button:has-text('Start calibration')")
    assert page.url.rstrip("/").split("/")[-1].isdigit(), f"starting should open the attempt: {page.url}"
    attempt = page.url
    _check_tablet_and_small_phone(page, "A calibration attempt")

    with page.expect_navigation():
        page.click("button:has-text('Finish and see results')")
    page.wait_for_selector(".govuk-error-summary")
    assert_accessible(page, "A calibration attempt finished with nothing chosen")

    _open(page, attempt)
    fieldsets = page.locator("fieldset")
    assert fieldsets.count() > 0, "the attempt shows no examples"
    for index in range(fieldsets.count()):
        fieldsets.nth(index).locator("input[type=radio]").first.check()
    with page.expect_navigation():
        page.click("button:has-text('Finish and see results')")
    assert page.url.endswith("/results"), f"answering every example should show the results: {page.url}"
    _check_tablet_and_small_phone(page, "Calibration results")

    _open(page, "/coding/calibration")
    assert page.locator("table.govuk-table").count() == 1, "the finished attempt should be listed"
    assert_accessible(page, "The calibration page listing a finished attempt")

    _open(page, "/coding/calibration/coders")
    assert page.get_by_text("Not calibrated").count() == 1, "the other coordinator has not calibrated"
    _check_tablet_and_small_phone(page, "Who has calibrated")


def test_coding_an_outcome_with_the_keyboard_alone(page: Page, people: People, coordinator: User) -> None:
    conversation = finished_conversation(coordinator)
    sign_in(page, people.coordinator)
    _open(page, f"/coding/{conversation.id}/code")
    first, second = OUTCOME_LEVELS["asked_outcomes"][:2]

    tab_to(page, "input[name='level-asked_outcomes']")
    assert page.evaluate("() => document.activeElement.value") == first, (
        f"Tab into the first outcome's unchosen radios should reach its first level, not {focused(page)}"
    )
    page.keyboard.press("Space")
    assert page.is_checked(f"input[name='level-asked_outcomes'][value={first}]"), "Space did not choose"
    page.keyboard.press("ArrowDown")
    assert page.is_checked(f"input[name='level-asked_outcomes'][value={second}]"), (
        f"the down arrow should move to and choose the next level; focus is on {focused(page)}"
    )

    tab_to(page, "button[value=save]")
    press_and_wait(page, "Enter")
    assert "saved=1" in page.url, f"saving should come back to the coding page with a message: {page.url}"
    assert page.get_by_text("Saved. 1 of 9 outcomes coded.").count() == 1, "no message that the save worked"
    assert page.is_checked(f"input[name='level-asked_outcomes'][value={second}]"), (
        "the saved level is not shown"
    )
    saved = db.session.scalars(select(Coding).where(Coding.conversation_id == conversation.id)).all()
    assert [(c.outcome, c.level, c.coder_id, c.round) for c in saved] == [
        ("asked_outcomes", second, coordinator.id, 1)
    ]
    assert_no_script_errors(page, "Coding with the keyboard")
