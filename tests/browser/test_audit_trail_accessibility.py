"""axe-core finds no WCAG 2.2 AA failures on the audit trail page, with results and with an error,
on a tablet and a phone 320 pixels wide, and nothing scrolls sideways."""

from __future__ import annotations

from playwright.sync_api import Page
from sqlalchemy import select

from feedback_app.extensions import db
from feedback_app.models import AuditEvent, User
from tests.browser.conftest import SMALL_PHONE, TABLET, People
from tests.browser.journeys import assert_accessible, assert_reflows, sign_in


def test_the_audit_trail_page(page: Page, people: People) -> None:
    admin = db.session.scalar(select(User).where(User.email == people.admin))
    for number in range(3):
        db.session.add(AuditEvent(action="conversation.view", object_type="conversation",
                                  object_id=f"7c1d0e2a-{number:04d}-4b5c-9d8e-0123456789ab", user_id=admin.id,
                                  organisation_id=admin.organisation_id))
    db.session.commit()
    sign_in(page, people.admin)
    for url, what, shown in (
        ("/admin/audit", "The audit trail", "tbody tr"),
        ("/admin/audit?from_day=31&from_month=2&from_year=2025", "The audit trail with a date error",
         ".govuk-error-summary"),
    ):
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{url} gave {response and response.status}"
        assert page.locator(shown).count() >= 1, f"{what}: nothing matches {shown}"
        assert_accessible(page, what)
        page.set_viewport_size(SMALL_PHONE)
        page.reload()
        assert_accessible(page, f"{what} on a phone 320 pixels wide")
        assert_reflows(page, f"{what} on a phone 320 pixels wide")
        page.set_viewport_size(TABLET)
