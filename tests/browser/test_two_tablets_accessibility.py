"""Two tablets on one question, in Chromium: the later press of Save is told, by keyboard and screen
reader alike, and the page passes axe (WCAG 2.2 AA)."""

from __future__ import annotations

from tests.browser.journeys import QUESTIONS, assert_accessible, sign_in, start_conversation


def test_the_later_tablet_is_told_and_the_page_is_accessible(new_page, people):
    first, second = new_page(), new_page()
    for tablet in (first, second):
        sign_in(tablet, people.practitioner)
    conversation = start_conversation(first)
    question = conversation + QUESTIONS + "feel_safer"
    for tablet in (first, second):
        tablet.goto(question)

    first.locator("input[name=answer]").first.check()
    first.fill("#words", "I feel safer now.")
    first.get_by_role("button", name="Save and continue").click()
    second.locator("input[name=answer]").nth(1).check()
    second.fill("#words", "Not really.")
    second.get_by_role("button", name="Save and continue").click()

    assert second.title().startswith("Error:")
    summary = second.locator(".govuk-error-summary")
    assert "changed on another device" in summary.inner_text()
    assert summary.evaluate("element => element.contains(document.activeElement)"), "the error summary takes focus"
    both = second.locator("#changed-elsewhere").inner_text()
    assert "I feel safer now." in both and "Not really." in both
    assert second.input_value("#words") == "Not really.", "this tablet's words are kept on the page"
    assert_accessible(second, "a question page telling the later tablet its answer was not saved")
