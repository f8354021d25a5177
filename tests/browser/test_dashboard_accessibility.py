"""axe-core finds no WCAG 2.2 AA failures on the dashboard, for coordinators (both views) and board
members, on a tablet (768x1024) and a phone 320 pixels wide, and nothing scrolls sideways."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page
from sqlalchemy import select

from feedback_app.data import coding
from feedback_app.extensions import db
from feedback_app.models import Organisation, User
from feedback_app.periods import financial_year_of
from feedback_app.vocabulary import OUTCOME_LEVELS, OUTCOMES
from tests.browser.conftest import SMALL_PHONE, TABLET, People
from tests.browser.journeys import assert_accessible, assert_reflows, sign_in
from tests.coding_helpers import finished_conversation


def _coded_conversations(coordinator: User, count: int = 7) -> str:
    """Finished, coded conversations (so the charts have bars); the financial year they fall in."""
    label = ""
    for number in range(count):
        conversation = finished_conversation(coordinator, reference=f"B-{number}")
        for index, outcome in enumerate(OUTCOMES):
            levels = OUTCOME_LEVELS[outcome]
            coding.save_coding(
                conversation, outcome=outcome, round_=1, level=levels[(number + index) % len(levels)],
                reason="", coder=coordinator, rubric=("msp-outcomes", 1), suggestion=None,
                suggestion_use="not_shown",
            )
        label = financial_year_of(conversation.enquiry_concluded_on).label
    db.session.commit()
    return label


def _check(page: Page, url: str, what: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url} gave {response and response.status}"
    assert page.locator("svg.chart").count() >= 10
    assert_accessible(page, what)
    page.set_viewport_size(SMALL_PHONE)
    page.reload()
    assert_accessible(page, f"{what} on a phone 320 pixels wide")
    assert_reflows(page, f"{what} on a phone 320 pixels wide")
    page.set_viewport_size(TABLET)


@pytest.mark.parametrize("view", ["publication", "real"])
def test_the_dashboard_for_a_coordinator(page: Page, people: People, view: str) -> None:
    coordinator = db.session.scalar(select(User).where(User.email == people.coordinator))
    label = _coded_conversations(coordinator)
    sign_in(page, people.coordinator)
    _check(page, f"/returns/dashboard?year={label}&view={view}", f"The dashboard ({view} view)")


def test_the_dashboard_filtered_by_its_own_form_for_a_board_member(
    page: Page, people: People, make_user: Callable
) -> None:
    coordinator = db.session.scalar(select(User).where(User.email == people.coordinator))
    label = _coded_conversations(coordinator)
    council = db.session.get(Organisation, coordinator.organisation_id)
    board = make_user("board", council, email="board@browser.example")
    sign_in(page, board.email)
    _check(page, f"/returns/dashboard?year={label}", "The dashboard for a board member")
    # The filters are a plain GET form: choosing and pressing Show works without any script.
    page.select_option("#filter-respondent", "adult")
    page.select_option("#filter-method", "enquiry_lead")
    page.locator("form.app-dashboard-filters button[type=submit]").click()
    page.wait_for_url("**respondent=adult**")
    assert "method=enquiry_lead" in page.url
    assert_accessible(page, "The dashboard for a board member, filtered")
