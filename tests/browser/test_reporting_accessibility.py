"""axe-core finds no WCAG 2.2 AA failures on the return page, in both its views, on a tablet and a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import User
from feedback_app.periods import financial_year_of
from tests.browser.conftest import SMALL_PHONE, TABLET, People
from tests.browser.journeys import assert_accessible, sign_in
from tests.coding_helpers import finished_conversation


@pytest.mark.parametrize("view", ["", "?view=publication"])
def test_the_return_page(page: Page, people: People, view: str) -> None:
    coordinator = db.session.scalar(select(User).where(User.email == people.coordinator))
    label = financial_year_of(finished_conversation(coordinator).enquiry_concluded_on).label
    sign_in(page, people.coordinator)
    response = page.goto(f"/returns/{label}{view}")
    assert response is not None and response.status == 200
    assert_accessible(page, f"The return page{view or ' with real counts'}")
    page.set_viewport_size(SMALL_PHONE)
    page.reload()
    assert_accessible(page, f"The return page{view} on a small phone")
    page.set_viewport_size(TABLET)


def test_the_comparison_page_with_an_import_and_with_an_error(page: Page, people: People) -> None:
    coordinator = db.session.scalar(select(User).where(User.email == people.coordinator))
    label = financial_year_of(finished_conversation(coordinator).enquiry_concluded_on).label
    sign_in(page, people.coordinator)
    page.goto(f"/returns/{label}/compare")
    assert_accessible(page, "The comparison page with nothing imported")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "other.csv", "mimeType": "text/csv", "buffer": b"period,organisation\n2025-26,Other\n"}],
    )
    page.locator("form[enctype] button[type=submit]").first.click()
    page.wait_for_selector(".govuk-error-summary")
    assert_accessible(page, "The comparison page with an import error")
